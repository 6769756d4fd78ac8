"""The road out of Jupyter Book 1 (`make sphinx8`): build both editions' HTML on plain Sphinx 8.2 with
sphinx-book-theme 1.4 and myst-nb 1.4, from the same sources and the conf.py that
`jupyter-book config sphinx` derives from _config.yml, so that the book can leave Jupyter Book 1 (which
gets no more releases) without rewriting anything.

The conf.py is generated with the book's own environment (.venv, which has Jupyter Book) and the
build runs in .venv-sphinx8 (requirements-sphinx8.txt), which has no Jupyter Book: the `jupyter_book`
extension is dropped from the generated list, and the paths Sphinx reads relative to the
configuration's folder are made absolute, since the configuration lives under _build/sphinx8/.

Usage: python scripts/sphinx8.py SPHINX_BUILD [en|fr ...]   (default: both editions)
"""
from __future__ import annotations

import argparse
import pathlib
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "_build" / "sphinx8"
JUPYTER_BOOK = ROOT / ".venv" / "bin" / "jupyter-book"
# Each edition's configuration (the French one is written by `make french-config`), beside its table of contents.
EDITIONS = {"en": ROOT / "_config.yml", "fr": ROOT / "_build" / "fr" / "_config.yml"}
# Settings whose paths Sphinx resolves against the configuration's folder, not the sources'.
CONFDIR_PATHS = ("html_static_path", "html_favicon", "latex_additional_files", "templates_path", "bibtex_bibfiles")


def plain_sphinx_conf(edition: str) -> str:
    """The conf.py of an edition, from `jupyter-book config sphinx`, for a build without Jupyter Book."""
    config = EDITIONS[edition]
    generated = config.parent / "conf.py"  # where `jupyter-book config sphinx` writes it
    if generated.exists():
        raise SystemExit(f"{generated} exists: the book keeps its configuration in _config.yml; remove it first")
    try:
        subprocess.run([str(JUPYTER_BOOK), "config", "sphinx", ".", "--config", str(config),
                        "--toc", str(config.with_name("_toc.yml"))],
                       cwd=ROOT, check=True, capture_output=True, text=True)
        text = generated.read_text(encoding="utf-8")
    finally:
        generated.unlink(missing_ok=True)
    return text + f"""
# Added by scripts/sphinx8.py: no Jupyter Book in this environment, and this file is not in the sources.
extensions = [name for name in extensions if name != "jupyter_book"]
import pathlib as _pathlib

def _absolute(value):
    if isinstance(value, list):
        return [_absolute(item) for item in value]
    return str(_pathlib.Path({str(ROOT)!r}) / value) if value and not value.startswith(("http:", "https:")) else value

for _name in {CONFDIR_PATHS!r}:
    if _name in globals():
        globals()[_name] = _absolute(globals()[_name])
"""


def build(sphinx_build: str, edition: str) -> int:
    folder = OUTPUT / edition
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "conf.py").write_text(plain_sphinx_conf(edition), encoding="utf-8")
    command = [sphinx_build, "-b", "html", "-W", "-n", "--keep-going", "-c", str(folder),
               "-d", str(folder / "doctrees"), str(ROOT), str(folder / "html")]
    print(" ".join(command), flush=True)
    return subprocess.run(command, cwd=ROOT).returncode


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sphinx_build", metavar="SPHINX_BUILD", help="the sphinx-build of the Sphinx 8 environment")
    parser.add_argument("editions", nargs="*", metavar="EDITION",
                        help=f"the editions to build ({', '.join(EDITIONS)}; default: both)")
    arguments = parser.parse_args(argv)
    if unknown := sorted(set(arguments.editions) - EDITIONS.keys()):
        parser.error(f"no edition {', '.join(unknown)}; the editions are {', '.join(EDITIONS)}")
    sphinx_build, editions = arguments.sphinx_build, arguments.editions or list(EDITIONS)
    failed = [edition for edition in editions if build(sphinx_build, edition) != 0]
    for edition in editions:
        state = "FAILED" if edition in failed else "built"
        print(f"{edition}: {state}, {OUTPUT / edition / 'html' / 'index.html'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
