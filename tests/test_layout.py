"""The package's shape: subpackages by audience whose imports only point down, no module over 400
lines, and a README layout table that names every subpackage (and nothing that is gone)."""
import ast
import re

from conftest import ROOT

PACKAGE = ROOT / "malibook"
# Lower layers never import higher ones; a subpackage may import itself and any lower layer.
LAYERS = {"paths": 0, "data": 1, "analysis": 2, "notebook": 2, "publishing": 2, "sphinxext": 3}
MAX_LINES = 400


def imported_malibook_parts(path):
    """The malibook subpackage of every import in a file, including imports inside functions."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names if node.module == "malibook"]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        for name in names:
            parts = name.split(".")
            if parts[0] == "malibook" and len(parts) > 1:
                yield node.lineno, parts[1]


def layer_violations(package=PACKAGE):
    found = []
    for path in sorted(package.rglob("*.py")):
        own = path.relative_to(package).parts[0].removesuffix(".py")
        if own in ("__init__", "__main__"):
            continue  # the package root (its re-exports, its command line) sits above every layer
        for line, imported in imported_malibook_parts(path):
            if imported in LAYERS and imported != own and LAYERS[imported] >= LAYERS[own]:
                found.append(f"{path.relative_to(package).as_posix()}:{line} imports malibook.{imported}")
    return found


def test_every_subpackage_has_a_layer():
    subpackages = {path.name for path in PACKAGE.iterdir() if (path / "__init__.py").exists()}
    modules = {path.stem for path in PACKAGE.glob("*.py")} - {"__init__", "__main__"}
    assert subpackages | modules == set(LAYERS)


def test_imports_only_point_down():
    assert layer_violations() == []


def test_an_upward_import_would_be_caught(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "oops.py").write_text("def f():\n    from malibook.sphinxext import setup\n")
    (tmp_path / "analysis").mkdir()
    (tmp_path / "analysis" / "fine.py").write_text("from malibook.data import load\nimport malibook.paths\n")
    assert layer_violations(tmp_path) == ["data/oops.py:2 imports malibook.sphinxext"]


def test_no_module_is_over_400_lines():
    long = {path.relative_to(ROOT).as_posix(): count for path in PACKAGE.rglob("*.py")
            if (count := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}


def test_readme_layout_table_names_every_subpackage():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("## Where things live", 1)[1].split("\n## ", 1)[0]
    named = set(re.findall(r"`malibook/(\w+)/`", table))
    subpackages = {path.name for path in PACKAGE.iterdir() if (path / "__init__.py").exists()}
    assert named == subpackages
