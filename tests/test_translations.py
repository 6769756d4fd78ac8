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


@pytest.fixture(scope="module")
def english_messages(tmp_path_factory):
    """What `make po` would bring into the catalogues today: the messages Sphinx's gettext builder
    extracts from a copy of the pages (notebooks not executed: their committed outputs), each with the
    page and line it comes from. So an English sentence added or changed without `make po` is caught
    by the fast tier, before the French edition ships it in English."""
    from babel.messages.pofile import read_po

    book = copy_book(tmp_path_factory.mktemp("gettext") / "book", execute=False)
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


def test_a_new_english_sentence_is_reported_with_its_line(english_messages, tmp_path):
    messages = [*english_messages["chapters/intro"], ("A sentence no catalogue has.", [("chapters/intro.md", 12)])]
    assert untranslated(messages, FRENCH_CATALOGUES / "chapters/intro.po") == [
        "chapters/intro.md:12: 'A sentence no catalogue has.' has no French translation (run `make po`, then "
        "translate it)"]


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
