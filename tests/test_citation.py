"""Cite this block, cite this book: the formats, every block's citation in the built pages, and a build
that fails when a block has no anchor to point at (or a page has no description), in test_build.py's
broken build."""
import csv
import datetime as dt
import html
import re

import pytest

from conftest import ROOT
from malibook.site.citation import Citable, author_date, bibtex, bibtex_key, block_url, ris, version_url
from malibook.site.release import current_release

SITE = ROOT / "_build" / "html"
BASE = "https://example.org/book/"
BLOCK = Citable(authors="The editors of X", book_title="X: Mali 2015–2021", version="1.2.3",
                date=dt.date(2027, 3, 4), url=block_url(BASE, "1.2.3", "chapters/qa-2021", "qa2021-p5"),
                block_id="qa2021-p5", block_title="qa2021-p5 · Q&A about 100% of it")


def test_addresses_name_the_version_folder():
    assert version_url(BASE, "1.2.3") == "https://example.org/book/v1.2.3/"
    assert BLOCK.url == "https://example.org/book/v1.2.3/chapters/qa-2021.html#qa2021-p5"
    with pytest.raises(ValueError, match="must end with '/'"):
        version_url("https://example.org/book", "1.2.3")


def test_block_citation_in_three_formats():
    assert author_date(BLOCK) == ("The editors of X (2027). “qa2021-p5 · Q&A about 100% of it”. In X: Mali 2015–2021, "
                                  "version 1.2.3. https://example.org/book/v1.2.3/chapters/qa-2021.html#qa2021-p5")
    entry = bibtex(BLOCK)
    assert entry.startswith("@incollection{x_1_2_3_qa2021_p5,") and entry.endswith("}")
    assert r"title     = {qa2021-p5 · Q\&A about 100\% of it}" in entry
    assert "booktitle = {X: Mali 2015--2021}" in entry and "edition   = {version 1.2.3}" in entry
    assert entry.count("{") == entry.count("}")
    record = ris(BLOCK).splitlines()
    assert record[0] == "TY  - CHAP" and record[-1] == "ER  - "
    assert {"ET  - version 1.2.3", "PY  - 2027", "DA  - 2027/03/04", f"UR  - {BLOCK.url}"} <= set(record)


def test_an_unreleased_version_has_no_year_and_the_book_has_its_own_type():
    book = Citable(authors="A", book_title="B", version="0.9.0", date=None, url=version_url(BASE, "0.9.0"),
                   doi="10.1/x")
    assert author_date(book) == "A (n.d.). B, version 0.9.0. https://example.org/book/v0.9.0/ https://doi.org/10.1/x"
    assert bibtex(book).startswith("@book{b_0_9_0,") and "doi      = {10.1/x}" in bibtex(book)
    assert bibtex_key(book) == "b_0_9_0"
    record = ris(book)
    assert "TY  - BOOK" in record and "PY  -" not in record and "DO  - 10.1/x" in record


def paragraphs():
    with (ROOT / "data" / "paragraphs.csv").open(encoding="utf-8") as handle:
        return [(row["paragraph_id"], row["document_id"]) for row in csv.DictReader(handle)]


CHAPTER = {"b115": "chapters/briefing-115", "qa2021": "chapters/qa-2021"}


@pytest.mark.build
def test_every_block_offers_its_citation_in_this_version():
    assert (SITE / "index.html").exists(), "run `make book` (or `make test`) to build the site first"
    release = current_release()
    base = re.search(r'<link rel="canonical" href="([^"]+)v\d+\.\d+\.\d+/',
                     (SITE / "chapters" / "intro.html").read_text(encoding="utf-8")).group(1)
    blocks = paragraphs()
    assert len(blocks) == 38
    pages = {document: (SITE / f"{page}.html").read_text(encoding="utf-8") for document, page in CHAPTER.items()}
    for document, text in pages.items():
        assert text.count('<details class="book-citation">') == sum(1 for _, d in blocks if d == document)
    for block_id, document in blocks:
        text = pages[document]
        start = text.index(f"<summary>Cite this block ({block_id}, version {release.version})</summary>")
        box = html.unescape(text[start:text.index("</details>", start)])
        url = f"{base}v{release.version}/{CHAPTER[document]}.html#{block_id}"
        assert box.count(url) == 3, f"{block_id}: author-date, BibTeX and RIS each give {url}"
        assert f"version {release.version}" in box and "@incollection{" in box and "TY  - CHAP" in box
        assert f'id="{block_id}"' in text, f"the page has no anchor {block_id}"
        # Each format sits in a <pre> that sphinx-copybutton gives a copy button.
        assert box.count('<div class="highlight"><pre>') == 3
