"""Shared helpers: where the book is, and how to build a copy of it."""
from __future__ import annotations

import collections
import pathlib
import re
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
    ignore = shutil.ignore_patterns(".git", ".venv*", "node_modules", "_build", "__pycache__",
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
# in collection order (--no-loadscope-reorder in the Makefile), so the long ones do not start last. In
# the fast tier that puts the catalogues' check (one Sphinx extraction) and the two longest notebooks
# first, and the editors' checks report early.
SLOWEST_FIRST = ["test_versions.py", "test_lighthouse.py", "test_portability.py", "test_browser.py",
                 "test_build.py", "test_reproducible.py", "test_hostile_data.py", "test_translations.py",
                 "timeline.ipynb", "actors.ipynb", "test_sphinxext.py", "test_french.py",
                 "test_chapter_references.py"]


@pytest.hookimpl(tryfirst=True)  # before `-m` selects: nbval's items get the mark `notebook` here
def pytest_collection_modifyitems(items):
    def rank(item):
        return SLOWEST_FIRST.index(item.path.name) if item.path.name in SLOWEST_FIRST else len(SLOWEST_FIRST)

    items.sort(key=rank)  # stable: the other files keep their order
    for item in items:
        if item.path.suffix == ".ipynb":
            item.add_marker(pytest.mark.notebook)
    add_notebook_epilogues(items)


# --------------------------------------------------------------------------- after a notebook's cells

# The exercises' solutions sit in dropdowns as Markdown (readers try first, then unfold them).
SOLUTION = re.compile(r":::\{admonition\} Solution (\d+)\n:class: dropdown\n```python\n(.*?)```", re.DOTALL)
EXERCISE = re.compile(r"^(\d+)\. \*\*", re.MULTILINE)
# A student's edit of a cell, per notebook: (the text of the cell, what the student puts instead).
STUDENT_EDITS = {
    "timeline.ipynb": ('"2020-05-15", "2021-07-01"', '"2012-01-01", "2013-12-31"'),
    "actors.ipynb": ("mention_matrix(tables, min_paragraphs=2)", "mention_matrix(tables, min_paragraphs=3)"),
}


def exercises_and_solutions(notebook) -> tuple[list[str], dict[str, str]]:
    """The numbers of a notebook's exercises, and {number: code} of its solutions."""
    markdown = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")
    exercise_part = markdown.split("## Exercises", 1)[1] if "## Exercises" in markdown else ""
    return EXERCISE.findall(exercise_part), dict(SOLUTION.findall(markdown))


def edited_cell(notebook, name: str) -> str | None:
    """The source of the one code cell a student edits in this notebook (STUDENT_EDITS), edited."""
    if name not in STUDENT_EDITS:
        return None
    old, new = STUDENT_EDITS[name]
    cells = [cell.source for cell in notebook.cells if cell.cell_type == "code" and old in cell.source]
    assert len(cells) == 1, f"{old!r} is not in exactly one code cell of {name}"
    return cells[0].replace(old, new)


def add_notebook_epilogues(items) -> None:
    """After the last cell nbval runs of a notebook, in the same kernel: its exercises' solutions, then
    a student's edit of one cell, each an item of its own ("notebooks/timeline.ipynb::Solution 2").

    They need the state the notebook's cells leave; running them here, after nbval has run those cells
    and checked their outputs, costs no second kernel and no second run of every cell. A change to
    `malibook` that breaks a solution, or an edited cell that no longer runs or draws, fails its item.
    """
    try:
        from nbval.plugin import IPyNbCell, IPyNbFile
    except ImportError:  # nbval not loaded (-p no:nbval): no notebook items either
        return

    class EpilogueCell(IPyNbCell):
        """Code run after the notebook's cells: no error, its output is not compared (the cell has
        never run), and an edited plotting cell must still draw its figure."""

        def __init__(self, *args, draws: bool = False, **kwargs):
            super().__init__(*args, **kwargs)
            self.draws = draws

        def runtest(self):
            super().runtest()
            if self.draws:
                assert any("image/png" in output.get("data", {}) for output in self.test_outputs), \
                    f"{self.nodeid}: the edited cell runs but draws no figure"

        def reportinfo(self):
            return self.path, 0, self.nodeid

        def repr_failure(self, excinfo):
            return f"{self.nodeid}\n{super().repr_failure(excinfo)}"

    last = {}
    for index, item in enumerate(items):
        if isinstance(item, IPyNbCell) and isinstance(item.parent, IPyNbFile):
            last[item.parent] = index
    import nbformat

    for notebook_file, index in sorted(last.items(), key=lambda pair: -pair[1]):
        notebook = notebook_file.nb
        number = sum(cell.cell_type == "code" for cell in notebook.cells)
        extra = [(f"Solution {key}", code, False) for key, code in sorted(exercises_and_solutions(notebook)[1].items())]
        if (source := edited_cell(notebook, notebook_file.path.name)) is not None:
            extra.append(("Student edit", source, True))
        options = collections.defaultdict(bool, check=False)
        epilogue = [EpilogueCell.from_parent(notebook_file, name=name, cell_num=number + offset,
                                             cell=nbformat.v4.new_code_cell(code), options=options, draws=draws)
                    for offset, (name, code, draws) in enumerate(extra)]
        for item in epilogue:
            item.add_marker(pytest.mark.notebook)
        items[index + 1:index + 1] = epilogue


@pytest.fixture(scope="module", autouse=True)
def keep_the_language_variable():
    """The extension sets MALIBOOK_LANGUAGE to its build's language for the kernels it starts, in its own
    process: after a file that builds a French fixture project in the worker (sphinx.testing), put it
    back, or the files and notebooks run after it in that worker print French."""
    import os

    from malibook.data.language import LANGUAGE_VARIABLE

    saved = os.environ.get(LANGUAGE_VARIABLE)
    yield
    if saved is None:
        os.environ.pop(LANGUAGE_VARIABLE, None)
    else:
        os.environ[LANGUAGE_VARIABLE] = saved


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


CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"


def headless_chromium(*arguments: str):
    """Debian's Chromium under Selenium, headless at 1280 px, keeping the console's messages. An explicit
    driver path: Selenium Manager never looks for (or downloads) a driver."""
    import os

    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    for path in (CHROMIUM, CHROMEDRIVER):
        assert os.path.exists(path), f"{path} missing: `make test` installs chromium and chromium-driver"
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--window-size=1280,1000", *arguments):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
    return driver


def load_lazy_images(driver, timeout: float = 10) -> None:
    """Scroll to each image loaded lazily (``loading="lazy"``, malibook.sphinxext.screen_images) until
    every one has loaded or failed, as a reader's scrolling would, then back to the top: a test that
    checks a page's images then sees them all."""
    import time

    count = driver.execute_script("return document.querySelectorAll('img[loading=lazy]').length")
    for index in range(count):
        driver.execute_script("document.querySelectorAll('img[loading=lazy]')[arguments[0]]"
                              ".scrollIntoView({block: 'center'})", index)
        time.sleep(0.1)
    deadline = time.time() + timeout
    while time.time() < deadline and not driver.execute_script(
            "return Array.from(document.querySelectorAll('img[loading=lazy]')).every(i => i.complete)"):
        time.sleep(0.1)
    driver.execute_script("window.scrollTo(0, 0)")
