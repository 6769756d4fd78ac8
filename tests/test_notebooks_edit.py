"""A student can change a notebook cell and run it again with the project's environment.

The edits are tests/conftest.py's STUDENT_EDITS: each edited cell runs as the item
"notebooks/<name>.ipynb::Student edit" in the notebook's kernel, after nbval has run its cells, and
must draw its figure (add_notebook_epilogues)."""
import pathlib
import sys

import nbformat
import pytest

from conftest import ROOT, STUDENT_EDITS, edited_cell


@pytest.mark.parametrize("name", sorted(STUDENT_EDITS))
def test_the_edited_cell_is_there_and_runs_after_its_notebook(name, request):
    edited = edited_cell(nbformat.read(ROOT / "notebooks" / name, as_version=4), name)
    assert STUDENT_EDITS[name][1] in edited
    collected = {item.nodeid for item in request.session.items}
    if f"notebooks/{name}::Cell 0" in collected:  # the notebook is collected in this run
        assert f"notebooks/{name}::Student edit" in collected


def test_jupyterlab_is_in_the_environment():
    assert (pathlib.Path(sys.executable).parent / "jupyter-lab").exists(), "make setup installs JupyterLab"
