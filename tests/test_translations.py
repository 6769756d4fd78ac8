"""The French catalogues: one per page of the book (and sphinx.po for the templates), every message
translated, none fuzzy, the markup of each English message kept (qa.catalogues).

One test per catalogue, so that a missing or unfinished one names itself: these fail until every
page is translated, and again whenever an English message changes (`make po` marks it fuzzy).
"""
import subprocess
import sys

import pytest
import yaml

from conftest import JUPYTER_BOOK, ROOT, copy_book
from qa.catalogues import FRENCH_CATALOGUES, catalogue_problems, markup, message_problems


def pages() -> list[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    return [toc["root"]] + [chapter["file"] for part in toc["parts"] for chapter in part["chapters"]]


@pytest.mark.parametrize("catalogue", [*pages(), "sphinx"])
def test_catalogue_is_complete(catalogue):
    path = FRENCH_CATALOGUES / f"{catalogue}.po"
    assert path.exists(), f"{path.relative_to(ROOT)} is missing: run `make po`, then translate it"
    assert catalogue_problems(path) == []


# What the extraction reads: the pages, the configuration, the data and the extension's code; not the
# catalogues it is compared with, nor the tests and the maintainers' pages.
NOT_EXTRACTED_FROM = ("locales", "tests", "docs", ".github", "_build")
MESSAGES_CACHE = ROOT / "_build" / "cache" / "english-messages.json"


def sources_digest(book) -> str:
    """A digest of every file the extraction reads, with the Sphinx that reads them."""
    import hashlib

    import sphinx

    digest = hashlib.sha256(sphinx.__version__.encode())
    for path in sorted(path for path in book.rglob("*") if path.is_file()):
        relative = path.relative_to(book)
        if relative.parts[0] not in NOT_EXTRACTED_FROM and "__pycache__" not in relative.parts:
            digest.update(relative.as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


@pytest.fixture(scope="module")
def english_messages(tmp_path_factory):
    """What `make po` would bring into the catalogues today: the messages Sphinx's gettext builder
    extracts from a copy of the pages (notebooks not executed: their committed outputs), each with the
    page and line it comes from. So an English sentence added or changed without `make po` is caught
    by the fast tier, before the French edition ships it in English.

    The extraction (a Sphinx run over the whole book, seconds) is kept in _build/cache/ under a digest
    of what it read: the fast tier runs it again only after a change of a page, the data or the code."""
    import json

    from babel.messages.pofile import read_po

    book = copy_book(tmp_path_factory.mktemp("gettext") / "book", execute=False)
    digest = sources_digest(book)
    if MESSAGES_CACHE.exists():
        cached = json.loads(MESSAGES_CACHE.read_text(encoding="utf-8"))
        if cached["digest"] == digest:
            return {page: [(message_id, [tuple(location) for location in locations])
                           for message_id, locations in messages]
                    for page, messages in cached["messages"].items()}
    subprocess.run([str(JUPYTER_BOOK), "config", "sphinx", str(book)], check=True, capture_output=True)
    output = book / "_build" / "gettext"
    result = subprocess.run([sys.executable, "-m", "sphinx", "-b", "gettext", "-q", "-D", "gettext_location=1",
                             "-D", "gettext_compact=0", str(book), str(output)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    messages = {}
    for template in output.rglob("*.pot"):
        page = template.relative_to(output).with_suffix("").as_posix()
        with template.open("rb") as handle:
            messages[page] = [(message.id, message.locations) for message in read_po(handle) if message.id]
    MESSAGES_CACHE.parent.mkdir(parents=True, exist_ok=True)
    MESSAGES_CACHE.write_text(json.dumps({"digest": digest, "messages": messages}), encoding="utf-8")
    return messages


def untranslated(messages, catalogue) -> list[str]:
    """The messages of a page that its French catalogue does not translate, each with its page and line."""
    from babel.messages.pofile import read_po

    translated = set()
    if catalogue.exists():
        with catalogue.open("rb") as handle:
            translated = {message.id for message in read_po(handle)
                          if message.id and message.string and "fuzzy" not in message.flags}
    def where(locations) -> str:  # the gettext builder writes them relative to its output folder
        return f"{locations[0][0].lstrip('./')}:{locations[0][1]}" if locations else catalogue.name

    return [f"{where(locations)}: {message_id[:60]!r} "
            "has no French translation (run `make po`, then translate it)"
            for message_id, locations in messages if message_id not in translated]


@pytest.fixture(scope="module")
def known_references():
    from test_chapter_references import known_names

    return known_names()


def has_unknown_references(page: str, known) -> bool:
    """Whether the page names a citation key, paragraph, term... that does not exist: its message then
    differs from the catalogue's too, and test_chapter_references.py reports the one mistake."""
    from test_chapter_references import markup_of, unknown_references

    sources = [path for suffix in (".md", ".ipynb") if (path := ROOT / f"{page}{suffix}").exists()]
    return any(unknown_references(where, text, known) for source in sources for where, text in markup_of(source))


@pytest.mark.parametrize("page", pages())
def test_every_english_message_of_the_page_is_translated(page, english_messages, known_references):
    if has_unknown_references(page, known_references):
        pytest.skip(f"{page} names a reference that does not exist (test_chapter_references.py): fix it first")
    assert untranslated(english_messages[page], FRENCH_CATALOGUES / f"{page}.po") == []


def test_a_new_english_sentence_is_reported_with_its_line():
    """Beside a message the catalogue translates, a new one is reported with its page and line (on its
    own: a sentence planted in the page fails only the page's test above)."""
    from babel.messages.pofile import read_po

    with (FRENCH_CATALOGUES / "chapters/intro.po").open("rb") as handle:
        translated = next(message.id for message in read_po(handle) if message.id and message.string)
    messages = [(translated, [("chapters/intro.md", 1)]), ("A sentence no catalogue has.", [("chapters/intro.md", 12)])]
    assert untranslated(messages, FRENCH_CATALOGUES / "chapters/intro.po") == [
        "chapters/intro.md:12: 'A sentence no catalogue has.' has no French translation (run `make po`, then "
        "translate it)"]


def test_the_kept_extraction_follows_the_pages_not_the_catalogues(tmp_path):
    """The extraction kept in _build/cache/ is used again only while every file it read is unchanged."""
    (tmp_path / "chapters").mkdir()
    (tmp_path / "locales").mkdir()
    page, catalogue = tmp_path / "chapters" / "intro.md", tmp_path / "locales" / "intro.po"
    page.write_text("# Intro\n\nA sentence.\n", encoding="utf-8")
    catalogue.write_text('msgid "A sentence."\nmsgstr ""\n', encoding="utf-8")
    before = sources_digest(tmp_path)
    catalogue.write_text('msgid "A sentence."\nmsgstr "Une phrase."\n', encoding="utf-8")
    assert sources_digest(tmp_path) == before
    page.write_text("# Intro\n\nA sentence. Another one.\n", encoding="utf-8")
    assert sources_digest(tmp_path) != before


def test_no_catalogue_is_left_for_a_page_that_is_gone():
    known = {f"{page}.po" for page in [*pages(), "sphinx"]}
    found = {path.relative_to(FRENCH_CATALOGUES).as_posix() for path in FRENCH_CATALOGUES.rglob("*.po")}
    assert found <= known


# --------------------------------------------------------------------------- the checks can fail

def test_an_untranslated_or_fuzzy_message_is_caught():
    assert message_problems("Bibliography", "", fuzzy=False) == ["untranslated"]
    assert message_problems("Bibliography", "Bibliographie", fuzzy=True)[0].startswith("fuzzy")
    assert message_problems("Bibliography", "Bibliographie", fuzzy=False) == []


@pytest.mark.parametrize("english, french", [
    ("See {para}`b115-p2`.", "Voir {para}`b115-p3`."),                     # a changed target
    ("As {cite:p}`acled2021codebook` says.", "Comme le dit ACLED."),       # a dropped citation
    ("The [mentions](data-mentions) table.", "La table [mentions](data-mention)."),
    ("Version %BOOK_VERSION%.", "Version %BOOK_DATE%."),
    ("{term}`Platform` and {term}`CMA`", "{term}`Plateforme`"),            # a glossary term lost
])
def test_broken_markup_is_caught(english, french):
    problems = message_problems(english, french, fuzzy=False)
    assert problems and problems[0].startswith("markup differs"), problems


def test_translated_visible_texts_and_glossary_terms_are_allowed():
    english = "{doc}`the glossary <glossary>`, {term}`honour pacts <honour pacts>`, [text](https://a.org/x)"
    french = "{doc}`le glossaire <glossary>`, {term}`pactes d’honneur <pactes d'honneur>`, [texte](https://a.org/x)"
    assert markup(english) == markup(french)
    assert message_problems(english, french, fuzzy=False) == []


def test_a_catalogue_with_a_fuzzy_message_is_reported(tmp_path):
    path = tmp_path / "page.po"
    path.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                    'msgid "Title"\nmsgstr "Titre"\n\n#, fuzzy\nmsgid "Two words"\nmsgstr "Deux mots"\n\n'
                    'msgid "Left"\nmsgstr ""\n', encoding="utf-8")
    problems = catalogue_problems(path)
    assert len(problems) == 2 and "'Two words': fuzzy" in problems[0] and problems[1].endswith("untranslated")
