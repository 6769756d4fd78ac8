"""What became of Briefing 115's recommendations: the tracker's table and its chart.

The data splits the four recommendations into components (``recommendation_components``) and
records dated observations of each (``recommendation_status``) on the ordinal scale of the Kroc
Institute's Peace Accords Matrix (not initiated, minimal, intermediate, full), with two values off
the scale: ``ended`` (the process the component depended on was closed) and ``no_information``.
The reading-together chapter prints the table (``{recommendation-tracker}``,
``malibook.sphinxext.tracker``); ``notebooks/recommendations.ipynb`` draws the chart. Both speak
the language of the edition.
"""
from __future__ import annotations

import string

import pandas as pd

from malibook.analysis.figures import TOL_BRIGHT
from malibook.data import date_label
from malibook.data.language import book_language, localized

# The ordinal scale of the Peace Accords Matrix (PAM_ID), level by status.
SCALE = {"not_initiated": 0, "minimal": 1, "intermediate": 2, "full": 3}
OFF_SCALE = ("ended", "no_information")
STATUS_LABELS = {
    "en": {"not_initiated": "not initiated", "minimal": "minimal", "intermediate": "intermediate",
           "full": "full", "ended": "process ended", "no_information": "no information"},
    "fr": {"not_initiated": "non engagée", "minimal": "minimale", "intermediate": "intermédiaire",
           "full": "complète", "ended": "processus clos", "no_information": "pas d’information"},
}
# Shape, fill and colour for each status: the shapes alone tell them apart in black-and-white print,
# the colours (Paul Tol's colour-blind-safe scheme) on screen.
STATUS_STYLES = {
    "not_initiated": {"marker": "o", "color": TOL_BRIGHT["grey"], "filled": False},
    "minimal": {"marker": "v", "color": TOL_BRIGHT["red"], "filled": True},
    "intermediate": {"marker": "s", "color": TOL_BRIGHT["yellow"], "filled": True},
    "full": {"marker": "D", "color": TOL_BRIGHT["blue"], "filled": True},
    "ended": {"marker": "X", "color": "#000000", "filled": True},
    "no_information": {"marker": "$?$", "color": "#000000", "filled": True},
}
WORDS = {
    "en": {"Component": "Component", "Date": "Date", "Status": "Status",
           "What the sources show": "What the sources show", "no date": "no date", "Briefing 115": "Briefing 115",
           "component": "component"},
    "fr": {"Component": "Élément", "Date": "Date", "Status": "Statut",
           "What the sources show": "Ce que montrent les sources", "no date": "sans date",
           "Briefing 115": "Briefing 115", "component": "élément"},
}
BRIEFING_DATE = pd.Timestamp("2015-12-14")  # the Briefing's own date line (b115-signoff)


def status_label(status: str, language: str | None = None) -> str:
    """A status for readers, in the language of the edition."""
    return STATUS_LABELS[book_language(language)][status]


def tracker_frame(tables: dict[str, pd.DataFrame], language: str | None = None) -> pd.DataFrame:
    """One row per observation, by component in the order of the data and by date (undated rows last):
    the recommendation, the component's label, the date and status for readers, the note, the references."""
    language = book_language(language)
    components = tables["recommendation_components"].reset_index(drop=True)
    order = {component: position for position, component in enumerate(components["component_id"])}
    observations = tables["recommendation_status"].merge(components, on="component_id", validate="many_to_one")
    observations = observations.assign(
        component_order=observations["component_id"].map(order),
        undated=observations["observed"].isna(),
    ).sort_values(["component_order", "undated", "observed"], kind="stable")
    rows = []
    for _, row in observations.iterrows():
        when = (WORDS[language]["no date"] if pd.isna(row["observed"])
                else date_label(row["observed"].date(), row["observed_precision"], language))
        rows.append({"paragraph_id": row["paragraph_id"], "component_id": row["component_id"],
                     "component": localized(row, "label", language), "observed": row["observed"], "date": when,
                     "status": row["status"], "status_label": status_label(row["status"], language),
                     "note": localized(row, "note", language), "reference_keys": list(row["reference_keys"])})
    return pd.DataFrame(rows)


def escape_markdown(text: str) -> str:
    """Data as literal text in MyST Markdown: every ASCII punctuation mark is backslash-escaped (CommonMark
    allows it for each), so no cell of the data can become a role, a link, emphasis or raw HTML."""
    return "".join("\\" + character if character in string.punctuation else character
                   for character in " ".join(str(text).split()))


def tracker_markdown(tables: dict[str, pd.DataFrame], language: str | None = None) -> str:
    """The tracker as a MyST table: one row per observation, each component named once, on its first row,
    after its recommendation's paragraph ID as a {para} link; references as {cite:p}."""
    language = book_language(language)
    words = WORDS[language]
    frame = tracker_frame(tables, language)
    header = [words[name] for name in ("Component", "Date", "Status", "What the sources show")]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join("---" for _ in header) + " |"]
    previous_component = None
    for row in frame.itertuples():
        component = ""
        if row.component_id != previous_component:
            component = f"{{para}}`{row.paragraph_id}` \u2014 {escape_markdown(row.component)}"
        evidence = escape_markdown(row.note)
        if row.reference_keys:
            # Keys are checked against the pattern [A-Za-z0-9]+ when the data loads: nothing to escape.
            evidence += f" {{cite:p}}`{','.join(row.reference_keys)}`"
        cells = [component, escape_markdown(row.date), escape_markdown(row.status_label), evidence]
        lines.append("| " + " | ".join(cells) + " |")
        previous_component = row.component_id
    return "\n".join(lines)


def plot_status_over_time(ax, tables: dict[str, pd.DataFrame], language: str | None = None) -> list[str]:
    """Each component as a row of the chart, each dated observation as a marker whose shape, fill and
    colour give its status, joined by a thin line. Returns the components that have only undated rows
    (nothing to draw), so that the caller can say so."""
    language = book_language(language)
    frame = tracker_frame(tables, language)
    components = list(dict.fromkeys(frame["component_id"]))
    positions = {component: len(components) - 1 - index for index, component in enumerate(components)}
    dated = frame[frame["observed"].notna()]
    for component, rows in dated.groupby("component_id", sort=False):
        ax.plot(rows["observed"], [positions[component]] * len(rows), color="#777777", linewidth=0.8, zorder=1)
    for status in (*SCALE, *OFF_SCALE):
        rows = dated[dated["status"] == status]
        style = STATUS_STYLES[status]
        ax.scatter(rows["observed"], rows["component_id"].map(positions), marker=style["marker"], s=60,
                   facecolors=style["color"] if style["filled"] else "white", edgecolors=style["color"]
                   if style["filled"] and status != "ended" else "black", linewidths=1.0, zorder=3,
                   label=status_label(status, language))
    ax.axvline(BRIEFING_DATE, color="black", linestyle="--", linewidth=0.8, zorder=0)
    ax.annotate(WORDS[language]["Briefing 115"], (BRIEFING_DATE, len(components) - 0.4), xytext=(3, 0),
                textcoords="offset points", fontsize=8, va="bottom")
    ax.set_yticks(range(len(components)), [components[len(components) - 1 - position]
                                           for position in range(len(components))], fontsize=8)
    ax.set_ylim(-0.7, len(components) + 0.1)
    ax.set_ylabel(WORDS[language]["component"])
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax.spines[["top", "right"]].set_visible(False)
    handles, labels = ax.get_legend_handles_labels()
    shown = [(handle, text) for handle, text, status in zip(handles, labels, (*SCALE, *OFF_SCALE))
             if (dated["status"] == status).any() or status in SCALE]
    ax.legend([handle for handle, _ in shown], [text for _, text in shown], loc="upper center",
              bbox_to_anchor=(0.5, -0.1), ncol=3, frameon=False, fontsize=8)
    return [component for component in components if component not in set(dated["component_id"])]


def latest_status(tables: dict[str, pd.DataFrame], language: str | None = None) -> pd.DataFrame:
    """Each component with its number of observations and its latest dated status, headers in the
    language of the edition (a component with no dated row shows its undated one)."""
    language = book_language(language)
    words = {"en": ("Component", "Observations", "Latest date", "Latest status"),
             "fr": ("Élément", "Observations", "Dernière date", "Dernier statut")}[language]
    frame = tracker_frame(tables, language)
    rows = []
    for component, observations in frame.groupby("component_id", sort=False):
        dated = observations[observations["observed"].notna()]
        last = (dated if len(dated) else observations).iloc[-1]
        rows.append(dict(zip(words, (component, len(observations), last["date"], last["status_label"]))))
    return pd.DataFrame(rows)
