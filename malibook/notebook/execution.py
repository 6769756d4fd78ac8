"""Executing a notebook as the project does everywhere: `make notebooks`, the benchmark and the
tests that change or extend a notebook. One set of settings (kernel, time-out, working folder)."""
from __future__ import annotations

import pathlib

CELL_TIMEOUT = 120  # seconds


def execute_notebook(notebook, folder: pathlib.Path | str) -> None:
    """Run every cell of ``notebook`` (an nbformat node, changed in place) in ``folder``."""
    from nbclient import NotebookClient  # a tool of the notebook environment, not a runtime dependency

    NotebookClient(notebook, timeout=CELL_TIMEOUT, kernel_name="python3",
                   resources={"metadata": {"path": str(folder)}}).execute()
