"""The book builds with warnings as errors, shows its version on every page, and fails on errors."""
import json
import pathlib
import re

import pytest
import yaml

from conftest import ROOT, build_html, copy_book
from malibook.publishing.version import current_release

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


def append(book: pathlib.Path, chapter: str, paragraph: str) -> None:
    with (book / "chapters" / chapter).open("a", encoding="utf-8") as page:
        page.write(f"\n{paragraph}\n")


def break_xref(book: pathlib.Path) -> None:
    append(book, "intro.md", "See {ref}`a-label-that-does-not-exist`.")


def break_citation(book: pathlib.Path) -> None:
    append(book, "intro.md", "As argued elsewhere {cite:p}`nobody1999`.")


def break_glossary_term(book: pathlib.Path) -> None:
    append(book, "intro.md", "The {term}`Unknown Committee` is not in the glossary.")


def break_data_references(book: pathlib.Path) -> None:
    append(book, "context.md", "See {para}`b115-p9`, dated {event-date}`2019-no-such-event`.")


def break_block_anchor(book: pathlib.Path) -> None:
    """A block whose anchor is gone: its "Cite this block" box has nothing to point at."""
    chapter = book / "chapters" / "qa-2021.md"
    chapter.write_text(chapter.read_text(encoding="utf-8").replace("(qa2021-p7)=\n", "", 1), encoding="utf-8")


def break_page_description(book: pathlib.Path) -> None:
    descriptions = book / "page-descriptions.yml"
    text = descriptions.read_text(encoding="utf-8")
    descriptions.write_text(re.sub(r"^chapters/glossary:.*?(?=^\S)", "", text, count=1, flags=re.S | re.M),
                            encoding="utf-8")


# Each breakage and what the build log must say about it. They share one build (the notebooks are not
# executed: their committed outputs are rendered): with -W every warning fails the build, and with
# --keep-going every one is reported, so each message in the log proves that breakage alone fails it.
BREAKAGES = {
    break_data_references: ["b115-p9", "2019-no-such-event"],
    break_xref: ["a-label-that-does-not-exist"],
    break_citation: ["nobody1999"],
    break_glossary_term: ["Unknown Committee"],
    break_block_anchor: ["block qa2021-p7: this page defines no anchor (qa2021-p7)="],
    break_page_description: ["page-descriptions.yml has no description for the page 'chapters/glossary'"],
}


@pytest.fixture(scope="module")
def broken_build(tmp_path_factory):
    folder = tmp_path_factory.mktemp("broken")
    book = copy_book(folder / "book", execute=False)
    for breakage in BREAKAGES:
        breakage(book)
    return build_html(book, folder / "out")


def test_a_broken_book_fails_to_build(broken_build):
    assert broken_build.returncode != 0


@pytest.mark.parametrize("breakage", BREAKAGES, ids=lambda breakage: breakage.__name__)
def test_the_build_log_names_each_breakage(broken_build, breakage):
    output = broken_build.stdout + broken_build.stderr
    for text in BREAKAGES[breakage]:
        assert text in output, f"{breakage.__name__}: {text!r} is not in the log\n{output[-3000:]}"


def test_a_failing_notebook_cell_fails_the_build(tmp_path):
    book = copy_book(tmp_path / "book")
    path = book / "notebooks" / "document-structure.ipynb"
    notebook = json.loads(path.read_text(encoding="utf-8"))
    notebook["cells"].append({"cell_type": "code", "execution_count": None, "id": "deliberate-failure",
                              "metadata": {}, "outputs": [],
                              "source": ["raise RuntimeError('deliberate failure for the build test')"]})
    path.write_text(json.dumps(notebook), encoding="utf-8")
    # Only the broken notebook runs: the others would pass and only cost time.
    config = book / "_config.yml"
    others = [f"*/{other.name}" for other in (book / "notebooks").glob("*.ipynb") if other != path]
    config.write_text(config.read_text(encoding="utf-8").replace(
        "execute:\n", f"execute:\n  exclude_patterns: {json.dumps(others)}\n", 1), encoding="utf-8")
    result = build_html(book, tmp_path / "out")
    assert result.returncode != 0, "the build passed despite a failing cell"
    output = result.stdout + result.stderr
    assert "deliberate failure for the build test" in output, output[-3000:]
    assert "actors.ipynb: Executing" not in output, "the other notebooks should not have run"


def test_prose_chapters_hold_no_code_cells():
    """Code belongs in notebooks/; the prose chapters (and so their PDF pages) have none."""
    for page in sorted((ROOT / "chapters").glob("*.md")):
        text = page.read_text(encoding="utf-8")
        assert "{code-cell}" not in text and "kernelspec" not in text, page.name
