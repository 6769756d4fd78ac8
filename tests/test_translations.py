"""The French catalogues: one per page of the book (and sphinx.po for the templates), every message
translated, none fuzzy, the markup of each English message kept (qa.catalogues).

One test per catalogue, so that a missing or unfinished one names itself: these fail until every
page is translated, and again whenever an English message changes (`make po` marks it fuzzy).
"""
import os

import pytest
import yaml

from conftest import ROOT, copy_book
from qa.catalogues import FRENCH_CATALOGUES, catalogue_problems, markup, message_problems
from qa.english_messages import WORK as EXTRACTION_WORK
from qa.english_messages import english_messages as extract_english_messages


def pages() -> list[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    return [toc["root"]] + [chapter["file"] for part in toc["parts"] for chapter in part["chapters"]]


@pytest.mark.parametrize("catalogue", [*pages(), "sphinx"])
def test_catalogue_is_complete(catalogue):
    path = FRENCH_CATALOGUES / f"{catalogue}.po"
    assert path.exists(), f"{path.relative_to(ROOT)} is missing: run `make po`, then translate it"
    assert catalogue_problems(path) == []


@pytest.fixture(scope="module")
def english_messages():
    """What `make po` would bring into the catalogues today: the messages Sphinx's gettext builder
    extracts from the pages, each with the page and line it comes from. So an English sentence added or
    changed without `make po` is caught by the fast tier, before the French edition ships it in English.
    After an edit of a page Sphinx reads that page again, and nothing when nothing changed."""
    return extract_english_messages(ROOT, EXTRACTION_WORK)


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


def small_book(root):
    files = {"_config.yml": "execute:\n  execute_notebooks: cache\n", "chapters/intro.md": "# Intro\n\nA sentence.\n",
             "data/events.csv": "id\n1\n", "locales/fr/intro.po": 'msgid "A sentence."\nmsgstr ""\n'}
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def test_the_kept_extraction_follows_the_pages_and_settings_not_the_catalogues(tmp_path):
    """Messages kept under a digest of what the extraction reads; the mirror kept while only pages change."""
    from qa.english_messages import _digest, _read_by_extraction

    book = small_book(tmp_path)
    files = _read_by_extraction(book)
    assert "locales/fr/intro.po" not in files and b"execute_notebooks: off" in files["_config.yml"]
    before, settings = _digest(files), _digest(files, only_settings=True)
    (book / "locales/fr/intro.po").write_text('msgid "A sentence."\nmsgstr "Une phrase."\n', encoding="utf-8")
    assert _digest(_read_by_extraction(book)) == before
    (book / "chapters/intro.md").write_text("# Intro\n\nA sentence. Another one.\n", encoding="utf-8")
    files = _read_by_extraction(book)
    assert _digest(files) != before and _digest(files, only_settings=True) == settings
    (book / "data/events.csv").write_text("id\n2\n", encoding="utf-8")
    assert _digest(_read_by_extraction(book), only_settings=True) != settings


def test_the_mirror_rewrites_only_changed_files_and_notices_a_removed_one(tmp_path):
    from qa.english_messages import _mirror, _read_by_extraction

    book, mirror = small_book(tmp_path / "book"), tmp_path / "mirror"
    assert not _mirror(_read_by_extraction(book), mirror)
    data = mirror / "data/events.csv"
    os.utime(data, (1_000_000, 1_000_000))
    (book / "chapters/intro.md").write_text("# Intro\n\nChanged.\n", encoding="utf-8")
    (mirror / "conf.py").write_text("", encoding="utf-8")  # written by jupyter-book, not a source
    (mirror / "_build").mkdir()
    (mirror / "_build/x.pot").write_text("", encoding="utf-8")  # Sphinx's output
    assert not _mirror(_read_by_extraction(book), mirror)
    assert (mirror / "chapters/intro.md").read_text(encoding="utf-8").endswith("Changed.\n")
    assert data.stat().st_mtime == 1_000_000  # unchanged, so Sphinx does not read it again
    (book / "data/events.csv").unlink()
    assert _mirror(_read_by_extraction(book), mirror)


@pytest.mark.build
def test_an_edited_page_s_new_sentence_is_extracted_from_the_kept_mirror(tmp_path):
    """The incremental path end to end, on a copy of the book: after an edit, Sphinx reads the page
    again from the kept mirror, and the new sentence is there with its line."""
    book = copy_book(tmp_path / "book")
    first = extract_english_messages(book, tmp_path / "work")
    page = book / "chapters" / "context.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nA sentence planted by the test.\n", encoding="utf-8")
    second = extract_english_messages(book, tmp_path / "work")
    line = page.read_text(encoding="utf-8").count("\n")
    planted = [locations for message, locations in second["chapters/context"]
               if message == "A sentence planted by the test."]
    assert planted == [[("../../chapters/context.md", line)]], planted
    assert {page: found for page, found in second.items() if page != "chapters/context"} == \
        {page: found for page, found in first.items() if page != "chapters/context"}


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
