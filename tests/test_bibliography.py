"""The bibliography as readers see it: titles spelled as the sources spell them, an author-year list
sorted as the text cites it, the editors' note apart, access dates, French words and notes in the French edition;
and references.bib itself: no placeholder titles, no template leftovers, https, an access date for
every web page."""
import functools
import html
import re
import shutil
import subprocess

import pytest
from pybtex.database import parse_file
from pybtex.plugin import find_plugin

from conftest import ROOT
from malibook.publishing.version import current_release
from malibook.sphinxext.bibliography import _source_kind_style, label_of, note_of, sort_key

BIB = ROOT / "references.bib"
LANGUAGES = ("en", "fr")
# A word with a capital or a digit after its first letter, or a capitalised word: "ECOWAS", "Mali", "N'Daw".
CAPITALISED = re.compile(r"[^\s,.;:!?()\[\]«»“”\"]*[A-Z][^\s,.;:!?()\[\]«»“”\"]*")
# Hosts that do not serve https (checked by the editors); none today.
HTTP_ONLY_HOSTS: set[str] = set()


@functools.cache
def entries():
    """references.bib as written (the French style localises the entries it formats: see formatted())."""
    return parse_file(str(BIB)).entries


def plain(latex: str) -> str:
    from pybtex.richtext import Text

    return Text.from_latex(latex).render(text_backend())


@functools.cache
def text_backend():
    """Looked up once: pybtex's `render_as` scans every installed package's entry points on each call."""
    return find_plugin("pybtex.backends", "text")()


@functools.cache
def formatted(language: str) -> list[tuple[str, str, str]]:
    """(key, label, text) of every entry, in the list's order, as the edition's style prints it."""
    style = _source_kind_style(language)()
    backend = text_backend()
    ordered = style.sort(parse_file(str(BIB)).entries.values())
    labels = list(style.format_labels(ordered))
    rows = [(entry.key, label, style.format_entry(label, entry)) for label, entry in zip(labels, ordered)]
    assert all(entry.key == key for key, _, entry in rows), "sphinxcontrib-bibtex finds each entry by its key"
    return [(key, label, entry.text.render(backend)) for key, label, entry in rows]


def capitalised_words(title: str) -> list[str]:
    return CAPITALISED.findall(plain(title))


def lost_capitals(title: str, printed: str) -> list[str]:
    return [word for word in capitalised_words(title) if word not in printed]


def test_the_check_catches_a_lowercased_title():
    assert lost_capitals("Ecowas suspends Mali, but no new sanctions", "Ecowas suspends mali, but no new sanctions") \
        == ["Mali"]
    assert lost_capitals("President Bah N'Daw decrees the dissolution of the CNSP",
                         "President bah n'daw decrees the dissolution of the cnsp") == ["Bah", "N'Daw", "CNSP"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_title_keeps_its_capitals(language):
    titles = {key: entry.fields.get("title", "") for key, entry in entries().items()}
    lost = {key: words for key, _, text in formatted(language) if (words := lost_capitals(titles[key], text))}
    assert not lost, f"titles printed without the capitals the sources give: {lost}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_list_is_labelled_and_sorted_as_the_text_cites(language):
    rows = formatted(language)
    labels = [label for _, label, _ in rows]
    assert not any(label.isdigit() for label in labels), "the list is numbered"
    assert labels == sorted(labels, key=sort_key)
    assert len(set(labels)) == len(labels)
    by_key = {key: label for key, label, _ in rows}
    assert by_key["reuters2012menaka"] == ("Diarra and Diallo, 2012" if language == "en" else "Diarra et Diallo, 2012")
    assert by_key["crisisgroup2015peace"] == "International Crisis Group, 2015"
    assert labels.index("International Crisis Group, 2015") < labels.index(by_key["crisisgroup2015paix"])


def test_french_labels_and_words():
    rows = {key: (label, text) for key, label, text in formatted("fr")}
    label, text = rows["wpserval"]
    assert label == "Wikipedia, Operation Serval, s.\u00a0d." and "n.d." not in text
    assert "consulté le 28 novembre 2026" in text and "Type de source\u00a0: encyclopédie" in text
    assert rows["crisisgroup2015paix"][0] == "International Crisis Group (édition française), 2015"
    assert "and" not in rows["businesslive2021ecowas"][0] and "31 mai 2021" in rows["businesslive2021ecowas"][1]
    assert "Type de source\u00a0: jeu de données ou logiciel" in rows["naturalearth110m"][1]
    english = {key: label for key, label, _ in formatted("en")}
    assert english["wpserval"] == "Wikipedia, Operation Serval, n.d."


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_editors_note_is_not_run_into_the_reference(language):
    for key, _, text in formatted(language):
        note = note_of(entries()[key], language)
        if note:
            assert plain(note) not in text, f"{key}: the note runs on from the reference"


def test_every_entry_has_a_note():
    missing = [key for key, entry in entries().items() if not entry.fields.get("note")]
    assert not missing, f"entries without the editors' note of what the book takes from them: {missing}"


def test_every_entry_with_a_note_has_a_french_note():
    """The French edition prints ``notefr`` (note_of): without one, a French page would print no note."""
    missing = [key for key, entry in entries().items()
               if entry.fields.get("note") and not entry.fields.get("notefr", "").strip()]
    assert not missing, f"entries whose editors' note has no French version (notefr): {missing}"


def test_note_of_gives_the_note_in_the_edition_s_language():
    entry = entries()["crisisgroup2015peace"]
    assert note_of(entry, "en").startswith("Cited in this book") and note_of(entry, "fr").startswith("Cité dans")
    assert note_of(entry, None) == note_of(entry, "en")


# A French note as readers see it. A non-breaking space is written ~ in references.bib: pybtex reads a
# U+00A0 typed in the file as an ordinary space, so the rendered text is what is checked.
NO_SPACE_BEFORE = re.compile(r"(?<![\u00a0\u202f])[;:!?]")
ENGLISH_WORDS = re.compile(r"\b(the|and|of|with|from)\b")


def french_typography_problems(text: str) -> list[str]:
    """What a French note printed as ``text`` gets wrong: a straight apostrophe, « or » without its
    non-breaking space, ; : ! ? without a non-breaking space before it (a URL's scheme and a scale such as
    1:110m aside), English words left outside a quoted term « ... »."""
    problems = ["straight apostrophe"] if "'" in text else []
    if re.search(r"«(?![\u00a0\u202f])|(?<![\u00a0\u202f])»", text):
        problems.append("guillemets without a non-breaking space")
    for match in NO_SPACE_BEFORE.finditer(text):
        before = text[:match.start()]
        if not (re.search(r"\bhttps?$", before) or (before[-1:].isdigit() and text[match.end():][:1].isdigit())):
            problems.append(f"no non-breaking space before {match.group()!r}: …{before[-15:]}{match.group()}")
    problems += [f"English word {word!r}" for word in ENGLISH_WORDS.findall(re.sub(r"«[^»]*»", "", text))]
    return problems


def test_the_french_typography_check_can_fail():
    good = "Nom de l\u2019Azawad\u00a0: «\u00a0pact of honour\u00a0», 1:110m, https://x"
    assert french_typography_problems(good) == []
    assert french_typography_problems("l'Azawad : «pacte» ; the end and more") == [
        "straight apostrophe", "guillemets without a non-breaking space",
        "no non-breaking space before ':': …l'Azawad :", "no non-breaking space before ';': …awad : «pacte» ;",
        "English word 'the'", "English word 'and'"]


def test_every_french_note_follows_french_typography():
    problems = {key: found for key, entry in entries().items()
                if (found := french_typography_problems(plain(entry.fields.get("notefr", ""))))}
    assert not problems, f"French notes (notefr) against French typography: {problems}"


def test_label_of_follows_the_in_text_citation():
    bib = entries()
    assert label_of(bib["businesslive2021ecowas"]) == "Akorlie and Lorgerie, 2021"
    assert label_of(bib["businesslive2021ecowas"], "fr") == "Akorlie et Lorgerie, 2021"


# references.bib itself.

def test_no_placeholder_titles_or_template_leftovers():
    for key, entry in entries().items():
        title = entry.fields.get("title", "")
        assert not (title.startswith("[") and title.endswith("]")), f"{key}: a placeholder title {title!r}"
        for name, value in entry.fields.items():
            assert "{{" not in value and "%7B%7B" not in value.upper(), f"{key}: template leftover in {name}"


def test_web_sources_use_https_and_give_an_access_date():
    for key, entry in entries().items():
        url = entry.fields.get("url", "")
        if not url:
            continue
        host = re.match(r"https?://([^/]+)/?", url).group(1)
        assert url.startswith("https://") or host in HTTP_ONLY_HOSTS, f"{key}: {url} is not https"
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", entry.fields.get("urldate", "")), \
            f"{key}: no access date (urldate = {{YYYY-MM-DD}})"


# The built book: both editions' HTML and PDF.

def listed_entries(text: str) -> dict:
    """The entries the built list shows (the book lists the works it cites): those whose address it prints."""
    return {key: entry for key, entry in entries().items() if entry.fields.get("url") and entry.fields["url"] in text}


def html_bibliography(language: str) -> str:
    folder = ROOT / "_build" / "html" / ("fr" if language == "fr" else "")
    page = folder / "chapters" / "bibliography.html"
    if not page.exists():
        pytest.skip("run `make book` first")
    # Sphinx's smart quotes print ' as ’: the titles' apostrophes are compared as written.
    return html.unescape(re.sub(r"<[^>]+>", "", page.read_text(encoding="utf-8"))).replace("’", "'")


@pytest.mark.build
@pytest.mark.parametrize("language", LANGUAGES)
def test_html_bibliography_keeps_capitals_and_sets_notes_apart(language):
    text = html_bibliography(language)
    listed = listed_entries(text)
    assert len(listed) > 60, "the bibliography lists the works the book cites"
    lost = {key: words for key, entry in listed.items()
            if (words := lost_capitals(entry.fields.get("title", ""), text))}
    assert not lost, f"titles lowercased in the HTML ({language}): {lost}"
    page = (ROOT / "_build" / "html" / ("fr" if language == "fr" else "") / "chapters" / "bibliography.html")
    source = page.read_text(encoding="utf-8")
    # Every entry has an editors' note (test_every_entry_has_a_note), printed in a paragraph of its own.
    assert source.count('class="bib-note"') == source.count('<div class="citation"') >= len(listed)
    # In the edition's language (note_of): the Briefing's note, and never the other edition's.
    ours, theirs = ("Cited in this book by paragraph ID", "Cité dans ce livre par identifiant de paragraphe")[
        ::1 if language == "en" else -1]
    assert ours in text and theirs not in text
    assert ("[Diarra and Diallo, 2012]" if language == "en" else "[Diarra et Diallo, 2012]") in \
        re.sub(r"\s+", " ", text)
    assert re.search(r">\s*\[\s*1\s*\]", text) is None


PDFS = {"en": ROOT / "_build" / "latex", "fr": ROOT / "_build" / "fr" / "_build" / "latex"}


@pytest.mark.pdf
@pytest.mark.parametrize("language", LANGUAGES)
def test_pdf_bibliography_keeps_capitals_and_labels(language):
    path = PDFS[language] / current_release().pdf_name_in(language)
    if not path.exists() or not shutil.which("pdftotext"):
        pytest.skip(f"{path.name} is not built, or pdftotext is missing")
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    text = re.sub(r"\s+", " ", re.sub(r"-\n", "", text))  # words hyphenated at line ends, then lines joined
    rows = formatted(language)
    # The list comes after every in-text citation of its first label.
    start = text.rfind(f"[{rows[0][1]}]".replace("\u00a0", " "))
    assert start >= 0, f"the list's first label [{rows[0][1]}] is not in the PDF"
    listing = text[start:].replace("\u00a0", " ").replace("’", "'")
    listed = listed_entries(listing.replace(" ", ""))
    assert len(listed) > 60, "the bibliography lists the works the book cites"
    lost = {key: words for key, entry in listed.items()
            if (words := lost_capitals(entry.fields.get("title", "").replace("\u00a0", " "), listing))}
    assert not lost, f"titles lowercased in the PDF ({language}): {lost}"
    assert ("Editors' note:" if language == "en" else "Note des éditeurs :") in listing


@pytest.mark.build
def test_french_pages_cite_in_french():
    """In-text citations of the French edition: « et », « s. d. », « édition française »."""
    folder = ROOT / "_build" / "html" / "fr" / "chapters"
    if not folder.exists():
        pytest.skip("run `make book` first")
    labels = set()
    for page in folder.glob("*.html"):
        if page.name.endswith("-parallel.html"):
            continue  # the parallel views set each English block, English citations and all, beside the French
        found = re.findall(r'class="bibtex-citation"[^>]*>\[<a [^>]*>([^<]*)', page.read_text(encoding="utf-8"))
        labels.update(html.unescape(label) for label in found)
    assert len(labels) > 40
    english = sorted(label for label in labels if re.search(r" and |n\.d\.|French edition", label))
    assert not english, f"English words in the French edition's citations: {english}"
    assert {"Diarra et Diallo, 2012", "International Crisis Group (édition française), 2015"} <= labels


def test_the_french_bibliography_does_not_say_its_notes_are_english():
    """Its introduction once said the editors' notes were in English in both editions; they are French
    on French pages (``notefr``)."""
    catalogue = (ROOT / "locales" / "fr" / "LC_MESSAGES" / "chapters" / "bibliography.po").read_text(encoding="utf-8")
    assert "en anglais" not in catalogue
