"""The book builds with warnings as errors, shows its version on every page, and fails on errors."""
import json
import pathlib
import re

import pytest
import yaml

from conftest import ROOT, build_html, copy_book
from malibook.site.release import current_release

pytestmark = pytest.mark.build


def toc_pages() -> list[str]:
    """Every page named in _toc.yml, as a path without suffix."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    pages = [toc["root"]]

    def walk(entries):
        for entry in entries:
            if "file" in entry:
                pages.append(entry["file"])
            walk(entry.get("sections", []))

    for part in toc.get("parts", [{"chapters": toc.get("chapters", [])}]):
        walk(part["chapters"])
    return pages


def test_every_toc_page_exists_and_shows_the_version(built_html):
    release = current_release()
    pages = toc_pages()
    assert len(pages) >= 5
    for page in pages:
        html = (built_html / f"{page}.html").read_text(encoding="utf-8")
        assert f"Version <strong>{release.version}</strong>" in html, page
        assert f'href="{"../" * page.count("/")}{release.pdf_name}"' in html, f"{page}: no link to this version's PDF"


def test_notebook_outputs_reach_the_page(built_html):
    html = (built_html / "notebooks" / "document-structure.html").read_text(encoding="utf-8")
    assert 'id="fig-block-counts"' in html
    assert 'alt="Horizontal bar chart of block counts by kind.' in html
    assert re.search(r"Fig\. \d+ </span>", html)  # numbered, with its caption


def test_how_to_cite_names_this_version(built_html):
    release = current_release()
    html = (built_html / "chapters" / "how-to-cite.html").read_text(encoding="utf-8")
    assert f"version {release.version}" in html
    assert "%BOOK_" not in html, "a page token was left unreplaced"


def break_xref(book: pathlib.Path) -> None:
    with (book / "chapters" / "intro.md").open("a", encoding="utf-8") as page:
        page.write("\nSee {ref}`a-label-that-does-not-exist`.\n")


def break_citation(book: pathlib.Path) -> None:
    with (book / "chapters" / "intro.md").open("a", encoding="utf-8") as page:
        page.write("\nAs argued elsewhere {cite:p}`nobody1999`.\n")


def break_glossary_term(book: pathlib.Path) -> None:
    with (book / "chapters" / "intro.md").open("a", encoding="utf-8") as page:
        page.write("\nThe {term}`Unknown Committee` is not in the glossary.\n")


def break_notebook_cell(book: pathlib.Path) -> None:
    path = book / "notebooks" / "document-structure.ipynb"
    notebook = json.loads(path.read_text(encoding="utf-8"))
    notebook["cells"].append({"cell_type": "code", "execution_count": None, "id": "deliberate-failure",
                              "metadata": {}, "outputs": [],
                              "source": ["raise RuntimeError('deliberate failure for the build test')"]})
    path.write_text(json.dumps(notebook), encoding="utf-8")


def break_data_references(book: pathlib.Path) -> None:
    with (book / "chapters" / "context.md").open("a", encoding="utf-8") as page:
        page.write("\nSee {para}`b115-p9`, dated {event-date}`2019-no-such-event`.\n")


@pytest.mark.parametrize("breakage, expected", [
    (break_data_references, ("b115-p9", "2019-no-such-event")),
    (break_xref, "a-label-that-does-not-exist"),
    (break_citation, "nobody1999"),
    (break_glossary_term, "Unknown Committee"),
    (break_notebook_cell, "deliberate failure for the build test"),
])
def test_build_fails_on_errors(tmp_path, breakage, expected):
    # Only the failing-cell case needs the notebooks executed.
    book = copy_book(tmp_path / "book", execute=breakage is break_notebook_cell)
    breakage(book)
    result = build_html(book, tmp_path / "out")
    output = result.stdout + result.stderr
    assert result.returncode != 0, f"the build passed despite {breakage.__name__}"
    for text in (expected,) if isinstance(expected, str) else expected:
        assert text in output, output[-3000:]


def test_prose_chapters_hold_no_code_cells():
    """Code belongs in notebooks/; the prose chapters (and so their PDF pages) have none."""
    for page in sorted((ROOT / "chapters").glob("*.md")):
        text = page.read_text(encoding="utf-8")
        assert "{code-cell}" not in text and "kernelspec" not in text, page.name
