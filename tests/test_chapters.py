"""The annotated chapters: every block has its anchor, and dates typed in prose agree with the data."""
import datetime
import json
import re

import pandas as pd
import pytest

from conftest import ROOT, SHARED_SOURCES
from malibook import load

CHAPTER_OF = {"b115": "briefing-115", "qa2021": "qa-2021"}
MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
FULL_DATE = re.compile(rf"\b(\d{{1,2}}) ({MONTHS}) (\d{{4}})\b")
MONTH_YEAR = re.compile(rf"(?<!\d )\b({MONTHS}) (\d{{4}})\b")


def paragraph_ids() -> list[str]:
    return list(load()["paragraphs"]["paragraph_id"])


def test_every_block_has_a_labelled_section_in_its_chapter_source():
    for paragraph_id in paragraph_ids():
        chapter = ROOT / "chapters" / f"{CHAPTER_OF[paragraph_id.split('-')[0]]}.md"
        text = chapter.read_text(encoding="utf-8")
        assert f"({paragraph_id})=\n## `{paragraph_id}`" in text, paragraph_id
        assert f"```{{block-data}} {paragraph_id}\n```" in text, paragraph_id


def test_blocks_appear_in_document_order():
    paragraphs = load()["paragraphs"]
    for document, blocks in paragraphs.groupby("document_id"):
        text = (ROOT / "chapters" / f"{CHAPTER_OF[document]}.md").read_text(encoding="utf-8")
        positions = [text.index(f"({paragraph_id})=") for paragraph_id in blocks.sort_values("order")["paragraph_id"]]
        assert positions == sorted(positions), document


@pytest.mark.build
def test_every_paragraph_id_is_an_anchor_of_the_built_chapter(built_html):
    if SHARED_SOURCES.exists():
        ids = sorted(json.loads(SHARED_SOURCES.read_text(encoding="utf-8")))
        assert ids == sorted(paragraph_ids())
    for paragraph_id in paragraph_ids():
        page = built_html / "chapters" / f"{CHAPTER_OF[paragraph_id.split('-')[0]]}.html"
        assert f'id="{paragraph_id}"' in page.read_text(encoding="utf-8"), paragraph_id


@pytest.mark.build
def test_paragraph_links_point_to_existing_anchors(built_html):
    def ids(page):
        return set(re.findall(r'id="([^"]+)"', page.read_text(encoding="utf-8")))

    anchors = {page.relative_to(built_html).as_posix(): ids(page) for page in built_html.rglob("*.html")}
    links = 0
    for page in (built_html / "chapters").glob("*.html"):
        paragraph_link = r'href="([\w./-]*\.html)#((?:b115|qa2021)-[a-z0-9]+)"'
        paragraph_links = re.findall(paragraph_link, page.read_text(encoding="utf-8"))
        for target, anchor in paragraph_links:
            resolved = (page.parent / target).resolve().relative_to(built_html.resolve()).as_posix()
            assert anchor in anchors[resolved], (page.name, target, anchor)
            links += 1
    assert links > 50


def event_spans() -> list[tuple[pd.Timestamp, pd.Timestamp]]:
    events = load()["events"]
    return list(zip(events["start"], events["end"]))


def typed_dates():
    """Every date written out in a prose chapter: (chapter, text, first day, last day)."""
    for chapter in sorted((ROOT / "chapters").glob("*.md")):
        text = chapter.read_text(encoding="utf-8")
        for day, month, year in FULL_DATE.findall(text):
            date = pd.Timestamp(datetime.datetime.strptime(f"{day} {month} {year}", "%d %B %Y"))
            yield chapter.name, f"{day} {month} {year}", date, date
        for month, year in MONTH_YEAR.findall(text):
            first = pd.Timestamp(datetime.datetime.strptime(f"1 {month} {year}", "%d %B %Y"))
            yield chapter.name, f"{month} {year}", first, first + pd.offsets.MonthEnd(0)


def test_dates_typed_in_prose_agree_with_the_data():
    """A date written in a chapter falls within an event of the data (a month must overlap one)."""
    spans = event_spans()
    checked = 0
    for chapter, label, first, last in typed_dates():
        assert any(start <= last and first <= end for start, end in spans), f"{chapter}: {label} is in no event"
        if first == last:
            assert any(start <= first <= end for start, end in spans), f"{chapter}: {label}"
        checked += 1
    assert checked > 30


def test_a_date_outside_every_event_would_be_caught():
    spans = event_spans()
    stray = pd.Timestamp("2017-03-03")
    assert not any(start <= stray <= end for start, end in spans)


@pytest.mark.build
def test_glued_numbers_in_the_context_chapter_match_the_data(built_html):
    from malibook.analysis.timeline import intervals

    page = re.sub(r"<[^>]+>", "", (built_html / "chapters" / "context.html").read_text(encoding="utf-8"))
    page = re.sub(r"\s+", " ", page)
    days = intervals(load()).set_index("interval")["days"]
    assert f"came {days['Coup of 2020 to the arrests of May 2021']} days after" in page
    assert f"{days['Coup of 2012 to coup of 2020']} days had passed" in page


@pytest.mark.build
def test_every_figure_of_the_book_has_alt_text(built_html):
    """Every image the book's notebooks and chapters produce (not the theme's icons) describes itself."""
    images = 0
    for page in built_html.rglob("*.html"):
        for tag in re.findall(r'<img\b[^>]*src="[^"]*_images/[^>]*>', page.read_text(encoding="utf-8")):
            alt = re.search(r'\balt="([^"]*)"', tag)
            assert alt and len(alt.group(1)) > 20, f"{page.relative_to(built_html)}: {tag[:120]}"
            images += 1
    assert images >= 12


# A body block of a document: a paragraph (`p`) or a recommendation (`r`), not a pull quote (`pq`).
BODY_BLOCK = re.compile(r"(?:b115|qa2021)-[pr]\d+")
CITATION = re.compile(r"\{cite:[pt]\}`[^`]+`")
PARAGRAPH_LINK = re.compile(r"\{para\}`(?:[^`<]*<)?([a-z0-9-]+)>?`")


def annotations_of(text: str, paragraph_id: str) -> str:
    """The annotations of a block's section in a chapter's source ('' if the section has none)."""
    start = text.index(f"({paragraph_id})=\n")
    end = text.index(f"```{{block-data}} {paragraph_id}\n", start)
    section = text[start:end]
    marker = section.find("**Annotations.**")
    return section[marker:] if marker >= 0 else ""


def annotation_points_beyond(text: str, paragraph_id: str) -> bool:
    """The block's annotations cite a reference or link to a block other than their own."""
    annotations = annotations_of(text, paragraph_id)
    links = {target for target in PARAGRAPH_LINK.findall(annotations) if target != paragraph_id}
    return bool(CITATION.search(annotations) or links)


def body_blocks() -> list:
    return [paragraph_id for paragraph_id in paragraph_ids() if BODY_BLOCK.fullmatch(paragraph_id)]


@pytest.mark.parametrize("paragraph_id", body_blocks())
def test_every_body_block_has_an_annotation_that_points_beyond_it(paragraph_id):
    """A reader of a paragraph or recommendation gets a source or another block to follow up."""
    chapter = ROOT / "chapters" / f"{CHAPTER_OF[paragraph_id.split('-')[0]]}.md"
    assert annotation_points_beyond(chapter.read_text(encoding="utf-8"), paragraph_id), (
        f"{chapter.name}: the annotations of {paragraph_id} cite no reference and link to no other block")


def test_body_blocks_of_both_documents_are_checked():
    ids = [paragraph_id for paragraph_id in paragraph_ids() if BODY_BLOCK.fullmatch(paragraph_id)]
    assert {"b115-p1", "b115-r4", "qa2021-p1", "qa2021-p13"} <= set(ids)
    assert not any(paragraph_id.startswith("qa2021-pq") for paragraph_id in ids)


SECTION_FIXTURE = """(b115-p9)=
## `b115-p9` · A block
**Retelling.** Something {cite:p}`crisisgroup2015peace`.

**Annotations.** ANNOTATIONS

```{block-data} b115-p9
```
"""


@pytest.mark.parametrize("annotations, points_beyond", [
    ("Only words.", False),
    ("A link to itself only: {para}`b115-p9`.", False),
    ("A link to {para}`b115-p2`.", True),
    ("A link with its own text, {para}`the second paragraph <b115-p2>`.", True),
    ("A source {cite:p}`reuters2015cma`.", True),
    ("A source named in the text, {cite:t}`reuters2015cma`.", True),
])
def test_an_annotation_that_points_nowhere_is_caught(annotations, points_beyond):
    text = SECTION_FIXTURE.replace("ANNOTATIONS", annotations)
    assert annotation_points_beyond(text, "b115-p9") is points_beyond


def test_a_section_without_annotations_is_caught():
    text = SECTION_FIXTURE.replace("**Annotations.** ANNOTATIONS", "")
    assert annotations_of(text, "b115-p9") == ""
    assert not annotation_points_beyond(text, "b115-p9")
