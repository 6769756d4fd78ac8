"""The French edition: dates, data, figures and data boxes in French; the derived configuration; and,
on the site `make book` built, every page under fr/ in French with the English page's anchors, the
language switcher both ways and the French search."""
import datetime
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
import pytest
import yaml

from conftest import ROOT
from malibook import load
from malibook.analysis import annotations, documents, network, tables, timeline
from malibook.analysis.labels import FRENCH, label
from malibook.data.dates import date_label, span_label
from malibook.data.language import LANGUAGE_VARIABLE, book_language, localized
from malibook.data.sources import read_bibliography
from malibook.publishing.french_edition import FRENCH_TITLE, french_config, sync_folder, write_french_config
from malibook.publishing.version import Release, current_release
from malibook.sphinxext.bilingual import other_edition

SITE = ROOT / "_build" / "html"
FRENCH_SITE = SITE / "fr"
NO_COPY = ROOT.parent / "shared" / "tools" / "check_no_copy.py"
NBSP = "\u00a0"


@pytest.fixture(scope="module")
def data():
    return load()


# --------------------------------------------------------------------------- dates and language

@pytest.mark.parametrize("value, precision, english, french", [
    (datetime.date(2021, 5, 24), "day", "24 May 2021", "24 mai 2021"),
    (datetime.date(2021, 5, 1), "month", "May 2021", "mai 2021"),
    (datetime.date(2020, 10, 1), "day", "1 October 2020", "1er octobre 2020"),
    (datetime.date(2020, 8, 18), "day", "18 August 2020", "18 août 2020"),
    (datetime.date(2015, 1, 1), "year", "2015", "2015"),
])
def test_dates_in_both_languages(value, precision, english, french):
    assert date_label(value, precision) == english
    assert date_label(value, precision, "fr") == french


def test_french_spans_share_what_both_ends_have_in_common():
    day = datetime.date
    assert span_label(day(2015, 8, 15), "day", day(2015, 8, 29), "day", "fr") == "15–29 août 2015"
    assert span_label(day(2015, 8, 15), "day", day(2015, 9, 2), "day", "fr") == "15 août – 2 septembre 2015"
    assert span_label(day(2012, 1, 17), "day", day(2013, 4, 5), "day", "fr") == "17 janvier 2012 – 5 avril 2013"
    assert span_label(day(2015, 8, 15), "day", day(2015, 8, 29), "day") == "15 August 2015 – 29 August 2015"
    with pytest.raises(ValueError, match="no month names for language 'de'"):
        date_label(day(2015, 8, 15), "day", "de")


def test_rival_dates_are_written_once_what_they_share():
    from malibook.sphinxext.data_markup import dispute_values_label

    def rows(*values):
        return [type("Row", (), {"value": value, "precision": precision})() for value, precision in values]

    days = rows(("2012-01-16", "day"), ("2012-01-17", "day"))
    assert dispute_values_label(days, "fr") == "16 ou 17 janvier 2012"
    assert dispute_values_label(days, "en") == "16 or 17 January 2012"
    assert dispute_values_label(rows(("2020-10-01", "day"), ("2020-09-30", "day")), "fr") == \
        "1er octobre ou 30 septembre 2020"
    assert dispute_values_label(rows(("2012-12", "month"), ("2013-01-11", "day")), "fr") == \
        "décembre 2012 ou 11 janvier 2013"
    assert dispute_values_label(rows(("40", "count"), ("52", "minimum")), "fr") == "40 ou au moins 52"


def test_the_language_comes_from_the_argument_then_the_environment(monkeypatch):
    monkeypatch.delenv(LANGUAGE_VARIABLE, raising=False)
    assert book_language() == "en"
    monkeypatch.setenv(LANGUAGE_VARIABLE, "fr")
    assert book_language() == "fr" and book_language("en") == "en"
    monkeypatch.setenv(LANGUAGE_VARIABLE, "es")
    with pytest.raises(ValueError, match="MALIBOOK_LANGUAGE is 'es'"):
        book_language()


def test_release_date_and_pdf_name_of_the_french_edition():
    release = Release("1.2.3", datetime.date(2025, 1, 9))
    assert release.date_label_in("fr") == "9 janvier 2025" and release.date_label == "9 January 2025"
    assert release.pdf_name_in("fr") == "pactes-et-putschs-fr-1.2.3.pdf"
    assert Release("1.2.3", None).date_label_in("fr") == "version de travail, non publiée"


# --------------------------------------------------------------------------- the data in French

def test_french_columns_fall_back_to_english_where_empty(data):
    actors = data["actors"].set_index("actor_id")
    assert localized(actors.loc["ecowas"], "acronym", "fr") == "CEDEAO"
    assert localized(actors.loc["cma"], "acronym", "fr") == "CMA"  # no French acronym: the English one
    assert localized(actors.loc["assimi-goita"], "name", "fr") == "Assimi Goïta"
    names = localized(actors, "short_name", "fr")
    assert names["platform"] == "Plateforme" and names["bah-ndaw"] == "N’Daw"


def test_the_gists_of_the_french_edition_are_french(data):
    english, french = documents.body_blocks(data["paragraphs"], "en"), documents.body_blocks(data["paragraphs"], "fr")
    assert list(english["paragraph_id"]) == list(french["paragraph_id"])
    assert french.set_index("paragraph_id").loc["qa2021-p1", "gist"].startswith("Le 24 mai 2021, le président")
    assert english.set_index("paragraph_id").loc["qa2021-p1", "gist"].startswith("On 24 May 2021 President")


def test_every_actor_has_a_french_description_in_french_typography(data):
    """Each actor's preview on French pages is its own French sentence: filled, not the English one,
    with a non-breaking space before ; : ! ? and inside « », and the other actors' French names (CEDEAO,
    not ECOWAS)."""
    actors = data["actors"]
    french = dict(zip(actors["actor_id"], actors["description_fr"]))
    assert len(french) == len(actors) and all(isinstance(text, str) and text.strip() for text in french.values())
    assert not [actor for actor, english in zip(actors["actor_id"], actors["description"]) if english == french[actor]]
    badly_spaced = [actor for actor, text in french.items()
                    if re.search(rf"[^{NBSP}][;:!?»]|«[^{NBSP}]", text) or '"' in text]
    assert badly_spaced == []
    english_forms = {english for column in ("name", "short_name", "acronym")
                     for english, other in zip(actors[column], actors[f"{column}_fr"])
                     if isinstance(english, str) and isinstance(other, str) and other and other != english}
    pattern = re.compile(r"\b(" + "|".join(re.escape(form) for form in sorted(english_forms, key=len, reverse=True))
                         + r")\b")
    assert {"ECOWAS", "AQIM", "Platform"} <= english_forms
    assert {actor: pattern.findall(text) for actor, text in french.items() if pattern.search(text)} == {}


def test_french_text_takes_the_typographic_apostrophe(data):
    """One apostrophe in French (’): the data's French columns, the figures' and tables' words, the data
    dictionary's phrases and the package's French descriptions (the names of the CMA and the Platform had ')."""
    from malibook.data.dictionary import PHRASES

    package = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    french_descriptions = [value for key, value in _package_items(package) if key.endswith("_fr")]
    texts = {"labels": list(FRENCH.values()), "dictionary": [value for _, value in _package_items(PHRASES["fr"])],
             "package": french_descriptions}
    for name, frame in data.items():
        if hasattr(frame, "columns"):
            for column in [column for column in frame.columns if column.endswith("_fr")]:
                texts[f"{name}.{column}"] = [value for value in frame[column].dropna() if isinstance(value, str)]
    straight = {where: [text for text in values if re.search(r"\w'\w", text)] for where, values in texts.items()}
    assert not {where: found for where, found in straight.items() if found}
    assert len(texts) > 8 and len(texts["actors.name_fr"]) > 20


def _package_items(value):
    """(key, text) for every string of a JSON document, however deep."""
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, str):
                yield key, item
            else:
                yield from _package_items(item)
    elif isinstance(value, list):
        for item in value:
            yield from _package_items(item)


def test_french_short_names_tell_every_actor_apart(data):
    """Figures label actors by their short names: two alike would merge two nodes for a reader."""
    names = localized(data["actors"], "short_name", "fr")
    assert names.is_unique, names[names.duplicated()].tolist()


# Actors the book names by a description of its own: their French name is the book's wording.
DESCRIBED = {"nomad-communities", "mali-government", "mali-presidency", "transition-authorities",
             "extended-mediation", "jihadist-groups", "international-partners", "civil-society",
             "political-parties"}


def test_every_french_name_of_an_organisation_comes_from_a_cited_french_source(data):
    """name_fr and acronym_fr: each actor that has one cites a reference that was read for its French
    name (its note says so, or its note or title gives the name)."""
    entries = read_bibliography()
    unsourced = []
    for actor in data["actors"].itertuples():
        french = [value for value in (actor.name_fr, actor.acronym_fr) if pd.notna(value)]
        if not french or actor.actor_id in DESCRIBED:
            continue
        notes = " ".join(entries[key].get("note", "") + " " + entries[key].get("title", "")
                         for key in actor.reference_keys)
        # The book sets the apostrophe as French typography does (’); a source may type it straight.
        notes = notes.replace("'", "’")
        if "French" not in notes and not all(value.casefold() in notes.casefold() for value in french):
            unsourced.append(actor.actor_id)
    assert unsourced == []


def test_data_boxes_and_actor_lists_in_french(data):
    box = annotations.block_mentions_markdown(data, "qa2021-p1", "fr")
    assert box.startswith(f"```{{admonition}} Dans les données{NBSP}: ce à quoi renvoie qa2021-p1")
    assert f"**Événements{NBSP}:** Arrestation du président et du Premier ministre de la transition (24 mai 2021)" \
        in box
    assert "Garde nationale du Mali" in box and "Comité national pour le salut du peuple (CNSP)" in box
    assert f"N’Daw → Présidence (fonction{NBSP}: président de la transition)" in box
    assert "In the data" not in box and " holds post " not in box
    listing = annotations.actors_by_document_markdown(data, "fr")
    assert listing.startswith("- **Dans les deux documents** (6)") and "Union africaine (UA)" not in listing
    assert "Union africaine" in listing and "Algiers Platform" not in listing


def test_french_tables_translate_headers_and_the_books_vocabulary():
    frame = pd.DataFrame({"lane": ["Violence"], "days": [3071], "months": [100.9]})
    text = tables.markdown_table(frame, index=False, language="fr")
    assert text.splitlines()[0] == "| couloir | jours | mois |"
    assert text.splitlines()[2] == "| Violences | 3071 | 100,9 |"
    assert tables.markdown_table(frame, index=False, language="en").splitlines()[2] == "| Violence | 3071 | 100.9 |"


# --------------------------------------------------------------------------- the figures in French

def figure_texts(fig) -> set[str]:
    texts = {text.get_text() for text in fig.findobj(matplotlib.text.Text)}
    for ax in fig.axes:
        legend = ax.get_legend()
        if legend:
            texts |= {text.get_text() for text in legend.get_texts()}
    # A long title may be drawn on two lines (the close-up): it is one text all the same.
    return {text.replace("\n", " ") for text in texts if text.strip()}


def draw_every_figure(data, language):
    """Every figure of the three notebooks, drawn in one language; their texts."""
    texts = set()
    frame = timeline.timeline_frame(data, language)
    publications = timeline.publication_dates(data, language)
    window = timeline.closeup_frame(frame, "2020-05-15", "2021-07-01", language)
    first, last = frame["start"].min(), frame["end"].max()
    bars = timeline.term_bars(timeline.power_terms(data, language), first, last)
    nodes, edges = network.network_frames(network.split_components(network.relation_graph(data, language))[0])
    drawings = [
        lambda ax: (timeline.plot_timeline(ax, frame, timeline.phase_spans(data), publications, language),
                    timeline.timeline_legend(ax, language=language)),
        lambda ax: (timeline.plot_event_rows(ax, window, publications, "2020-05-15", "2021-07-01", language),
                    timeline.timeline_legend(ax, with_lanes=True, language=language)),
        lambda ax: timeline.plot_power_terms(ax, bars, first, last, language),
        lambda ax: (network.draw_network(ax, nodes, edges, label("Q&A (2021)", language), language=language),
                    ax.legend()),
        lambda ax: network.plot_mention_matrix(ax, network.mention_matrix(data, 2), data["actors"], language),
        lambda ax: documents.plot_block_counts(documents.block_counts(data["paragraphs"]), ax, language),
    ]
    for draw in drawings:
        fig, ax = plt.subplots()
        draw(ax)
        fig.draw_without_rendering()  # the texts and ticks, without rasterising the figure
        texts |= figure_texts(fig)
        plt.close(fig)
    return texts


def test_the_figures_own_words_are_french_in_the_french_edition(data):
    english, french = draw_every_figure(data, "en"), draw_every_figure(data, "fr")
    shown_in_english = {text for text in english if text in FRENCH and FRENCH[text] != text}
    assert len(shown_in_english) > 25  # lanes, phases, legends, rows, kinds, axis titles...
    assert shown_in_english & french == set(), "English labels left in a French figure"
    assert {FRENCH[text] for text in shown_in_english} <= french
    for words in ("Prises de pouvoir", "Chef de l’État", "nombre de blocs", "juil. 2020", "Plateforme",
                  "24 mai 2021", "Arrestation du président et du Premier ministre de la transition"):
        assert words in french, words


def test_a_label_without_french_is_an_error_not_an_english_word():
    with pytest.raises(KeyError, match="no French for the label 'Picnics'"):
        label("Picnics", "fr")
    assert label("Picnics", "en") == "Picnics"


def test_notebooks_draw_in_the_language_the_build_passes_them(tmp_path):
    """The French build sets MALIBOOK_LANGUAGE for the kernels it starts; a notebook then prints French."""
    code = ("from malibook.analysis.labels import label; from malibook.analysis.timeline import LANES;"
            "print(label(list(LANES)[1]))")
    environment = {**os.environ, LANGUAGE_VARIABLE: "fr"}
    result = subprocess.run([sys.executable, "-c", code], env=environment, capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "Prises de pouvoir"


# --------------------------------------------------------------------------- configuration and site tools

def test_french_configuration_is_derived_from_the_english_one():
    english = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    french = french_config(english)
    assert french["sphinx"]["config"]["language"] == "fr" and english["sphinx"]["config"]["language"] == "en"
    assert french["title"] == f"Pactes et putschs{NBSP}: le Mali de 2015 à{NBSP}2021"
    assert french["copyright"].startswith(english["copyright"].split(",")[0] + ", l’équipe éditoriale")
    for key in ("repository", "execute", "parse", "latex", "bibtex_bibfiles"):
        assert french[key] == english[key], key
    derived = ("language", "latex_elements")
    assert {key: value for key, value in french["sphinx"]["config"].items() if key not in derived} == \
        {key: value for key, value in english["sphinx"]["config"].items() if key not in derived}
    # The PDF's contents are headed "Table des matières", not with the first part's caption ("Repères").
    french_latex = french["sphinx"]["config"]["latex_elements"]
    english_latex = english["sphinx"]["config"]["latex_elements"]
    assert french_latex.pop("preamble").endswith(r"\renewcommand{\contentsname}{Table des matières}}")
    assert french_latex == {key: value for key, value in english_latex.items() if key != "preamble"}


def test_one_french_title_on_the_home_page_and_in_the_configuration():
    """The home page's heading (the root page's catalogue) is the title of the French edition's configuration."""
    from babel.messages.pofile import read_po

    english_title = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["title"]
    with (ROOT / "locales" / "fr" / "LC_MESSAGES" / "chapters" / "intro.po").open("rb") as handle:
        home_title = read_po(handle).get(english_title)
    assert home_title is not None and home_title.string == FRENCH_TITLE


def test_an_unchanged_french_configuration_keeps_its_date(tmp_path):
    output = tmp_path / "fr" / "_config.yml"
    assert write_french_config(ROOT / "_config.yml", output)
    stamp = output.stat().st_mtime_ns
    assert not write_french_config(ROOT / "_config.yml", output) and output.stat().st_mtime_ns == stamp


def test_sync_copies_changes_and_removes_what_is_gone(tmp_path):
    source, target = tmp_path / "built", tmp_path / "site" / "fr"
    (source / "chapters").mkdir(parents=True)
    (source / "chapters" / "a.html").write_text("a", encoding="utf-8")
    (target / "old").mkdir(parents=True)
    (target / "old" / "b.html").write_text("b", encoding="utf-8")
    assert sync_folder(source, target) == 1
    assert (target / "chapters" / "a.html").read_text(encoding="utf-8") == "a" and not (target / "old").exists()
    assert sync_folder(source, target) == 0


def test_each_page_links_to_the_same_page_in_the_other_edition():
    assert other_edition("chapters/qa-2021.html", "en") == ("fr", "../fr/chapters/qa-2021.html")
    assert other_edition("chapters/qa-2021.html", "fr") == ("en", "../../chapters/qa-2021.html")
    assert other_edition("search.html", "fr") == ("en", "../search.html")


def test_no_line_of_a_page_starts_with_a_page_token():
    """Page tokens are replaced after translation, so MyST reads them as written: a line that starts
    with '%' is a comment, and its text would vanish from the page."""
    for page in sorted((ROOT / "chapters").glob("*.md")):
        in_fence = False
        for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), start=1):
            if line.lstrip().startswith(("```", "~~~")):
                in_fence = not in_fence  # inside a code fence MyST reads every line as written
                continue
            assert in_fence or not re.match(r"\s*(>\s*)?%[A-Z_]+%", line), f"{page.name}, line {number}"


# --------------------------------------------------------------------------- the no-copy rule, in French too

def catalogues_as_markdown(destination: pathlib.Path) -> int:
    """Each catalogue's translations as a Markdown page, where the no-copy checker reads prose."""
    from babel.messages.pofile import read_po

    count = 0
    for path in sorted((ROOT / "locales").rglob("*.po")):
        with path.open("rb") as handle:
            strings = [message.string for message in read_po(handle) if message.id and message.string]
        page = destination / path.relative_to(ROOT).with_suffix(".md")
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text("\n\n".join(strings) + "\n", encoding="utf-8")
        count += len(strings)
    return count


@pytest.mark.skipif(not NO_COPY.exists(), reason="the shared no-copy checker is not on this machine")
@pytest.mark.parametrize("mode", [[], ["--paraphrase"]], ids=["copy", "paraphrase"])
def test_no_copy_in_either_edition(tmp_path, mode):
    """The checker over the whole tree, and over the French catalogues' text written out as pages."""
    assert catalogues_as_markdown(tmp_path) > 0
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)  # the checker reads a repository's files
    for tree in (ROOT, tmp_path):
        result = subprocess.run([sys.executable, str(NO_COPY), *mode, str(tree)], capture_output=True, text=True)
        assert result.returncode == 0, result.stdout[-3000:]


# --------------------------------------------------------------------------- the built French site

def toc_pages() -> list[str]:
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    return [toc["root"]] + [chapter["file"] for part in toc["parts"] for chapter in part["chapters"]]


@pytest.fixture(scope="module")
def site():
    assert (FRENCH_SITE / "index.html").exists(), "run `make book` (or `make test`) to build both editions first"
    return SITE


def page_ids(path: pathlib.Path) -> set[str]:
    from qa.sitecheck import parse_page

    return parse_page(path).ids


@pytest.mark.build
def test_every_page_has_a_french_counterpart_with_the_english_anchors(site):
    english_pages = sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html")
                           if not path.relative_to(site).as_posix().startswith(("fr/", "_static/", "jupyter_execute/")))
    assert len(english_pages) >= len(toc_pages())
    for page in english_pages:
        french = site / "fr" / page
        assert french.exists(), page
        text = french.read_text(encoding="utf-8")
        if "<html" not in text:
            continue  # Jupyter Book's redirect from index.html to the first page, in each edition
        assert re.search(r'<html lang="fr"', text), page
        # Every anchor of the English page (a French heading may add its own beside it), but for the
        # ids docutils numbers within a page (id15 for an inline citation), which no one can cite.
        english_ids = {anchor for anchor in page_ids(site / page) if not re.fullmatch(r"id\d+", anchor)}
        if page == "genindex.html":
            continue  # the index's letter anchors follow each language's terms (ECOWAS under E, CEDEAO under C)
        assert english_ids <= page_ids(french), (page, sorted(english_ids - page_ids(french)))
    assert {"qa2021-p5", "b115-r2"} <= page_ids(site / "fr" / "chapters" / "qa-2021.html") | \
        page_ids(site / "fr" / "chapters" / "briefing-115.html")


@pytest.mark.build
@pytest.mark.parametrize("page", toc_pages())
def test_language_switcher_and_hreflang_link_both_ways(site, page):
    for folder, other in (("", "fr"), ("fr/", "en")):
        path = site / f"{folder}{page}.html"
        text = path.read_text(encoding="utf-8")
        switch = re.search(r'<a class="btn btn-sm book-language-switcher" href="([^"]+)" hreflang="(\w+)"', text)
        assert switch and switch.group(2) == other, f"{folder}{page}: no switcher to {other}"
        target = (path.parent / switch.group(1)).resolve()
        expected = (site / ("fr/" if other == "fr" else "") / f"{page}.html").resolve()
        assert target == expected, (folder, page, switch.group(1))
        alternates = dict(re.findall(r'<link rel="alternate" hreflang="(\w+)" href="([^"]+)"', text))
        # Absolute addresses in this version's folder of the site, as search engines require.
        assert set(alternates) == {"en", "fr"}, alternates
        assert alternates[other].endswith(("fr/" if other == "fr" else "") + f"{page}.html"), alternates
        release = current_release()  # a release is served from its own folder, a working version from dev/
        folder = f"/v{release.version}/" if release.date else "/dev/"
        assert alternates[other].startswith("https://") and folder in alternates[other]


@pytest.mark.build
def test_french_pages_print_data_and_dates_in_french(site):
    qa = (site / "fr" / "chapters" / "qa-2021.html").read_text(encoding="utf-8")
    assert "Dans les données" in qa and "In the data:" not in qa
    assert "Arrestation du président et du Premier ministre de la transition (24 mai 2021)" in qa
    context = (site / "fr" / "chapters" / "context.html").read_text(encoding="utf-8")
    dates = re.findall(r'<span class="event-date">([^<]+)</span>', context)
    assert dates and all(not re.search(r"January|February|March|April|May|June|July|August|September|"
                                       r"October|November|December", date) for date in dates), dates
    disputed = re.findall(r'<span class="disputed-values">([^<]+)</span>', context)
    assert disputed and all(" ou " in values for values in disputed), disputed
    assert "16 ou 17 janvier 2012" in disputed, disputed


# Words that mark an English sentence: a French cell holds few of them (a title in English may hold some).
ENGLISH_WORDS = {"the", "of", "and", "where", "when", "which", "is", "are", "not", "by", "from", "with", "its", "it",
                 "an", "to", "empty", "only", "as", "that", "book's", "book"}


class _TableCells(HTMLParser):
    """The text of every table cell of a page, without its code (field and column names stay English)."""

    def __init__(self):
        super().__init__()
        self.cells, self._open, self._code, self._text = [], 0, 0, []

    def handle_starttag(self, tag, attrs):
        if tag in ("td", "th"):
            self._open, self._text = self._open + 1, []
        self._code += tag == "code"

    def handle_endtag(self, tag):
        self._code -= tag == "code"
        if tag in ("td", "th") and self._open:
            self._open -= 1
            self.cells.append(" ".join(self._text))

    def handle_data(self, data):
        if self._open and not self._code:
            self._text.append(data)


def english_cells(page_html: str) -> list[str]:
    """The table cells of a page that read as English: a quarter of their words or more are ENGLISH_WORDS."""
    parser = _TableCells()
    parser.feed(page_html)
    flagged = []
    for cell in parser.cells:
        words = re.findall(r"[^\W\d_]+(?:['’][^\W\d_]+)?", cell.lower())
        if len(words) >= 3 and sum(word in ENGLISH_WORDS for word in words) / len(words) >= 0.25:
            flagged.append(cell)
    return flagged


def test_the_english_cell_check_tells_the_languages_apart():
    from malibook.data.dictionary import crosswalk_in

    assert len(english_cells(markdown_html(crosswalk_in("acled", "en")))) > 20
    assert english_cells(markdown_html(crosswalk_in("acled", "fr") + crosswalk_in("ucdp-ged", "fr"))) == []
    assert english_cells("<table><tr><td>Idriss Déby</td><td>Coup d’État contre le président Keïta</td></tr>") == []


def test_a_crosswalk_column_without_its_french_rule_is_an_error(monkeypatch):
    from malibook.data import dictionary

    rules = {key: value for key, value in dictionary.PHRASES["fr"]["crosswalk"]["acled"].items() if key != "notes"}
    monkeypatch.setitem(dictionary.PHRASES["fr"]["crosswalk"], "acled", rules)
    with pytest.raises(ValueError, match=r"dictionary-phrases.json: fr.crosswalk.acled lacks a rule for \['notes'\]"):
        dictionary.crosswalk_in("acled", "fr")


def markdown_html(table: str) -> str:
    """A Markdown table as the HTML cells the book renders (enough for english_cells)."""
    rows = [line.strip("|").split(" | ") for line in table.splitlines() if line and not line.startswith("| ---")]
    code = re.compile(r"`([^`]*)`")
    cells = ["".join("<td>" + code.sub(r"<code>\\1</code>", cell) + "</td>" for cell in row) for row in rows]
    return "<table>" + "".join(f"<tr>{row}</tr>" for row in cells) + "</table>"


@pytest.mark.build
def test_no_table_of_a_french_page_is_in_english(site):
    """The ACLED and GED crosswalks of the data dictionary were English on the French page (issue 21)."""
    flagged = {}
    for page in sorted((site / "fr").rglob("*.html")):
        if "_static" not in page.parts:
            cells = english_cells(page.read_text(encoding="utf-8"))
            if cells:
                flagged[page.relative_to(site).as_posix()] = cells[:5]
    assert not flagged, flagged
    dictionary = (site / "fr" / "chapters" / "data-dictionary.html").read_text(encoding="utf-8")
    assert dictionary.count("Comment le livre la remplit") == 2


@pytest.mark.build
def test_french_notebooks_show_french_tables_and_their_own_figures(site):
    english = (site / "notebooks" / "timeline.html").read_text(encoding="utf-8")
    french = (site / "fr" / "notebooks" / "timeline.html").read_text(encoding="utf-8")
    assert "<th" in french and "couloir" in french and "Prises de pouvoir" in french
    english_images = set(re.findall(r'src="[^"]*_images/([^"]+\.png)"', english))
    french_images = set(re.findall(r'src="[^"]*_images/([^"]+\.png)"', french))
    assert french_images and english_images.isdisjoint(french_images), "the French figures are the English ones"


@pytest.mark.build
def test_french_footer_and_search(site):
    release = current_release()
    page = (site / "fr" / "chapters" / "how-to-cite.html").read_text(encoding="utf-8")
    assert f'href="../{release.pdf_name_in("fr")}"' in page and f"<strong>{release.version}</strong>" in page
    assert "Télécharger le PDF de cette version" in page
    language_data = (site / "fr" / "_static" / "language_data.js").read_text(encoding="utf-8")
    assert "FrenchStemmer" in language_data or "french" in language_data.lower()
    index = (site / "fr" / "searchindex.js").read_text(encoding="utf-8")
    terms = json.loads(re.search(r'"terms":\s*(\{.*?\})', index).group(1))
    # "exécuté" (execution-statistics) is "exécut" to the French stemmer and "exécuté" to the English one;
    # "les" is a French stop word.
    assert "exécut" in terms and "exécuté" not in terms and "les" not in terms


@pytest.mark.build
def test_the_french_pdf_heads_its_contents_table_des_matieres():
    """Sphinx heads the contents with the first part's caption; the French PDF read "Repères" (issue 21)."""
    from malibook.publishing.version import current_release

    path = ROOT / "_build" / "fr" / "_build" / "latex" / current_release().pdf_name_in("fr")
    if not path.exists() or not shutil.which("pdftotext"):
        pytest.skip(f"{path.relative_to(ROOT)} is not built (or pdftotext is missing): `make pdf` builds it")
    opening = subprocess.run(["pdftotext", "-enc", "UTF-8", "-f", "1", "-l", "4", str(path), "-"],
                             capture_output=True, text=True, check=True).stdout
    headings = [line.strip() for line in opening.splitlines() if line.strip() in ("Table des matières", "Repères")]
    assert headings[:1] == ["Table des matières"], headings
