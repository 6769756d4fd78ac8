"""One timeline for both documents: events, phases, terms of office, intervals and coverage.

Everything here reads the frames that ``malibook.load()`` returns; the notebook
``notebooks/timeline.ipynb`` only calls these functions and shows their results.
"""
from __future__ import annotations

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import FuncFormatter

from malibook.analysis.figures import PRINT_FIGURE_WIDTH, SMALL_TEXT, TOL_BRIGHT
from malibook.analysis.labels import label, month_year
from malibook.data import date_label, span_label
from malibook.data.language import book_language, localized
from malibook.data.mentions import mentions_with_documents, paragraphs_by

# The book's event types, grouped into the lanes of the timeline. Each lane has its own colour
# (Paul Tol's bright scheme) and marker, so that the figure also reads in black and white.
LANES = {
    "Violence": ["rebellion", "armed_clash", "attack", "military_operation"],
    "Seizures of power": ["coup", "takeover", "arrest", "resignation", "dismissal"],
    "Offices and institutions": ["appointment", "swearing_in", "government_formation", "institution",
                                 "court_ruling", "charter", "dissolution"],
    "Agreements and talks": ["agreement", "negotiation", "mediation"],
    "International responses": ["sanction", "suspension", "withdrawal", "peacekeeping_mandate", "statement"],
    "Society": ["protest", "strike", "funeral"],
    "Publications": ["publication"],
}
LANE_STYLES = {
    "Violence": {"color": TOL_BRIGHT["red"], "marker": "X", "hatch": "xx"},
    "Seizures of power": {"color": TOL_BRIGHT["purple"], "marker": "s", "hatch": "\\\\"},
    "Offices and institutions": {"color": TOL_BRIGHT["blue"], "marker": "D", "hatch": "//"},
    "Agreements and talks": {"color": TOL_BRIGHT["green"], "marker": "^", "hatch": ".."},
    "International responses": {"color": TOL_BRIGHT["cyan"], "marker": "v", "hatch": "--"},
    "Society": {"color": TOL_BRIGHT["yellow"], "marker": "o", "hatch": "++"},
    "Publications": {"color": "black", "marker": "*", "hatch": ""},
}
# The same markers for the interactive charts (Vega symbol names; an SVG path for the star).
VEGA_SHAPES = {"X": "cross", "s": "square", "D": "diamond", "^": "triangle-up", "v": "triangle-down", "o": "circle",
               "*": "M0,-1L0.24,-0.33L0.95,-0.31L0.38,0.12L0.59,0.81L0,0.4L-0.59,0.81L-0.38,0.12L-0.95,-0.31"
                    "L-0.24,-0.33Z"}

# Phases are named by the events that open and close them, so their dates come from the data.
PHASES = [
    ("2012 crisis and intervention", "2012-rebellion", "2013-serval"),
    ("2015 peace process", "2015-algiers-signature", "2015-b115-published"),
    ("2020 coup and transition", "2020-m5-protests", "2021-untm-strike"),
    ("2021 coup and after", "2021-arrests", None),
]

PHASE_SHADES = ["#EDEDED", "#DBDBDB"]  # greys 0.93 and 0.86, alternating
# The phases' names, one row each above the top lane (at len(LANES) - 1), in lane units: a row is as
# tall as a name in the printed figure, and the lowest clears the top lane's marks.
PHASE_LABEL_TOP = len(LANES) + 0.1
PHASE_LABEL_STEP = 0.3

# Posts shown in the chart of who held power, grouped into its three rows.
POWER_POSTS = {
    "Head of state": ["president", "interim president", "president of the transition"],
    "Vice-president": ["vice-president of the transition"],
    "Prime minister": ["prime minister", "prime minister of the transition"],
}

INTERVALS = [
    ("Coup of 2012 to coup of 2020", "2012-coup", "2020-coup"),
    ("Coup of 2020 to the transition's swearing-in", "2020-coup", "2020-ndaw-goita-sworn-in"),
    ("Swearing-in to the arrests of May 2021", "2020-ndaw-goita-sworn-in", "2021-arrests"),
    ("Coup of 2020 to the arrests of May 2021", "2020-coup", "2021-arrests"),
]


def lane_of(book_type: str) -> str:
    for lane, types in LANES.items():
        if book_type in types:
            return lane
    raise ValueError(f"event type {book_type!r} is in no lane of malibook.analysis.timeline.LANES")


def timeline_frame(tables: dict[str, pd.DataFrame], language: str | None = None) -> pd.DataFrame:
    """One row per event, sorted by start: its lane and height in the overview, whether it is a span,
    its dates as readers see them, which documents mention it and in which paragraphs; ``title`` is the
    event's title in the language of the edition."""
    language = book_language(language)
    events = tables["events"].copy()
    events["title"] = localized(events, "title", language)
    mentioned = (mentions_with_documents(tables, "event_id")
                 .groupby("event_id")["document_id"].agg(lambda ids: "+".join(sorted(set(ids)))))
    events["lane"] = events["book_type"].map(lane_of)
    # A date known only to the month or year is drawn as the span it covers, never as a point.
    events["is_span"] = (events["start"] != events["end"]) | (events["start_precision"] != "day")
    events["documents"] = events["event_id"].map(mentioned).fillna("")
    events["paragraph_ids"] = events["event_id"].map(paragraphs_by(tables, "event_id")).apply(
        lambda ids: ids if isinstance(ids, tuple) else ())
    events["date_label"] = [span_label(start.date(), start_precision, end.date(), end_precision, language)
                            for start, start_precision, end, end_precision in
                            zip(events["start"], events["start_precision"], events["end"], events["end_precision"])]
    events = events.sort_values(["start", "event_id"], kind="stable").reset_index(drop=True)
    # A small offset within the lane, cycling over three heights, keeps close events apart.
    events["lane_position"] = [round(list(LANES).index(lane) + (row % 3 - 1) * 0.18, 2)
                               for row, lane in enumerate(events["lane"])]
    return events


def closeup_window(start: str, end: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The first and last day of a close-up; a window given backwards is an error, not an empty chart."""
    first, last = pd.Timestamp(start), pd.Timestamp(end)
    if first > last:
        raise ValueError(f"the close-up starts on {first.date().isoformat()}, after it ends on "
                         f"{last.date().isoformat()}: give the earlier date first")
    return first, last


def closeup_frame(frame: pd.DataFrame, start: str, end: str, language: str | None = None) -> pd.DataFrame:
    """The events of ``frame`` that overlap start to end, one row each, labelled with the first day
    or month they may fall in and their title."""
    first, last = closeup_window(start, end)
    window = frame[(frame["end"] >= first) & (frame["start"] <= last)].copy()
    window["row"] = range(len(window))
    language = book_language(language)
    window["start_label"] = [date_label(day.date(), precision, language)
                             for day, precision in zip(window["start"], window["start_precision"])]
    window["row_label"] = [f"{when}  {title}" for when, title in zip(window["start_label"], window["title"])]
    return window.reset_index(drop=True)


def phase_spans(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The phases with their first and last day, taken from the events that bound them, and where
    their name goes: each on a row of its own above the lanes, the first highest, so that no two names
    meet however narrow the chart; at the phase's start, running right, for a phase that starts in the
    first half of the timeline, else ending at the phase's end, so that no name runs past the last day
    (the French names of the last two phases once ran off a phone's chart).

    The events table may have been cut down (to 2020–2021, say): a phase whose opening or closing event
    is not in it starts on the table's first day or ends on its last, and a phase with neither is left
    out, since nothing in the table dates it."""
    events = tables["events"].set_index("event_id")
    first_day, last_day = tables["events"]["start"].min(), tables["events"]["end"].max()
    middle = first_day + (last_day - first_day) / 2
    rows = []
    for name, opening, closing in PHASES:
        if opening not in events.index and (closing is None or closing not in events.index):
            continue
        start = events.loc[opening, "start"] if opening in events.index else first_day
        end = events.loc[closing, "end"] if closing in events.index else last_day
        number = len(rows)
        align = "left" if start <= middle else "right"
        rows.append((name, start, end, number % 2, PHASE_LABEL_TOP - PHASE_LABEL_STEP * number,
                     start if align == "left" else end, align))
    return pd.DataFrame(rows, columns=["phase", "start", "end", "shade", "label_height", "label_at", "label_align"])


def publication_dates(tables: dict[str, pd.DataFrame], language: str | None = None) -> pd.DataFrame:
    """Each document's publication date as a span (the Q&A is known only to the month)."""
    language = book_language(language)
    sources = tables["sources"]
    ends = [date + (pd.offsets.MonthEnd(0) if precision == "month" else pd.offsets.Day(0))
            for date, precision in zip(sources["date"], sources["date_precision"])]
    return pd.DataFrame({"document_id": sources["document_id"], "start": sources["date"], "end": ends,
                         "label": [date_label(date.date(), precision, language)
                                   for date, precision in zip(sources["date"], sources["date_precision"])]})


def plot_timeline(ax: plt.Axes, frame: pd.DataFrame, phases: pd.DataFrame, publications: pd.DataFrame,
                  language: str | None = None) -> plt.Axes:
    """Every event in the lane of its type: spans as hatched bars, single days as markers;
    filled for events from a document, hollow for editorial context; phases shaded."""
    language = book_language(language)
    lanes = list(LANES)
    for _, phase in phases.iterrows():
        ax.axvspan(phase["start"], phase["end"], color=PHASE_SHADES[phase["shade"]], zorder=0, lw=0)
        ax.text(phase["label_at"], phase["label_height"], label(phase["phase"], language), fontsize=SMALL_TEXT,
                va="bottom", ha=phase["label_align"], color="0.2")
    _draw_publications(ax, publications)
    for _, event in frame.iterrows():
        _draw_event(ax, event, event["lane_position"], bar_height=0.22)
    ax.set_yticks(range(len(lanes)), [label(lane, language) for lane in lanes])
    ax.set_ylim(-0.6, len(lanes) + 0.4)
    ax.xaxis_date()
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def _draw_publications(ax: plt.Axes, publications: pd.DataFrame) -> None:
    for _, publication in publications.iterrows():
        ax.axvspan(publication["start"], publication["end"] + pd.Timedelta(days=1), color="black", alpha=0.25, lw=0)
        ax.axvline(publication["start"], color="black", linestyle=":", linewidth=0.8)


def _draw_event(ax: plt.Axes, event: pd.Series, y: float, bar_height: float) -> None:
    style = LANE_STYLES[event["lane"]]
    filled = event["provenance"] == "document"
    if event["is_span"]:
        ax.barh(y, (event["end"] - event["start"]) + pd.Timedelta(days=1), left=event["start"], height=bar_height,
                color=style["color"] if filled else "white", edgecolor="black", hatch=style["hatch"],
                linewidth=0.7, zorder=2)
    else:
        ax.plot(event["start"], y, marker=style["marker"], markersize=6, linestyle="none", zorder=3,
                markerfacecolor=style["color"] if filled else "white", markeredgecolor="black", markeredgewidth=0.7)


CLOSEUP_TEXT_SIZE = SMALL_TEXT  # points
# Titles longer than this go on two lines, and the rows are tall enough for them: the close-up then
# fits PRINT_FIGURE_WIDTH, and its text prints at 7 pt or more (tests/test_pdf.py).
CLOSEUP_TITLE_CHARACTERS = 40
CLOSEUP_FIGURE_SIZE = (PRINT_FIGURE_WIDTH, 10.0)


def _two_lines(title: str, longest: int = CLOSEUP_TITLE_CHARACTERS) -> str:
    """A long title on two lines, broken at the space nearest its middle, so that the close-up keeps
    its width (and its print size) without cutting any title short."""
    if len(title) <= longest or " " not in title:
        return title
    middle = len(title) // 2
    split = min((index for index, character in enumerate(title) if character == " "),
                key=lambda index: abs(index - middle))
    return f"{title[:split]}\n{title[split + 1:]}"


def plot_event_rows(ax: plt.Axes, window: pd.DataFrame, publications: pd.DataFrame, start: str, end: str,
                    language: str | None = None,
                    ) -> plt.Axes:
    """A close-up: one row per event of ``closeup_frame(frame, start, end)``, its first day or month on
    the axis and its title beside its mark, after it where the title fits in the figure, else before it,
    so that the plot keeps the figure's width; the time axis gives month and year."""
    _draw_publications(ax, publications)
    first, last = closeup_window(start, end)
    ax.set_ylim(-len(window) + 0.4, 0.6)
    ax.set_xlim(first, last)
    renderer = ax.figure.canvas.get_renderer()
    for _, event in window.iterrows():
        y = -event["row"]
        _draw_event(ax, event, y, bar_height=0.6)
        title = ax.annotate(_two_lines(event["title"]), (event["end"] + pd.Timedelta(days=1), y), xytext=(5, 0),
                            textcoords="offset points", ha="left", va="center", fontsize=CLOSEUP_TEXT_SIZE, zorder=4,
                            linespacing=0.95,
                            bbox={"boxstyle": "square,pad=0.05", "facecolor": "white", "edgecolor": "none",
                                  "alpha": 0.75})
        after = title.get_window_extent(renderer)
        overflow_after = max(0.0, after.x1 - ax.figure.bbox.x1)
        if overflow_after:
            title.xy, title.xyann = (event["start"], y), (-5, 0)
            title.set_horizontalalignment("right")
            overflow_before = max(0.0, ax.bbox.x0 - title.get_window_extent(renderer).x0)
            if overflow_before > overflow_after:  # neither side has room: the lesser overflow
                title.xy, title.xyann = (event["end"] + pd.Timedelta(days=1), y), (5, 0)
                title.set_horizontalalignment("left")
            elif overflow_before:  # a little too long: nearer its mark rather than over the axis's dates
                title.xyann = (-5 + overflow_before * 72 / ax.figure.dpi, 0)
    ax.set_yticks([-row for row in window["row"]], list(window["start_label"]), fontsize=CLOSEUP_TEXT_SIZE)
    ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=range(1, 13, 2)))
    ax.xaxis.set_major_formatter(FuncFormatter(lambda number, _: month_year(mdates.num2date(number).date(), language)))
    ax.tick_params(axis="x", labelsize=CLOSEUP_TEXT_SIZE)
    ax.grid(axis="y", color="0.9", linewidth=0.5)
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def timeline_legend(ax: plt.Axes, with_lanes: bool = False, language: str | None = None) -> None:
    """A legend for provenance, precision and publications, and for the lanes when they are not on the axis."""
    handles = [Line2D([], [], marker=style["marker"], linestyle="none", markerfacecolor=style["color"],
                      markeredgecolor="black", label=label(lane, language))
               for lane, style in LANE_STYLES.items()] if with_lanes else []
    handles += [
        Line2D([], [], marker="o", linestyle="none", markerfacecolor="0.3", markeredgecolor="black",
               label=label("from a document (filled)", language)),
        Line2D([], [], marker="o", linestyle="none", markerfacecolor="white", markeredgecolor="black",
               label=label("editorial context (hollow)", language)),
        Patch(facecolor="white", edgecolor="black", hatch="//",
              label=label("known only to the month or year, or lasting", language)),
        Line2D([], [], color="black", linestyle=":", label=label("publication of a document", language)),
    ]
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.06 if with_lanes else -0.08),
              ncol=2, frameon=False, fontsize=SMALL_TEXT)


def power_terms(tables: dict[str, pd.DataFrame], language: str | None = None) -> pd.DataFrame:
    """Terms of Mali's heads of state, vice-president and prime ministers, from the relations table.

    A term whose start is not in the data has ``start_known`` False; one still running (no end) has
    ``end_known`` False. The chart draws both honestly instead of inventing a date.
    """
    language = book_language(language)
    relations = tables["relations"]
    names = localized(tables["actors"].set_index("actor_id"), "name", language)
    row_of = {post: row for row, posts in POWER_POSTS.items() for post in posts}
    terms = relations[(relations["relation_type"] == "holds_post") & relations["post"].isin(list(row_of))].copy()
    terms["person"] = terms["subject_id"].map(names)
    terms["row"] = terms["post"].map(row_of)
    terms["post"] = localized(terms, "post", language)
    terms["start_known"] = terms["start"].notna()
    terms["end_known"] = terms["end"].notna()
    unknown_start, unknown_end = label("start not in the data", language), label("no end in the data", language)
    terms["date_label"] = [
        f"{date_label(start.date(), start_precision, language) if known_start else unknown_start} – "
        f"{date_label(end.date(), end_precision, language) if known_end else unknown_end}"
        for start, start_precision, known_start, end, end_precision, known_end in
        zip(terms["start"], terms["start_precision"], terms["start_known"], terms["end"], terms["end_precision"],
            terms["end_known"])]
    terms["paragraph_ids"] = terms["relation_id"].map(paragraphs_by(tables, "relation_id")).apply(
        lambda ids: ids if isinstance(ids, tuple) else ())
    columns = ["row", "person", "post", "start", "start_precision", "start_known", "end", "end_precision", "end_known",
               "relation_id", "provenance", "date_label", "paragraph_ids"]
    return terms[columns].sort_values(["row", "start", "end"], na_position="first").reset_index(drop=True)


TERM_COLORS = [TOL_BRIGHT["blue"], TOL_BRIGHT["yellow"], TOL_BRIGHT["green"], TOL_BRIGHT["red"], TOL_BRIGHT["purple"]]
TERM_HATCHES = ["", "//", "..", "\\\\", "xx"]


def term_bars(terms: pd.DataFrame, first_day: pd.Timestamp, last_day: pd.Timestamp) -> pd.DataFrame:
    """Where each term of ``power_terms`` is drawn: an unknown start at first_day, a running term to
    last_day; ``slot`` numbers the terms within their row (for colours and for names above or below)."""
    bars = terms.copy()
    bars["bar_start"] = bars["start"].where(bars["start_known"], first_day)
    bars["bar_end"] = bars["end"].where(bars["end_known"], last_day)
    bars["slot"] = bars.groupby("row", sort=False).cumcount()
    bars["color"] = [TERM_COLORS[slot % len(TERM_COLORS)] for slot in bars["slot"]]
    return bars


def plot_power_terms(ax: plt.Axes, bars: pd.DataFrame, first_day: pd.Timestamp, last_day: pd.Timestamp,
                     language: str | None = None) -> plt.Axes:
    """One bar per term of ``term_bars``; an open side (unknown start, or still in office) is drawn with an arrow."""
    rows = list(POWER_POSTS)
    for _, term in bars.iterrows():
        start, end, number = term["bar_start"], term["bar_end"], term["slot"]
        y = len(rows) - 1 - rows.index(term["row"])
        ax.barh(y, end - start, left=start, height=0.5, color=term["color"],
                hatch=TERM_HATCHES[number % len(TERM_HATCHES)], edgecolor="black", linewidth=0.6)
        # Names alternate above and below the bars, so that short terms side by side stay legible.
        above = number % 2 == 0
        ax.annotate(term["person"], (start + (end - start) / 2, y + (0.3 if above else -0.3)), ha="center",
                    va="bottom" if above else "top", fontsize=SMALL_TEXT)
        if not term["start_known"]:
            ax.annotate("", (start, y), xytext=(start + pd.Timedelta(days=120), y),
                        arrowprops={"arrowstyle": "->", "lw": 1})
        if not term["end_known"]:
            ax.annotate("", (end + pd.Timedelta(days=120), y), xytext=(end, y),
                        arrowprops={"arrowstyle": "->", "lw": 1})
    ax.set_yticks(range(len(rows)), [label(row, language) for row in rows[::-1]])
    ax.set_xlim(first_day, last_day + pd.Timedelta(days=200))
    ax.set_ylim(-0.8, len(rows) - 0.2)
    ax.xaxis.set_major_locator(mdates.YearLocator())
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def intervals(tables: dict[str, pd.DataFrame], language: str | None = None) -> pd.DataFrame:
    """Days between the events of INTERVALS, from the first day of one to the first day of the other.

    The ``interval`` column keeps the English labels of INTERVALS, which code looks rows up by;
    ``malibook.analysis.tables.show_table`` shows them in the edition's language."""
    language = book_language(language)
    events = tables["events"].set_index("event_id")
    rows = []
    for name, first, second in INTERVALS:
        for event_id in (first, second):
            if event_id not in events.index:
                raise ValueError(f"the interval {name!r} is counted from event {first!r} to event {second!r}, "
                                 f"and the events table has no {event_id!r}: intervals() needs the whole table, "
                                 "not one filtered before it")
            if events.loc[event_id, "start_precision"] != "day":
                raise ValueError(f"{event_id} is not dated to the day; an interval in days would invent one")
        days = (events.loc[second, "start"] - events.loc[first, "start"]).days
        rows.append((name, date_label(events.loc[first, "start"].date(), "day", language),
                     date_label(events.loc[second, "start"].date(), "day", language), days, round(days / 30.4375, 1)))
    return pd.DataFrame(rows, columns=["interval", "from", "to", "days", "months"])


def coverage(tables: dict[str, pd.DataFrame], language: str | None = None) -> pd.DataFrame:
    """For each document, the events before its publication that it mentions and that it leaves out.

    An event counts as before a document when it started before the document's publication date
    (for the Q&A, before the end of May 2021).
    """
    frame = timeline_frame(tables, language)
    publications = publication_dates(tables, language).set_index("document_id")
    rows = []
    for document, publication in publications.iterrows():
        before = frame[(frame["start"] <= publication["end"]) & (frame["book_type"] != "publication")]
        for _, event in before.iterrows():
            rows.append((document, event["event_id"], event["title"], event["start"], event["start_precision"],
                         document in event["documents"].split("+")))
    result = pd.DataFrame(rows, columns=["document_id", "event_id", "title", "start", "start_precision", "mentioned"])
    return result.sort_values(["document_id", "start", "event_id"]).reset_index(drop=True)
