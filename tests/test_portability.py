"""The book runs outside this machine: pip, conda, Binder and Colab (issue 11).

The slow tests build fresh virtual environments, as a student's laptop or Binder would, from a
copy of the repository, and use only what the package itself declares.
"""
from __future__ import annotations

import importlib.util
import os
import pathlib
import re
import subprocess
import sys
import tomllib
import urllib.parse

import nbformat
import pytest
import yaml
from packaging.requirements import Requirement
from test_structure import node_references

from conftest import ROOT, copy_book
from malibook.notebook.colab import BOOTSTRAP_TAG, HELP_TAG, bootstrap_source, configured_repository, help_source
from malibook.publishing.version import released_version

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
PIN = re.compile(r"^([A-Za-z0-9_.-]+)==(\S+)$")
# What Binder must not carry: TeX and Chromium are Debian packages and never in a pip file; these are
# the book's toolchain and the test tools.
NOT_ON_BINDER = {"jupyter-book", "myst-nb", "sphinx-book-theme", "sphinxcontrib-bibtex", "pytest", "nbval", "selenium"}


def pins(lines: list[str]) -> dict[str, str]:
    found = {}
    for line in lines:
        match = PIN.match(line.strip())
        if match:
            found[match[1].lower()] = match[2]
    return found


def requirement_lines(path: pathlib.Path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.lstrip().startswith("#")]


def pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


# --------------------------------------------------------------------------- the declared sets agree

def test_environment_yml_pins_what_requirements_txt_pins():
    environment = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    assert "conda-forge" in environment["channels"]
    assert "python=3.11" in environment["dependencies"]
    pip_section = next(item["pip"] for item in environment["dependencies"] if isinstance(item, dict))
    required = requirement_lines(ROOT / "requirements.txt")
    assert pins(pip_section) == pins(required)
    assert all(PIN.match(line) for line in required), "requirements.txt pins every line exactly"
    assert "-e ." in pip_section


def test_binder_pins_are_those_of_requirements_txt_without_the_toolchain():
    binder = requirement_lines(ROOT / "binder" / "requirements.txt")
    pinned = pins(requirement_lines(ROOT / "requirements.txt"))
    binder_pins = pins(binder)
    assert {name: pinned.get(name) for name in binder_pins} == binder_pins
    assert not NOT_ON_BINDER & set(binder_pins)
    assert {"jupyterlab", "ipykernel"} <= set(binder_pins)
    assert "." in binder, "Binder installs the book's package (and its data) from the repository"
    assert (ROOT / "binder" / "runtime.txt").read_text().strip() == "python-3.11"


def test_pins_lie_inside_the_declared_ranges():
    """Every dependency of the package and its extras is pinned by requirements.txt within its range."""
    project = pyproject()["project"]
    declared = [Requirement(text) for text in project["dependencies"]]
    for requirements in project["optional-dependencies"].values():
        declared += [Requirement(text) for text in requirements]
    pinned = pins(requirement_lines(ROOT / "requirements.txt"))
    for requirement in declared:
        name = requirement.name.lower()
        assert name in pinned, f"{name} is declared in pyproject.toml but not pinned in requirements.txt"
        assert requirement.specifier.contains(pinned[name]), \
            f"{name}=={pinned[name]} is outside {requirement.specifier}"


def test_package_metadata_names_the_configured_repository():
    url, _ = configured_repository()
    assert pyproject()["project"]["urls"]["Repository"] == url


# --------------------------------------------------------------------------- Colab

def test_every_notebook_starts_with_the_colab_bootstrap():
    """As the version wants it: a released version's notebooks install that release, a working one's the
    branch (`make date-release` writes them; `python scripts/run_notebooks.py --cells-only` too)."""
    expected = bootstrap_source(*configured_repository(), released_version())
    for path in NOTEBOOKS:
        first = next(cell for cell in nbformat.read(path, as_version=4).cells if cell.cell_type == "code")
        assert first.source == expected, \
            f"{path.name}: run `python scripts/run_notebooks.py --cells-only` to rewrite its install cell"
        assert BOOTSTRAP_TAG in first.metadata.get("tags", [])


def test_before_the_bootstrap_a_student_reads_what_to_do_when_the_install_fails():
    """In Colab and JupyterLab, not on the book's pages, which hide both cells and have their own box."""
    expected = help_source(*configured_repository(), released_version())
    assert "If the install fails" in expected and "Restart session" in expected and "Binder" in expected
    assert f"{configured_repository()[0]}/issues" in expected
    for path in NOTEBOOKS:
        cells = nbformat.read(path, as_version=4).cells
        bootstrap = next(index for index, cell in enumerate(cells) if cell.cell_type == "code")
        help_cell = cells[bootstrap - 1]
        assert help_cell.cell_type == "markdown" and help_cell.source == expected, \
            f"{path.name}: run `python scripts/run_notebooks.py --cells-only` to write the cell before the install"
        assert {HELP_TAG, "remove-cell"} <= set(help_cell.metadata.get("tags", []))


def run_bootstrap(monkeypatch, installed: bool, release: str = "",
                  repository: str = "https://example.org/owner/book") -> list[list[str]]:
    calls = []
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: object() if installed else None)
    monkeypatch.setattr(subprocess, "run", lambda command, check: calls.append(command))
    exec(bootstrap_source(repository, "main", release), {})
    return calls


def test_a_release_s_bootstrap_installs_the_commit_the_record_names(monkeypatch):
    """A release's notebook on Colab installs that release's commit, read from the record on the branch
    (the release commit cannot name itself); the record here is served by a stand-in for the network."""
    import io
    import json
    import urllib.request

    record = {"releases": [{"version": "0.2.0", "commit": "b" * 40}, {"version": "0.3.0", "commit": "c" * 40}]}
    asked = []

    def urlopen(url):
        asked.append(url)
        return io.BytesIO(json.dumps(record).encode())

    monkeypatch.setattr(urllib.request, "urlopen", urlopen)
    [command] = run_bootstrap(monkeypatch, installed=False, release="0.3.0", repository="https://github.com/o/book")
    assert asked == ["https://raw.githubusercontent.com/o/book/main/releases.json"]
    assert command[-1] == f"malibook @ git+https://github.com/o/book@{'c' * 40}"
    assert run_bootstrap(monkeypatch, installed=True, release="0.3.0") == []
    assert "the commit of release 0.3.0" in help_source("https://github.com/o/book", "main", "0.3.0")


def test_bootstrap_does_nothing_where_the_package_is_installed(monkeypatch):
    assert run_bootstrap(monkeypatch, installed=True) == []


def test_bootstrap_installs_the_package_from_the_repository_where_it_is_missing(monkeypatch):
    [command] = run_bootstrap(monkeypatch, installed=False)
    assert command[:4] == [sys.executable, "-m", "pip", "install"]
    assert command[-1] == "malibook @ git+https://example.org/owner/book@main"


@pytest.mark.build
def test_launch_buttons_open_this_repository_s_notebooks(built_html):
    url, branch = configured_repository()
    owner_repo = urllib.parse.urlparse(url).path.strip("/")
    for path in NOTEBOOKS:
        page = (built_html / "notebooks" / f"{path.stem}.html").read_text(encoding="utf-8")
        binder = re.findall(r'href="(https://mybinder\.org/[^"]+)"', page)
        colab = re.findall(r'href="(https://colab\.research\.google\.com/[^"]+)"', page)
        assert binder and colab, f"{path.name}: no launch buttons"
        target = f"notebooks/{path.name}"
        assert binder[0].replace("&amp;", "&") == f"https://mybinder.org/v2/gh/{owner_repo}/{branch}?urlpath=lab/tree/{target}"
        assert colab[0] == f"https://colab.research.google.com/github/{owner_repo}/blob/{branch}/{target}"
        assert (ROOT / target).is_file()


# --------------------------------------------------------------------------- fresh environments

def fresh_venv(folder: pathlib.Path) -> pathlib.Path:
    subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True)
    return folder / "bin" / "python"


def isolated_env(home: pathlib.Path) -> dict[str, str]:
    """No user-level Jupyter kernels or settings of this machine: only the venv's own. pip keeps this
    user's cache, though: the wheels `make setup` downloaded are not downloaded again."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("JUPYTER", "PYTHON", "VIRTUAL_ENV"))}
    env.update(HOME=str(home), JUPYTER_PLATFORM_DIRS="1")
    env.pop("MPLBACKEND", None)
    cache = subprocess.run([sys.executable, "-m", "pip", "cache", "dir"], capture_output=True, text=True)
    if cache.returncode == 0 and cache.stdout.strip():  # "pip cache dir" fails where the cache is off
        env["PIP_CACHE_DIR"] = cache.stdout.strip()
    return env


def pip_install(python: pathlib.Path, arguments: list[str], cwd: pathlib.Path, env: dict) -> None:
    # --no-compile: byte-compiling every installed module (JupyterLab, pandas, ...) took half the time,
    # and Python compiles what the notebooks import anyway.
    command = ["pip", "install", "--quiet", "--disable-pip-version-check", "--no-compile", *arguments]
    result = subprocess.run([str(python), "-m", *command],
                            cwd=cwd, env=env, capture_output=True, text=True, timeout=1200)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


LOAD_ANYWHERE = ("import pathlib, malibook; from malibook import load; tables = load(); "
                 "assert 'site-packages' in malibook.__file__, malibook.__file__; "
                 "print(len(tables), len(tables['paragraphs']), malibook.__version__)")


@pytest.fixture(scope="module")
def student_venv(tmp_path_factory):
    """A fresh venv, as a student's laptop would make it: `pip install <clone>` with no make and no
    pins (the declared ranges must resolve, the data must come along; its `load()` is run from another
    folder at once)."""
    folder = tmp_path_factory.mktemp("student")
    book = copy_book(folder / "repository")
    python = fresh_venv(folder / "venv")
    env = isolated_env(folder / "home")
    pip_install(python, [str(book)], cwd=folder, env=env)
    elsewhere = folder / "elsewhere"
    elsewhere.mkdir()
    loaded = subprocess.run([str(python), "-c", LOAD_ANYWHERE], cwd=elsewhere, env=env, capture_output=True, text=True)
    missing = subprocess.run([str(python), "-c", "from malibook import load; load('no-such-folder')"],
                             cwd=elsewhere, env=env, capture_output=True, text=True)
    return {"book": book, "python": python, "env": env, "loaded": loaded, "missing": missing, "folder": folder}


@pytest.fixture(scope="module")
def binder_venv(student_venv):
    """Binder's `pip install -r binder/requirements.txt` from the repository's root, on top of the
    student's venv (a fixture of its own, so that no test waits for both installs): one venv for both
    saves installing the shared libraries twice."""
    pip_install(student_venv["python"], ["-r", "binder/requirements.txt"], cwd=student_venv["book"],
                env=student_venv["env"])
    return student_venv


@pytest.mark.install
def test_pip_install_of_a_clone_loads_the_data_from_any_folder(student_venv):
    """`pip install <clone>` with no make and no pins: the declared ranges resolve, the data comes along."""
    result = student_venv["loaded"]
    assert result.returncode == 0, result.stderr[-3000:]
    tables, paragraphs, version = result.stdout.split()
    assert int(tables) >= 8 and int(paragraphs) == 38
    assert version == pyproject()["project"]["version"]
    # A missing data package is still one clear error naming the file.
    missing = student_venv["missing"]
    assert missing.returncode != 0
    assert "DataError: no-such-folder/datapackage.json: cannot read the data package" in missing.stderr



@pytest.mark.install
def test_the_installed_package_carries_no_qa_harness_and_needs_no_node(student_venv):
    """What ships is what users need: malibook alone, no qa/, nothing that needs Node.js."""
    probe = ("import importlib.util, pathlib, malibook; "
             "print(pathlib.Path(malibook.__file__).parent, importlib.util.find_spec('qa') is None)")
    result = subprocess.run([str(student_venv["python"]), "-c", probe], cwd=student_venv["folder"] / "elsewhere",
                            env=student_venv["env"], capture_output=True, text=True, check=True)
    folder, no_qa = result.stdout.split()
    assert no_qa == "True" and "site-packages" in folder
    assert not (pathlib.Path(folder) / "site").exists()
    assert node_references(pathlib.Path(folder)) == []


@pytest.mark.install
def test_binder_environment_runs_every_notebook(binder_venv):
    """Binder's build, reduced to what it does with binder/: pip -r binder/requirements.txt from the
    repository's root (here on top of the plain install above). Then every notebook is executed in
    that venv's own kernel."""
    book, python, env = binder_venv["book"], binder_venv["python"], binder_venv["env"]
    for module in ("jupyter_book", "sphinx", "myst_nb", "selenium"):
        probe = subprocess.run([str(python), "-c", f"import {module}"], env=env, capture_output=True)
        assert probe.returncode != 0, f"{module} should not be on Binder"
    assert (python.parent / "jupyter-lab").exists()
    # The copy's notebooks lose their committed outputs, then one `jupyter execute` (nbclient) runs them
    # all in place: one start-up, not four.
    for notebook in NOTEBOOKS:
        path = book / "notebooks" / notebook.name
        blank = nbformat.read(path, as_version=4)
        for cell in blank.cells:
            if cell.cell_type == "code":
                cell.outputs, cell.execution_count = [], None
        nbformat.write(blank, path)
    result = subprocess.run(
        [str(python.parent / "jupyter"), "execute", "--inplace", "--kernel_name=python3",
         *(notebook.name for notebook in NOTEBOOKS)],
        cwd=book / "notebooks", env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    for notebook in NOTEBOOKS:
        executed = nbformat.read(book / "notebooks" / notebook.name, as_version=4)
        code_cells = [cell for cell in executed.cells if cell.cell_type == "code"]
        assert all(cell.execution_count for cell in code_cells), f"{notebook.name}: not every cell ran"
        errors = [out for cell in code_cells for out in cell.outputs if out.output_type == "error"]
        assert not errors
        assert any("image/png" in out.get("data", {}) for cell in code_cells for out in cell.outputs), \
            f"{notebook.name}: no figure drawn"
