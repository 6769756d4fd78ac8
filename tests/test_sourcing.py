"""The sourcing rule: every reference says what kind of source it is, and no editorial or dated
row of the data, and no dated sentence of the chapters, rests on encyclopedia or mirror pages alone."""
import pytest

from malibook.data import DATA_DIR
from malibook.data.sources import (
    CHAPTERS,
    CITATION,
    bibliography_problems,
    read_bibliography,
    weakly_sourced_rows,
    weakly_sourced_sentences,
)

ENTRIES = read_bibliography()


def test_every_reference_states_its_kind():
    assert bibliography_problems(ENTRIES) == []


def test_no_editorial_or_dated_row_rests_on_encyclopedias_or_mirrors():
    assert weakly_sourced_rows(DATA_DIR, ENTRIES) == []


@pytest.mark.parametrize("chapter", sorted(CHAPTERS.glob("*.md")), ids=lambda path: path.name)
def test_no_dated_sentence_rests_on_encyclopedias_or_mirrors(chapter):
    assert weakly_sourced_sentences(chapter, ENTRIES) == []


# --------------------------------------------------------------------------- the rule can fail

def test_a_row_citing_only_wikipedia_is_reported(tmp_path):
    (tmp_path / "events.csv").write_text(
        "event_id,start,end,provenance,reference_keys\n"
        "2012-x,2012-01-17,2012-01-17,document,wp2012rebellion\n"
        "2012-y,,,editorial,wp2012rebellion|reuters2012menaka\n"
        "2012-z,,,document,wp2012rebellion\n", encoding="utf-8")
    assert weakly_sourced_rows(tmp_path, ENTRIES) == [
        "events.csv, line 2, '2012-x': cites only encyclopedia or mirror pages (wp2012rebellion)"]


def test_a_dated_sentence_citing_only_a_mirror_is_reported(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("# Page\n\nAn undated claim {cite:p}`wpanefis`.\n\nThe town fell on 17 August\n2015"
                    " {cite:p}`wpanefis2015`; it changed hands again in 2016 {cite:p}`wpanefis`.\n\n"
                    "```python\nIn March 2012 {cite:p}`wpserval`.\n```\n", encoding="utf-8")
    problems = weakly_sourced_sentences(page, ENTRIES)
    assert len(problems) == 1 and problems[0].startswith("page.md, line 5: a dated sentence")


def test_a_reference_without_a_kind_or_a_mirror_without_its_original_is_reported():
    entries = {"a": {"line": "1", "sourcekind": "blog"}, "b": {"line": "9", "sourcekind": "mirror"},
               "c": {"line": "20", "sourcekind": "newspaper", "copyof": "x"}}
    problems = bibliography_problems(entries)
    assert [problem.split(":")[0] for problem in problems] == [
        "references.bib, line 1, entry 'a'", "references.bib, line 9, entry 'b'", "references.bib, line 20, entry 'c'"]


def encyclopedia_citations(text: str, entries: dict) -> list[str]:
    """The keys of encyclopedia entries a page cites, whatever the sentence (issue 22: no chapter cites
    an encyclopedia; its facts rest on reports, and a place's coordinates on GeoNames)."""
    cited = [key.strip() for keys in CITATION.findall(text) for key in keys.split(",")]
    return [key for key in cited if entries.get(key, {}).get("sourcekind") == "encyclopedia"]


@pytest.mark.parametrize("chapter", sorted(CHAPTERS.glob("*.md")), ids=lambda path: path.name)
def test_no_chapter_cites_an_encyclopedia(chapter):
    assert encyclopedia_citations(chapter.read_text(encoding="utf-8"), ENTRIES) == []


def test_an_encyclopedia_citation_is_reported():
    text = "Kati lies north-west of Bamako {cite:p}`wpkati`; the coup {cite:p}`reuters2012coup,wpkati`."
    assert encyclopedia_citations(text, ENTRIES) == ["wpkati", "wpkati"]
