"""The parallel views, the synopsis and the search that lands on a block.

- The parallel view (malibook.publishing.parallel_pages): on the built site, every block of each document appears
  as one row pairing its English and French sections (lang en left, fr right), in both editions'
  pages, with no ID twice on a page and every link inside the cells leading to a page that exists;
  composing fails with a message naming the block when the two editions differ; the composed page is
  the same after a second run.
- The synopsis (malibook.analysis.meeting_points): the actors and events both documents mention, from the
  data, and each component of the recommendations beside its latest observation.
- In Chromium: the parallel view side by side at 1280 px and stacked without sideways scrolling at
  390 px; a search for "honour pacts" (English) and « pactes d'honneur » (French) lists a block of
  the Briefing among its results, with its anchor and a snippet free of page chrome; from disk the
  search box says why it cannot search. Screenshots go to _build/browser/.
"""
import json
import re
import time
from html.parser import HTMLParser

import pytest

from conftest import ROOT, headless_chromium
from malibook import load
from malibook.analysis import meeting_points as synopsis
from malibook.publishing import parallel_pages as parallel

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
    assert events[0]["headings"] == ["Briefing 115 (2015)", "Le Q&A (2021)"]
    assert "{para}`qa2021-p13`" in events[0]["pairs"][0][1]
    rows = synopsis.recommendations_side_by_side(tables, "en")
    components = tables["recommendation_components"]
    assert len(rows) == components["paragraph_id"].nunique()
    assert sum(len(row["pairs"]) for row in rows) == len(components)
    assert all(fate.startswith("**") for row in rows for _, fate in row["pairs"])


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


# --- In Chromium ------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def server():
    from qa.lighthouse import serve

    assert (SITE / "index.html").exists(), "run `make html` first"
    with serve(SITE) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    driver = headless_chromium()
    OUTPUT.mkdir(parents=True, exist_ok=True)
    yield driver
    driver.quit()


def open_page(driver, url, width=1280):
    driver.set_window_size(width, 1000)
    driver.get(url)
    for _ in range(100):
        if driver.execute_script("return document.readyState") == "complete":
            break
        time.sleep(0.1)
    time.sleep(0.3)


def severe_errors(driver):
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


@pytest.mark.browser
@pytest.mark.parametrize("edition", EDITIONS)
@pytest.mark.parametrize("width", (1280, 390))
def test_parallel_view_side_by_side_on_a_desktop_stacked_on_a_phone(server, browser, edition, width):
    page = f"{EDITIONS[edition]}chapters/briefing-115-parallel.html"
    open_page(browser, f"{server}/{page}#b115-p2", width)
    browser.save_screenshot(str(OUTPUT / f"parallel-{edition}-{width}.png"))
    rows = browser.execute_script(
        "return Array.from(document.querySelectorAll('.parallel-row')).map(row => {"
        "  const [en, fr] = row.querySelectorAll(':scope > .parallel-cell');"
        "  const a = en.getBoundingClientRect(), b = fr.getBoundingClientRect();"
        "  return [row.id, en.lang, fr.lang, a.left, a.top, a.bottom, b.left, b.top]; })")
    assert len(rows) == 13
    for row_id, english, french, en_left, en_top, en_bottom, fr_left, fr_top in rows:
        assert (english, french) == ("en", "fr"), row_id
        if width >= 1000:
            assert fr_left > en_left + 200 and abs(fr_top - en_top) < 2, row_id  # side by side, English left
        else:
            assert abs(fr_left - en_left) < 2 and fr_top >= en_bottom - 1, row_id  # stacked, English first
    scroll, client = browser.execute_script(
        "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert scroll <= client
    assert severe_errors(browser) == []


def search(browser, url, query, width=1280):
    """Type ``query`` in the page's search box; the results' addresses and texts once they are shown."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    open_page(browser, url, width)
    assert browser.execute_script("return performance.getEntriesByType('resource')"
                                  ".filter(e => e.name.includes('_pagefind')).length") == 0, "Pagefind loaded early"
    browser.execute_script("document.querySelector('.search-button__button').click()")
    field = WebDriverWait(browser, 10).until(
        lambda driver: driver.find_element(By.CSS_SELECTOR, "#pst-search-dialog form.book-search input"))
    assert len(browser.find_elements(By.CSS_SELECTOR, "input[name=q]")) == 1, "one search box a page"
    field.send_keys(query)
    WebDriverWait(browser, 30).until(
        lambda driver: driver.find_elements(By.CSS_SELECTOR, ".book-search__results a, .book-search__note"))
    time.sleep(0.5)
    return [(link.get_attribute("href"), link.find_element(By.XPATH, "following-sibling::p").text)
            for link in browser.find_elements(By.CSS_SELECTOR, ".book-search__results li > a")]


@pytest.mark.browser
@pytest.mark.parametrize("edition, query", [("en", "honour pacts"), ("fr", "pactes d’honneur")])
def test_search_lands_on_a_block_of_the_briefing(server, browser, edition, query):
    results = search(browser, f"{server}/{EDITIONS[edition]}chapters/intro.html", query)
    browser.save_screenshot(str(OUTPUT / f"search-{edition}-1280.png"))
    prefix = f"{server}/{EDITIONS[edition]}chapters/briefing-115.html#b115-"
    blocks = [(href, text) for href, text in results if href.startswith(prefix)]
    assert blocks, results
    ids = set(load()["paragraphs"]["paragraph_id"])
    assert all(href.split("#")[1] in ids for href, _ in blocks)
    # The snippet is the block's text: no chart table, citation record or heading link sign.
    for _, text in results:
        assert text and "TY  -" not in text and "Table view" not in text and "¶" not in text
    assert severe_errors(browser) == []


@pytest.mark.browser
def test_search_on_a_phone(server, browser):
    results = search(browser, f"{server}/fr/chapters/qa-2021.html", "pactes d’honneur", 390)
    browser.save_screenshot(str(OUTPUT / "search-fr-390.png"))
    assert results
    scroll, client = browser.execute_script(
        "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert scroll <= client


@pytest.mark.browser
def test_search_from_disk_says_why_and_offers_the_search_page(browser):
    from selenium.webdriver.common.by import By

    open_page(browser, (SITE / "chapters" / "intro.html").as_uri())
    browser.execute_script("document.querySelector('.search-button__button').click()")
    field = browser.find_element(By.CSS_SELECTOR, "#pst-search-dialog form.book-search input")
    field.send_keys("Anefis")
    time.sleep(0.5)
    note = browser.find_element(By.CSS_SELECTOR, ".book-search__note").text
    assert "disk" in note and "Enter" in note
    field.submit()
    time.sleep(1)
    assert browser.current_url.startswith((SITE / "search.html").as_uri())


def test_the_synopsis_actors_table_gets_its_roles_and_nothing_else_does():
    """On a phone the actors' table is laid out as grids (book.css): its ARIA roles keep it a table for
    screen readers; another table of the page is left as it is."""
    from malibook.sphinxext.synopsis import ACTORS_BOX, with_table_roles

    body = (f'{ACTORS_BOX}<div class="pst-scrollable-table-container"><table class="table"><thead>'
            '<tr class="row-odd"><th class="head"><p>Actor</p></th></tr></thead><tbody><tr><td><p>CMA</p></td>'
            '</tr></tbody></table></div></div><table class="table"><tr><td>other</td></tr></table>')
    roles = with_table_roles(body)
    assert ('<table role="table" class="table"><thead role="rowgroup"><tr role="row" class="row-odd">'
            '<th role="columnheader" class="head">') in roles
    assert '<tbody role="rowgroup"><tr role="row"><td role="cell">' in roles
    assert roles.endswith('<table class="table"><tr><td>other</td></tr></table>')
    assert with_table_roles("<p>No synopsis here.</p>") == "<p>No synopsis here.</p>"
