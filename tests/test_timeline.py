"""The timeline functions: lanes, spans, phases, terms of office, intervals and coverage."""
import itertools
import re

import matplotlib
import matplotlib.text

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from malibook import load
from malibook.analysis import timeline


@pytest.fixture(scope="module")
def tables():
    return load()


def test_every_event_type_of_the_schema_has_a_lane():
    import json

    from malibook.data import DATA_DIR
    package = json.loads((DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    events = next(resource for resource in package["resources"] if resource["name"] == "events")
    book_types = next(field for field in events["schema"]["fields"] if field["name"] == "book_type")
    for book_type in book_types["constraints"]["enum"]:
        assert timeline.lane_of(book_type) in timeline.LANE_STYLES
    with pytest.raises(ValueError, match="in no lane"):
        timeline.lane_of("picnic")


def test_month_precision_events_are_spans_and_sorted(tables):
    frame = timeline.timeline_frame(tables).set_index("event_id")
    assert frame.loc["2015-anefis-talks", "is_span"]  # October 2015, no day
    assert not frame.loc["2021-arrests", "is_span"]
    assert frame.loc["2021-arrests", "documents"] == "qa2021"
    assert frame.loc["2015-bamako-signature-june", "documents"] == "b115+qa2021"
    assert list(frame["start"]) == sorted(frame["start"])


def test_phases_take_their_dates_from_the_events(tables):
    phases = timeline.phase_spans(tables).set_index("phase")
    assert phases.loc["2015 peace process", "start"] == pd.Timestamp("2015-03-01")
    assert phases.loc["2015 peace process", "end"] == pd.Timestamp("2015-12-14")
    assert phases["end"].iloc[-1] == tables["events"]["end"].max()


def years(tables, first, last):
    """The tables with the events cut to those starting in ``first`` to ``last``, as a student might cut them."""
    events = tables["events"]
    return {**tables, "events": events[events["start"].dt.year.between(first, last)]}


def test_phases_of_events_cut_to_2020_2021_are_those_the_cut_keeps(tables):
    """Phases with no bounding event left are dropped (the cut once raised KeyError '2012-rebellion')."""
    phases = timeline.phase_spans(years(tables, 2020, 2021)).set_index("phase")
    assert list(phases.index) == ["2020 coup and transition", "2021 coup and after"]
    assert phases.loc["2020 coup and transition", "start"] == pd.Timestamp("2020-06-05")
    assert list(phases["shade"]) == [0, 1]  # still alternating


def test_a_phase_cut_in_two_runs_to_the_edge_of_the_events_left(tables):
    cut = years(tables, 2013, 2025)  # keeps Serval, which closes the first phase, but not the rebellion of 2012
    phases = timeline.phase_spans(cut).set_index("phase")
    assert phases.loc["2012 crisis and intervention", "start"] == cut["events"]["start"].min()
    assert phases.loc["2012 crisis and intervention", "end"] == pd.Timestamp("2014-07-13")
    cut = years(tables, 2020, 2020)  # the 2020 phase's closing strike is in May 2021
    assert timeline.phase_spans(cut).set_index("phase").loc["2020 coup and transition", "end"] == \
        cut["events"]["end"].max()


@pytest.mark.parametrize("language", ["en", "fr"])
def test_each_phase_name_has_a_row_of_its_own_within_the_printed_figure(tables, language):
    """Above the top lane, one row per phase name, the first highest; a phase that starts in the second
    half of the timeline has its name end at its end, so that no name runs past the last day (those of
    the last two phases once ran off the interactive chart on a phone)."""
    from malibook.analysis.figures import PRINT_FIGURE_WIDTH
    from malibook.analysis.labels import label

    phases = timeline.phase_spans(tables)
    assert list(phases["label_align"]) == ["left", "left", "right", "right"]
    assert list(phases["label_height"]) == sorted(phases["label_height"], reverse=True)
    assert phases["label_height"].min() > len(timeline.LANES) - 1 + 0.15  # clear of the top lane's marks
    late = phases[phases["label_align"] == "right"]
    assert (late["label_at"] == late["end"]).all() and (phases["label_at"] <= phases["end"].max()).all()
    fig, ax = plt.subplots(figsize=(PRINT_FIGURE_WIDTH, 4.6))  # as the notebook draws it
    timeline.plot_timeline(ax, timeline.timeline_frame(tables, language), phases,
                           timeline.publication_dates(tables, language), language)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    names = {label(phase, language) for phase in phases["phase"]}
    boxes = [text.get_window_extent(renderer) for text in ax.texts if text.get_text() in names]
    assert len(boxes) == len(phases)
    for box in boxes:
        assert ax.bbox.x0 - 1 <= box.x0 and box.x1 <= ax.bbox.x1 + 1 and box.y1 <= ax.bbox.y1 + 1, box
    # A text's box is its font's full height: two rows may share a pixel of it, not more.
    boxes = [box.expanded(1, 1 - 2 / box.height) for box in boxes]
    assert not [pair for pair in itertools.combinations(boxes, 2) if pair[0].overlaps(pair[1])]
    plt.close(fig)


def test_events_cut_to_2020_2021_draw_a_timeline(tables):
    cut = years(tables, 2020, 2021)
    frame = timeline.timeline_frame(cut)
    fig, ax = plt.subplots()
    timeline.plot_timeline(ax, frame, timeline.phase_spans(cut), timeline.publication_dates(cut))
    shaded = [patch for patch in ax.patches if patch.get_facecolor()[:3] in
              [matplotlib.colors.to_rgb(shade) for shade in timeline.PHASE_SHADES]]
    assert len(shaded) == 2
    plt.close(fig)


def test_an_interval_whose_event_was_cut_names_it(tables):
    with pytest.raises(ValueError, match=r"'Coup of 2012 to coup of 2020'.*no '2012-coup'.*whole table"):
        timeline.intervals(years(tables, 2020, 2021))


def test_a_closeup_given_backwards_says_so(tables):
    frame = timeline.timeline_frame(tables)
    message = "the close-up starts on 2021-07-01, after it ends on 2020-05-15: give the earlier date first"
    with pytest.raises(ValueError, match=re.escape(message)):
        timeline.closeup_frame(frame, "2021-07-01", "2020-05-15")
    window = timeline.closeup_frame(frame, "2020-05-15", "2021-07-01")
    fig, ax = plt.subplots()
    with pytest.raises(ValueError, match=re.escape(message)):
        timeline.plot_event_rows(ax, window, timeline.publication_dates(tables), "2021-07-01", "2020-05-15")
    plt.close(fig)
    from malibook.analysis import charts
    with pytest.raises(ValueError, match=re.escape(message)):
        charts.closeup_chart(window, timeline.publication_dates(tables), "2021-07-01", "2020-05-15")
    # A window of one day is not backwards.
    assert len(timeline.closeup_frame(frame, "2021-05-24", "2021-05-24")) >= 1


def test_publication_of_the_qa_spans_its_month(tables):
    publications = timeline.publication_dates(tables).set_index("document_id")
    assert publications.loc["qa2021", "start"] == pd.Timestamp("2021-05-01")
    assert publications.loc["qa2021", "end"] == pd.Timestamp("2021-05-31")
    assert publications.loc["qa2021", "label"] == "May 2021"


def test_power_terms_keep_unknown_ends_open(tables):
    terms = timeline.power_terms(tables)
    goita = terms[(terms["person"] == "Assimi Goïta") & (terms["row"] == "Head of state")].iloc[0]
    assert goita["start"] == pd.Timestamp("2021-05-28") and not goita["end_known"]
    toure = terms[terms["person"] == "Amadou Toumani Touré"].iloc[0]
    assert not toure["start_known"] and toure["end"] == pd.Timestamp("2012-03-22")
    assert set(terms["row"]) == set(timeline.POWER_POSTS)


def test_intervals_are_counted_in_days(tables):
    gaps = timeline.intervals(tables).set_index("interval")
    assert gaps.loc["Coup of 2020 to the arrests of May 2021", "days"] == 279
    assert gaps.loc["Coup of 2012 to coup of 2020", "from"] == "22 March 2012"


def test_an_interval_to_a_month_is_refused(tables, monkeypatch):
    monkeypatch.setattr(timeline, "INTERVALS", [("To the Q&A", "2020-coup", "2021-qa-published")])
    with pytest.raises(ValueError, match="not dated to the day"):
        timeline.intervals(tables)


def test_coverage_splits_events_before_each_publication(tables):
    covered = timeline.coverage(tables)
    b115 = covered[covered["document_id"] == "b115"].set_index("event_id")
    assert b115.loc["2015-anefis-talks", "mentioned"] and not b115.loc["2012-coup", "mentioned"]
    assert "2020-coup" not in b115.index  # after the Briefing
    qa = covered[covered["document_id"] == "qa2021"].set_index("event_id")
    assert qa.loc["2012-coup", "mentioned"] and not qa.loc["2013-serval", "mentioned"]


def test_plots_draw_one_mark_per_event(tables):
    frame = timeline.timeline_frame(tables)
    fig, ax = plt.subplots()
    timeline.plot_timeline(ax, frame, timeline.phase_spans(tables), timeline.publication_dates(tables))
    bars = sum(1 for patch in ax.patches if patch.get_height() == pytest.approx(0.22))
    markers = sum(len(line.get_xdata()) for line in ax.lines if line.get_marker() not in ("None", None, ""))
    assert bars + markers == len(frame)
    assert bars == int(frame["is_span"].sum())
    plt.close(fig)
    fig, ax = plt.subplots()
    window = timeline.closeup_frame(frame, "2021-05-01", "2021-06-30")
    timeline.plot_event_rows(ax, window, timeline.publication_dates(tables), "2021-05-01", "2021-06-30")
    assert len(window) == int(((frame["end"] >= "2021-05-01") & (frame["start"] <= "2021-06-30")).sum())
    assert [label.get_text() for label in ax.get_yticklabels()] == list(window["start_label"])
    assert window.loc[0, "row_label"].startswith("May 2021  ")  # a month-precision start is written as a month
    plt.close(fig)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_closeup_keeps_its_width_and_its_axis_gives_years(tables, language):
    """Titles sit beside their marks, not on the axis, so that the figure is not widened past its size and
    shrunk in print (its labels at about 4 pt, issue 21); no title runs over the dates of the axis or past
    the figure; every tick of the time axis has its year."""
    frame = timeline.timeline_frame(tables, language)
    window = timeline.closeup_frame(frame, "2020-05-15", "2021-07-01", language)
    publications = timeline.publication_dates(tables, language)
    fig, ax = plt.subplots(figsize=timeline.CLOSEUP_FIGURE_SIZE)
    timeline.plot_event_rows(ax, window, publications, "2020-05-15", "2021-07-01", language)
    timeline.timeline_legend(ax, with_lanes=True, language=language)
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    width = fig.get_tightbbox(renderer).width
    assert width <= timeline.CLOSEUP_FIGURE_SIZE[0] * 1.05, width
    texts = [text for text in fig.findobj(matplotlib.text.Text) if text.get_text() and text.get_visible()]
    assert min(text.get_fontsize() for text in texts) >= 8
    titles = [text for text in ax.texts if text.get_text().replace("\n", " ") in set(window["title"])]
    assert len(titles) == len(window)
    for title in titles:
        box = title.get_window_extent(renderer)
        assert ax.bbox.x0 <= box.x0 and box.x1 <= fig.bbox.x1, title.get_text()
    ticks = [label.get_text() for label in ax.get_xticklabels()]
    assert ticks and all(re.search(r"\b(19|20)\d\d$", tick) for tick in ticks), ticks
    plt.close(fig)


def test_no_two_closeup_titles_overlap(tables):
    """Long titles go on two lines to keep the close-up printable at 7 pt; the rows must leave them room
    (a first try with shorter rows let two-line titles run into their neighbours)."""
    frame = timeline.timeline_frame(tables, "en")
    window = timeline.closeup_frame(frame, "2020-05-15", "2021-07-01", "en")
    fig, ax = plt.subplots(figsize=timeline.CLOSEUP_FIGURE_SIZE)
    timeline.plot_event_rows(ax, window, timeline.publication_dates(tables, "en"), "2020-05-15", "2021-07-01", "en")
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    boxes = [(text.get_text(), text.get_window_extent(renderer)) for text in ax.texts if text.get_text()]
    assert any("\n" in text for text, _ in boxes)
    overlapping = [(first, second) for index, (first, box) in enumerate(boxes)
                   for second, other in boxes[index + 1:] if box.overlaps(other)]
    plt.close(fig)
    assert overlapping == []
