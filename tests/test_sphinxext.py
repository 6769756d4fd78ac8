"""The roles and directives of `malibook.sphinxext`, tested on small fixture projects with
`sphinx.testing` (as MyST-NB and sphinx-book-theme test theirs): a page of good input rendered in each
language, and a page of errors, each of which must be reported with its page and line. The whole-book
builds (tests/test_build.py) stay for what only they can show."""
import base64
import io
import json
import os
import pathlib
import pickle
import re
import shutil
import struct
import zlib
from html import unescape
from types import SimpleNamespace

import pytest
from jinja2 import DictLoader, Environment
from sphinx.errors import ConfigError
from sphinx.testing.util import SphinxTestApp
from sphinxcontrib.bibtex import bibfile

from conftest import ROOT, edit_line, line_of
from malibook.sphinxext.numbering import _numbered_once_per_reading
from malibook.sphinxext.social_card import card_lines, draw_card
from malibook.sphinxext.theme import _set_up_templates

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
# The fixtures' builds share what one build can reuse from another (malibook.sphinxext.theme.build_cache):
# each compiled the theme's templates and drew the social card anew, a fifth of its time.
CONF += f"book_build_cache = {str(ROOT / '_build' / 'cache' / 'sphinx')!r}\n"


def _parse_each_bibliography_once():
    """The fixture builds all read the book's references.bib, which pybtex parsed again for each (a
    sixth of their time): parsed once per content here, and each build gets its own copy of the data
    (the French edition changes entries in place)."""
    parse = bibfile.parse_bibdata
    parsed: dict[tuple, bytes] = {}

    def parse_once(filenames, encoding):
        if len(filenames) != 1 or not pathlib.Path(filenames[0]).is_file():
            return parse(filenames, encoding)
        name = filenames[0]
        key = (encoding, pathlib.Path(name).read_bytes())
        if key not in parsed:
            parsed[key] = pickle.dumps(parse(filenames, encoding).data)
        data = pickle.loads(parsed[key])
        files = {name: bibfile.BibFile(mtime=bibfile.get_mtime(name), keys=dict.fromkeys(data.entries))}
        return bibfile.BibData(encoding=encoding, bibfiles=files, data=data)

    bibfile.parse_bibdata = parse_once


_parse_each_bibliography_once()
# The files of the book's root that the extension reads besides the pages.
PROJECT_FILES = ("references.bib", "CITATION.cff", "environment.yml")  # the how-to-run box names its conda environment


def fixture_project(root, pages: dict[str, str], notebooks: dict[str, dict] | None = None):
    """A small Sphinx project: the given pages (and notebooks), the book's data and references, a
    fixture version."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "conf.py").write_text(CONF, encoding="utf-8")
    (root / "pyproject.toml").write_text('[project]\nname = "fixture"\nversion = "9.9.9"\n', encoding="utf-8")
    (root / "CHANGELOG.md").write_text("# Changelog\n\n## [9.9.9] - Unreleased\n", encoding="utf-8")
    for name in PROJECT_FILES:
        shutil.copy(ROOT / name, root / name)
    shutil.copytree(ROOT / "data", root / "data")
    notebooks = notebooks or {}
    descriptions = "".join(f"{name}: A fixture page that shows how the book's roles and directives render.\n"
                           for name in [*pages, *notebooks, "genindex", "search"])
    for suffix in ("", ".fr"):
        (root / f"page-descriptions{suffix}.yml").write_text(descriptions, encoding="utf-8")
    for name, text in pages.items():
        (root / f"{name}.md").write_text(text, encoding="utf-8")
    for name, notebook in notebooks.items():
        (root / f"{name}.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    return root


def build(root, language="en", **config) -> tuple[str, str]:
    """Build the fixture's HTML; (the index page's HTML, the warnings)."""
    warnings = io.StringIO()
    app = SphinxTestApp("html", srcdir=root, confoverrides={"language": language, **config}, status=io.StringIO(),
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


# The directives that print whole tables and citations, and the data dictionary, on a page with the
# recommendations' anchors.
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

```{data-dictionary}
:heading-level: 2
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


# Directives given bad input, one per paragraph of one page: a single build reports each at its own
# line (a build per mistake would cost the fast tier a second each).
BAD_DIRECTIVES = {
    "book-doi": "```{book-doi} surplus\n```",
    "book-version-status": "```{book-version-status} surplus\n```",
    "book-citation": "```{book-citation} surplus\n```",
    "citation-address": "```{citation-address} chapters/a#b chapters/c#d\n```",
    "crosswalk": "```{crosswalk} nonsense\n```",
    "data-dictionary": "```{data-dictionary}\n:heading-level: second\n```",
}


def page_of_mistakes(head: str, mistakes: dict[str, str]) -> tuple[str, dict[str, int]]:
    """A page: ``head``, then each mistake's markup in a paragraph of its own; and {mistake: its first line}."""
    page, lines = head, {}
    for name, markup in mistakes.items():
        page += "\n"
        lines[name] = page.count("\n") + 1
        page += markup.rstrip("\n") + "\n"
    return page, lines


@pytest.fixture(scope="module")
def bad_directives(tmp_path_factory) -> tuple[dict[str, int], str]:
    """({directive: the line it starts on}, the build's warnings)."""
    page, lines = page_of_mistakes("# Fixture\n\nText.\n", BAD_DIRECTIVES)
    _, warnings = build(fixture_project(tmp_path_factory.mktemp("bad-directives"), {"index": page}))
    return lines, warnings


def test_an_unknown_export_layout_is_reported_with_its_line(bad_directives):
    lines, warnings = bad_directives
    assert re.search(rf"index\.md:{lines['crosswalk']}: ERROR: \{{crosswalk\}}: no export layout 'nonsense'",
                     warnings), warnings


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



# The how-to-cite page's directives and the version tokens, in a working version and in a released one.
VERSION_PAGE = """\
# Fixture

Version %BOOK_VERSION% of %BOOK_DATE%, served at %BOOK_VERSION_URL%.

```text
version = {%BOOK_VERSION%}
```

```{book-version-status}
```

```{citation-address}
```

```{citation-address} chapters/briefing-115#b115-p2
```

```{book-doi}
```
"""


def released(root, date: str, doi: str):
    """The fixture as the release of 9.9.9 on ``date``, with a DOI in CITATION.cff."""
    (root / "CHANGELOG.md").write_text(f"# Changelog\n\n## [9.9.9] - {date}\n", encoding="utf-8")
    with (root / "CITATION.cff").open("a", encoding="utf-8") as cff:
        cff.write(f"doi: {doi}\n")
    return root


def plain_text(page: str) -> str:
    return unescape(text_of(page)).replace("\u202f", " ").replace("\u00a0", " ")


@pytest.fixture(scope="module")
def version_builds(tmp_path_factory):
    working = fixture_project(tmp_path_factory.mktemp("working"), {"index": VERSION_PAGE})
    release = released(fixture_project(tmp_path_factory.mktemp("released"), {"index": VERSION_PAGE}),
                       "2026-05-24", "10.5281/zenodo.1234567")
    return {(state, language): build(root, language)
            for state, root in (("working", working), ("released", release)) for language in ("en", "fr")}


@pytest.mark.parametrize("state, language, words", [
    ("working", "en", ["Version 9.9.9 of unreleased draft, served at https://example.org/book/dev/.",
                       "version = {9.9.9}", "version 9.9.9 is not released yet",
                       "The address it gives is the folder of the site that serves the working version: "
                       "https://example.org/book/dev/ https://example.org/book/dev/chapters/briefing-115.html#b115-p2",
                       "No DOI has been minted for the book yet"]),
    ("working", "fr", ["Version 9.9.9 of version de travail, non publiée, served at https://example.org/book/dev/fr/.",
                       "la version 9.9.9 n’est pas encore publiée",
                       "L’adresse qu’elle donne est le dossier du site qui sert la version de travail : "
                       "https://example.org/book/dev/ https://example.org/book/dev/fr/chapters/briefing-115.html#b115-p2",
                       "Aucun DOI n’a encore été attribué au livre"]),
    ("released", "en", ["Version 9.9.9 of 24 May 2026", "version = {9.9.9}", "released on 24 May 2026.",
                        "The address it gives is this version’s own folder of the book’s site: "
                        "https://example.org/book/v9.9.9/ "
                        "https://example.org/book/v9.9.9/chapters/briefing-115.html#b115-p2",
                        "The book’s DOI, which names all its versions: https://doi.org/10.5281/zenodo.1234567"]),
    ("released", "fr", ["Version 9.9.9 of 24 mai 2026", "publiée le 24 mai 2026.",
                        "L’adresse qu’elle donne est le dossier propre à cette version sur le site du livre : "
                        "https://example.org/book/v9.9.9/ "
                        "https://example.org/book/v9.9.9/fr/chapters/briefing-115.html#b115-p2",
                        "Le DOI du livre, qui désigne toutes ses versions : https://doi.org/10.5281/zenodo.1234567"]),
])
def test_version_status_addresses_doi_and_tokens_follow_the_release(version_builds, state, language, words):
    html, warnings = version_builds[state, language]
    assert warnings == ""
    text = plain_text(html)
    for expected in words:
        assert expected in text, (expected, text)
    assert "%BOOK_" not in text
    assert ("released on" in text or "publiée le" in text) == (state == "released")
    if state == "released":
        assert 'href="https://doi.org/10.5281/zenodo.1234567"' in html


@pytest.mark.parametrize("directive", ["book-doi", "book-version-status", "book-citation"])
def test_surplus_text_after_a_directive_without_arguments_is_reported_with_its_line(bad_directives, directive):
    lines, warnings = bad_directives
    # MyST reads the surplus argument as content.
    assert re.search(rf"index\.md:{lines[directive]}: WARNING: '{directive}': Has content, but none permitted",
                     warnings), warnings


def test_a_citation_address_with_two_targets_is_reported_with_its_line(bad_directives):
    lines, warnings = bad_directives
    assert re.search(rf"index\.md:{lines['citation-address']}: (ERROR|WARNING): .*citation-address.*maximum 1 "
                     "argument", warnings), warnings


@pytest.mark.parametrize("language, words", [
    ("en", ["sources.csv : The two documents", "The table has 2 rows; its key is document_id",
            "Field Type Required Rules Description document_id string yes unique; one of b115 , qa2021"]),
    ("fr", ["sources.csv : Les deux documents", "La table compte 2 lignes ; sa clé est document_id",
            "Champ Type Obligatoire Règles Description document_id texte oui unique ; "
            "l’une des valeurs b115 , qa2021"]),
])
def test_the_data_dictionary_describes_every_table_in_the_edition_s_language(table_builds, language, words):
    html, warnings = table_builds[language]
    assert warnings == ""
    text = plain_text(html)
    for expected in words:
        assert expected in text, expected
    for table in ("sources", "paragraphs", "events", "actors", "disputes"):
        assert f'id="data-{table}"' in html, table
    # The data package for search engines, before the first table's anchor.
    linked = [match for match in re.finditer(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
              if json.loads(match.group(1))["@type"] == "Dataset"]
    assert len(linked) == 1, html
    assert linked[0].start() < html.index('id="data-sources"')


def test_a_bad_heading_level_of_the_data_dictionary_is_reported_with_its_line(bad_directives):
    lines, warnings = bad_directives
    assert re.search(rf"index\.md:{lines['data-dictionary']}: WARNING: 'data-dictionary': Invalid option value for "
                     "'heading-level'", warnings), warnings


def test_each_bad_directive_is_reported_once(bad_directives):
    """No mistake on the shared page hides or doubles another's report."""
    lines, warnings = bad_directives
    reported = [int(line) for line in re.findall(r"index\.md:(\d+): (?:ERROR|WARNING)", warnings)]
    assert sorted(reported) == sorted(lines.values()), warnings


def one_pixel_png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\x00\x80\x00")) + chunk(b"IEND", b""))


# A notebook, already run, that glues one figure as myst-nb's glue() does.
GLUE_PREFIX = "application/papermill.record/"
FIGURES_NOTEBOOK = {
    "nbformat": 4, "nbformat_minor": 5,
    "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
    "cells": [
        {"cell_type": "markdown", "id": "title", "metadata": {}, "source": "# Figures"},
        {"cell_type": "code", "id": "glue", "metadata": {}, "execution_count": 1, "source": "glue('square', figure)",
         "outputs": [{"output_type": "display_data",
                      "metadata": {"scrapbook": {"mime_prefix": GLUE_PREFIX, "name": "square"}},
                      "data": {f"{GLUE_PREFIX}image/png": base64.b64encode(one_pixel_png()).decode(),
                               f"{GLUE_PREFIX}text/plain": "<Figure size 1x1>"}}]},
    ],
}
GLUED_PAGE = """\
# Fixture

```{toctree}
:hidden:
figures
```

"""


def test_a_glued_figure_shows_the_notebook_s_image_with_its_alt_text_and_caption(tmp_path):
    page = GLUED_PAGE + ("```{glued-figure} figures.ipynb::square\n:alt: A green square, alone\n:name: fig-square\n\n"
                         "The caption of the square.\n```\n")
    html, warnings = build(fixture_project(tmp_path / "glued", {"index": page}, {"figures": FIGURES_NOTEBOOK}))
    assert warnings == ""
    figure = re.search(r'<figure class="glued-figure[^"]*" id="fig-square">(.*?)</figure>', html, re.DOTALL)
    assert figure, html
    assert re.search(r'<img alt="A green square, alone" src="_images/[0-9a-f]{64}\.png"', figure.group(1))
    assert "The caption of the square." in text_of(figure.group(1))


# Bad glued figures, one per paragraph of one page (one build): {culprit named in the report: markup}.
BAD_GLUED_FIGURES = {
    "`path::key`, not 'figures.ipynb'": "```{glued-figure} figures.ipynb\n:alt: Alt.\n\nCaption.\n```\n",
    "an :alt: option": "```{glued-figure} figures.ipynb::square\n\nCaption.\n```\n",
    "a caption": "```{glued-figure} figures.ipynb::square\n:alt: Alt.\n```\n",
    "'no-such-key' not found": "```{glued-figure} figures.ipynb::no-such-key\n:alt: Alt.\n\nCaption.\n```\n",
}


@pytest.fixture(scope="module")
def bad_glued_figures(tmp_path_factory) -> tuple[dict[str, int], str]:
    """({culprit: the line its directive starts on}, the build's warnings)."""
    page, lines = page_of_mistakes(GLUED_PAGE, BAD_GLUED_FIGURES)
    root = fixture_project(tmp_path_factory.mktemp("bad-glued"), {"index": page}, {"figures": FIGURES_NOTEBOOK})
    return lines, build(root)[1]


@pytest.mark.parametrize("culprit", BAD_GLUED_FIGURES)
def test_each_bad_glued_figure_is_reported_with_its_line(bad_glued_figures, culprit):
    lines, warnings = bad_glued_figures
    reports = [line for line in warnings.splitlines() if culprit in line]
    assert len(reports) == 1, warnings
    assert re.search(rf"index\.md:{lines[culprit]}: ", reports[0]), reports[0]


def test_a_page_without_description_is_named(tmp_path):
    root = fixture_project(tmp_path / "undescribed", {"index": "# Fixture\n\nText.\n"})
    (root / "page-descriptions.yml").write_text("search: A fixture page that shows how the book's roles render.\n"
                                                "genindex: A fixture page that shows how the book's roles render.\n",
                                                encoding="utf-8")
    _, warnings = build(root)
    assert "page-descriptions.yml has no description for the page 'index'" in warnings, warnings


def test_a_base_url_that_is_not_an_https_folder_is_refused(tmp_path):
    root = fixture_project(tmp_path / "base", {"index": "# Fixture\n\nText.\n"})
    with pytest.raises(ConfigError, match=r"html\.baseurl must be the https address .*'http://example\.org/book'"):
        build(root, html_baseurl="http://example.org/book")


def test_a_removed_page_gets_a_redirect_page(tmp_path):
    root = fixture_project(tmp_path / "redirects", {"index": "# Fixture\n\nText.\n"})
    build(root, book_redirects={"chapters/old.html": "index.html"})
    redirect = (root / "_build" / "html" / "chapters" / "old.html").read_text(encoding="utf-8")
    assert "../index.html" in redirect


@pytest.mark.parametrize("redirects, message", [
    ({"old.html": "nowhere.html"}, "old.html redirects to nowhere.html, which this build does not have"),
    ({"index.html": "search.html"}, "index.html is still a page of this build"),
])
def test_a_bad_redirect_is_refused(tmp_path, redirects, message):
    root = fixture_project(tmp_path / "redirects", {"index": "# Fixture\n\nText.\n"})
    with pytest.raises(ConfigError, match=re.escape(message)):
        build(root, book_redirects=redirects)


def test_a_rebuild_prints_the_changed_data_and_references(tmp_path):
    """What the build keeps from one build to the next (the roles' dates, the formatted references)
    follows the data and references.bib: an edit of either shows in the next, incremental, build."""
    root = fixture_project(tmp_path / "kept", {"index": GOOD})
    first, _ = build(root)
    assert "The fighting began on 15 August 2015" in text_of(first)
    assert "Mali: Peace from Below?" in text_of(first)
    events = root / "data" / "events.csv"
    edit_line(events, line_of(events, "2015-anefis-fighting,"), ",2015-08-15,day,", ",2015-08-16,day,")
    references = root / "references.bib"
    bibtex = references.read_text(encoding="utf-8")
    references.write_text(bibtex.replace("{Mali: Peace from Below?}", "{Mali: Peace from Below? (retitled)}"),
                          encoding="utf-8")
    second, warnings = build(root)
    assert warnings == ""
    assert "The fighting began on 16 August 2015" in text_of(second)
    assert "Mali: Peace from Below? (retitled)" in text_of(second)


def test_an_edited_static_file_reaches_the_output_with_its_new_checksum(tmp_path):
    """Sphinx copies static files only in a build that writes a page: an edited stylesheet alone once
    left the old one in the output. The extension then rewrites every page (each links the file with
    a checksum of its content)."""
    root = fixture_project(tmp_path / "static", {"index": "# Fixture\n\nText.\n"})
    (root / "_static").mkdir()
    stylesheet = root / "_static" / "extra.css"
    stylesheet.write_text("p { color: black; }\n", encoding="utf-8")
    (root / "conf.py").write_text(CONF + 'html_static_path = ["_static"]\nhtml_css_files = ["extra.css"]\n',
                                  encoding="utf-8")
    first, _ = build(root)
    stylesheet.write_text("p { color: navy; }\n", encoding="utf-8")
    second, warnings = build(root)
    assert warnings == ""
    assert (root / "_build" / "html" / "_static" / "extra.css").read_text(encoding="utf-8") == "p { color: navy; }\n"
    link = re.compile(r'extra\.css\?v=[0-9a-f]+')
    assert link.search(first).group() != link.search(second).group()


def test_the_theme_s_templates_are_compiled_once_into_the_build_cache(tmp_path):
    environment = Environment(loader=DictLoader({"page.html": "{{ 6 * 7 }}"}))
    app = SimpleNamespace(builder=SimpleNamespace(templates=SimpleNamespace(environment=environment)),
                          config=SimpleNamespace(book_build_cache=str(tmp_path)), doctreedir=str(tmp_path / "unused"))
    _set_up_templates(app)
    assert environment.get_template("page.html").render() == "42"
    assert len(list((tmp_path / "templates").glob("__jinja2_*.cache"))) == 1


def test_a_drawn_social_card_is_taken_from_the_build_cache(tmp_path):
    lines = card_lines("A book: its subtitle", "9.9.9", "1 December 2026")
    assert draw_card(tmp_path / "first" / "card.png", lines, tmp_path / "cache")
    kept, = (tmp_path / "cache").glob("social-card-*.png")
    assert kept.read_bytes() == (tmp_path / "first" / "card.png").read_bytes()
    kept.write_bytes(b"the kept card")  # the next book's card comes from the cache, not a new drawing
    assert draw_card(tmp_path / "second" / "card.png", lines, tmp_path / "cache")
    assert (tmp_path / "second" / "card.png").read_bytes() == b"the kept card"
    assert not draw_card(tmp_path / "first" / "card.png", lines, tmp_path / "cache")  # up to date: not written


def listing(caption: str) -> str:
    return f"```{{code-block}} python\n:caption: {caption}\n\nx = 1\n```\n"


def test_figure_numbers_follow_an_edit_and_stay_when_nothing_is_read(tmp_path):
    """Figure numbers (here of captioned listings) run across pages: after an edit adds one to the first
    page, the second page's number moves on; a build that read nothing, or read again a page whose
    prose alone changed, keeps them, the edited page's own included (numbering)."""
    pages = {"index": "# Fixture\n\n```{toctree}\nfirst\nsecond\n```\n",
             "first": "# First\n\n" + listing("One"), "second": "# Second\n\n" + listing("Two")}
    root = fixture_project(tmp_path / "numbers", pages)

    def page(name) -> str:
        return text_of((root / "_build" / "html" / f"{name}.html").read_text(encoding="utf-8"))

    _, warnings = build(root, numfig=True)
    assert warnings == "" and "Listing 2 Two" in page("second")
    build(root, numfig=True)  # nothing read: the numbers are kept, not counted again
    assert "Listing 2 Two" in page("second")
    (root / "first.md").write_text("# First\n\nA new sentence.\n\n" + listing("One"), encoding="utf-8")
    _, warnings = build(root, numfig=True)  # prose alone: the numbers are kept, not counted again
    assert warnings == "" and "Listing 1 One" in page("first") and "A new sentence" in page("first")
    (root / "first.md").write_text("# First\n\n" + listing("One") + "\n" + listing("One more"), encoding="utf-8")
    _, warnings = build(root, numfig=True)
    assert warnings == "" and "Listing 2 One more" in page("first") and "Listing 3 Two" in page("second")


def test_figure_numbers_are_counted_again_only_when_a_read_page_s_outline_changed(monkeypatch):
    from malibook.sphinxext import numbering

    counted, outlines = [], {"first": "a", "second": "b"}
    monkeypatch.setattr(numbering, "outline", lambda env, docname: outlines[docname])

    def count(collector, env):
        counted.append(dict(env.all_docs))
        env.toc_fignumbers = {"first": {"code-block": {"one": (1,)}}}
        return ["second"]

    assign = _numbered_once_per_reading(count)
    env = SimpleNamespace(all_docs={"first": 1, "second": 1}, toc_fignumbers={})
    assert assign(None, env) == ["second"] and assign(None, env) == [] and len(counted) == 1
    env.all_docs["first"] = 2  # read again after an edit of its prose: Sphinx dropped its numbers
    del env.toc_fignumbers["first"]
    assert assign(None, env) == [] and len(counted) == 1
    assert env.toc_fignumbers == {"first": {"code-block": {"one": (1,)}}}
    env.all_docs["first"], outlines["first"] = 3, "a, with one more listing"
    assert assign(None, env) == ["second"] and len(counted) == 2
    del env.all_docs["second"]  # removed
    assert assign(None, env) == ["second"] and len(counted) == 3


def reading_notebook(path: str) -> dict:
    """A notebook whose one cell prints a file, as the book's notebooks draw the data."""
    return {"cells": [{"cell_type": "markdown", "id": "title", "metadata": {}, "source": "# Reading"},
                      {"cell_type": "code", "id": "read", "execution_count": None, "metadata": {}, "outputs": [],
                       "source": f"print(open({path!r}, encoding='utf-8').read())"}],
            "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
            "nbformat": 4, "nbformat_minor": 5}


@pytest.mark.notebook
def test_a_notebook_runs_again_when_what_it_runs_on_changes(tmp_path, monkeypatch):
    """The notebook's code cells are unchanged, so jupyter-cache alone would keep its first output, and
    Sphinx would not even read it again: the file it reads stands for the package and the data
    (notebook_inputs), on which the book's figures once stayed those of the old code."""
    from malibook.sphinxext import notebook_inputs

    root = fixture_project(tmp_path / "book", {"index": "# Fixture\n\n```{toctree}\nreading\n```\n"},
                           {"reading": reading_notebook("value.txt")})
    value = root / "value.txt"
    monkeypatch.setattr(notebook_inputs, "notebook_inputs", lambda: [value])

    def reading() -> str:
        build(root, nb_execution_mode="cache")
        return text_of((root / "_build" / "html" / "reading.html").read_text(encoding="utf-8"))

    value.write_text("first version", encoding="utf-8")
    assert "first version" in reading()
    value.write_text("second version", encoding="utf-8")
    os.utime(value, (value.stat().st_mtime + 5,) * 2)  # later than the page's reading, however fast the machine
    assert "second version" in reading()


def test_the_notebook_cache_is_emptied_only_when_its_inputs_change(tmp_path):
    from malibook.sphinxext.notebook_inputs import empty_stale_cache, inputs_digest

    cache, data = tmp_path / ".jupyter_cache", tmp_path / "events.csv"
    data.write_text("id\n1\n", encoding="utf-8")
    assert not empty_stale_cache(cache, inputs_digest([data]))  # a first build: nothing to empty
    (cache / "global.db").write_text("executions", encoding="utf-8")
    assert not empty_stale_cache(cache, inputs_digest([data])) and (cache / "global.db").exists()
    data.write_text("id\n2\n", encoding="utf-8")
    assert empty_stale_cache(cache, inputs_digest([data])) and not (cache / "global.db").exists()


def test_the_synopsis_prints_each_pair_in_columns_that_break_across_pages(tmp_path):
    """In the PDF each pair's halves go into the two columns of a paracol, which break across pages:
    as two minipages, which do not, a tall pair once left two thirds of a page blank before it."""
    root = fixture_project(tmp_path / "synopsis", {"index": "# Fixture\n\n```{synopsis} events\n```\n"})
    app = SphinxTestApp("latex", srcdir=root, status=io.StringIO(), warning=io.StringIO())
    try:
        app.build()
    finally:
        app.cleanup()
    (tex,) = [path.read_text(encoding="utf-8") for path in app.outdir.glob("*.tex")]
    assert "\\usepackage{paracol}" in tex and "minipage" not in tex
    pairs = re.findall(r"\\begin\{paracol\}\{2\}(.*?)\\end\{paracol\}", tex, re.S)
    assert pairs and all(pair.count("\\switchcolumn") == 1 for pair in pairs)
    assert "b115\\sphinxhyphen{}standfirst" in pairs[0].split("\\switchcolumn")[0]  # 2015 on the left
    assert "qa2021\\sphinxhyphen{}p13" in pairs[0].split("\\switchcolumn")[1]
