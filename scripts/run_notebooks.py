"""Execute notebooks in place, so that the outputs committed with them are current.

Usage: python scripts/run_notebooks.py [--cells-only] [NOTEBOOK ...]   (default: notebooks/*.ipynb)

nbval compares a fresh run with these committed outputs, so run this (``make
notebooks``) after changing a notebook or the data it reads, and commit the result.
It also writes each notebook's first code cell, the guarded install for Colab, and the markdown cell
before it that says what to do when that install fails, from the repository named in ``_config.yml``
and the book's version (``malibook.notebook.colab``): a released version's notebooks install their own
release. ``--cells-only`` writes those two cells without running anything (``make date-release`` does,
and so must whoever starts a new version).
"""
import argparse
import pathlib

import nbformat

from malibook.notebook.colab import configured_repository, write_cells
from malibook.notebook.execution import execute_notebook
from malibook.publishing.version import released_version

ROOT = pathlib.Path(__file__).resolve().parent.parent


def write_install_cells(path: pathlib.Path, root: pathlib.Path = ROOT) -> bool:
    """The notebook's Colab cells as the book's repository and version want them; True if it changed."""
    notebook = nbformat.read(path, as_version=4)
    if not write_cells(notebook, *configured_repository(root), released_version(root)):
        return False
    nbformat.write(notebook, path)
    return True


def run(path: pathlib.Path) -> None:
    write_install_cells(path)
    notebook = nbformat.read(path, as_version=4)
    execute_notebook(notebook, path.parent)
    # Execution timestamps change on every run; they are not results.
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
    nbformat.write(notebook, path)
    print(f"executed {path.relative_to(ROOT)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cells-only", action="store_true",
                        help="write the Colab install cells for the current version, run nothing")
    parser.add_argument("notebooks", nargs="*", type=pathlib.Path, metavar="NOTEBOOK",
                        help="the notebooks to run (default: notebooks/*.ipynb)")
    arguments = parser.parse_args()
    paths = [path.resolve() for path in arguments.notebooks] or sorted((ROOT / "notebooks").glob("*.ipynb"))
    for notebook_path in paths:
        if not arguments.cells_only:
            run(notebook_path)
        elif write_install_cells(notebook_path):
            print(f"wrote the install cells of {notebook_path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
