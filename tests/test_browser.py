"""The book in a real browser: headless Chromium from Debian, driven by Selenium through Debian's
chromedriver (nothing is downloaded), with axe-core from npm for accessibility.

Every page of the table of contents loads with no console error and all its images; the search
page finds "Anefis"; the dark theme renders; axe finds no serious or critical violation, no image
without alt text and no skipped heading level. Screenshots and the axe report are saved under
_build/browser/.
"""
import json
import re
import time

import pytest
import yaml

from conftest import ROOT
from malibook.site.lighthouse import serve

pytestmark = pytest.mark.browser

SITE = ROOT / "_build" / "html"
OUTPUT = ROOT / "_build" / "browser"
CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# Rules that must pass, besides every rule whose violations axe rates serious or critical.
REQUIRED_RULES = {"image-alt", "heading-order", "page-has-heading-one"}


def toc_pages():
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    return [toc["root"]] + [chapter["file"] for part in toc["parts"] for chapter in part["chapters"]]


@pytest.fixture(scope="module")
def server():
    assert (SITE / "index.html").exists(), "run `make book` (or `make test`) to build the site first"
    with serve(SITE) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    for path in (CHROMIUM, CHROMEDRIVER):
        assert __import__("os").path.exists(path), f"{path} missing: `make test` installs chromium and chromium-driver"
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     "--window-size=1280,1000", "--lang=en"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    # An explicit driver path: Selenium Manager never looks for (or downloads) a driver.
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(60)
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


def test_every_page_loads_without_console_errors_and_with_its_images(server, browser):
    browser.get_log("browser")  # start from an empty log
    problems = {}
    for page in toc_pages():
        open_page(browser, f"{server}/{page}.html")
        broken_images = browser.execute_script(
            "return Array.from(document.images).filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src)")
        errors = console_errors(browser)
        if errors or broken_images:
            problems[page] = {"console": errors, "images": broken_images}
    assert problems == {}


def test_figures_are_displayed(server, browser):
    open_page(browser, f"{server}/notebooks/timeline.html")
    sizes = browser.execute_script(
        "return Array.from(document.querySelectorAll('figure img')).map(i => [i.naturalWidth, i.clientWidth])")
    assert len(sizes) >= 3 and all(natural > 300 and shown > 200 for natural, shown in sizes), sizes


def test_search_finds_anefis(server, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    open_page(browser, f"{server}/search.html?q=Anefis")
    WebDriverWait(browser, 30).until(lambda driver: driver.find_elements(By.CSS_SELECTOR, "#search-results li"))
    results = [element.get_attribute("href") for element in
               browser.find_elements(By.CSS_SELECTOR, "#search-results li a")]
    assert any("briefing-115.html" in result for result in results), results
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


def test_axe_finds_no_serious_violation_on_any_page(server, browser):
    report, problems = {}, {}
    for page in toc_pages():
        open_page(browser, f"{server}/{page}.html")
        violations = run_axe(browser)
        assert isinstance(violations, list), violations
        report[page] = [{"rule": v["id"], "impact": v["impact"], "nodes": len(v["nodes"])} for v in violations]
        if blocking(violations):
            problems[page] = blocking(violations)
    (OUTPUT / "axe-report.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    assert problems == {}


def test_axe_catches_a_missing_alt_text_and_a_skipped_heading(server, browser, tmp_path):
    page = SITE / "_axe_probe.html"
    page.write_text("<!DOCTYPE html><html lang='en'><head><title>Probe</title></head><body><main>"
                    "<h1>Probe</h1><h4>Skipped levels</h4><img src='_static/images/logo_binder.svg'>"
                    "</main></body></html>", encoding="utf-8")
    try:
        open_page(browser, f"{server}/_axe_probe.html")
        rules = {item["rule"] for item in blocking(run_axe(browser))}
    finally:
        page.unlink()
    assert {"image-alt", "heading-order"} <= rules


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
