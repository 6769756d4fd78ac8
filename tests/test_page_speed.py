"""What holds up a page's first paint, read from the built HTML of both editions (the scores
themselves are Lighthouse's, in tests/test_lighthouse.py and `make bench`): no script in any page's
head blocks the parser, whoever added it; the search index loads on the search page only; the charts'
300 kB bundle is not in any page's head but fetched by book-charts.js when a chart nears the viewport
(malibook.sphinxext.theme and .charts, docs/performance.md); the screen's figures are in an 8-bit
palette, every pixel within a few levels of the original, and the images after the first load
lazily (.screen_images)."""
import pathlib
import re
import urllib.parse

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT
from malibook.sphinxext.theme import deferred, icon_codepoints, with_deferred_scripts

SITE = ROOT / "_build" / "html"


def built_pages():
    assert (SITE / "index.html").exists() and (SITE / "fr" / "index.html").exists(), "run `make html` first"
    return sorted(path for path in SITE.rglob("*.html")
                  if not any(part.startswith("_") for part in path.relative_to(SITE).parts))


def head_scripts(path):
    page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    head = page.head or page  # the redirecting index.html has no head element
    return [script for script in head.find_all("script") if script.get("src")]


@pytest.mark.build
def test_no_script_in_any_head_blocks_the_first_paint():
    pages = built_pages()
    assert len(pages) >= 30  # both editions
    blocking = {str(path.relative_to(SITE)): [script["src"] for script in head_scripts(path)
                                              if not script.has_attr("defer") and not script.has_attr("async")]
                for path in pages}
    assert {page: sources for page, sources in blocking.items() if sources} == {}


@pytest.mark.build
def test_only_the_search_pages_load_the_search_index():
    search = re.compile(r"searchindex\.js|searchtools\.js")
    loading = sorted(str(path.relative_to(SITE)) for path in built_pages()
                     if any(search.search(script["src"]) for script in head_scripts(path)))
    assert loading == ["fr/search.html", "search.html"]


@pytest.mark.build
def test_the_chart_bundle_is_fetched_on_demand_from_an_address_that_exists():
    chart_pages = 0
    for path in built_pages():
        scripts = head_scripts(path)
        assert not any("book-vega.js" in script["src"] for script in scripts), path
        for script in scripts:
            if "book-charts.js" in script["src"]:
                chart_pages += 1
                address = urllib.parse.urljoin(urllib.parse.urljoin(path.as_uri(), script["src"]), script["data-vega"])
                bundle = urllib.parse.urlsplit(address)
                assert bundle.path.endswith("/_static/book-vega.js") and bundle.query.startswith("v=")
                assert pathlib.Path(urllib.parse.unquote(bundle.path)).is_file(), address
    assert chart_pages >= 8  # four pages with charts in each edition


def test_a_script_given_to_sphinx_is_deferred_unless_inline_or_already_async():
    from sphinx.builders.html._assets import _JavaScript

    plain = deferred(_JavaScript("tooltips.js", priority=800, **{"data-x": "1"}))
    assert (plain.filename, plain.priority, plain.attributes) == ("tooltips.js", 800, {"data-x": "1", "defer": "defer"})
    inline = _JavaScript("", body="let x = 1;")
    asynchronous = _JavaScript("thebe.js", **{"async": "async"})
    assert deferred(inline) is inline and deferred(asynchronous) is asynchronous


def test_a_template_script_is_deferred_unless_inline_or_already_async():
    markup = ('<script src="a.js"></script><script>let a;</script><script async="async" src="b.js"></script>'
              '<script defer src="c.js"></script>')
    assert with_deferred_scripts(markup) == ('<script defer src="a.js"></script><script>let a;</script>'
                                             '<script async="async" src="b.js"></script>'
                                             '<script defer src="c.js"></script>')


def assert_icon_fonts_cut_to_the_pages(html):
    """Each icon font of an edition's HTML under 10 kB, with a glyph for every icon its pages can show
    (tests/test_sphinx8.py asks the same of the Sphinx 8 road)."""
    from fontTools.ttLib import TTFont

    static = html / "_static"
    pages = [path for path in html.rglob("*.html") if "_static" not in path.parts]
    wanted = icon_codepoints(static, pages)
    assert {0xF09B, 0xF185, 0xF186, 0xF002} <= wanted  # GitHub, sun, moon, search: in every page's header
    found = set()
    for name in ("fa-solid-900", "fa-regular-400", "fa-brands-400"):
        path = static / f"book-{name}.woff"
        assert path.stat().st_size < 10_000, path
        found |= set(TTFont(path).getBestCmap())
    assert wanted - found == set()  # every icon the pages can show has its glyph
    assert "book-fa-solid-900.woff" in (static / "book.css").read_text(encoding="utf-8")


@pytest.mark.build
@pytest.mark.parametrize("edition", ["", "fr/"])
def test_the_icon_fonts_are_cut_to_the_icons_the_pages_use(edition):
    assert_icon_fonts_cut_to_the_pages(SITE / edition)


def test_icon_rules_are_read_inside_media_queries_and_selector_lists(tmp_path):
    """A rule for a class the pages name keeps its glyph and one for a class nobody names loses it,
    wherever the rule stands (first in the sheet, first inside an @media block, in a selector list); a
    glyph named outside an icon rule (an admonition's ::before) is kept."""
    static = tmp_path / "_static"
    static.mkdir()
    (static / "icons.css").write_text(
        '.fa-unused:before{content:"\\f000"}.fa-sun:before{content:"\\f185"}'
        '@media (min-width:1px){.fa-unseen:before{content:"\\f001"}.fa-moon:before{content:"\\f186"}}'
        '.fa-a:before,.fa-search:before{content:"\\f002"}.admonition:before{content:"\\f05a"}', encoding="utf-8")
    page = tmp_path / "page.html"
    page.write_text('<i class="fa-sun"></i><i class="fa-moon"></i><i class="fa-search"></i>', encoding="utf-8")
    assert icon_codepoints(static, [page]) == {0xF185, 0xF186, 0xF002, 0xF05A}


def test_icon_rules_of_font_awesome_7_are_read_too(tmp_path):
    """Font Awesome 7 (pydata-sphinx-theme 0.20, the Sphinx 8 road) names an icon in a custom property on
    the bare class. Read as a rule of no icon class, each of its 1,923 icons was kept, and the cut
    fonts were 20 to 140 kB there instead of a few."""
    static = tmp_path / "_static"
    static.mkdir()
    (static / "icons.css").write_text(
        '.fa-unused{--fa:"\\f000"}.fa-sun{--fa:"\\f185"}.fa-bars,.fa-navicon{--fa:"\\f0c9"}'
        '.fa-a:before,.fa-b{--fa:"\\f001"}.x{--fa:"\\f002"}', encoding="utf-8")
    page = tmp_path / "page.html"
    page.write_text('<i class="fa-sun"></i><i class="fa-navicon"></i>', encoding="utf-8")
    assert icon_codepoints(static, [page]) == {0xF185, 0xF0C9, 0xF002}


def test_the_icon_scan_reads_again_only_the_files_that_changed(tmp_path):
    """What a file held is kept from one build to the next under its size and time: an unchanged file is
    not read again (the kept answer is used, even a wrong one), a changed one is."""
    static = tmp_path / "_static"
    static.mkdir()
    (static / "icons.css").write_text('.fa-sun:before{content:"\\f185"}.fa-moon:before{content:"\\f186"}',
                                      encoding="utf-8")
    page = tmp_path / "page.html"
    page.write_text('<i class="fa-sun"></i>', encoding="utf-8")
    kept = {}
    assert icon_codepoints(static, [page], kept) == {0xF185}
    assert set(kept) == {str(page), str(static / "icons.css")}
    kept[str(page)][1] = ["fa-moon"]  # a kept answer that differs from the file
    assert icon_codepoints(static, [page], kept) == {0xF186}
    page.write_text('<i class="fa-sun"></i><i class="fa-moon"></i>', encoding="utf-8")
    assert icon_codepoints(static, [page], kept) == {0xF185, 0xF186}
    page.unlink()
    assert icon_codepoints(static, [], kept) == set() and str(page) not in kept


def test_a_figure_in_a_palette_keeps_every_pixel_and_weighs_less():
    """An opaque anti-aliased figure: every pixel within 3 levels of the original, a smaller file, the
    same bytes twice; a transparent image and a palette one are left alone."""
    import io

    import matplotlib
    from PIL import Image, ImageChops

    from malibook.sphinxext.screen_images import palette_png

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(figsize=(6, 4), dpi=144)  # as the notebooks draw theirs
    axes.barh(["Bamako", "Anefis", "Kidal", "Gao"], [16, 9, 3, 2], color=["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728"])
    axes.plot([0, 16], [0, 3], color="#9467bd", linewidth=1.5)
    axes.set_title("Events by place, 2012-2025", fontsize=9)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    plt.close(figure)
    image = Image.open(buffer).convert("RGBA")
    source = io.BytesIO()
    image.save(source, "PNG")
    smaller = palette_png(source.getvalue())
    assert smaller is not None and len(smaller) < len(source.getvalue()) and palette_png(source.getvalue()) == smaller
    palette = Image.open(io.BytesIO(smaller))
    assert palette.mode == "P" and palette.size == image.size
    assert ImageChops.difference(image.convert("RGB"), palette.convert("RGB")).getextrema() <= ((0, 3),) * 3
    assert palette_png(smaller) is None  # already a palette
    image.putpixel((0, 0), (255, 255, 255, 0))
    transparent = io.BytesIO()
    image.save(transparent, "PNG")
    assert palette_png(transparent.getvalue()) is None


def test_the_first_image_of_a_page_comes_first_and_the_others_when_near():
    from malibook.sphinxext.screen_images import lazy_images

    body = '<p><img alt="a" src="a.png" /></p><img src="b.png"><img src="c.png" loading="eager">'
    assert lazy_images(body) == ('<p><img alt="a" src="a.png" fetchpriority="high" /></p>'
                                 '<img src="b.png" loading="lazy" decoding="async"><img src="c.png" loading="eager">')


@pytest.mark.build
@pytest.mark.parametrize("edition", ["", "fr/"])
def test_the_screen_figures_are_in_a_palette(edition):
    from PIL import Image

    figures = sorted((SITE / edition / "_images").glob("*.png"))
    assert len(figures) >= 10
    assert {path.name: Image.open(path).mode for path in figures if Image.open(path).mode != "P"} == {}
    assert sum(path.stat().st_size for path in figures) < 600_000  # 1.2 MB in 24-bit colour
