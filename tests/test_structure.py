"""What ships is what users need (issue 23): the installed package holds no QA harness and needs no
Node.js, every command line is argparse, no module name is used twice, and parsing the Makefile runs
no program (so `make print-X` costs nothing)."""
import ast
import os
import pathlib
import re
import subprocess

from conftest import ROOT, make_variable
from malibook.publishing.version import current_release

PACKAGE = ROOT / "malibook"
# Folders whose Python modules are the project's own code: the package, the QA harnesses, the scripts.
CODE_FOLDERS = ("malibook", "qa", "scripts")
# What only a Node.js toolchain provides: its packages' folder, its runners, its package files.
NODE = re.compile(r"node_modules|\bnpx\b|\bnpm\b|Node\.js|\.mjs\b|\bpackage(-lock)?\.json|[\"']node[\"']")


def node_references(folder):
    """Every line of every text file under ``folder`` that needs Node.js, as 'path:line: text'."""
    found = []
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or "__pycache__" in path.parts:
            continue
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except UnicodeDecodeError:
            continue  # images and fonts
        found += [f"{path.relative_to(folder)}:{number}: {line.strip()}"
                  for number, line in enumerate(lines, start=1) if NODE.search(line)]
    return found


def test_nothing_in_the_package_needs_node():
    assert node_references(PACKAGE) == []


def test_a_node_reference_would_be_caught(tmp_path):
    (tmp_path / "audit.py").write_text('RUNNER = ROOT / "node_modules" / "lighthouse"\n'
                                       'subprocess.run(["node", "x.mjs"])\n# datapackage.json is fine\n')
    assert node_references(tmp_path) == ['audit.py:1: RUNNER = ROOT / "node_modules" / "lighthouse"',
                                         'audit.py:2: subprocess.run(["node", "x.mjs"])']


def imported_top_names(path):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module.split(".")[0]
        elif isinstance(node, ast.Import):
            yield from ((node.lineno, alias.name.split(".")[0]) for alias in node.names)


def test_the_package_imports_nothing_that_is_not_installed_with_it():
    """qa/ and scripts/ stay in the clone: the package must not need them."""
    outside = {path.stem for folder in ("qa", "scripts") for path in (ROOT / folder).glob("*.py")} | {"qa", "scripts"}
    found = [f"{path.relative_to(ROOT)}:{line} imports {name}" for path in sorted(PACKAGE.rglob("*.py"))
             for line, name in imported_top_names(path) if name in outside]
    assert found == []


def test_the_wheel_ships_the_package_alone():
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["hatch"]["build"]["targets"]
    assert config["wheel"]["packages"] == ["malibook"]
    assert not {"qa", "scripts", "tests"} & set(config["sdist"]["include"])


def command_line_problems(path, root=ROOT):
    """A module with a command line must read it with argparse, never from sys.argv itself."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    has_command_line = path.name == "__main__.py" or any(
        isinstance(node, ast.If) and "__name__" in ast.unparse(node.test) for node in tree.body)
    if not has_command_line:
        return []
    name = path.relative_to(root).as_posix()
    problems = [f"{name}:{node.lineno} reads sys.argv" for node in ast.walk(tree)
                if isinstance(node, ast.Attribute) and node.attr == "argv" and ast.unparse(node.value) == "sys"]
    if "argparse" not in {name for _, name in imported_top_names(path)}:
        problems.append(f"{name}: a command line without argparse")
    return problems


def test_every_command_line_is_argparse():
    modules = [path for folder in CODE_FOLDERS for path in sorted((ROOT / folder).rglob("*.py"))]
    assert sum(1 for path in modules if command_line_problems(path) == [] and "argparse" in path.read_text()) >= 10
    assert [problem for path in modules for problem in command_line_problems(path)] == []


def test_a_hand_made_command_line_would_be_caught(tmp_path):
    (tmp_path / "tool.py").write_text("import sys\n\nif __name__ == '__main__':\n    print(sys.argv[1:])\n")
    assert command_line_problems(tmp_path / "tool.py", tmp_path) == [
        "tool.py:4 reads sys.argv", "tool.py: a command line without argparse"]


def test_no_module_name_is_used_twice():
    """One name, one thing: no two modules of the package, the QA harnesses and the scripts share a name."""
    seen = {}
    for folder in CODE_FOLDERS:
        for path in sorted((ROOT / folder).rglob("*.py")):
            if path.stem not in ("__init__", "__main__"):
                seen.setdefault(path.stem, []).append(path.relative_to(ROOT).as_posix())
    assert {name: paths for name, paths in seen.items() if len(paths) > 1} == {}


def test_parsing_the_makefile_runs_no_program(tmp_path):
    """Every program make could run while it reads the Makefile is replaced by one that leaves a trace:
    printing a variable must leave none."""
    fake = tmp_path / "bin"
    fake.mkdir()
    trace = tmp_path / "ran"
    for name in ("git", "python", "python3", "python3.11", "node", "npm", "npx", "jupyter-book"):
        (fake / name).write_text(f"#!/bin/sh\necho {name} >> {trace}\n")
        (fake / name).chmod(0o755)
    environment = {**os.environ, "PATH": f"{fake}:{os.environ['PATH']}"}
    result = subprocess.run(["make", "--no-print-directory", "-s", f"BIN={fake}", f"PYTHON={fake}/python3",
                             "print-VERSION"], cwd=ROOT, env=environment, capture_output=True, text=True, check=True)
    assert result.stdout.strip() == current_release().version
    assert not trace.exists(), trace.read_text()
    # The fakes do leave a trace when run: a recipe that needs git does run it.
    subprocess.run(["make", "--no-print-directory", "-s", f"BIN={fake}", f"STAMPS={tmp_path}/stamps",
                    f"{tmp_path}/stamps/inputs"], cwd=ROOT, env=environment, capture_output=True, check=True)
    assert "git" in trace.read_text()


def test_the_makefile_reads_the_version_the_package_reads():
    assert make_variable("VERSION") == [current_release().version]


def toc_pages() -> set[str]:
    import yaml

    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    return {toc["root"]} | {chapter["file"] for part in toc["parts"] for chapter in part["chapters"]}


def pages_outside_the_toc(root) -> list[str]:
    """The source pages (.md, .ipynb) that _config.yml does not exclude and _toc.yml does not list: the
    book build would build each and fail on it ("document isn't included in any toctree")."""
    import fnmatch

    import yaml

    excluded = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["exclude_patterns"]

    def is_excluded(relative: str) -> bool:
        name = relative.rsplit("/", 1)[-1]
        return any(fnmatch.fnmatch(relative, pattern) or fnmatch.fnmatch(name, pattern.lstrip("*"))
                   for pattern in excluded)

    listed, stray = toc_pages(), []
    for folder, subfolders, files in os.walk(root):
        here = pathlib.Path(folder).relative_to(root).as_posix()
        prefix = "" if here == "." else here + "/"
        subfolders[:] = [name for name in subfolders if not is_excluded(prefix + name)]
        for name in files:
            relative = prefix + name
            if name.endswith((".md", ".ipynb")) and not is_excluded(relative) \
                    and relative.rsplit(".", 1)[0] not in listed:
                stray.append(relative)
    return sorted(stray)


def test_every_source_page_is_in_the_table_of_contents():
    assert pages_outside_the_toc(ROOT) == []


def test_a_page_outside_the_table_of_contents_is_named(tmp_path):
    (tmp_path / "chapters").mkdir()
    (tmp_path / "chapters" / "stray.md").write_text("# Stray\n", encoding="utf-8")
    (tmp_path / "node_modules").mkdir()
    (tmp_path / "node_modules" / "README.md").write_text("# A package\n", encoding="utf-8")
    (tmp_path / "chapters" / "intro.md").write_text("# Intro\n", encoding="utf-8")
    assert pages_outside_the_toc(tmp_path) == ["chapters/stray.md"]
