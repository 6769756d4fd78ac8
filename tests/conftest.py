"""Shared helpers: where the book is, and how to build a copy of it."""
from __future__ import annotations

import pathlib
import shutil
import subprocess
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
SHARED_SOURCES = ROOT.parent / "shared" / "sources" / "paragraphs.json"
JUPYTER_BOOK = pathlib.Path(sys.executable).parent / "jupyter-book"
# cffconvert pins jsonschema < 4, which JupyterLab cannot share: `make setup` installs it (from
# requirements-tools/) into .venv-tools/cffconvert.
TOOLS = ROOT / ".venv-tools"


def tool(name: str) -> pathlib.Path:
    """The command of a validator installed by `make setup`."""
    return TOOLS / name / "bin" / name


def make_variable(name: str) -> list[str]:
    """A variable of the Makefile (`make print-NAME`), split into words: the tests use the build's own settings."""
    result = subprocess.run(["make", "--no-print-directory", "-s", f"print-{name}"], cwd=ROOT,
                            capture_output=True, text=True, check=True)
    return result.stdout.split()


STRICT_FLAGS = make_variable("JB_FLAGS")


def copy_book(destination: pathlib.Path, execute: bool = True) -> pathlib.Path:
    """A copy of the book's sources (no build output, no virtual environment).

    With ``execute=False`` the copy's build renders the outputs committed with the notebooks instead
    of running them: for tests that break something else, it saves running every notebook again.
    """
    ignore = shutil.ignore_patterns(".git", ".venv", ".venv-tools", "node_modules", "_build", "__pycache__",
                                    "*.egg-info", ".pytest_cache")
    shutil.copytree(ROOT, destination, ignore=ignore)
    if not execute:
        config = destination / "_config.yml"
        text = config.read_text(encoding="utf-8")
        assert "execute_notebooks: cache" in text, "_config.yml no longer says `execute_notebooks: cache`"
        config.write_text(text.replace("execute_notebooks: cache", "execute_notebooks: off"), encoding="utf-8")
    return destination


def build_html(book: pathlib.Path, output: pathlib.Path) -> subprocess.CompletedProcess:
    """Build the book's HTML as `make html` does, into `output`; never raises on failure."""
    return subprocess.run(
        [str(JUPYTER_BOOK), "build", str(book), "--builder", "html", "--path-output", str(output), *STRICT_FLAGS],
        capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="session")
def built_html() -> pathlib.Path:
    """The English HTML of `make book` (which `make test` runs first; in a fresh clone, a build from
    scratch): the build tests read this one build instead of each building the book again."""
    html = ROOT / "_build" / "html"
    assert (html / "index.html").exists(), "run `make book` (or `make test`) to build the book first"
    return html


# The slowest test files first, longest first (see `make bench`): xdist's loadfile hands out whole files
# in collection order (--no-loadscope-reorder in the Makefile), so the long ones do not start last.
SLOWEST_FIRST = ["test_versions.py", "test_lighthouse.py", "test_portability.py", "test_browser.py",
                 "test_build.py", "test_reproducible.py", "test_exercises.py"]


def pytest_collection_modifyitems(items):
    def rank(item):
        return SLOWEST_FIRST.index(item.path.name) if item.path.name in SLOWEST_FIRST else len(SLOWEST_FIRST)

    items.sort(key=rank)  # stable: the other files keep their order


@pytest.fixture
def data_copy(tmp_path) -> pathlib.Path:
    """A copy of the data package, alone in a folder, to break at will."""
    from malibook.data import DATA_DIR

    shutil.copytree(DATA_DIR, tmp_path / "data")
    return tmp_path / "data"


def line_of(path: pathlib.Path, start: str) -> int:
    """The 1-based line (header = 1) of a CSV file that starts with `start`."""
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        if line.startswith(start):
            return number
    raise AssertionError(f"no line of {path.name} starts with {start!r}")


def edit_line(path: pathlib.Path, line_number: int, old: str, new: str) -> None:
    """Replace `old` by `new` on one line (1-based, header = 1) of a CSV file."""
    lines = path.read_text(encoding="utf-8").split("\n")
    assert old in lines[line_number - 1], f"{old!r} not on line {line_number}"
    lines[line_number - 1] = lines[line_number - 1].replace(old, new, 1)
    path.write_text("\n".join(lines), encoding="utf-8")
