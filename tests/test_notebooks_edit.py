"""A student can change a notebook cell and run it again with the project's environment; a first edit the
functions cannot follow stops with a message that says why, not a bare KeyError or an empty chart.

The plain edits are tests/conftest.py's STUDENT_EDITS: each edited cell runs as the item
"notebooks/<name>.ipynb::Student edit" in the notebook's kernel, after nbval has run its cells, and
must draw its figure (add_notebook_epilogues)."""
import pathlib
import sys

import nbformat
import pytest
from nbclient.exceptions import CellExecutionError

from conftest import ROOT, STUDENT_EDITS, edited_cell
from malibook.notebook.execution import execute_notebook

pytestmark = pytest.mark.notebook  # runs notebooks in kernels: make check-notebooks, make test


@pytest.mark.parametrize("name", sorted(STUDENT_EDITS))
def test_the_edited_cell_is_there_and_runs_after_its_notebook(name, request):
    edited = edited_cell(nbformat.read(ROOT / "notebooks" / name, as_version=4), name)
    assert STUDENT_EDITS[name][1] in edited
    collected = {item.nodeid for item in request.session.items}
    if f"notebooks/{name}::Cell 0" in collected:  # the notebook is collected in this run
        assert f"notebooks/{name}::Student edit" in collected


def edited(notebook: str, old: str, new: str):
    """The notebook with ``old`` replaced by ``new`` in the one code cell holding it, and no outputs."""
    source = nbformat.read(ROOT / "notebooks" / notebook, as_version=4)
    cells = [cell for cell in source.cells if cell.cell_type == "code" and old in cell.source]
    assert len(cells) == 1, f"{old!r} not found once in {notebook}"
    cells[0].source = cells[0].source.replace(old, new)
    for cell in source.cells:
        if cell.cell_type == "code":
            cell.outputs = []
    return source, cells


def drawn(source, code: str) -> bool:
    """Whether the code cell holding ``code`` drew a figure."""
    cell = next(cell for cell in source.cells if cell.cell_type == "code" and code in cell.source)
    return any("image/png" in output.get("data", {}) for output in cell.outputs)


def test_events_cut_to_2020_2021_draw_the_timelines_then_the_intervals_say_why_they_cannot():
    """The cut once stopped the first figure with KeyError: '2012-rebellion' (the phases' bounds)."""
    cut = 'tables = load()\ntables["events"] = tables["events"][tables["events"]["start"].dt.year.between(2020, 2021)]'
    source, _ = edited("timeline.ipynb", "tables = load()", cut)
    with pytest.raises(CellExecutionError) as stopped:
        execute_notebook(source, ROOT / "notebooks")
    assert "ValueError" in str(stopped.value) and "KeyError" not in str(stopped.value)
    assert "the events table has no '2012-coup'" in str(stopped.value)
    assert "intervals(tables)" in str(stopped.value)  # the cell of the intervals, after the figures
    assert drawn(source, "plot_timeline(ax, frame, phases, publications)")
    assert drawn(source, "plot_event_rows(ax, window, publications")
    assert drawn(source, "plot_power_terms(ax, bars, first_day, last_day)")


def test_a_closeup_given_backwards_stops_with_both_dates():
    """It once drew an empty chart."""
    source, _ = edited("timeline.ipynb", '"2020-05-15", "2021-07-01"', '"2021-07-01", "2020-05-15"')
    with pytest.raises(CellExecutionError, match="the close-up starts on 2021-07-01, after it ends on 2020-05-15"):
        execute_notebook(source, ROOT / "notebooks")


def test_jupyterlab_is_in_the_environment():
    assert (pathlib.Path(sys.executable).parent / "jupyter-lab").exists(), "make setup installs JupyterLab"
