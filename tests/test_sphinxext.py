"""The roles and directives of `malibook.sphinxext`, tested on small fixture projects with
`sphinx.testing` (as MyST-NB and sphinx-book-theme test theirs): a page of good input rendered in each
language, and a page of errors, each of which must be reported with its page and line. The whole-book
builds (tests/test_build.py) stay for what only they can show."""
import io
import re
import shutil

import pytest
from sphinx.testing.util import SphinxTestApp

from conftest import ROOT

CONF = """\
extensions = ["myst_nb", "sphinxcontrib.bibtex", "malibook.sphinxext"]
bibtex_bibfiles = ["references.bib"]
bibtex_reference_style = "author_year"
bibtex_default_style = "malibook"
html_baseurl = "https://example.org/book/"
nitpicky = True
nb_execution_mode = "off"
exclude_patterns = ["CHANGELOG.md", "data"]
"""
# The files of the book's root that the extension reads besides the pages.
PROJECT_FILES = ("references.bib", "CITATION.cff")


def fixture_project(root, pages: dict[str, str]):
    """A small Sphinx project: the given pages, the book's data and references, a fixture version."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "conf.py").write_text(CONF, encoding="utf-8")
    (root / "pyproject.toml").write_text('[project]\nname = "fixture"\nversion = "9.9.9"\n', encoding="utf-8")
    (root / "CHANGELOG.md").write_text("# Changelog\n\n## [9.9.9] - Unreleased\n", encoding="utf-8")
    for name in PROJECT_FILES:
        shutil.copy(ROOT / name, root / name)
    shutil.copytree(ROOT / "data", root / "data")
    descriptions = "".join(f"{name}: A fixture page that shows how the book's roles and directives render.\n"
                           for name in [*pages, "genindex", "search"])
    for suffix in ("", ".fr"):
        (root / f"page-descriptions{suffix}.yml").write_text(descriptions, encoding="utf-8")
    for name, text in pages.items():
        (root / f"{name}.md").write_text(text, encoding="utf-8")
    return root


def build(root, language="en") -> tuple[str, str]:
    """Build the fixture's HTML; (the index page's HTML, the warnings)."""
    warnings = io.StringIO()
    app = SphinxTestApp("html", srcdir=root, confoverrides={"language": language}, status=io.StringIO(),
                        warning=warnings)
    try:
        app.build()
    finally:
        app.cleanup()
    return (app.outdir / "index.html").read_text(encoding="utf-8"), warnings.getvalue()


GOOD = """\
# Fixture

(b115-p1)=
## `b115-p1` · A block

The fighting began on {event-date}`2015-anefis-fighting:start`; the talks opened on a disputed day
({dispute}`2015-anefis-talks-start`); see {para}`b115-p1` {cite:p}`crisisgroup2015peace`.

```{block-data} b115-p1
```

```{bibliography}
```
"""


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.fixture(scope="module")
def good_builds(tmp_path_factory):
    root = fixture_project(tmp_path_factory.mktemp("good"), {"index": GOOD})
    return {language: build(root, language) for language in ("en", "fr")}


def test_roles_print_the_data_in_english(good_builds):
    html, warnings = good_builds["en"]
    assert warnings == ""
    text = text_of(html)
    assert "The fighting began on 15 August 2015" in text
    assert 'href="#b115-p1"' in html
    assert "In the data: what b115-p1 refers to" in text
    assert "Cite this block (b115-p1, version 9.9.9)" in text


def test_roles_print_the_data_in_french(good_builds):
    html, warnings = good_builds["fr"]
    assert warnings == ""
    text = text_of(html)
    assert "15 août 2015" in text and "August" not in text
    assert "b115-p1" in text


BAD = """\
# Fixture

(b115-p1)=
## `b115-p1` · A block

Unknown block {para}`b115-p99`. Unknown event {event-date}`2015-no-such-event`. Unknown end
{event-date}`2015-anefis-fighting:middle`. Disputed date printed as one {event-date}`2015-anefis-talks:start`.
Unknown dispute {dispute}`no-such-dispute`.

```{block-data} b115-p98
```
"""


def test_each_bad_reference_is_reported_with_its_page_and_line(tmp_path):
    _, warnings = build(fixture_project(tmp_path / "bad", {"index": BAD}))
    for culprit in ("'b115-p99'", "'2015-no-such-event'", "'2015-anefis-fighting:middle'",
                    "'2015-anefis-talks' is disputed", "'no-such-dispute'", "'b115-p98'"):
        reports = [line for line in warnings.splitlines() if culprit in line]
        assert len(reports) == 1, (culprit, warnings)
        # A role is reported at its paragraph's first line, a directive at its own.
        assert re.search(r"index\.md:(6|10): ", reports[0]), reports[0]


# The directives that print whole tables and citations, on a page with the recommendations' anchors.
RECOMMENDATION_ANCHORS = "".join(f"({block})=\n## `{block}` · Recommendation\n\nText.\n\n"
                                 for block in ("b115-r1", "b115-r2", "b115-r3", "b115-r4"))
TABLES = "# Fixture\n\n" + RECOMMENDATION_ANCHORS + """\
The data: {data-zip}`download the data package of this version`.

```{crosswalk} acled
```

```{actors-by-document}
```

```{recommendation-tracker}
```

```{book-citation}
```

```{bibliography}
```
"""


@pytest.fixture(scope="module")
def table_builds(tmp_path_factory):
    root = fixture_project(tmp_path_factory.mktemp("tables"), {"index": TABLES})
    return {language: build(root, language) for language in ("en", "fr")}


@pytest.mark.parametrize("language, words", [
    ("en", ["Column How the book fills it event_id_cnty Empty:", "b115-r1 — Carry the Anefis dialogue",
            "28 March 2016 minimal", "working version 9.9.9, not yet released", "https://example.org/book/dev/"]),
    ("fr", ["Colonne Comment le livre la remplit event_id_cnty Vide :", "b115-r1 — Étendre le dialogue d’Anefis",
            "28 mars 2016 minimale", "version de travail 9.9.9, non encore publiée", "https://example.org/book/dev/"]),
])
def test_table_and_citation_directives_write_the_edition_s_language(table_builds, language, words):
    html, warnings = table_builds[language]
    assert warnings == ""
    text = text_of(html).replace("\u202f", " ").replace("\u00a0", " ")
    for expected in words:
        assert expected in text, expected
    assert 'href="pacts-and-putsches-data-9.9.9.zip"' in html or "data-9.9.9.zip" in html


def test_an_unknown_export_layout_is_reported_with_its_line(tmp_path):
    page = "# Fixture\n\nText.\n\n```{crosswalk} nonsense\n```\n"
    _, warnings = build(fixture_project(tmp_path / "bad", {"index": page}))
    assert re.search(r"index\.md:5: ERROR: \{crosswalk\}: no export layout 'nonsense'", warnings), warnings


# --------------------------------------------------------------------------- how to run a notebook page

NOTEBOOK = {"cells": [{"cell_type": "markdown", "id": "title", "metadata": {}, "source": "# A notebook\n\nSome text."}],
            "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
            "nbformat": 4, "nbformat_minor": 5}
THEME = """
html_theme = "sphinx_book_theme"
html_theme_options = {"repository_url": "https://github.com/owner/book", "repository_branch": "main",
                      "path_to_docs": "", "launch_buttons": {"binderhub_url": "https://mybinder.org",
                      "colab_url": "https://colab.research.google.com", "notebook_interface": "jupyterlab"}}
"""
RELEASE_COMMIT = "0123456789abcdef0123456789abcdef01234567"


def notebook_project(root, dated: bool):
    """A fixture book with one notebook page, the theme's launch buttons, and a released or working version."""
    import json
    fixture_project(root, {"index": "# Index\n\n```{toctree}\nnb\n```\n"})
    (root / "conf.py").write_text(CONF + THEME + 'locale_dirs = ["locales/"]\ngettext_compact = False\n',
                                  encoding="utf-8")
    shutil.copytree(ROOT / "locales", root / "locales")  # sphinx.po translates the box's words
    (root / "nb.ipynb").write_text(json.dumps(NOTEBOOK), encoding="utf-8")
    shutil.copy(ROOT / "environment.yml", root / "environment.yml")
    descriptions = (root / "page-descriptions.yml").read_text(encoding="utf-8") + \
        "nb: A fixture notebook page that shows how a reader is told to run it.\n"
    for suffix in ("", ".fr"):
        (root / f"page-descriptions{suffix}.yml").write_text(descriptions, encoding="utf-8")
    if dated:
        (root / "CHANGELOG.md").write_text("# Changelog\n\n## [9.9.9] - 2026-12-01\n", encoding="utf-8")
    return root


def build_notebook_page(root, language="en", commit="") -> tuple[str, str]:
    warnings = io.StringIO()
    app = SphinxTestApp("html", srcdir=root, status=io.StringIO(), warning=warnings,
                        confoverrides={"language": language, "book_source_commit": commit})
    try:
        app.build()
    finally:
        app.cleanup()
    return (app.outdir / "nb.html").read_text(encoding="utf-8"), warnings.getvalue()


def launch_hrefs(html: str) -> tuple[list[str], list[str]]:
    hrefs = [href.replace("&amp;", "&") for href in re.findall(r'href="([^"]+)"', html)]
    return ([href for href in hrefs if href.startswith("https://mybinder.org/")],
            [href for href in hrefs if href.startswith("https://colab.research.google.com/")])


@pytest.mark.parametrize("dated, commit, ref", [
    (True, RELEASE_COMMIT, RELEASE_COMMIT),   # a release built by scripts/build_site.py from its commit
    (False, "", "main"),                      # the working version: make html, the site's dev/
    (False, RELEASE_COMMIT, "main"),          # a commit given to a working version is not a release
])
def test_launch_links_open_the_release_s_commit_or_the_branch(tmp_path, dated, commit, ref):
    html, warnings = build_notebook_page(notebook_project(tmp_path / "book", dated), commit=commit)
    assert warnings == ""
    binder, colab = launch_hrefs(html)
    # The theme's buttons and the box under the title: two links each, all to the same place.
    assert binder == [f"https://mybinder.org/v2/gh/owner/book/{ref}?urlpath=lab/tree/nb.ipynb"] * 2
    assert colab == [f"https://colab.research.google.com/github/owner/book/blob/{ref}/nb.ipynb"] * 2
    box = html[html.index('<details class="book-how-to-run">'):html.index("</details>")]
    assert html.index("</h1>") < html.index('<details class="book-how-to-run">')
    text = text_of(box)
    for command in ("git clone https://github.com/owner/book.git", "cd book", "python -m venv .venv",
                    "python -m pip install -r requirements.txt", "python -m pip install -e .",
                    "jupyter lab nb.ipynb", "conda env create -f environment.yml",
                    "conda activate pacts-and-putsches"):
        assert command in text
    assert 'href="https://github.com/owner/book/issues"' in box  # where to report a failed Colab install
    assert "If the install fails" in text
    assert (f"git checkout {RELEASE_COMMIT}" in text) == (ref != "main")
    assert (f'%pip install "malibook @ git+https://github.com/owner/book@{RELEASE_COMMIT}"' in
            box.replace("&quot;", '"').replace("&#34;", '"')) == (ref != "main")


def test_the_how_to_run_box_is_french_in_the_french_edition(tmp_path):
    html, warnings = build_notebook_page(notebook_project(tmp_path / "book", True), "fr", RELEASE_COMMIT)
    assert warnings == ""
    box = text_of(html[html.index('<details class="book-how-to-run">'):html.index("</details>")])
    assert "Comment exécuter ce carnet" in box
    assert "If the install fails" not in box and "Without installing anything" not in box
