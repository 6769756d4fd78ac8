"""Notebooks drawn again when the code or the data they run on change.

A notebook's outputs come from the package's code (``malibook.analysis``, ``malibook.data``...) and
the data it loads, which neither Sphinx nor jupyter-cache sees: Sphinx reads a notebook again only
when its own file changes, and jupyter-cache reuses an execution whose code cells are the same. So
after an edit of ``malibook/`` or ``data/`` the book kept the figures of the old code (seen in
December 2026: a fix to the timeline's phase names did not reach the pages until the cache was
deleted). Here every notebook, and every page that shows a figure glued in one (``{glued-figure}``),
depends on those files, and the edition's notebook cache is emptied when their content changes. The
extension's own code (``sphinxext``) runs in Sphinx, not in the notebooks' kernels, and is left out.
"""
from __future__ import annotations

import hashlib
import pathlib
import shutil

from sphinx.application import Sphinx

from malibook.data import DATA_DIR
from malibook.paths import PACKAGE_DIR

# The digest of the inputs the cache's executions ran on, kept in the cache's folder.
DIGEST_FILE = "malibook-inputs.sha256"


def notebook_inputs() -> list[pathlib.Path]:
    """The files a notebook's kernel runs on: the package's modules (the extension's aside) and the data."""
    code = [path for path in PACKAGE_DIR.rglob("*.py") if "sphinxext" not in path.relative_to(PACKAGE_DIR).parts]
    return sorted(code) + sorted(path for path in DATA_DIR.iterdir() if path.is_file())


def inputs_digest(paths: list[pathlib.Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def empty_stale_cache(cache: pathlib.Path, digest: str) -> bool:
    """Empty the notebook cache if its executions ran on other inputs; whether it was emptied."""
    stamp = cache / DIGEST_FILE
    if stamp.exists() and stamp.read_text(encoding="utf-8").strip() == digest:
        return False
    stale = cache.exists() and any(path.name != DIGEST_FILE for path in cache.iterdir())
    shutil.rmtree(cache, ignore_errors=True)
    cache.mkdir(parents=True, exist_ok=True)
    stamp.write_text(digest + "\n", encoding="utf-8")
    return stale


def _check_cache(app: Sphinx) -> None:
    config = getattr(app.env, "mystnb_config", None)
    if config is None or config.execution_mode != "cache":
        return
    inputs = notebook_inputs()
    app.malibook_notebook_inputs = [str(path) for path in inputs]  # on the application: not pickled
    empty_stale_cache(pathlib.Path(config.execution_cache_path), inputs_digest(inputs))


def _note_inputs(app: Sphinx, docname: str, source: list[str]) -> None:
    if str(app.env.doc2path(docname)).endswith(".ipynb") or "{glued-figure}" in source[0]:
        app.env.dependencies[docname].update(getattr(app, "malibook_notebook_inputs", []))


def setup(app: Sphinx) -> dict:
    app.connect("builder-inited", _check_cache, priority=600)  # after myst-nb has set the cache's path
    app.connect("source-read", _note_inputs)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
