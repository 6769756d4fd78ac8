"""The first code cell of every notebook: on Colab, install the package and data when missing.

Colab opens a notebook alone, without the repository. The cell installs ``malibook`` (which carries
the data package) from the book's repository with pip when it cannot be imported; locally, on
Binder and in CI the package is installed and the cell does nothing. The repository comes from the
one setting that names it, ``repository.url`` and ``branch`` in ``_config.yml``. In a working version
it installs the branch; in a release, the release's own commit, looked up in the record of releases
on the branch (``releases.json``), so that a release's notebook opened on Colab runs with that
release's code and data. ``make notebooks`` writes the cell, and so does ``make date-release``
(``python scripts/run_notebooks.py --cells-only``); a test checks that every notebook carries it as it
should read for the version.

A markdown cell before it says, where a student sees it (Colab, JupyterLab), what the cell does and
what to do when the install fails; the install itself is not wrapped in a ``try``, so that pip's own
error stays on the screen. The book's pages hide both cells: their "How to run this notebook" box
(``malibook.sphinxext.launch``) says the same.
"""
from __future__ import annotations

import pathlib

from malibook.paths import PROJECT_ROOT

BOOTSTRAP_TAG = "colab-bootstrap"
HELP_TAG = "colab-help"


def configured_repository(root: pathlib.Path = PROJECT_ROOT) -> tuple[str, str]:
    """The repository URL and branch of ``_config.yml``."""
    import yaml  # comes with the book's toolchain; only `make notebooks` and the tests need it

    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    return config["repository"]["url"], config["repository"].get("branch", "main")


def record_url(repository_url: str, branch: str) -> str:
    """The address of the record of releases (``releases.json``) on the branch, as raw text: GitHub
    serves a repository's files from raw.githubusercontent.com; other hosts from ``<url>/raw/<branch>/``."""
    prefix = "https://github.com/"
    if repository_url.startswith(prefix):
        return f"https://raw.githubusercontent.com/{repository_url[len(prefix):].rstrip('/')}/{branch}/releases.json"
    return f"{repository_url.rstrip('/')}/raw/{branch}/releases.json"


def bootstrap_source(repository_url: str, branch: str, release: str = "") -> str:
    """The source of the guarded install cell. In a working version it installs the branch; in a
    release (``release``, its version, written by ``make date-release``), the release's own commit, which
    the record of releases on the branch names (the release commit cannot name itself)."""
    lines = [
        "# On Colab, which opens this notebook without the book's repository, install the book's",
        "# package and data first. Locally, on Binder and in CI they are installed: nothing happens.",
        "import importlib.util",
        "import subprocess",
        "import sys",
        "",
    ]
    if not release:
        return "\n".join([
            *lines,
            f'PACKAGE = "malibook @ git+{repository_url}@{branch}"',
            'if importlib.util.find_spec("malibook") is None:',
            '    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", PACKAGE], check=True)',
            "    importlib.invalidate_caches()",
        ])
    return "\n".join([
        *lines,
        f'RELEASE = "{release}"  # this notebook is that release\'s: install its own package and data',
        f'RECORD = "{record_url(repository_url, branch)}"',
        'if importlib.util.find_spec("malibook") is None:',
        "    import json",
        "    import urllib.request",
        "",
        "    with urllib.request.urlopen(RECORD) as record:",
        '        releases = json.load(record)["releases"]',
        '    commit = next(entry["commit"] for entry in releases if entry["version"] == RELEASE)',
        f'    PACKAGE = f"malibook @ git+{repository_url}@{{commit}}"',
        '    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", PACKAGE], check=True)',
        "    importlib.invalidate_caches()",
    ])


def help_source(repository_url: str, branch: str, release: str = "") -> str:
    """The markdown cell before the bootstrap cell: what it does, and what to do when its install fails."""
    source = (f"the commit of release {release}" if release else f"the branch `{branch}`")
    return "\n".join([
        f"**On Colab**, the next cell installs the book's package and its data from {source} of",
        f"[the book's repository]({repository_url}); anywhere else they are installed and it does nothing.",
        "If the install fails:",
        "",
        "1. choose *Runtime ▸ Restart session*, then *Runtime ▸ Run all*;",
        "2. check that Colab's Python is 3.11 or later: run `!python --version` in a new cell;",
        "3. if pip still prints an error, open the notebook on Binder instead (the rocket button of its page",
        f"   in the book), and report the error, with the last lines pip printed, at <{repository_url}/issues>.",
    ])


def write_cells(notebook, repository_url: str, branch: str, release: str = "") -> bool:
    """Write the bootstrap cell and the help cell before it; True if the notebook changed."""
    changed = ensure_bootstrap_cell(notebook, bootstrap_source(repository_url, branch, release))
    return ensure_help_cell(notebook, help_source(repository_url, branch, release)) or changed


def ensure_help_cell(notebook, source: str) -> bool:
    """Put the markdown help cell just before the bootstrap cell; True if the notebook changed."""
    import nbformat

    helps = [cell for cell in notebook.cells if HELP_TAG in cell.metadata.get("tags", [])]
    if helps:
        if helps[0].source == source:
            return False
        helps[0].source = source
        return True
    bootstrap = next(cell for cell in notebook.cells if BOOTSTRAP_TAG in cell.metadata.get("tags", []))
    cell = nbformat.v4.new_markdown_cell(source, metadata={"tags": [HELP_TAG, "remove-cell"]})
    cell.id = HELP_TAG
    notebook.cells.insert(notebook.cells.index(bootstrap), cell)
    return True


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
