"""A student can change a notebook cell and run the notebook again with the project's environment."""
import pathlib
import sys

import nbformat
import pytest

from conftest import ROOT
from malibook.notebook.execution import execute_notebook


@pytest.mark.parametrize("notebook, old, new", [
    ("timeline.ipynb", '"2020-05-15", "2021-07-01"', '"2012-01-01", "2013-12-31"'),
    ("actors.ipynb", "mention_matrix(tables, min_paragraphs=2)", "mention_matrix(tables, min_paragraphs=3)"),
])
def test_changed_cell_runs(tmp_path, notebook, old, new):
    source = nbformat.read(ROOT / "notebooks" / notebook, as_version=4)
    cells = [cell for cell in source.cells if cell.cell_type == "code" and old in cell.source]
    assert len(cells) == 1, f"{old!r} not found once in {notebook}"
    cells[0].source = cells[0].source.replace(old, new)
    for cell in source.cells:
        if cell.cell_type == "code":
            cell.outputs = []
    execute_notebook(source, ROOT / "notebooks")
    errors = [output for cell in source.cells if cell.cell_type == "code"
              for output in cell.outputs if output.output_type == "error"]
    assert not errors
    assert any("image/png" in output.get("data", {}) for output in cells[0].outputs)


def test_jupyterlab_is_in_the_environment():
    assert (pathlib.Path(sys.executable).parent / "jupyter-lab").exists(), "make setup installs JupyterLab"
