"""The road out of Jupyter Book 1: `make sphinx8` builds both editions' HTML on plain Sphinx 8.2 with
sphinx-book-theme 1.4 and myst-nb 1.4, warnings as errors, from the same sources (scripts/sphinx8.py).
Opt-in (marker `sphinx8`): `make test` does not run it; `pytest -m sphinx8` does."""
import subprocess

import pytest
from test_page_speed import assert_icon_fonts_cut_to_the_pages
from test_translations import pages

from conftest import ROOT

pytestmark = pytest.mark.sphinx8


@pytest.fixture(scope="module")
def sphinx8_site():
    result = subprocess.run(["make", "--no-print-directory", "sphinx8"], cwd=ROOT, capture_output=True, text=True,
                            timeout=1800)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return ROOT / "_build" / "sphinx8"


@pytest.mark.parametrize("edition", ["en", "fr"])
def test_every_page_builds_on_sphinx_8(sphinx8_site, edition):
    html = sphinx8_site / edition / "html"
    for page in pages():
        text = (html / f"{page}.html").read_text(encoding="utf-8")
        assert f'<html lang="{edition}"' in text, page


def test_the_environment_has_sphinx_8_and_no_jupyter_book(sphinx8_site):
    probe = "import importlib.util, sphinx; print(sphinx.__version__, importlib.util.find_spec('jupyter_book'))"
    result = subprocess.run([str(ROOT / ".venv-sphinx8" / "bin" / "python"), "-c", probe], capture_output=True,
                            text=True, check=True)
    assert result.stdout.split() == ["8.2.3", "None"]


@pytest.mark.parametrize("edition", ["en", "fr"])
def test_the_icon_fonts_are_cut_on_sphinx_8_too(sphinx8_site, edition):
    """Its theme ships Font Awesome 7, whose rules the cut once did not read: it kept every icon."""
    assert_icon_fonts_cut_to_the_pages(sphinx8_site / edition / "html")
