"""The book in a real browser: headless Chromium from Debian, driven by Selenium through Debian's
chromedriver (nothing is downloaded), with axe-core from npm for accessibility.

Every page of the table of contents, in both editions (the French one under fr/), loads with no
console error and all its images; the search page finds "Anefis", and the French one finds a French
word by its stem; the dark theme renders; axe finds no serious or critical violation, no image
without alt text and no skipped heading level. Screenshots and the axe report are saved under
_build/browser/.
"""
import json
import re
import time

import pytest
import yaml

from conftest import ROOT, headless_chromium, load_lazy_images
from qa.lighthouse import serve

pytestmark = pytest.mark.browser

SITE = ROOT / "_build" / "html"
OUTPUT = ROOT / "_build" / "browser"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# Rules that must pass, besides every rule whose violations axe rates serious or critical.
REQUIRED_RULES = {"image-alt", "heading-order", "page-has-heading-one"}


def toc_pages(editions=("", "fr/")):
    """Every page of the table of contents, in each edition given (the English one's folder is "")."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    pages = [toc["root"]] + [chapter["file"] for part in toc["parts"] for chapter in part["chapters"]]
    return [f"{edition}{page}" for edition in editions for page in pages]


# Probe pages, served besides the built site (never written into it: other test files read it meanwhile).
AXE_PROBE = ("<!DOCTYPE html><html lang='en'><head><title>Probe</title></head><body><main>"
             "<h1>Probe</h1><h4>Skipped levels</h4><img src='_static/images/logo_binder.svg'>"
             "</main></body></html>")


def chart_probe():
    """The timeline page with its first chart's spec broken: a mark type that vega-lite rejects."""
    original = (SITE / "notebooks" / "timeline.html").read_text(encoding="utf-8")
    start = original.index('<script type="application/json" class="book-chart-spec">') + 56
    return original[:start] + '{"mark": "no-such-mark"}' + original[original.index("</script>", start):]


@pytest.fixture(scope="module")
def server():
    assert (SITE / "index.html").exists(), "run `make book` (or `make test`) to build the site first"
    with serve(SITE, extra_pages={"_axe_probe.html": AXE_PROBE, "notebooks/_chart_probe.html": chart_probe(),
                                  "chapters/_versions_probe.html": versions_probe()}) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    driver = headless_chromium("--lang=en")
    OUTPUT.mkdir(parents=True, exist_ok=True)
    yield driver
    driver.quit()


def open_page(driver, url):
    driver.get(url)
    for _ in range(100):
        if driver.execute_script("return document.readyState") == "complete":
            break
        time.sleep(0.1)
    time.sleep(0.3)  # the theme's scripts run after load


def console_errors(driver):
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


# One edition at a time (each test below runs once for each): both at once took more than a minute.
@pytest.fixture(scope="module", params=["", "fr/"], ids=["en", "fr"])
def page_visits(request, server, browser):
    """Every page of an edition opened once: its console errors, broken images, the addresses of
    everything it loaded (its charts drawn first) and axe's violations, for the tests below."""
    browser.get_log("browser")  # start from an empty log
    visits = {}
    for page in toc_pages([request.param]):
        open_page(browser, f"{server}/{page}.html")
        wait_for_charts(browser)
        load_lazy_images(browser)  # the figures below the first load as the reader scrolls to them
        broken_images = browser.execute_script(
            "return Array.from(document.images).filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src)")
        errors = console_errors(browser)
        loaded = browser.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")
        visits[page] = {"console": errors, "images": broken_images, "loaded": loaded, "axe": run_axe(browser)}
    return visits


def test_every_page_loads_without_console_errors_and_with_its_images(page_visits):
    problems = {page: {"console": visit["console"], "images": visit["images"]}
                for page, visit in page_visits.items() if visit["console"] or visit["images"]}
    assert problems == {}


def test_figures_are_displayed(server, browser):
    open_page(browser, f"{server}/notebooks/timeline.html")
    wait_for_charts(browser)
    # Each figure shows its interactive chart once it has rendered, its static image otherwise.
    sizes = browser.execute_script(
        "return Array.from(document.querySelectorAll('figure img')).map(i => [i.naturalWidth, "
        "i.parentElement.classList.contains('book-chart-live') ? "
        "i.parentElement.querySelector('svg').clientWidth : i.clientWidth])")
    assert len(sizes) >= 3 and all(natural > 300 and shown > 200 for natural, shown in sizes), sizes


def search_results(browser, url):
    """The addresses the search page at ``url`` lists, once its results have arrived."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    open_page(browser, url)
    WebDriverWait(browser, 30).until(lambda driver: driver.find_elements(By.CSS_SELECTOR, "#search-results li"))
    return [element.get_attribute("href") for element in
            browser.find_elements(By.CSS_SELECTOR, "#search-results li a")]


def test_search_finds_anefis(server, browser):
    results = search_results(browser, f"{server}/search.html?q=Anefis")
    assert any("briefing-115.html" in result for result in results), results
    assert console_errors(browser) == []


def test_french_search_finds_a_word_by_its_french_stem(server, browser):
    """"exécutions" is in no page: the French stemmer reduces it, and "exécuté" in a page, to one stem."""
    results = search_results(browser, f"{server}/fr/search.html?q=exécutions")
    assert any("/fr/chapters/execution-statistics.html" in result for result in results), results
    assert browser.execute_script("return document.documentElement.lang") == "fr"
    assert console_errors(browser) == []


def luminance(css_colour):
    """Relative brightness, 0 to 1, of a computed colour such as 'rgb(18, 18, 18)'."""
    red, green, blue = [float(part) for part in re.findall(r"[\d.]+", css_colour)[:3]]
    return (0.2126 * red + 0.7152 * green + 0.0722 * blue) / 255


def test_screenshots_and_the_dark_theme(server, browser):
    open_page(browser, f"{server}/chapters/intro.html")
    browser.save_screenshot(str(OUTPUT / "home.png"))
    open_page(browser, f"{server}/chapters/briefing-115.html")
    browser.save_screenshot(str(OUTPUT / "chapter-briefing-115.png"))
    light = browser.execute_script("return getComputedStyle(document.body).backgroundColor")
    browser.execute_script("localStorage.setItem('mode', 'dark'); localStorage.setItem('theme', 'dark');")
    open_page(browser, f"{server}/chapters/briefing-115.html")
    assert browser.execute_script("return document.documentElement.dataset.theme") == "dark"
    dark = browser.execute_script("return getComputedStyle(document.body).backgroundColor")
    browser.save_screenshot(str(OUTPUT / "chapter-briefing-115-dark.png"))
    browser.execute_script("localStorage.clear()")
    assert luminance(light) > 0.8 and luminance(dark) < 0.25, (light, dark)
    assert console_errors(browser) == []
    for name in ("home.png", "chapter-briefing-115.png", "chapter-briefing-115-dark.png"):
        assert (OUTPUT / name).stat().st_size > 10_000


def run_axe(driver):
    assert AXE.exists(), "axe-core is missing: `make test` runs `npm ci` to install it"
    driver.execute_script(AXE.read_text(encoding="utf-8"))
    return driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']}).then(r => done(r.violations)).catch(e => done(String(e)));")


def blocking(violations):
    """The violations the book does not accept."""
    return [{"rule": violation["id"], "impact": violation["impact"],
             "targets": [node["target"] for node in violation["nodes"]][:5]}
            for violation in violations
            if violation["impact"] in ("serious", "critical") or violation["id"] in REQUIRED_RULES]


def test_axe_finds_no_serious_violation_on_any_page(page_visits):
    report, problems = {}, {}
    for page, visit in page_visits.items():
        violations = visit["axe"]
        assert isinstance(violations, list), violations
        report[page] = [{"rule": v["id"], "impact": v["impact"], "nodes": len(v["nodes"])} for v in violations]
        if blocking(violations):
            problems[page] = blocking(violations)
    edition = "fr" if next(iter(report)).startswith("fr/") else "en"
    (OUTPUT / f"axe-report-{edition}.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    assert problems == {}


def test_axe_catches_a_missing_alt_text_and_a_skipped_heading(server, browser):
    open_page(browser, f"{server}/_axe_probe.html")
    rules = {item["rule"] for item in blocking(run_axe(browser))}
    assert {"image-alt", "heading-order"} <= rules


# The interactive charts (malibook.sphinxext.interactive_charts): pages that show them, and how many each shows.
CHART_PAGES = {"notebooks/timeline": 4, "notebooks/actors": 3, "chapters/context": 3, "chapters/reading-together": 2}


def wait_for_charts(driver, timeout=30):
    """The state of every chart of the page once none is still drawing: 'live' or 'failed'. A chart is
    drawn when it nears the viewport (book-charts.js): each one still drawing is scrolled to in turn."""
    deadline = time.time() + timeout
    while True:
        states = driver.execute_script(
            "const boxes = Array.from(document.querySelectorAll('.book-chart'));"
            "const state = b => b.classList.contains('book-chart-live') ? 'live' : "
            "b.classList.contains('book-chart-failed') ? 'failed' : 'drawing';"
            "const waiting = boxes.find(b => state(b) === 'drawing');"
            "if (waiting) waiting.scrollIntoView({block: 'center'});"
            "return boxes.map(state)")
        if "drawing" not in states or time.time() > deadline:
            driver.execute_script("window.scrollTo(0, 0)")
            return states
        time.sleep(0.2)


def test_every_interactive_chart_renders_with_a_table_view(server, browser):
    browser.get_log("browser")
    rendered = {}
    for page, expected in CHART_PAGES.items():
        open_page(browser, f"{server}/{page}.html")
        states = wait_for_charts(browser)
        marks = browser.execute_script(
            "return Array.from(document.querySelectorAll('.book-chart-view svg')).map(s => "
            "s.querySelectorAll('.mark-symbol path, .mark-rect path, .mark-geoshape path').length)")
        tables = browser.execute_script(
            "return Array.from(document.querySelectorAll('.book-chart')).map(b => "
            "b.querySelectorAll('details.book-chart-table summary').length === 1 && "
            "b.querySelectorAll('details.book-chart-table tbody tr').length)")
        hidden_images = browser.execute_script(
            "return Array.from(document.querySelectorAll('.book-chart > img')).filter(i => i.offsetParent === null)"
            ".length")
        rendered[page] = (states, hidden_images)
        assert states == ["live"] * expected, (page, states)
        assert len(marks) == expected and all(count > 0 for count in marks), (page, marks)
        assert all(tables), (page, tables)  # every chart has a table view with rows
        assert hidden_images == expected  # the static image gives way to the live chart
    assert sum(len(states) for states, _ in rendered.values()) >= 6
    assert console_errors(browser) == []


def map_dots(browser):
    """The places' dots of the map on the timeline page (the map is the page's fourth chart)."""
    from selenium.webdriver.common.by import By

    charts = browser.find_elements(By.CSS_SELECTOR, ".book-chart-view")
    assert "Anefis" in charts[3].text
    return charts[3].find_elements(By.CSS_SELECTOR, "g.mark-symbol path")


def hover_tooltip(browser, element):
    from selenium.webdriver.common.action_chains import ActionChains

    ActionChains(browser).move_to_element(element).pause(0.3).perform()
    return browser.execute_script(
        "const t = document.getElementById('vg-tooltip-element');"
        "return t && t.classList.contains('visible') ? t.innerText : ''")


def test_hovering_a_mark_shows_its_paragraph_ids_and_a_click_opens_the_paragraph(server, browser):
    open_page(browser, f"{server}/notebooks/timeline.html")
    assert wait_for_charts(browser) == ["live"] * 4
    tips = {}
    for dot in map_dots(browser):
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", dot)
        text = hover_tooltip(browser, dot)
        tips[text.split("\n")[1] if "\n" in text else text] = (dot, text)
    anefis = [entry for name, entry in tips.items() if "Anefis" in name]
    assert anefis, list(tips)
    dot, text = anefis[0]
    assert "CMA and Platform seal a pact of honour at Anefis (15 October 2015)" in text and "b115-p1" in text
    # A click opens the first paragraph the tooltip lists (in reading order, the Briefing's standfirst).
    first = re.search(r"Paragraphs\s+([\w-]+)", text).group(1)
    assert first == "b115-standfirst", text
    dot.click()
    for _ in range(50):
        if browser.current_url.endswith(f"#{first}"):
            break
        time.sleep(0.1)
    assert browser.current_url == f"{server}/chapters/briefing-115.html#{first}"
    assert browser.execute_script(f"return document.getElementById('{first}') !== null")
    assert console_errors(browser) == []


def test_a_timeline_tooltip_writes_dates_at_their_precision(server, browser):
    from selenium.webdriver.common.by import By

    open_page(browser, f"{server}/notebooks/timeline.html")
    assert wait_for_charts(browser) == ["live"] * 4
    closeup = browser.find_elements(By.CSS_SELECTOR, ".book-chart-view")[1]
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", closeup)
    texts = [hover_tooltip(browser, bar) for bar in closeup.find_elements(By.CSS_SELECTOR, "g.mark-rect path")]
    month_only = [text for text in texts if "Mass protests" in text or "ECOWAS mediation mission" in text]
    assert any("May 2021" in text and "2021-05-01" not in text and "qa2021-" in text for text in month_only), texts


def test_no_page_loads_anything_from_another_host(server, page_visits):
    outside = {}
    for page, visit in page_visits.items():
        foreign = [name for name in visit["loaded"] if not name.startswith((server + "/", "data:"))]
        if foreign:
            outside[page] = foreign
    assert outside == {}


def test_a_chart_that_fails_leaves_its_static_figure_and_a_clean_console(server, browser):
    browser.get_log("browser")
    open_page(browser, f"{server}/notebooks/_chart_probe.html")
    states = wait_for_charts(browser)
    visible = browser.execute_script(
        "return Array.from(document.querySelectorAll('.book-chart > img')).map(i => i.offsetParent !== null)")
    assert states == ["failed", "live", "live", "live"]
    assert visible == [True, False, False, False]
    assert console_errors(browser) == []


def test_icons_are_drawn_by_the_theme_s_web_fonts_without_its_icon_script(server, browser):
    """The pages skip the theme's 1.5 MB Font Awesome script; its stylesheet's web fonts draw the icons."""
    open_page(browser, f"{server}/chapters/qa-2021.html")
    scripts = browser.execute_script("return Array.from(document.scripts).map(s => s.src)")
    assert not [src for src in scripts if "fontawesome" in src]
    icons = browser.execute_script(
        "return Array.from(document.querySelectorAll('.article-header-buttons i, .theme-switch-button i'))"
        ".filter(i => i.getBoundingClientRect().width > 0).map(i => [i.className,"
        " getComputedStyle(i, '::before').fontFamily, getComputedStyle(i, '::before').content])")
    assert len(icons) >= 4, icons  # repository, download, full screen, colour mode
    assert all("Font Awesome" in family and content not in ("none", "normal", '""') for _, family, content in icons)


# Phones and desktops (issue 21): the width of an iPhone 12-15, emulated as a phone, and a laptop's.
PHONE, DESKTOP = 390, 1280


def emulate_width(driver, width):
    """Lay pages out at ``width`` CSS pixels: a phone (touch, mobile viewport) below 600, else a desktop
    window. Headless Chromium's windows are never narrower than 500 pixels, so a phone is emulated."""
    if width < 600:
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": width, "height": 844, "deviceScaleFactor": 1, "mobile": True})
    else:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
        driver.set_window_size(width, 1000)


@pytest.fixture
def phone(browser):
    emulate_width(browser, PHONE)
    yield browser
    emulate_width(browser, DESKTOP)


# The words of the article's headings (code aside) that are wider than their heading, so that the browser
# must cut them mid-word ("recommendatio|ns" once did, at 390 px).
WORDS_WIDER_THAN_THEIR_HEADING = """
const probe = document.createElement('span');
probe.style.cssText = 'position:absolute;visibility:hidden;white-space:nowrap';
document.body.appendChild(probe);
const cut = [];
for (const heading of document.querySelectorAll('.bd-article :is(h1, h2)')) {
  const clone = heading.cloneNode(true); clone.querySelectorAll('code, .headerlink').forEach(n => n.remove());
  const style = getComputedStyle(heading); probe.style.font = style.font;
  for (const word of clone.textContent.split(/\\s+/).filter(Boolean)) {
    probe.textContent = word;
    if (probe.getBoundingClientRect().width > heading.clientWidth + 0.5) cut.push(word);
  }
}
probe.remove();
return cut;
"""


def test_no_page_scrolls_sideways_on_a_phone(server, phone):
    """At 390 px nothing overflows the page's width (the article header's buttons once did, by 12 to 49 px),
    and no word of a title is cut in two."""
    overflowing, cut_words = {}, {}
    for page in toc_pages():
        open_page(phone, f"{server}/{page}.html")
        wait_for_charts(phone)
        extra = phone.execute_script(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
        if extra > 0:
            overflowing[page] = extra
        if cut := phone.execute_script(WORDS_WIDER_THAN_THEIR_HEADING):
            cut_words[page] = cut
    assert phone.execute_script("return document.documentElement.clientWidth") == PHONE
    assert overflowing == {}
    assert cut_words == {}


def test_the_how_to_run_box_opened_on_a_phone_stays_within_the_page(server, phone):
    """Every notebook page's "How to run this notebook", opened at 390 px in both editions: the page does not
    scroll sideways, and no command hides past the edge of its block (they wrap instead)."""
    overflowing = {}
    for page in [page for page in toc_pages() if "notebooks/" in page]:
        open_page(phone, f"{server}/{page}.html")
        phone.execute_script("document.querySelector('details.book-how-to-run').open = true")
        extra = phone.execute_script(
            "return [document.documentElement.scrollWidth - document.documentElement.clientWidth,"
            " ...Array.from(document.querySelectorAll('details.book-how-to-run pre'))"
            ".map(pre => pre.scrollWidth - pre.clientWidth)]")
        if any(width > 0 for width in extra):
            overflowing[page] = extra
        if page == "fr/notebooks/timeline":
            phone.save_screenshot(str(OUTPUT / "fr-timeline-how-to-run-phone.png"))
    assert overflowing == {}


@pytest.mark.parametrize("edition", ["", "fr/"])
def test_the_synopsis_actors_table_fits_a_phone_without_splitting_an_id(server, phone, edition):
    """The synopsis's table of shared actors, at 390 px: as wide as its column at most (it was 421 px in a
    343 px column, and scrolled sideways inside its box), and no paragraph ID cut at its hyphen."""
    open_page(phone, f"{server}/{edition}chapters/synopsis.html")
    table, container, cut = phone.execute_script(
        "const table = document.querySelector('.synopsis-actors table'); table.scrollIntoView();"
        "const cut = Array.from(table.querySelectorAll('a')).filter(a => a.getClientRects().length > 1)"
        ".map(a => a.textContent);"
        "return [table.getBoundingClientRect().width, table.parentElement.clientWidth, cut];")
    phone.save_screenshot(str(OUTPUT / f"{edition.strip('/') or 'en'}-synopsis-phone.png"))
    assert table <= container + 0.5, (table, container)
    assert cut == []


def plot_widths(driver):
    """Each chart's plot area (its view's background, without axes and legends) and the chart's width."""
    return driver.execute_script(
        "return Array.from(document.querySelectorAll('.book-chart-view')).map(v => {"
        " const plot = v.querySelector('svg .role-frame.root path.background, svg g.mark-group path.background');"
        " return [plot ? plot.getBoundingClientRect().width : 0, v.clientWidth]; })")


@pytest.mark.parametrize("edition", ["", "fr/"])
def test_the_timeline_charts_give_their_plot_most_of_a_phone_s_width(server, phone, edition):
    open_page(phone, f"{server}/{edition}notebooks/timeline.html")
    assert wait_for_charts(phone) == ["live"] * 4
    widths = plot_widths(phone)
    phone.save_screenshot(str(OUTPUT / f"{edition.replace('/', '-')}timeline-phone.png"))
    # The overview and the close-up: their lane and event labels once took all but 60 px and 0 px.
    assert all(width > 0.55 * chart for width, chart in widths[:2]), widths
    # The map: its legend goes under it, not over it.
    legend = phone.execute_script(
        "const v = document.querySelectorAll('.book-chart-view')[3];"
        "const plot = v.querySelector('svg path.background').getBoundingClientRect();"
        "const legend = v.querySelector('svg .role-legend');"
        "return legend ? [plot.bottom, legend.getBoundingClientRect().top] : null")
    assert legend is not None and legend[1] >= legend[0] - 1, legend


# The overview timeline's plot, its phase names (the text marks of its plot) and its lane names.
TIMELINE_LABELS = """
const view = document.querySelectorAll('.book-chart-view')[0];
const box = e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
const names = Array.from(view.querySelectorAll('svg g.mark-text text')).filter(t => !/^\\d{4}$/.test(t.textContent));
return {plot: box(view.querySelector('svg path.background')),
        phases: names.filter(t => !t.closest('.role-legend, .role-axis')).map(t => [t.textContent, box(t)]),
        lanes: Array.from(view.querySelectorAll('svg .role-axis-label text')).map(t => t.textContent)};
"""


@pytest.mark.parametrize("width", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("edition", ["", "fr/"])
def test_the_timeline_s_phase_and_lane_names_are_whole_and_within_the_plot(server, browser, edition, width):
    """The overview timeline at 1280 and 390 px: every phase's name inside the plot and clear of the
    others (at 390 px the last two ran past the plot's right edge, "2021 coup and a…"), and no lane
    name cut short with an ellipsis ("Seizures of po…")."""
    emulate_width(browser, width)
    try:
        open_page(browser, f"{server}/{edition}notebooks/timeline.html")
        assert wait_for_charts(browser) == ["live"] * 4
        labels = browser.execute_script(TIMELINE_LABELS)
        browser.save_screenshot(str(OUTPUT / f"{edition.replace('/', '-')}timeline-{width}.png"))
    finally:
        emulate_width(browser, DESKTOP)
    left, top, right, _ = labels["plot"]
    assert len(labels["phases"]) == 4, labels["phases"]
    outside = [name for name, (x0, y0, x1, _) in labels["phases"] if x0 < left - 1 or x1 > right + 1 or y0 < top - 1]
    assert outside == [], (outside, labels)
    boxes = [box for _, box in labels["phases"]]
    meeting = [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:]
               if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] - 1 and b[1] < a[3] - 1]
    assert meeting == [], labels["phases"]
    assert len(labels["lanes"]) >= 7 and not [lane for lane in labels["lanes"] if "…" in lane], labels["lanes"]


def anchor_in_view(driver, anchor):
    """Whether the element of ``anchor`` is at the top of the window (under the sticky header)."""
    return driver.execute_script(
        f"const e = document.getElementById('{anchor}'); if (!e) return null;"
        "const top = e.getBoundingClientRect().top; return top >= -5 && top < window.innerHeight / 3")


def follow(driver, selector):
    from selenium.webdriver.common.by import By

    link = driver.find_element(By.CSS_SELECTOR, selector)
    link.click()
    for _ in range(100):
        if driver.execute_script("return document.readyState") == "complete" and "#" in driver.current_url:
            break
        time.sleep(0.1)
    time.sleep(0.5)


def test_the_language_switcher_keeps_the_reader_s_block_both_ways(server, browser):
    open_page(browser, f"{server}/chapters/qa-2021.html#qa2021-p5")
    follow(browser, ".book-language-switcher")
    assert browser.current_url == f"{server}/fr/chapters/qa-2021.html#qa2021-p5"
    assert browser.execute_script("return document.documentElement.lang") == "fr"
    assert anchor_in_view(browser, "qa2021-p5")
    # Scrolled on to the next block, the way back leads there.
    browser.execute_script("document.getElementById('qa2021-p6').scrollIntoView()")
    time.sleep(0.3)
    follow(browser, ".book-language-switcher")
    assert browser.current_url == f"{server}/chapters/qa-2021.html#qa2021-p6"
    assert anchor_in_view(browser, "qa2021-p6")
    assert console_errors(browser) == []


def test_the_language_switcher_s_link_works_without_javascript():
    """The link in the page itself leads to the other edition's page (the script only adds the anchor)."""
    english = (SITE / "chapters" / "qa-2021.html").read_text(encoding="utf-8")
    french = (SITE / "fr" / "chapters" / "qa-2021.html").read_text(encoding="utf-8")
    assert re.search(r'class="btn btn-sm book-language-switcher" href="\.\./fr/chapters/qa-2021\.html"', english)
    assert re.search(r'class="btn btn-sm book-language-switcher" href="\.\./\.\./chapters/qa-2021\.html"', french)


def versions_probe():
    """The Q&A chapter as `make site` serves it in a version folder: with the version switcher and the
    banner of an older release (malibook.publishing.versioned_site)."""
    from malibook.publishing.versioned_site import SiteVersion, add_to_page, banner_html, switcher_html

    page = "chapters/qa-2021.html"
    pages = {page, "index.html"}
    folders = [("0.3.0", "latest", pages), ("0.3.0", "v0.3.0", pages), ("0.2.0", "v0.2.0", pages)]
    old = SiteVersion("0.2.0", "v0.2.0", "1 January 2026", None, "0" * 40)
    latest = SiteVersion("0.3.0", "v0.3.0", "1 February 2026", None, "1" * 40)
    text = (SITE / page).read_text(encoding="utf-8")
    return add_to_page(text, banner_html(page, old, latest, pages) + switcher_html(page, "v0.2.0", folders))


def test_the_version_switcher_and_banner_keep_the_reader_s_block(server, browser):
    open_page(browser, f"{server}/chapters/_versions_probe.html#qa2021-p5")
    links = browser.execute_script(
        "return Array.from(document.querySelectorAll('.book-version-switcher a, .book-version-banner a'))"
        ".map(a => a.href)")
    assert len(links) == 4, links
    assert all(link.endswith("/chapters/qa-2021.html#qa2021-p5") for link in links), links
    browser.execute_script("document.getElementById('qa2021-p9').scrollIntoView()")
    time.sleep(0.3)
    links = browser.execute_script(
        "return Array.from(document.querySelectorAll('.book-version-switcher a')).map(a => a.href)")
    assert all(link.endswith("#qa2021-p9") for link in links), links


def test_the_three_layers_of_a_block_each_have_their_look(server, browser):
    open_page(browser, f"{server}/chapters/qa-2021.html#qa2021-p5")
    looks = browser.execute_script(
        "const block = document.getElementById('qa2021-p5').parentElement;"
        "const look = c => { const part = block.querySelector(':scope > .' + c); if (!part) return null;"
        " const s = getComputedStyle(part);"
        " return [s.borderLeftWidth, s.borderLeftStyle, s.backgroundColor, s.fontSize, s.paddingLeft]; };"
        "const heading = block.querySelector('h2'), id = heading.querySelector('code');"
        "return {retelling: look('retelling'), annotation: look('annotation'), data: look('block-data'),"
        " ratio: parseFloat(getComputedStyle(id).fontSize) / parseFloat(getComputedStyle(heading).fontSize)}")
    browser.save_screenshot(str(OUTPUT / "block-layers.png"))
    retelling, annotation, data = looks["retelling"], looks["annotation"], looks["data"]
    assert None not in (retelling, annotation, data), looks  # each layer in its own element
    assert retelling[1] == "solid" and float(retelling[0][:-2]) >= 2, looks  # a rule sets the retelling off
    assert annotation[1] == "none" and annotation[2] == "rgba(0, 0, 0, 0)", looks  # the book's own voice
    assert data[2] != "rgba(0, 0, 0, 0)" and float(data[3][:-2]) < float(annotation[3][:-2]), looks  # a box
    assert looks["ratio"] < 0.7, looks  # a small block ID


def test_the_text_column_and_its_tables_fit_a_desktop_screen(server, browser):
    emulate_width(browser, DESKTOP)
    wide = {}
    for page in toc_pages():
        open_page(browser, f"{server}/{page}.html")
        sizes = browser.execute_script(
            "const column = document.querySelector('article.bd-article p:not(.book-how-to-run p)');"
            "const tables = Array.from(document.querySelectorAll('article.bd-article table'))"
            ".filter(t => t.offsetParent !== null);"
            "return [column ? column.getBoundingClientRect().width : 0,"
            " tables.map(t => t.getBoundingClientRect().width - t.parentElement.clientWidth)]")
        column, overflows = sizes
        if column < 740 or any(extra > 1 for extra in overflows):
            wide[page] = (round(column), [round(extra) for extra in overflows if extra > 1])
    assert wide == {}
