"""The reading aids' build-time parts (malibook.sphinxext.previews, malibook.sphinxext.layers), on a small
fixture project built with sphinx.testing in each language: every previewed link names, in
aria-describedby, a hidden role="tooltip" element that says the right thing as text; the layer switch
stands before the first block in the edition's words; nothing of either reaches the LaTeX. The browser
tests (tests/test_reading_aids.py) show them working in the built book."""
import csv
import html as html_module
import io
import re

import pytest
from sphinx.testing.util import SphinxTestApp
from test_sphinxext import fixture_project, text_of

from malibook.sphinxext.previews import first_sentence, plain

PAGE = """\
# Fixture

Intro text that names the {term}`CMA` before any block.

(b115-p1)=
## `b115-p1` · Local pacts

**Retelling.** Leaders met at Anefis for three weeks. They signed pacts after that.

**Annotations.** See {para}`b115-p2` and the {term}`CMA` {cite:p}`crisisgroup2015peace`.

```{block-data} b115-p1
```

(b115-p2)=
## `b115-p2` · Second block

**Retelling.** A second block, in one sentence. Then more.

```{block-data} b115-p2
```

## Glossary

```{glossary}
CMA
  A coalition, written `<i>as code</i>` here {cite:p}`crisisgroup2015paix`; back to {para}`b115-p1`.
```

```{bibliography}
```
"""
FRENCH = """\
msgid "**Retelling.** Leaders met at Anefis for three weeks. They signed pacts after that."
msgstr "**Restitution.** Des chefs se sont réunis à Anefis pendant trois semaines. Ils ont signé des pactes."

msgid "`b115-p1` · Local pacts"
msgstr "`b115-p1` · Pactes locaux"
"""


def build(root, language, builder="html"):
    warnings = io.StringIO()
    app = SphinxTestApp(builder, srcdir=root, confoverrides={"language": language, "locale_dirs": ["locales"]},
                        status=io.StringIO(), warning=warnings)
    try:
        app.build()
    finally:
        app.cleanup()
    output = app.outdir / "index.html" if builder == "html" else next(app.outdir.glob("*.tex"))
    return output.read_text(encoding="utf-8"), warnings.getvalue()


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    root = fixture_project(tmp_path_factory.mktemp("previews"), {"index": PAGE})
    catalogue = root / "locales" / "fr" / "LC_MESSAGES"
    catalogue.mkdir(parents=True)
    (catalogue / "index.po").write_text(FRENCH, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def pages(project):
    return {language: build(project, language) for language in ("en", "fr")}


def previews(html: str) -> dict[str, str]:
    """{the text of each previewed link or name: the text of its preview} (the last one of each text)."""
    tips = {match[0]: match[1] for match in
            re.findall(r'<div class="book-tip" role="tooltip" id="(book-tip-\d+)" hidden>(.*?)</div>', html, re.S)}
    found = {}
    previewed = r'<(a|span)\b[^>]* aria-describedby="(book-tip-\d+)"[^>]*>(.*?)</\1>'
    for _tag, tip_id, inner in re.findall(previewed, html, re.S):
        found[text_of(inner).strip()] = html_module.unescape(text_of(tips[tip_id])).strip()
    return found


def test_the_build_is_clean(pages):
    assert [warnings for _, warnings in pages.values()] == ["", ""]


def test_a_term_previews_its_definition_as_text_without_its_citation(pages):
    html, _ = pages["en"]
    assert previews(html)["CMA"] == "CMA A coalition, written <i>as code</i> here; back to b115-p1."
    # The definition's code is escaped, never markup.
    assert "&lt;i&gt;as code&lt;/i&gt;" in html.split('class="book-tips"')[1]


def test_a_block_link_previews_the_block_s_title_and_first_sentence(pages):
    assert previews(pages["en"][0])["b115-p2"] == "b115-p2 · Second block A second block, in one sentence."
    assert previews(pages["en"][0])["b115-p1"] == "b115-p1 · Local pacts Leaders met at Anefis for three weeks."


def test_the_french_edition_previews_the_translated_block(pages):
    said = previews(pages["fr"][0])["b115-p1"]
    assert said == "b115-p1 · Pactes locaux Des chefs se sont réunis à Anefis pendant trois semaines."


def test_a_citation_previews_its_reference_and_note_instead_of_a_title(pages):
    html, _ = pages["en"]
    said = previews(html)["International Crisis Group, 2015"]
    assert said.startswith("International Crisis Group. Mali: Peace from Below? Africa Briefing 115"), said
    assert said.endswith(". Editors’ note: Cited in this book by paragraph ID, b115-p1 to b115-r4"), said
    assert 'title="International Crisis Group' not in html
    assert "Note des éditeurs" not in html and "Cité dans ce livre" not in html


def test_the_french_edition_previews_and_lists_the_french_note(pages):
    """The French note (references.bib's notefr), never the English one, in the previews and in the list."""
    html, _ = pages["fr"]
    said = previews(html)  # as text, every space one space
    assert said["International Crisis Group, 2015"].endswith(
        ". Note des éditeurs : Cité dans ce livre par identifiant de paragraphe, de b115-p1 à b115-r4")
    assert said["International Crisis Group (édition française), 2015"].endswith(
        "Note des éditeurs : Édition française du Briefing 115, lue dans une copie à cette adresse ; le livre "
        "n’en retient que les noms français des acteurs et des termes")
    listed = [html_module.unescape(text_of(note)).strip()
              for note in re.findall(r'<p class="bib-note">(.*?)</p>', html, re.S)]
    assert len(listed) == 2 and all(note.startswith("Note des éditeurs : ") for note in listed), listed
    assert "Cité dans ce livre par identifiant de paragraphe, de b115-p1 à b115-r4" in " ".join(listed)
    assert "Editors’ note" not in html and "Cited in this book" not in html and "read in a copy" not in html
    # The note's non-breaking space before its semicolon (a ~ in references.bib), in the preview and the list.
    assert html_module.unescape(html).count("cette adresse\u00a0; le livre") == 2


def test_an_actor_previews_its_description_in_the_edition_s_language(pages):
    english, french = previews(pages["en"][0]), previews(pages["fr"][0])
    assert english["Coordination of Azawad Movements (CMA)"] == (
        "Coordination of Azawad Movements (CMA) The main coalition of northern rebel movements in 2015 and a "
        "signatory of that year's peace agreement.")
    assert french["Coordination des mouvements de l’Azawad (CMA)"] == (
        "Coordination des mouvements de l’Azawad (CMA) Principale coalition des mouvements rebelles du Nord en "
        "2015, signataire de l’accord de paix conclu cette année-là.")
    # The name is focusable, so that the keyboard reaches its preview.
    assert re.search(r'<span class="book-previewed" tabindex="0" aria-describedby="book-tip-\d+">'
                     r"Coordination of Azawad Movements \(CMA\)</span>", pages["en"][0])


def test_one_preview_per_text_and_every_reference_resolves(pages):
    html, _ = pages["en"]
    ids = re.findall(r'role="tooltip" id="(book-tip-\d+)"', html)
    assert len(ids) == len(set(ids)) and ids
    assert set(re.findall(r'aria-describedby="(book-tip-\d+)"', html)) == set(ids)


@pytest.mark.parametrize("language, words", [
    ("en", ["Show", "Retelling only", "With annotations", "With annotations and data"]),
    ("fr", ["Afficher", "La restitution seule", "Avec les annotations", "Avec les annotations et les données"]),
])
def test_the_layer_switch_stands_before_the_first_block_in_the_edition_s_words(pages, language, words):
    html, _ = pages[language]
    assert html.count('<fieldset class="book-layers">') == 1
    switch = html.index('<fieldset class="book-layers">')
    assert html.index("Intro text") < switch < html.index('id="b115-p1"')
    assert text_of(html[switch:html.index("</fieldset>", switch)]).split() == " ".join(words).split()
    assert re.findall(r'name="book-layers" value="(\w+)"', html) == ["retelling", "annotations", "all"]
    assert 'data-book-layers' in html and "localStorage" in html  # the head script


def test_nothing_of_either_reaches_the_latex(project):
    tex, warnings = build(project, "en", "latex")
    assert warnings == ""
    assert "book-tip" not in tex and "book-layers" not in tex and "Retelling only" not in tex
    assert "Coordination of Azawad Movements (CMA)" in tex


def test_plain_text_and_first_sentences():
    assert plain("a  label\n [x] , then", "en") == "a label [x], then"
    assert plain("un mot\u00a0: la suite", "fr") == "un mot\u00a0: la suite"
    assert plain("en 2015 \u00a0; il", "fr") == "en 2015\u00a0; il"  # a citation label left out
    assert first_sentence("It ended. « Then » more.") == "It ended."
    assert first_sentence("Is it peace? no, not yet. Later.") == "Is it peace? no, not yet."


@pytest.mark.parametrize("language, name", [("en", "Coordination of Azawad Movements (CMA)"),
                                            ("fr", "Coordination des mouvements de l’Azawad (CMA)")])
def test_an_actor_s_hostile_name_and_description_preview_as_text(tmp_path, language, name):
    from test_hostile_data import HOSTILE, STRAIGHT, plant

    root = fixture_project(tmp_path / "hostile", {"index": PAGE})
    plant(root / "data")  # the CNSP's names become HOSTILE
    path = root / "data" / "actors.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields, rows = reader.fieldnames, list(reader)
    cma = next(row for row in rows if row["actor_id"] == "cma")
    assert cma["description"].startswith("The main coalition") and cma["description_fr"].startswith("Principale")
    cma["description"] = cma["description_fr"] = HOSTILE
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    html, warnings = build(root, language)
    assert warnings == ""
    said = previews(html)[name]
    assert said.translate(STRAIGHT) == f"{name} {HOSTILE}".translate(STRAIGHT)
    tips = "".join(re.findall(r'<div class="book-tip" role="tooltip"[^>]*>(.*?)</div>', html, re.S))
    assert "<script>" not in tips and "&lt;script&gt;" in tips


def test_a_changed_definition_updates_the_previews_of_the_pages_that_link_to_it(tmp_path):
    terms = "---\norphan: true\n---\n# Terms\n\n```{glossary}\nCMA\n  The first definition.\n```\n"
    root = fixture_project(tmp_path / "incremental", {"index": "# Fixture\n\nThe {term}`CMA`.\n", "terms": terms})
    html, _ = build(root, "en")
    assert previews(html)["CMA"] == "CMA The first definition."
    (root / "terms.md").write_text(terms.replace("first", "second"), encoding="utf-8")
    html, _ = build(root, "en")  # the same output folder: an incremental build, which writes index again
    assert previews(html)["CMA"] == "CMA The second definition."
