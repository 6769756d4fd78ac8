"""The French catalogues: one per page of the book (and sphinx.po for the templates), every message
translated, none fuzzy, the markup of each English message kept (malibook.site.catalogues).

One test per catalogue, so that a missing or unfinished one names itself: these fail until every
page is translated, and again whenever an English message changes (`make po` marks it fuzzy).
"""
import pytest
import yaml

from conftest import ROOT
from malibook.site.catalogues import FRENCH_CATALOGUES, catalogue_problems, markup, message_problems


def pages() -> list[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    return [toc["root"]] + [chapter["file"] for part in toc["parts"] for chapter in part["chapters"]]


@pytest.mark.parametrize("catalogue", [*pages(), "sphinx"])
def test_catalogue_is_complete(catalogue):
    path = FRENCH_CATALOGUES / f"{catalogue}.po"
    assert path.exists(), f"{path.relative_to(ROOT)} is missing: run `make po`, then translate it"
    assert catalogue_problems(path) == []


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
