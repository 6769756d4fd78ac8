"""Execute notebooks in place, so that the outputs committed with them are current.

Usage: python scripts/run_notebooks.py [NOTEBOOK ...]   (default: notebooks/*.ipynb)

nbval compares a fresh run with these committed outputs, so run this (``make
notebooks``) after changing a notebook or the data it reads, and commit the result.
It also writes each notebook's first code cell, the guarded install for Colab, and the markdown cell
before it that says what to do when that install fails, from the repository named in ``_config.yml``
(``malibook.notebook.colab``).
"""
import argparse
import pathlib

import nbformat

from malibook.notebook.colab import (
    bootstrap_source,
    configured_repository,
    ensure_bootstrap_cell,
    ensure_help_cell,
    help_source,
)
from malibook.notebook.execution import execute_notebook

ROOT = pathlib.Path(__file__).resolve().parent.parent


def run(path: pathlib.Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    ensure_bootstrap_cell(notebook, bootstrap_source(*configured_repository()))
    ensure_help_cell(notebook, help_source(*configured_repository()))
    execute_notebook(notebook, path.parent)
    # Execution timestamps change on every run; they are not results.
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
    nbformat.write(notebook, path)
    print(f"executed {path.relative_to(ROOT)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=pathlib.Path, metavar="NOTEBOOK",
                        help="the notebooks to run (default: notebooks/*.ipynb)")
    paths = [path.resolve() for path in parser.parse_args().notebooks] or sorted((ROOT / "notebooks").glob("*.ipynb"))
    for notebook_path in paths:
        run(notebook_path)


if __name__ == "__main__":
    main()
