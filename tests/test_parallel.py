"""The parallel views, the synopsis and the search that lands on a block.

- The parallel view (malibook.site.parallel): on the built site, every block of each document appears
  as one row pairing its English and French sections (lang en left, fr right), in both editions'
  pages, with no ID twice on a page and every link inside the cells leading to a page that exists;
  composing fails with a message naming the block when the two editions differ; the composed page is
  the same after a second run.
- The synopsis (malibook.analysis.synopsis): the actors and events both documents mention, from the
  data, and each component of the recommendations beside its latest observation.
- In Chromium: the parallel view side by side at 1280 px and stacked without sideways scrolling at
  390 px; a search for "honour pacts" (English) and « pactes d'honneur » (French) lists a block of
  the Briefing among its results, with its anchor and a snippet free of page chrome; from disk the
  search box says why it cannot search. Screenshots go to _build/browser/.
"""
import json
import pathlib
import re
import time
from html.parser import HTMLParser

import pytest

from conftest import ROOT
from malibook import load
from malibook.analysis import synopsis
from malibook.site import parallel

SITE = ROOT / "_build" / "html"
OUTPUT = ROOT / "_build" / "browser"
DOCUMENTS = {"b115": "chapters/briefing-115", "qa2021": "chapters/qa-2021"}
EDITIONS = {"en": "", "fr": "fr/"}


# --- Composing, on a small site of two chapter pages ---------------------------------------------

def chapter(blocks, language):
    sections = "".join(
        f'<section class="book-block" id="{block}-slug"><span id="{block}"></span>'
        f'<h2>{block} · {language}<a class="headerlink" href="#{block}-slug">#</a></h2>'
        f'<div class="retelling"><p id="x1">Text {language} <a href="#b1">b1</a> '
        f'<a href="bibliography.html#ref">ref</a></p></div>'
        f'<div class="block-data"><p>data</p></div></section>' for block in blocks)
    return f"<html lang='{language}'><body><main>{sections}</main></body></html>"


def small_site(tmp_path, english=("b1", "b2"), french=("b1", "b2")):
    for folder, blocks, language in (("", english, "en"), ("fr/", french, "fr")):
        (tmp_path / folder / "chapters").mkdir(parents=True, exist_ok=True)
        (tmp_path / folder / "chapters" / "doc.html").write_text(chapter(blocks, language), encoding="utf-8")
        (tmp_path / folder / "chapters" / "doc-parallel.html").write_text(
            f"<html><body>{parallel.placeholder('chapters/doc')}</body></html>", encoding="utf-8")
    return tmp_path


def test_composing_pairs_blocks_and_rewrites_links(tmp_path):
    site = small_site(tmp_path)
    assert parallel.fill_site(site) == {"chapters/doc-parallel.html": 2, "fr/chapters/doc-parallel.html": 2}
    page = (site / "chapters" / "doc-parallel.html").read_text(encoding="utf-8")
    assert page.count('class="parallel-row"') == 2
    assert re.findall(r'<div class="parallel-row" id="(\w+)"><div class="parallel-cell book-block" lang="(\w+)">.*?'
                      r'<div class="parallel-cell book-block" lang="(\w+)">', page) == [("b1", "en", "fr"),
                                                                                        ("b2", "en", "fr")]
    assert "data</p>" not in page and 'id="x1"' not in page and "headerlink" not in page
    # The French cell's links lead to the French pages; a block's anchor to the block's row.
    assert 'href="../fr/chapters/bibliography.html#ref"' in page and 'href="#b1"' in page
    assert 'href="doc.html#b2"' in page and 'href="../fr/chapters/doc.html#b2"' in page
    french = (site / "fr" / "chapters" / "doc-parallel.html").read_text(encoding="utf-8")
    assert 'href="../../chapters/bibliography.html#ref"' in french and 'href="bibliography.html#ref"' in french
    # Again: the same page, not a second set of rows.
    parallel.fill_site(site)
    assert (site / "chapters" / "doc-parallel.html").read_text(encoding="utf-8") == page


def test_composing_names_the_block_one_edition_lacks(tmp_path):
    site = small_site(tmp_path, french=("b1",))
    with pytest.raises(parallel.ParallelError, match=r"chapters/doc: .*\bb2\b"):
        parallel.fill_site(site)
    assert parallel.main([str(site)]) == 1


def test_composing_names_a_missing_page(tmp_path):
    site = small_site(tmp_path)
    (site / "fr" / "chapters" / "doc.html").unlink()
    with pytest.raises(parallel.ParallelError, match=r"fr/chapters/doc\.html: no such page"):
        parallel.fill_site(site)


# --- The synopsis, from the data ---------------------------------------------------------------------

def test_synopsis_sets_each_shared_actor_and_event_and_every_component():
    tables = load()
    mentions = tables["mentions"].merge(tables["paragraphs"][["paragraph_id", "document_id"]])
    for column in ("actor_id", "event_id"):
        both = {key for key, found in mentions.dropna(subset=[column]).groupby(column)["document_id"]
                if set(found) == {"b115", "qa2021"}}
        assert synopsis.shared(tables, column) == sorted(both) and both
    table = synopsis.actors_table(tables, "en")
    assert len(table.splitlines()) == 2 + len(synopsis.shared(tables, "actor_id"))
    assert "{para}`qa2021-p13`" in table
    events = synopsis.events_side_by_side(tables, "fr")
    assert [side[0] for side in events[0]["sides"]] == ["Briefing 115 (2015)", "Le Q&A (2021)"]
    rows = synopsis.recommendations_side_by_side(tables, "en")
    components = tables["recommendation_components"]
    assert len(rows) == components["paragraph_id"].nunique()
    fates = "\n".join(row["sides"][1][1] for row in rows)
    assert fates.count("\n- ") + 1 == len(components)


# --- The built site ---------------------------------------------------------------------------------

class _Ids(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids, self.links = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])


def built(path):
    page = SITE / path
    assert page.is_file(), "run `make html` first"
    return page.read_text(encoding="utf-8")


@pytest.mark.build
@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("document", DOCUMENTS)
def test_parallel_view_pairs_every_block(document, edition):
    import pandas as pd

    blocks = pd.read_csv(ROOT / "data" / "paragraphs.csv")
    wanted = blocks[blocks["document_id"] == document]["paragraph_id"].tolist()
    path = f"{EDITIONS[edition]}{DOCUMENTS[document]}-parallel.html"
    page = built(path)
    rows = re.findall(r'<div class="parallel-row" id="([^"]+)"><div class="parallel-cell book-block" lang="en">'
                      r'(.*?)</div><div class="parallel-cell book-block" lang="fr">', page, re.S)
    assert [row for row, _ in rows] == wanted
    assert page.count('class="parallel-cell book-block" lang="fr"') == len(wanted)
    assert all('class="retelling' in cell for _, cell in rows)
    parser = _Ids()
    parser.feed(page)
    assert len(parser.ids) == len(set(parser.ids)), "an ID twice on the page"
    folder = (SITE / path).parent
    broken = sorted({link for link in parser.links if not re.match(r"[a-z]+:|#", link)
                     and not (folder / link.split("#")[0]).resolve().is_file()})
    assert broken == []


@pytest.mark.build
@pytest.mark.parametrize("edition", EDITIONS)
def test_document_chapters_and_parallel_views_link_each_other(edition):
    for document in DOCUMENTS.values():
        name = document.split("/")[1]
        assert f'href="{name}-parallel.html"' in built(f"{EDITIONS[edition]}{document}.html")
        assert f'href="{name}.html"' in built(f"{EDITIONS[edition]}{document}-parallel.html")


@pytest.mark.build
def test_search_index_covers_both_editions_and_only_article_bodies():
    manifest = json.loads((SITE / "_pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert set(manifest["languages"]) == {"en", "fr"}
    page = built("notebooks/timeline.html")
    assert page.count("data-pagefind-body") == 1
    assert '<details class="book-chart-table" data-pagefind-ignore' in page
    assert "data-pagefind-body" not in built("chapters/briefing-115-parallel.html")
    # One search box a page, the theme's dialog's.
    assert built("chapters/briefing-115.html").count('name="q"') == 1
