"""The recommendation tracker: its two tables validate and reject bad input precisely, every status rests
on a source that can carry it, and the chapter's table and the notebook's chart are drawn from it in
the language of the edition, with the data as text, never markup."""
import re

import matplotlib
import pandas as pd
import pytest
from markdown_it import MarkdownIt

from conftest import ROOT, edit_line, line_of
from malibook import DataError, load, validate
from malibook.analysis.recommendations import (
    SCALE,
    STATUS_STYLES,
    escape_markdown,
    latest_status,
    plot_status_over_time,
    tracker_frame,
    tracker_markdown,
)
from malibook.data import DATA_DIR
from malibook.data.sources import read_bibliography, rests_on_weak_sources

matplotlib.use("Agg")
import matplotlib.pyplot as plt


@pytest.fixture(scope="module")
def tables():
    return load()


# --------------------------------------------------------------------------- the data

def test_every_recommendation_has_components_and_every_component_observations(tables):
    components = tables["recommendation_components"]
    assert set(components["paragraph_id"]) == {"b115-r1", "b115-r2", "b115-r3", "b115-r4"}
    assert set(tables["recommendation_status"]["component_id"]) == set(components["component_id"])
    for row in components.itertuples():
        assert row.component_id.startswith(row.paragraph_id + "-"), row.component_id


def test_every_status_rests_on_a_source_that_can_carry_it(tables):
    """A status on the scale, or an ended process, cites a source that is neither an encyclopedia nor a copy;
    only a no_information row may cite nothing."""
    entries = read_bibliography()
    for row in tables["recommendation_status"].itertuples():
        if row.status == "no_information":
            continue
        assert row.reference_keys and not rests_on_weak_sources(row.reference_keys, entries), row.observation_id


def test_observation_ids_name_their_component_and_date(tables):
    for row in tables["recommendation_status"].itertuples():
        date = "none" if pd.isna(row.observed) else row.observation_id.removeprefix(row.component_id + "-")
        assert row.observation_id == f"{row.component_id}-{date}", row.observation_id


STATUS = DATA_DIR / "recommendation_status.csv"
COMPONENTS = DATA_DIR / "recommendation_components.csv"


@pytest.mark.parametrize("file, start, old, new, column, message", [
    ("recommendation_components.csv", "b115-r3-b,", "b115-r3-b,b115-r3", "b115-r3-b,b115-p3", "paragraph_id",
     "'b115-p3' is not one of"),
    ("recommendation_components.csv", "b115-r3-b,", "b115-r3-b,", "b115-r3b,", "component_id",
     "does not match the pattern"),
    ("recommendation_components.csv", "b115-r3-b,", ",Rouvrir la discussion sur un gouvernement d’union nationale",
     ",", "label_fr", "required cell is empty"),
    ("recommendation_status.csv", "b115-r3-b-2019-05-05,", ",b115-r3-b,", ",b115-r3-z,", "component_id",
     "'b115-r3-z' is not a known component_id of recommendation_components"),
    ("recommendation_status.csv", "b115-r3-b-2019-05-05,", ",intermediate,", ",partial,", "status",
     "'partial' is not one of"),
    ("recommendation_status.csv", "b115-r3-b-2019-05-05,", ",2019-05-05,day,", ",2019-05-05,month,", "observed",
     "'2019-05-05' is written to the day but observed_precision says 'month'"),
    ("recommendation_status.csv", "b115-r3-b-2019-05-05,", ",2019-05-05,day,", ",2019-05-35,day,", "observed",
     "has no day 35"),
    ("recommendation_status.csv", "b115-r3-b-2019-05-05,", ",belga2019accord|", ",belga2019acord|",
     "reference_keys", "'belga2019acord' is not a known reference_key of references"),
    ("recommendation_status.csv", "b115-r3-b-2019-05-05,", ",belga2019accord|peopledaily2019government,", ",,",
     "reference_keys", "required cell is empty (status is 'intermediate'; only no_information may leave it empty)"),
    ("recommendation_status.csv", "b115-r3-b-2019-05-05,", ",2019-05-05,day,", ",,,", "observed",
     "required cell is empty (status is 'intermediate'"),
    ("recommendation_status.csv", "b115-r3-b-2019-05-05,", ",2019-05-05,day,", ",2019-05-05,,", "observed_precision",
     "go together"),
    ("recommendation_status.csv", "b115-r2-a-2020-01-21,", ",2020-01-21,day,", ",2019-09-23,day,",
     "component_id+observed", "duplicate value"),
])
def test_bad_cell_names_file_line_and_column(data_copy, file, start, old, new, column, message):
    path = data_copy / file
    line = line_of(path, start)
    edit_line(path, line, old, new)
    with pytest.raises(DataError, match=re.escape(message)) as caught:
        validate(data_copy)
    assert (caught.value.path, caught.value.line, caught.value.column) == (path, line, column)
    assert str(caught.value).startswith(f"{path}, line {line}, column {column!r}: ")


# --------------------------------------------------------------------------- the chapter's table

def test_table_has_one_row_per_observation_and_names_each_component_once(tables):
    markdown = tracker_markdown(tables, "en")
    rows = [line for line in markdown.split("\n")[2:]]
    assert len(rows) == len(tables["recommendation_status"])
    for component in tables["recommendation_components"].itertuples():
        assert markdown.count(escape_markdown(component.label)) == 1, component.component_id
    assert markdown.count("{para}`b115-r1`") == 2 and "{cite:p}`carter2019report`" in markdown  # r1-a, r1-b


def test_table_speaks_the_language_of_the_edition(tables):
    english, french = tracker_markdown(tables, "en"), tracker_markdown(tables, "fr")
    assert "| Component | Date | Status | What the sources show |" in english
    assert "28 March 2016 | minimal |" in english and "process ended" in english
    assert "| Élément | Date | Statut | Ce que montrent les sources |" in french
    assert "28 mars 2016 | minimale |" in french and "processus clos" in french and "sans date" in french
    assert "March" not in french and "Rouvrir la discussion" in french


def rendered_cells(markdown: str) -> list[str]:
    html = MarkdownIt("commonmark").enable("table").render(markdown)
    return re.findall(r"<td>(.*?)</td>", html, flags=re.DOTALL)


def test_data_reaches_the_page_as_text_never_markup(tables):
    """A label or note holding Markdown, a role or HTML is printed as those very characters."""
    hostile = "*bold* <b>tag</b> {para}`b115-p1` [link](https://example.org) | pipe \\ back"
    components = tables["recommendation_components"].copy()
    components.loc[0, "label"] = hostile
    status = tables["recommendation_status"].copy()
    status.loc[0, "note"] = hostile
    markdown = tracker_markdown({**tables, "recommendation_components": components,
                                 "recommendation_status": status}, "en")
    cells = rendered_cells(markdown)
    literal = hostile.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    assert sum(literal in cell for cell in cells) == 2, cells[:5]
    assert "<b>" not in "".join(cells) and "<em>" not in "".join(cells) and "<a " not in "".join(cells)


def test_latest_status_is_the_last_dated_observation(tables):
    latest = latest_status(tables, "en").set_index("Component")
    assert latest.loc["b115-r2-c", "Latest status"] == "process ended"
    assert latest.loc["b115-r2-c", "Latest date"] == "30 June 2023"
    assert latest.loc["b115-r1-b", "Observations"] == 4  # three dated, one undated
    assert list(latest_status(tables, "fr").columns) == ["Élément", "Observations", "Dernière date", "Dernier statut"]


# --------------------------------------------------------------------------- the chart

def test_chart_draws_one_marker_per_dated_observation_in_its_status_shape(tables):
    fig, ax = plt.subplots()
    undrawn = plot_status_over_time(ax, tables, "en")
    frame = tracker_frame(tables, "en")
    dated = frame[frame["observed"].notna()]
    assert undrawn == []
    drawn = {collection.get_label(): len(collection.get_offsets()) for collection in ax.collections}
    for status in STATUS_STYLES:
        shown = drawn.get({"not_initiated": "not initiated", "ended": "process ended",
                           "no_information": "no information"}.get(status, status), 0)
        assert shown == (dated["status"] == status).sum(), status
    legend = [text.get_text() for text in ax.get_legend().get_texts()]
    assert legend[:len(SCALE)] == ["not initiated", "minimal", "intermediate", "full"]
    assert [tick.get_text() for tick in ax.get_yticklabels()][-1] == "b115-r1-a"  # the first component on top
    plt.close(fig)


def test_statuses_differ_by_shape_for_black_and_white_print():
    shapes = [(style["marker"], style["filled"]) for style in STATUS_STYLES.values()]
    assert len(set(shapes)) == len(shapes)


def test_chart_in_french_and_a_component_with_no_dated_row_is_reported(tables):
    status = tables["recommendation_status"]
    undated_only = status[~((status["component_id"] == "b115-r3-b") & status["observed"].notna())]
    fig, ax = plt.subplots()
    undrawn = plot_status_over_time(ax, {**tables, "recommendation_status": undated_only.reset_index(drop=True)},
                                    "fr")
    assert undrawn == []  # b115-r3-b has no row left at all, so the frame drops it
    legend = [text.get_text() for text in ax.get_legend().get_texts()]
    assert "minimale" in legend and "processus clos" in legend and ax.get_ylabel() == "élément"
    plt.close(fig)
    extra = pd.DataFrame([{**status.iloc[0].to_dict(), "observation_id": "b115-r3-b-none", "component_id":
                           "b115-r3-b", "observed": pd.NaT, "observed_precision": None,
                           "status": "no_information", "reference_keys": []}])
    fig, ax = plt.subplots()
    assert plot_status_over_time(ax, {**tables, "recommendation_status": pd.concat(
        [undated_only, extra], ignore_index=True)}, "en") == ["b115-r3-b"]
    plt.close(fig)


# --------------------------------------------------------------------------- the built book

@pytest.mark.build
def test_reading_together_prints_the_tracker_in_both_editions(built_html):
    # The citations' previews keep the English notes of references.bib by design, as the bibliography
    # does (malibook.sphinxext.previews): leave them out.
    english, french = (re.sub(r'<div class="book-tip" role="tooltip"[^>]*>.*?</div>', "", re.sub(
        r'title="[^"]*"', "", (folder / "chapters" / "reading-together.html").read_text(encoding="utf-8")),
        flags=re.S) for folder in (built_html, built_html / "fr"))
    for page in (english, french):
        assert 'class="recommendation-tracker' in page and 'href="briefing-115.html#b115-r1"' in page
        assert "has found no source" not in page
    for page in (english, french):  # each component opens a group of rows, which the style sheet marks
        assert page.count("tracker-group-start") == 9 and "book-tracker.css" in page
    assert "28 March 2016" in english and "process ended" in english
    assert "28 mars 2016" in french and "processus clos" in french and "28 March 2016" not in french
    assert "fig-reading-recommendations" in english and "fig-reading-recommendations" in french


def test_the_notebook_and_the_chapter_share_the_figure_name():
    notebook = (ROOT / "notebooks" / "recommendations.ipynb").read_text(encoding="utf-8")
    chapter = (ROOT / "chapters" / "reading-together.md").read_text(encoding="utf-8")
    assert 'glue(\\"fig_recommendation_status\\"' in notebook
    assert "recommendations.ipynb::fig_recommendation_status" in chapter
    assert "{recommendation-tracker}" in chapter and "has found no source" not in chapter


@pytest.mark.pdf
def test_the_pdf_prints_the_tracker_as_a_long_table_with_room_for_the_notes():
    """A tabulary cannot break across pages: the tracker's rows ran past the foot of the page."""
    sources = [*(ROOT / "_build" / "latex").glob("pacts-and-putsches*.tex"),
               *(ROOT / "_build" / "fr" / "_build" / "latex").glob("pactes-et-putschs*.tex")]
    if len(sources) < 2:
        pytest.skip("run `make pdf` first")
    for source in sources:
        assert r"\begin{longtable}{\X{27}{100}\X{16}{100}\X{15}{100}\X{42}{100}}" in source.read_text(
            encoding="utf-8"), source.name
