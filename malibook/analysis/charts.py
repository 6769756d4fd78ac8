"""Interactive versions of the book's figures: Vega-Lite charts built with altair from the very frames
the static figures draw (``timeline_frame``, ``closeup_frame``, ``term_bars``, ``network_frames``,
``places_frame``), so that the two cannot disagree.

Every mark's tooltip gives its title, its date written at its precision, its provenance and the
paragraph IDs that state it; a click opens the first of those paragraphs in its chapter. The time
axes zoom and pan (drag, wheel); the legend filters lanes or kinds of actor. ``BookFigure`` glues a
static figure and its chart as one output: JupyterLab shows the chart, the book's PDF the image, and
the book's HTML both (``malibook.sphinxext.interactive_charts``). Specs carry no random ID, so nbval compares
them as they are.
"""
from __future__ import annotations

import json

import altair as alt
import pandas as pd

from malibook.analysis import CHART_MIMETYPE
from malibook.analysis.labels import label, month_abbreviations
from malibook.analysis.network import GROUP_STYLES
from malibook.analysis.timeline import LANE_STYLES, LANES, PHASE_SHADES, POWER_POSTS, VEGA_SHAPES, closeup_window

# The chapter that retells each document, where every block has an anchor named by its paragraph ID.
PARAGRAPH_PAGES = {"b115": "chapters/briefing-115.html", "qa2021": "chapters/qa-2021.html"}
# The network's node shapes (matplotlib markers of GROUP_STYLES) as Vega symbols; a hexagon as an SVG path.
GROUP_SHAPES = {"^": "triangle-up", "s": "square", "o": "circle", "D": "diamond",
                "h": "M0,-1L0.87,-0.5L0.87,0.5L0,1L-0.87,0.5L-0.87,-0.5Z"}


def paragraph_href(paragraph_id: str) -> str:
    """The address of a paragraph's block, relative to the book's root: chapters/briefing-115.html#b115-p1."""
    document = paragraph_id.split("-", 1)[0]
    if document not in PARAGRAPH_PAGES:
        raise ValueError(f"paragraph ID {paragraph_id!r} belongs to no document of PARAGRAPH_PAGES")
    return f"{PARAGRAPH_PAGES[document]}#{paragraph_id}"


def _day(value) -> str | None:
    return None if pd.isna(value) else pd.Timestamp(value).strftime("%Y-%m-%d")


# Columns whose values readers see as words (lanes, kinds of actor, provenance, offices): they are
# written in the edition's language, and so are the scales' domains and conditions that name them.
WORDED_COLUMNS = {"lane", "group", "provenance", "row"}


def chart_records(frame: pd.DataFrame, columns: list[str], dates: tuple[str, ...] = ()) -> list[dict]:
    """Rows of ``frame`` as a chart's data: the columns asked for, dates as ISO days (drawn on UTC
    scales, so that no reader's time zone shifts them), and, from ``paragraph_ids``, the text
    ``paragraphs`` for the tooltip and the ``href`` of the first paragraph (none for editorial rows)."""
    records = []
    for _, row in frame.iterrows():
        record = {column: (_day(row[column]) if column in dates else
                           label(row[column]) if column in WORDED_COLUMNS else row[column]) for column in columns}
        ids = row["paragraph_ids"]
        record["paragraphs"] = ", ".join(ids) if ids else label("none (editorial context)")
        record["href"] = paragraph_href(ids[0]) if ids else None
        records.append({key: (value.item() if hasattr(value, "item") else value) for key, value in record.items()})
    return records


def tooltip(*fields: tuple[str, str]) -> list[alt.Tooltip]:
    """Tooltip fields: those given (field, header), then the paragraph IDs."""
    return [alt.Tooltip(f"{field}:N", title=label(title)) for field, title in fields] + \
        [alt.Tooltip("paragraphs:N", title=label("Paragraphs"))]


def finish(chart: alt.TopLevelMixin, description: str, table: list[tuple[str, str]], height: int) -> dict:
    """The chart as a Vega-Lite spec: full width, a description (read by screen readers; the book
    replaces it with the figure's alt text), and in ``usermeta`` the columns of its table view."""
    spec = chart.properties(width="container", height=height).to_dict()
    spec["description"] = description
    spec["usermeta"] = {"table": [[column, label(header)] for column, header in table]}
    return spec


def _lane_scales():
    lanes = [label(lane) for lane in LANES]
    return (alt.Scale(domain=lanes, range=[LANE_STYLES[lane]["color"] for lane in LANES]),
            alt.Scale(domain=lanes, range=[VEGA_SHAPES[LANE_STYLES[lane]["marker"]] for lane in LANES]))


def time_axis() -> alt.Axis:
    """A time axis whose every label has its year: '2015' at a new year, 'Sep 2020' (or 'sept. 2020') at any
    other month, whatever the zoom (Vega's own labels drop the year between two new years)."""
    months = "[" + ", ".join(f"'{month}'" for month in month_abbreviations()) + "]"
    return alt.Axis(labelExpr=f"utcmonth(datum.value) === 0 && utcdate(datum.value) === 1 ? utcyear(datum.value) + '' "
                              f": {months}[utcmonth(datum.value)] + ' ' + utcyear(datum.value)")


def _event_layers(data: alt.Data, y: alt.Y, bar_height, name: str):
    """Spans as bars and single days as symbols, coloured and shaped by lane, filled for events from a
    document, as in the static figure; the legend picks lanes, the x axis zooms and pans."""
    colors, shapes = _lane_scales()
    lanes = alt.selection_point(name=f"{name}_lanes", fields=["lane"], bind="legend")
    zoom = alt.selection_interval(name=f"{name}_zoom", bind="scales", encodings=["x"])
    tips = tooltip(("title", "Event"), ("date_label", "Date"), ("provenance", "Provenance"), ("lane", "Lane"))
    from_document = alt.datum.provenance == label("document")
    base = alt.Chart(data).encode(x=alt.X("start:T", scale=alt.Scale(type="utc"), title=None, axis=time_axis()),
                                  y=y, tooltip=tips,
                                  href="href:N", opacity=alt.condition(lanes, alt.value(1), alt.value(0.12)))
    spans = base.transform_filter(alt.datum.is_span).mark_bar(
        stroke="black", strokeWidth=0.7, height=bar_height, cursor="pointer").encode(
        x2="end_after:T", fill=alt.condition(from_document, alt.Fill("lane:N", scale=colors, legend=None),
                                             alt.value("white")))
    days = base.transform_filter(~alt.datum.is_span).mark_point(
        filled=True, stroke="black", strokeWidth=0.7, size=70, cursor="pointer").encode(
        color=alt.condition(from_document, alt.Color("lane:N", scale=colors, title=label("Lane")), alt.value("white")),
        shape=alt.Shape("lane:N", scale=shapes, title=label("Lane"))).add_params(lanes, zoom)
    days = days.properties(name=f"{name}_days")  # a fixed name: altair's own counts the charts made so far
    return [spans, days]


def _publication_layer(publications: pd.DataFrame):
    rows = [{"label": label, "start": _day(start), "end_after": _day(end + pd.Timedelta(days=1))}
            for label, start, end in zip(publications["label"], publications["start"], publications["end"])]
    base = alt.Chart(alt.Data(values=rows))
    band = base.mark_rect(color="black", opacity=0.25).encode(x="start:T", x2="end_after:T")
    line = base.mark_rule(strokeDash=[2, 2], color="black").encode(x="start:T")
    return [band, line]


EVENT_COLUMNS = ["title", "lane", "date_label", "provenance", "is_span"]
EVENT_TABLE = [("title", "Event"), ("date_label", "Date"), ("lane", "Lane"), ("provenance", "Provenance"),
               ("paragraphs", "Paragraphs")]


def _event_data(frame: pd.DataFrame, extra: list[str]) -> alt.Data:
    events = frame.assign(end_after=frame["end"] + pd.Timedelta(days=1))
    return alt.Data(values=chart_records(events, EVENT_COLUMNS + extra + ["start", "end_after"],
                                         dates=("start", "end_after")))


def lane_lines(lane: str) -> list[str]:
    """A lane's name on two lines, broken at the space nearest its middle (one line if it has no space):
    the overview's axis then needs half the width for it, and a phone shows it whole."""
    spaces = [index for index, character in enumerate(lane) if character == " "]
    if not spaces:
        return [lane]
    cut = min(spaces, key=lambda index: abs(len(lane) - 1 - 2 * index))
    return [lane[:cut], lane[cut + 1:]]


def _lane_lines() -> str:
    """The overview's y labels: each lane's name, in the edition's language, as lines (Vega draws a list
    of strings as lines of text)."""
    return json.dumps([lane_lines(label(lane)) for lane in LANES], ensure_ascii=False) + "[datum.value]"


def timeline_chart(frame: pd.DataFrame, phases: pd.DataFrame, publications: pd.DataFrame,
                   description: str = "Timeline of every event in the data, in lanes by type.") -> dict:
    """The overview of ``timeline_frame``: every event in its lane (at ``lane_position``), the phases
    shaded, the publications marked."""
    y = alt.Y("lane_position:Q", title=None, scale=alt.Scale(domain=[-0.6, len(LANES) + 0.4], nice=False),
              axis=alt.Axis(values=list(range(len(LANES))), labelExpr=_lane_lines(), grid=False))
    phase_rows = [{"phase": label(phase), "start": _day(start), "end": _day(end), "shade": shade,
                   "label_height": height, "label_at": _day(at), "label_align": align}
                  for phase, start, end, shade, height, at, align in
                  zip(phases["phase"], phases["start"], phases["end"], phases["shade"], phases["label_height"],
                      phases["label_at"], phases["label_align"])]
    phase_base = alt.Chart(alt.Data(values=phase_rows))
    shading = phase_base.mark_rect().encode(
        x=alt.X("start:T", scale=alt.Scale(type="utc")), x2="end:T",
        fill=alt.Fill("shade:N", scale=alt.Scale(domain=[0, 1], range=PHASE_SHADES), legend=None))
    # Each name where phase_spans puts it: a layer for the names that run right, one for those that end there.
    names = [phase_base.transform_filter(alt.datum.label_align == align).mark_text(
        align=align, baseline="bottom", fontSize=9, dx=2 if align == "left" else -2, color="#333333").encode(
        x="label_at:T", y="label_height:Q", text="phase:N") for align in ("left", "right")]
    events = _event_layers(_event_data(frame, ["lane_position"]), y, 7, "overview")
    chart = alt.layer(shading, *names, *_publication_layer(publications), *events).resolve_scale(fill="independent")
    return finish(chart, description, EVENT_TABLE, 380)


def closeup_chart(window: pd.DataFrame, publications: pd.DataFrame, start: str, end: str,
                  description: str = "Close-up of a timeline: one row per event.") -> dict:
    """The close-up of ``closeup_frame``: one row per event, labelled with its date and title."""
    y = alt.Y("row_label:N", sort=list(window["row_label"]), title=None, axis=alt.Axis(labelLimit=330))
    events = _event_layers(_event_data(window, ["row_label"]), y, {"band": 0.6}, "closeup")
    # Only the publications inside the window: the time axis spans the window's events.
    first, last = closeup_window(start, end)
    inside = publications[(publications["end"] >= first) & (publications["start"] <= last)]
    chart = alt.layer(*_publication_layer(inside), *events)
    return finish(chart, description, EVENT_TABLE, 16 * len(window))


TERM_TABLE = [("row", "Office"), ("person", "Person"), ("post", "Post"), ("date_label", "Term"),
              ("provenance", "Provenance"), ("paragraphs", "Paragraphs")]


def terms_chart(bars: pd.DataFrame, description: str = "Terms of office, one bar per term.") -> dict:
    """The terms of office of ``term_bars``: one bar per term, its colour that of the static figure."""
    data = alt.Data(values=chart_records(bars, ["row", "person", "post", "date_label", "provenance", "color",
                                                "bar_start", "bar_end"], dates=("bar_start", "bar_end")))
    zoom = alt.selection_interval(name="terms_zoom", bind="scales", encodings=["x"])
    base = alt.Chart(data).encode(
        x=alt.X("bar_start:T", scale=alt.Scale(type="utc"), title=None), x2="bar_end:T",
        y=alt.Y("row:N", sort=[label(post) for post in POWER_POSTS], title=None),
        tooltip=tooltip(("person", "Person"), ("post", "Post"), ("date_label", "Term"), ("provenance", "Provenance")))
    bars_layer = base.mark_bar(stroke="black", strokeWidth=0.6, height=18, cursor="pointer").encode(
        color=alt.Color("color:N", scale=None), href="href:N").add_params(zoom).properties(name="terms_bars")
    return finish(alt.layer(bars_layer), description, TERM_TABLE, 150)


NODE_TABLE = [("name", "Actor"), ("group", "Kind"), ("neighbours", "Actors linked"), ("paragraphs", "Paragraphs")]


def network_chart(nodes: pd.DataFrame, edges: pd.DataFrame, name: str,
                  description: str = "Network of actors.", height: int = 420) -> dict:
    """A network of ``network_frames``: the same positions, shapes and colours as the static figure;
    the legend picks kinds of actor; drag and wheel move and zoom."""
    groups = list(GROUP_STYLES)
    shown = [label(group) for group in groups]
    colors = alt.Scale(domain=shown, range=[GROUP_STYLES[group]["color"] for group in groups])
    shapes = alt.Scale(domain=shown, range=[GROUP_SHAPES[GROUP_STYLES[group]["shape"]] for group in groups])
    picked = alt.selection_point(name=f"{name}_groups", fields=["group"], bind="legend")
    zoom = alt.selection_interval(name=f"{name}_zoom", bind="scales")
    axis_free = {"axis": None, "scale": alt.Scale(zero=False, padding=20)}
    lines = alt.Chart(alt.Data(values=edges.to_dict("records"))).mark_rule(color="#8C8C8C", opacity=0.8).encode(
        x=alt.X("x:Q", **axis_free), y=alt.Y("y:Q", **axis_free), x2="x2:Q", y2="y2:Q",
        strokeWidth=alt.StrokeWidth("width:Q", scale=None))
    data = alt.Data(values=chart_records(nodes, ["actor_id", "label", "name", "group", "neighbours", "x", "y"]))
    base = alt.Chart(data).encode(x="x:Q", y="y:Q", opacity=alt.condition(picked, alt.value(1), alt.value(0.15)))
    points = base.mark_point(filled=True, size=160, stroke="black", strokeWidth=0.7, cursor="pointer").encode(
        color=alt.Color("group:N", scale=colors, title=label("Kind of actor")),
        shape=alt.Shape("group:N", scale=shapes, title=label("Kind of actor")), href="href:N",
        tooltip=tooltip(("name", "Actor"), ("group", "Kind"), ("neighbours", "Actors linked"))).add_params(picked, zoom)
    points = points.properties(name=f"{name}_nodes")
    labels = base.mark_text(dy=13, fontSize=9, baseline="top").encode(text="label:N")
    return finish(alt.layer(lines, points, labels), description, NODE_TABLE, height)


class BookFigure:
    """A static figure and its interactive chart, glued as one output (``glue(key, BookFigure(fig, spec))``).

    Its display bundle holds the figure's PNG (as matplotlib's inline backend writes it) and its PDF
    copy, the chart's Vega-Lite spec and a plain-text line: JupyterLab shows the chart, the book's PDF
    the vector image."""

    def __init__(self, figure, spec: dict):
        self.figure, self.spec = figure, spec

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        from IPython.core.formatters import format_display_data

        bundle, _ = format_display_data(self.figure)
        # The vector copy (malibook.analysis.figures.use_book_style) is what the book's PDF prints.
        vector = {"application/pdf": bundle["application/pdf"]} if "application/pdf" in bundle else {}
        return {"image/png": bundle["image/png"], **vector, CHART_MIMETYPE: self.spec,
                "text/plain": "<a figure and its interactive chart (Vega-Lite)>"}
