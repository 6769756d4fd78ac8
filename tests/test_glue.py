"""Without myst-nb (Binder, Colab, pip), malibook.notebook.glue writes what myst-nb's glue writes."""
import IPython.display
import pytest
from myst_nb.ext import glue as myst_glue

from malibook.notebook.glue import glue_without_myst_nb


@pytest.mark.parametrize("value, display", [(38, False), ("Goïta", True), (0.25, False)])
def test_stand_in_writes_the_output_of_myst_nb(monkeypatch, value, display):
    written = []
    record = lambda *args, **kwargs: written.append((args, kwargs))  # noqa: E731
    monkeypatch.setattr(myst_glue, "ipy_display", record)
    monkeypatch.setattr(IPython.display, "display", record)
    myst_glue.glue("n", value, display=display)
    glue_without_myst_nb("n", value, display=display)
    assert len(written) == 2 and written[0] == written[1]
