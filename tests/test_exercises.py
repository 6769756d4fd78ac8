"""The exercise solutions of every notebook run against the current package and data.

The solutions sit in dropdowns as Markdown (readers try first, then unfold them), so nbval would never
execute them. tests/conftest.py (add_notebook_epilogues) runs them as items of their own,
"notebooks/<name>.ipynb::Solution <n>", in order, after nbval has run the notebook's cells, in the
notebook's own kernel: a change to `malibook` that breaks a solution fails its item. Here: every
exercise has its solution, and those items are there.
"""
import nbformat
import pytest

from conftest import ROOT, exercises_and_solutions

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_the_notebooks_hold_six_solutions_in_all():
    counts = [len(exercises_and_solutions(nbformat.read(path, as_version=4))[1]) for path in NOTEBOOKS]
    assert sum(counts) >= 6


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[path.stem for path in NOTEBOOKS])
def test_every_exercise_has_a_solution(path):
    exercises, solutions = exercises_and_solutions(nbformat.read(path, as_version=4))
    assert sorted(exercises) == sorted(solutions), f"{path.name}: exercises {exercises}, solutions {sorted(solutions)}"


@pytest.mark.notebook
def test_the_solutions_run_after_their_notebook(request):
    """Each notebook collected (as by `make check-notebooks` and `make test`) has its solutions as items that run."""
    collected = {item.nodeid for item in request.session.items}
    notebooks = [path for path in NOTEBOOKS if f"notebooks/{path.name}::Cell 0" in collected]
    if not notebooks:
        pytest.skip("no notebook is collected in this run")
    expected = {f"notebooks/{path.name}::Solution {number}" for path in notebooks
                for number in exercises_and_solutions(nbformat.read(path, as_version=4))[1]}
    assert expected <= collected, sorted(expected - collected)
