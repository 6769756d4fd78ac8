"""The reading aids in a real browser (malibook.sphinxext.previews and .layers), with the fixtures of
tests/test_browser.py: hovering a glossary term, a block link and a citation opens a preview that says
the right thing, in each edition's language, and Escape closes it; keyboard focus opens it too; the
layer switch hides and shows the annotations and the data boxes, and the choice survives a reload;
print shows every layer and no preview. Screenshots go to _build/browser/ (reading-aids-*.png)."""
import re

import pytest
import test_browser
from test_browser import DESKTOP, OUTPUT, PHONE, emulate_width, open_page

# The built site served on localhost, and headless Chromium: test_browser's fixtures.
server, browser = test_browser.server, test_browser.browser

pytestmark = pytest.mark.browser

CHAPTER = "chapters/briefing-115.html"


def normal(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ").replace("\u202f", " ")).strip()


def shown_tip(browser):
    """The text of the preview on screen, or None."""
    return browser.execute_script(
        "const tip = Array.from(document.querySelectorAll('.book-tip')).find(t => !t.hidden);"
        "if (!tip) return null; const box = tip.getBoundingClientRect();"
        "return box.width > 0 && box.height > 0 && getComputedStyle(tip).display !== 'none' ? tip.innerText : null")


def hover(browser, element):
    from selenium.webdriver.common.action_chains import ActionChains

    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    ActionChains(browser).move_to_element(element).perform()
    for _ in range(20):
        if shown_tip(browser):
            break
        browser.execute_script("return 0")
    return shown_tip(browser)


def press_escape(browser):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    ActionChains(browser).send_keys(Keys.ESCAPE).perform()


def first(browser, selector):
    from selenium.webdriver.common.by import By

    return browser.find_element(By.CSS_SELECTOR, selector)


def described_by(browser, element):
    """The preview an element names, as its text, and whether it is a role=tooltip element."""
    return browser.execute_script(
        "const tip = document.getElementById(arguments[0].getAttribute('aria-describedby'));"
        "return tip && tip.getAttribute('role') === 'tooltip' ? tip.textContent : null", element)


@pytest.fixture
def desktop(browser):
    emulate_width(browser, DESKTOP)
    return browser


@pytest.mark.parametrize("edition", ["", "fr/"])
def test_a_hovered_glossary_term_shows_its_definition_and_escape_closes_it(server, desktop, edition):
    open_page(desktop, f"{server}/{edition}{CHAPTER}")
    term = first(desktop, ".retelling a[aria-describedby] .std-term").find_element("xpath", "..")
    name, anchor = normal(term.text), term.get_attribute("href").split("#")[1]
    said = hover(desktop, term)
    desktop.save_screenshot(str(OUTPUT / f"reading-aids-term{'-fr' if edition else ''}.png"))
    assert said is not None and normal(said) == normal(described_by(desktop, term))
    # The definition is the glossary's own: its text, read on the glossary page, holds the preview's.
    open_page(desktop, f"{server}/{edition}chapters/glossary.html")
    definition = desktop.execute_script(
        "const term = document.getElementById(arguments[0]); return term.nextElementSibling.innerText;", anchor)
    words = normal(said).split(" ", len(name.split()))[-1]  # the definition, after the term
    first_words = " ".join(words.split()[:6])
    assert first_words in normal(definition), (said, definition)
    open_page(desktop, f"{server}/{edition}{CHAPTER}")
    term = first(desktop, ".retelling a[aria-describedby] .std-term").find_element("xpath", "..")
    assert hover(desktop, term)
    press_escape(desktop)
    assert shown_tip(desktop) is None


@pytest.mark.parametrize("edition", ["", "fr/"])
def test_a_hovered_block_link_shows_the_block_s_title_and_first_sentence(server, desktop, edition):
    open_page(desktop, f"{server}/{edition}{CHAPTER}")
    link = first(desktop, ".annotation a[aria-describedby][href^='#b115-']")
    block = link.get_attribute("href").split("#")[1]
    heading, retelling = desktop.execute_script(
        "const section = document.getElementById(arguments[0]).parentElement;"
        "return [section.querySelector('h2').innerText.replace(/#$/, ''),"
        " section.querySelector('.retelling p').innerText]", block)
    said = normal(hover(desktop, link))
    desktop.save_screenshot(str(OUTPUT / f"reading-aids-block{'-fr' if edition else ''}.png"))
    title = normal(heading).split("·", 1)[1].strip()
    assert said.startswith(f"{block} · {title} "), (said, heading)
    sentence = said[len(f"{block} · {title} "):]
    # The retelling without its run-in word ("Retelling." or "Restitution.") starts with the sentence.
    assert normal(retelling).split(" ", 1)[1].startswith(sentence[:-1]), (sentence, retelling)
    assert len(sentence) < len(normal(retelling))
    press_escape(desktop)
    assert shown_tip(desktop) is None


@pytest.mark.parametrize("edition", ["", "fr/"])
def test_a_hovered_citation_shows_its_reference_and_note(server, desktop, edition):
    open_page(desktop, f"{server}/{edition}{CHAPTER}")
    citation = first(desktop, ".bibtex-citation a[aria-describedby]")
    assert citation.get_dom_attribute("title") is None  # the preview replaces the browser's own tooltip
    said = normal(hover(desktop, citation))
    desktop.save_screenshot(str(OUTPUT / f"reading-aids-citation{'-fr' if edition else ''}.png"))
    target = citation.get_attribute("href").split("#")[1]
    press_escape(desktop)
    assert shown_tip(desktop) is None
    # The bibliography prints the same reference and the same editors' note.
    open_page(desktop, f"{server}/{edition}chapters/bibliography.html")
    entry = normal(desktop.execute_script(
        "const entry = document.getElementById(arguments[0]); return entry.innerText", target))
    reference, _, note = said.partition(" Editors’ note: " if not edition else " Note des éditeurs : ")
    assert note, said  # the Briefing's entry has a note
    assert reference in entry and note in entry, (said, entry)


def test_keyboard_focus_opens_a_preview_and_an_actor_has_its_description(server, desktop):
    open_page(desktop, f"{server}/{CHAPTER}#b115-p1")
    actor = first(desktop, "#b115-p1 ~ .block-data .book-previewed")
    desktop.execute_script("arguments[0].focus()", actor)
    said = shown_tip(desktop)
    assert said and normal(said).startswith(normal(actor.text)) and len(normal(said)) > len(normal(actor.text)) + 10
    press_escape(desktop)
    assert shown_tip(desktop) is None


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
@pytest.mark.parametrize("edition, column", [("", "description"), ("fr/", "description_fr")])
def test_an_actor_s_preview_is_its_description_in_the_edition_s_language(server, browser, edition, column, width):
    from malibook import load

    descriptions = {normal(text) for text in load()["actors"][column]}
    emulate_width(browser, width)
    try:
        open_page(browser, f"{server}/{edition}{CHAPTER}#b115-p1")
        actor = first(browser, "#b115-p1 ~ .block-data .book-previewed")
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'}); arguments[0].focus()", actor)
        said = normal(shown_tip(browser) or "")
        assert said.startswith(normal(actor.text)) and said[len(normal(actor.text)):].strip() in descriptions, said
        browser.save_screenshot(str(OUTPUT / f"reading-aids-actor-{width}{'-fr' if edition else ''}.png"))
        assert browser.execute_script(
            "const tip = Array.from(document.querySelectorAll('.book-tip')).find(t => !t.hidden);"
            "const box = tip.getBoundingClientRect(); return box.left >= 0 && box.right <= window.innerWidth")
    finally:
        emulate_width(browser, DESKTOP)


def test_print_shows_no_preview(server, desktop):
    open_page(desktop, f"{server}/{CHAPTER}")
    assert hover(desktop, first(desktop, ".retelling a[aria-describedby]"))
    desktop.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert shown_tip(desktop) is None
    finally:
        desktop.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


def layers_shown(browser):
    return browser.execute_script(
        "const shown = c => Array.from(document.querySelectorAll('.book-block > .' + c))"
        " .filter(e => e.getClientRects().length > 0).length;"
        "return {retelling: shown('retelling'), annotation: shown('annotation'), data: shown('block-data'),"
        " checked: (document.querySelector('input[name=book-layers]:checked') || {}).value}")


def choose(browser, layer):
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})",
                           first(browser, f"input[name=book-layers][value={layer}]"))
    first(browser, f"input[name=book-layers][value={layer}]").find_element("xpath", "..").click()


@pytest.mark.parametrize("edition, chapter", [("", "chapters/briefing-115.html"), ("fr/", "chapters/qa-2021.html")])
def test_the_layer_switch_hides_and_shows_layers_and_survives_a_reload(server, desktop, edition, chapter):
    open_page(desktop, f"{server}/{edition}{chapter}")
    desktop.execute_script("localStorage.removeItem('book-layers')")
    open_page(desktop, f"{server}/{edition}{chapter}")
    try:
        everything = layers_shown(desktop)
        assert everything["checked"] == "all" and everything["retelling"] > 5
        assert everything["annotation"] > 5 and everything["data"] == everything["retelling"], everything
        choose(desktop, "retelling")
        assert layers_shown(desktop) == {**everything, "annotation": 0, "data": 0, "checked": "retelling"}
        open_page(desktop, f"{server}/{edition}{chapter}")  # the choice is remembered
        assert layers_shown(desktop) == {**everything, "annotation": 0, "data": 0, "checked": "retelling"}
        # The keyboard moves through the radio group.
        from selenium.webdriver.common.keys import Keys
        first(desktop, "input[name=book-layers][value=retelling]").send_keys(Keys.ARROW_RIGHT)
        assert layers_shown(desktop) == {**everything, "data": 0, "checked": "annotations"}
        open_page(desktop, f"{server}/{edition}{chapter}")
        assert layers_shown(desktop) == {**everything, "data": 0, "checked": "annotations"}
        # Print shows every layer, and not the switch.
        desktop.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
        assert {key: value for key, value in layers_shown(desktop).items() if key != "checked"} == {
            key: value for key, value in everything.items() if key != "checked"}
        assert not first(desktop, ".book-layers").is_displayed()
        desktop.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
        choose(desktop, "all")
        assert layers_shown(desktop) == everything
    finally:
        desktop.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
        desktop.execute_script("localStorage.removeItem('book-layers')")


@pytest.mark.parametrize("width", [DESKTOP, PHONE])
@pytest.mark.parametrize("edition", ["", "fr/"])
def test_screenshots_of_each_layer_and_a_preview_and_no_sideways_scroll(server, browser, edition, width):
    emulate_width(browser, width)
    suffix = f"{width}{'-fr' if edition else ''}"
    try:
        open_page(browser, f"{server}/{edition}{CHAPTER}")
        for layer in ("retelling", "annotations", "all"):
            choose(browser, layer)
            browser.execute_script("document.querySelector('.book-layers').scrollIntoView()")
            browser.save_screenshot(str(OUTPUT / f"reading-aids-layers-{layer}-{suffix}.png"))
            overflow = browser.execute_script(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, (layer, overflow)
        link = first(browser, ".annotation a[aria-describedby]")
        assert hover(browser, link)
        browser.save_screenshot(str(OUTPUT / f"reading-aids-preview-{suffix}.png"))
        assert browser.execute_script(
            "const tip = Array.from(document.querySelectorAll('.book-tip')).find(t => !t.hidden);"
            "const box = tip.getBoundingClientRect(); return box.left >= 0 && box.right <= window.innerWidth")
    finally:
        browser.execute_script("localStorage.removeItem('book-layers')")
        emulate_width(browser, DESKTOP)
