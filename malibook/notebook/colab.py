"""The first code cell of every notebook: on Colab, install the package and data when missing.

Colab opens a notebook alone, without the repository. The cell installs ``malibook`` (which carries
the data package) from the book's repository with pip when it cannot be imported; locally, on
Binder and in CI the package is installed and the cell does nothing. The repository comes from the
one setting that names it, ``repository.url`` and ``branch`` in ``_config.yml``; ``make notebooks``
writes the cell, and a test checks that every notebook carries it as it should read.
"""
from __future__ import annotations

import pathlib

from malibook.paths import PROJECT_ROOT

BOOTSTRAP_TAG = "colab-bootstrap"


def configured_repository(root: pathlib.Path = PROJECT_ROOT) -> tuple[str, str]:
    """The repository URL and branch of ``_config.yml``."""
    import yaml  # comes with the book's toolchain; only `make notebooks` and the tests need it

    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    return config["repository"]["url"], config["repository"].get("branch", "main")


def bootstrap_source(repository_url: str, branch: str) -> str:
    """The source of the guarded install cell for one repository and branch."""
    return "\n".join([
        "# On Colab, which opens this notebook without the book's repository, install the book's",
        "# package and data first. Locally, on Binder and in CI they are installed: nothing happens.",
        "import importlib.util",
        "import subprocess",
        "import sys",
        "",
        f'PACKAGE = "malibook @ git+{repository_url}@{branch}"',
        'if importlib.util.find_spec("malibook") is None:',
        '    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", PACKAGE], check=True)',
        "    importlib.invalidate_caches()",
    ])


def ensure_bootstrap_cell(notebook, source: str) -> bool:
    """Make the notebook's first code cell the bootstrap cell; True if the notebook changed."""
    import nbformat

    code_cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
    first = code_cells[0] if code_cells else None
    if first is not None and BOOTSTRAP_TAG in first.metadata.get("tags", []):
        if first.source == source:
            return False
        first.source = source
        return True
    cell = nbformat.v4.new_code_cell(source, metadata={"tags": [BOOTSTRAP_TAG, "remove-cell"]})
    cell.id = BOOTSTRAP_TAG  # a fixed id, so that the committed notebook does not change on every run
    position = notebook.cells.index(first) if first is not None else len(notebook.cells)
    notebook.cells.insert(position, cell)
    return True
