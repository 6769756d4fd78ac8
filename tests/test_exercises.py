"""The exercise solutions of every notebook run against the current package and data.

The solutions sit in dropdowns as Markdown (readers try first, then unfold them), so nbval never
executes them. Here each notebook is run with its solutions appended as code cells, in order, in
the notebook's own kernel state: a change to `malibook` that breaks a solution fails this test.
"""
import re

import nbformat
import pytest

from conftest import ROOT
from malibook.notebook.execution import execute_notebook

SOLUTION = re.compile(r":::\{admonition\} Solution (\d+)\n:class: dropdown\n```python\n(.*?)```", re.DOTALL)
EXERCISE = re.compile(r"^(\d+)\. \*\*", re.MULTILINE)
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def exercises_and_solutions(notebook) -> tuple[list[str], dict[str, str]]:
    markdown = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")
    exercise_part = markdown.split("## Exercises", 1)[1] if "## Exercises" in markdown else ""
    return EXERCISE.findall(exercise_part), dict(SOLUTION.findall(markdown))


def test_the_notebooks_hold_six_solutions_in_all():
    counts = [len(exercises_and_solutions(nbformat.read(path, as_version=4))[1]) for path in NOTEBOOKS]
    assert sum(counts) >= 6


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[path.stem for path in NOTEBOOKS])
def test_every_exercise_has_a_solution_and_every_solution_runs(path):
    notebook = nbformat.read(path, as_version=4)
    exercises, solutions = exercises_and_solutions(notebook)
    assert sorted(exercises) == sorted(solutions), f"{path.name}: exercises {exercises}, solutions {sorted(solutions)}"
    if not solutions:
        pytest.skip(f"{path.name} has no exercises")
    appended = [nbformat.v4.new_code_cell(code, metadata={"solution": number})
                for number, code in sorted(solutions.items())]
    notebook.cells.extend(appended)
    execute_notebook(notebook, path.parent)
    for cell in appended:
        errors = [output for output in cell.outputs if output.output_type == "error"]
        assert not errors, f"{path.name}, solution {cell.metadata['solution']}: {errors}"
