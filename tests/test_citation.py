"""Cite this block, cite this book: the formats, every block's citation in the built pages, and a build
that fails when a block has no anchor to point at (or a page has no description), in test_build.py's
broken build."""
import csv
import dataclasses
import datetime as dt
import html
import re

import pytest

from conftest import ROOT
from malibook.publishing.citation_formats import (
    Citable,
    author_date,
    bibtex,
    bibtex_key,
    block_url,
    ris,
)
from malibook.publishing.version import current_release
from malibook.publishing.versioned_site import served_url, version_url

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


def parse_ris(record: str) -> list[tuple[str, str]]:
    """A strict RIS reader: every line "XX  - value" with a known tag, TY first, ER last and empty."""
    known = {"TY", "AU", "TI", "T2", "PY", "DA", "N1", "UR", "LA", "DO", "ER", "ET"}
    lines = []
    for number, line in enumerate(record.split("\n"), start=1):
        match = re.fullmatch(r"([A-Z][A-Z0-9])  - (.*)", line)
        assert match, f"RIS line {number} is not 'XX  - value': {line!r}"
        assert match.group(1) in known, f"RIS line {number}: unknown tag {match.group(1)}"
        lines.append((match.group(1), match.group(2)))
    assert lines[0][0] == "TY" and lines[-1] == ("ER", ""), "an RIS record runs from TY to an empty ER"
    assert [tag for tag, _ in lines].count("TY") == 1
    return lines


def parse_bibtex(entry: str):
    """Parse with pybtex (which Sphinx's bibtex extension brings) and format with its plain style."""
    from pybtex.database import parse_string
    from pybtex.plugin import find_plugin

    data = parse_string(entry, "bibtex")
    assert len(data.entries) == 1
    (key, parsed), = data.entries.items()
    style = find_plugin("pybtex.style.formatting", "plain")()
    printed = next(iter(style.format_entries([parsed]))).text.render_as("text")
    return key, parsed, printed


def test_block_citation_in_three_formats():
    assert author_date(BLOCK) == ("The editors of X (2027). “qa2021-p5: Q&A about 100% of it”. In X: Mali 2015–2021, "
                                  "version 1.2.3. https://example.org/book/v1.2.3/chapters/qa-2021.html#qa2021-p5")
    entry = bibtex(BLOCK)
    assert entry.startswith("@incollection{x_1_2_3_qa2021_p5,") and entry.endswith("}")
    key, parsed, printed = parse_bibtex(entry)
    assert key == "x_1_2_3_qa2021_p5" and parsed.fields["year"] == "2027"
    # The title is braced against lowercasing; no "·" and no "edition".
    assert parsed.fields["title"] == r"{qa2021-p5: Q\&A about 100\% of it}" and "·" not in entry
    assert "edition" not in entry and parsed.fields["note"] == "Version 1.2.3"
    assert "Q&A about 100% of it" in printed and "Mali 2015–2021" in printed and "edition" not in printed
    record = parse_ris(ris(BLOCK))
    assert record[0] == ("TY", "CHAP")
    assert {("N1", "Version 1.2.3"), ("PY", "2027"), ("DA", "2027/03/04"), ("UR", BLOCK.url),
            ("TI", "qa2021-p5: Q&A about 100% of it")} <= set(record)
    assert not any(tag == "ET" for tag, _ in record)


def test_an_unreleased_version_says_so_and_points_at_the_working_version():
    url = served_url(BASE, "0.9.0", released=False)
    assert url == "https://example.org/book/dev/"
    assert block_url(BASE, "0.9.0", "chapters/qa-2021", "qa2021-p5", released=False) == \
        "https://example.org/book/dev/chapters/qa-2021.html#qa2021-p5"
    book = Citable(authors="A", book_title="B", version="0.9.0", date=None, url=url, doi="10.1/x")
    assert author_date(book) == ("A (working version 0.9.0, not yet released). B. https://example.org/book/dev/ "
                                 "https://doi.org/10.1/x")
    assert "n.d." not in author_date(book) and "v0.9.0" not in author_date(book)
    entry = bibtex(book)
    assert entry.startswith("@misc{b_0_9_0,") and "doi" in entry, "a working version is not a published book"
    key, parsed, printed = parse_bibtex(entry)
    assert "year" not in parsed.fields and "n.d." not in entry and "edition" not in entry
    assert parsed.fields["note"] == "Working version 0.9.0, not yet released"
    assert "Working version 0.9.0, not yet released" in printed and "edition" not in printed
    record = parse_ris(ris(book))
    assert record[0] == ("TY", "BOOK") and ("DO", "10.1/x") in record
    assert not any(tag == "PY" for tag, _ in record)
    assert ("N1", "Working version 0.9.0, not yet released") in record and ("UR", url) in record


def test_french_citations_are_french():
    block = Citable(authors="Les éditeurs", book_title="Pactes", version="1.2.3", date=dt.date(2027, 3, 4),
                    url=BLOCK.url, language="fr", block_id="qa2021-p5", block_title="qa2021-p5 · Un titre")
    assert author_date(block).startswith("Les éditeurs (2027). «\u00a0qa2021-p5\u00a0: Un titre\u00a0». Dans Pactes, "
                                         "version 1.2.3.")
    draft = Citable(authors="Les éditeurs", book_title="Pactes", version="1.2.3", date=None,
                    url=served_url(BASE, "1.2.3", False), language="fr")
    assert "version de travail 1.2.3, non encore publiée" in author_date(draft)
    assert ("N1", "Version de travail 1.2.3, non encore publiée") in parse_ris(ris(draft))
    parse_bibtex(bibtex(block))
    draft_block = dataclasses.replace(block, date=None)
    assert bibtex(draft_block).startswith("@misc{") and "Pactes" in parse_bibtex(bibtex(draft_block))[2]


def test_the_book_has_its_own_type_and_key():
    book = Citable(authors="A", book_title="B", version="0.9.0", date=dt.date(2027, 1, 2),
                   url=version_url(BASE, "0.9.0"))
    assert bibtex_key(book) == "b_0_9_0" and bibtex(book).startswith("@book{b_0_9_0,")
    assert author_date(book) == "A (2027). B, version 0.9.0. https://example.org/book/v0.9.0/"


def paragraphs():
    with (ROOT / "data" / "paragraphs.csv").open(encoding="utf-8") as handle:
        return [(row["paragraph_id"], row["document_id"]) for row in csv.DictReader(handle)]


CHAPTER = {"b115": "chapters/briefing-115", "qa2021": "chapters/qa-2021"}


@pytest.mark.build
def test_every_block_offers_its_citation_in_this_version():
    assert (SITE / "index.html").exists(), "run `make book` (or `make test`) to build the site first"
    release = current_release()
    base = re.search(r'<link rel="canonical" href="([^"]+)(?:v\d+\.\d+\.\d+|dev)/',
                     (SITE / "chapters" / "intro.html").read_text(encoding="utf-8")).group(1)
    blocks = paragraphs()
    assert len(blocks) == 38
    pages = {document: (SITE / f"{page}.html").read_text(encoding="utf-8") for document, page in CHAPTER.items()}
    for document, text in pages.items():
        boxes = re.findall(r'<details class="book-citation"[^>]*>', text)
        assert len(boxes) == sum(1 for _, d in blocks if d == document)
    for block_id, document in blocks:
        text = pages[document]
        start = text.index(f"<summary>Cite this block ({block_id}, version {release.version})</summary>")
        box = html.unescape(text[start:text.index("</details>", start)])
        # A release is cited from its own folder; a working version from dev/, where it is served.
        folder = f"v{release.version}/" if release.date else "dev/"
        url = f"{base}{folder}{CHAPTER[document]}.html#{block_id}"
        assert box.count(url) == 3, f"{block_id}: author-date, BibTeX and RIS each give {url}"
        assert f"version {release.version}" in box and "TY  - CHAP" in box
        assert ("@incollection{" if release.date else "@misc{") in box
        assert release.date or ("not yet released" in box and f"v{release.version}/" not in box)
        assert f'id="{block_id}"' in text, f"the page has no anchor {block_id}"
        # Each format sits in a <pre> that sphinx-copybutton gives a copy button.
        assert box.count('<div class="highlight"><pre>') == 3
