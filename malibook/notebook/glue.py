"""myst-nb's ``glue`` where the book's toolchain is installed, the same output where it is not.

The notebooks glue numbers and figures into the chapters. On Binder, on Colab or after a plain
``pip install`` there is no myst-nb (it comes with the book's toolchain, the ``book`` extra), and
the notebooks must still run. The stand-in writes the very output myst-nb's ``glue`` writes (a
display bundle tagged with ``scrapbook`` metadata, hidden under a MIME prefix when ``display`` is
false), so a notebook executed anywhere matches its committed outputs under nbval and can still
feed a book build. tests/test_glue.py checks that the two write the same.
"""
from __future__ import annotations

from typing import Any

GLUE_PREFIX = "application/papermill.record/"  # myst-nb's prefix for a glued, undisplayed value


def glue_without_myst_nb(name: str, variable: Any, display: bool = True) -> None:
    """Record ``variable`` under ``name`` in the cell's output, as myst-nb does."""
    from IPython.core.formatters import format_display_data
    from IPython.display import display as show

    bundle, metadata = format_display_data(variable)
    prefix = "" if display else GLUE_PREFIX
    metadata["scrapbook"] = {"name": name, "mime_prefix": prefix}
    show({prefix + mime: value for mime, value in bundle.items()}, raw=True, metadata=metadata)


try:
    from myst_nb import glue
except ModuleNotFoundError:  # running the notebooks without the book's toolchain
    glue = glue_without_myst_nb

__all__ = ["glue", "glue_without_myst_nb"]
