"""The interactive charts and the map: the same frames as the static figures, paragraph links that
resolve, specs with no random ID, a table view for each, and the map's outline current."""
import json
import pathlib
import re

import matplotlib.pyplot as plt
import pytest

from conftest import ROOT
from malibook import load
from malibook.analysis import charts, maps, network, timeline
from malibook.sphinxext.interactive_charts import chart_html, table_rows, table_view_html


@pytest.fixture(scope="module")
def tables():
    return load()


@pytest.fixture(scope="module")
def specs(tables):
    frame = timeline.timeline_frame(tables)
    publications = timeline.publication_dates(tables)
    window = timeline.closeup_frame(frame, "2020-05-15", "2021-07-01")
    bars = timeline.term_bars(timeline.power_terms(tables), frame["start"].min(), frame["end"].max())
    nodes, edges = network.network_frames(network.split_components(network.relation_graph(tables))[0])
    places = maps.places_frame(tables)
    return {"overview": charts.timeline_chart(frame, timeline.phase_spans(tables), publications),
            "closeup": charts.closeup_chart(window, publications, "2020-05-15", "2021-07-01"),
            "terms": charts.terms_chart(bars),
            "relations": charts.network_chart(nodes, edges, "relations"),
            "map": maps.places_chart(places, maps.country_outlines())}


def test_specs_are_the_same_on_every_run(tables, specs):
    again = charts.timeline_chart(timeline.timeline_frame(tables), timeline.phase_spans(tables),
                                  timeline.publication_dates(tables))
    assert json.dumps(again, sort_keys=True) == json.dumps(specs["overview"], sort_keys=True)
    names = re.findall(r'"(?:name|views)": \[?"([^"]+)"', json.dumps(specs))
    assert names and not [name for name in names if re.fullmatch(r"(view|param)_.*\d+", name)], names


def test_the_overview_places_phase_names_as_the_printed_figure_does_and_breaks_lane_names(tables, specs):
    """Each phase's name at the point and on the side phase_spans gives it (not at its start, running
    right, whatever its place: the last two ran off a phone's chart); each lane's name on two lines
    where it has more than one word, so that a phone need not cut it."""
    phases = timeline.phase_spans(tables)
    texts = [layer for layer in specs["overview"]["layer"]
             if (layer["mark"] if isinstance(layer["mark"], str) else layer["mark"]["type"]) == "text"]
    drawn = {}
    for layer in texts:
        rows, align = layer["data"]["values"], layer["mark"]["align"]
        assert layer["encoding"]["x"]["field"] == "label_at" and layer["encoding"]["y"]["field"] == "label_height"
        drawn.update({row["phase"]: (align, row["label_at"]) for row in rows if row["label_align"] == align})
    assert drawn == {phase: (align, at.strftime("%Y-%m-%d")) for phase, align, at in
                     zip(phases["phase"], phases["label_align"], phases["label_at"])}
    assert charts.lane_lines("Seizures of power") == ["Seizures", "of power"]
    assert charts.lane_lines("Réactions internationales") == ["Réactions", "internationales"]
    assert charts.lane_lines("Violence") == ["Violence"]
    axis = specs["overview"]["layer"][-1]["encoding"]["y"]["axis"]
    assert axis["labelExpr"].startswith('[["Violence"], ["Seizures", "of power"], ["Offices and", "institutions"]')


def test_every_chart_has_a_table_view_and_links_to_existing_anchors(specs):
    anchors = {path.stem.replace("-", ""): path.read_text(encoding="utf-8")
               for path in (ROOT / "chapters").glob("*.md")}
    for name, spec in specs.items():
        columns, rows = table_rows(spec)
        assert rows and [field for field, _ in columns][-1] == "paragraphs", name
        assert f"({len(rows)} rows)" in table_view_html(spec)
        for row in rows:
            if row["href"]:
                page, anchor = row["href"].split("#")
                assert page in charts.PARAGRAPH_PAGES.values() and row["paragraphs"].startswith(anchor)
                assert f"({anchor})=" in anchors[pathlib.PurePosixPath(page).stem.replace("-", "")], row["href"]
            else:
                assert row["paragraphs"] == "none (editorial context)"


def test_tooltips_write_dates_at_their_precision(specs):
    rows = {row["title"]: row for row in table_rows(specs["closeup"])[1]}
    assert rows["ECOWAS mediation mission in Bamako"]["date_label"] == "May 2021"
    assert rows["Mass protests against President Keïta"]["date_label"] == "5 June 2020 – August 2020"
    terms = {row["person"]: row for row in table_rows(specs["terms"])[1]}
    assert terms["Amadou Toumani Touré"]["date_label"].startswith("start not in the data – ")


def test_time_axes_give_the_year_of_every_label(specs):
    """Vega's own time labels drop the year between two new years: the close-up read 'July', 'September'."""
    for name in ("overview", "closeup"):
        encodings = [layer.get("encoding", {}).get("x", {}) for layer in specs[name]["layer"]]
        timed = [x for x in encodings if x.get("type") == "temporal" and "axis" in x]
        assert timed, name
        assert all("utcyear(datum.value)" in x["axis"]["labelExpr"] for x in timed), name


def test_an_unknown_document_has_no_paragraph_page():
    assert charts.paragraph_href("qa2021-q3") == "chapters/qa-2021.html#qa2021-q3"
    with pytest.raises(ValueError, match="xx-p1"):
        charts.paragraph_href("xx-p1")


def test_the_chart_markup_cannot_close_its_script_early():
    html = chart_html({"description": "a </script> inside", "usermeta": {"table": []}}, "chart-x")
    assert html.count("</script>") == 1 and "\\u003c/script\\u003e inside" in html


def test_a_table_view_needs_data_with_its_fields():
    spec = {"usermeta": {"table": [["name", "Name"]]}, "layer": [{"data": {"values": [{"other": 1}]}}]}
    with pytest.raises(ValueError, match="name"):
        table_rows(spec)


def test_the_map_legend_explains_the_dot_sizes_and_covers_no_land(tables, specs):
    places = maps.places_frame(tables)
    fig, ax = plt.subplots(figsize=(6.0, 6.0))
    maps.plot_places_map(ax, places, maps.country_outlines())
    fig.canvas.draw()
    legend = ax.get_legend()
    assert legend is not None and not legend.get_window_extent().overlaps(ax.get_window_extent())
    dots = ax.collections[0]  # a dot's area is proportional to its events, in the legend as on the map
    # (a place inside another, the Radisson in Bamako, is drawn at the same point: compare the areas as a whole)
    assert sorted(dots.get_sizes()) == sorted(maps.AREA_PER_EVENT["static"] * places["n_events"])
    shown = [text.get_text() for text in legend.get_texts()]
    assert shown[0] == "1 event" and shown[-1] == f"{places['n_events'].max()} events"
    plt.close(fig)
    size = [layer["encoding"]["size"] for layer in specs["map"]["layer"] if "size" in layer.get("encoding", {})][0]
    assert size["legend"]["orient"] == "bottom" and size["scale"]["domain"][0] == 0 == size["scale"]["range"][0]


def test_places_frame_puts_anefis_events_on_the_map(tables):
    places = maps.places_frame(tables).set_index("place_id")
    assert places.loc["anefis", "n_events"] == len(tables["events"].query("place_id == 'anefis'"))
    assert "CMA and Platform seal a pact of honour at Anefis (15 October 2015)" in places.loc["anefis", "events"]
    assert places.loc["anefis", "paragraph_ids"][:2] == ("b115-standfirst", "b115-p1")  # reading order
    fig, ax = plt.subplots()
    maps.plot_places_map(ax, places.reset_index(), maps.country_outlines())
    assert len(ax.collections[0].get_offsets()) == len(places)
    assert {text.get_text() for text in ax.texts} == set(places["name"])
    plt.close(fig)


def test_the_outline_keeps_the_countries_asked_for():
    outline = maps.country_outlines()
    assert [feature["properties"]["name"] for feature in outline["features"]] == maps.MAP_COUNTRIES
    mali = outline["features"][0]["geometry"]["coordinates"][0][0]
    longitudes, latitudes = [point[0] for point in mali], [point[1] for point in mali]
    # Mali lies between about 12°W and 4.3°E, 10°N and 25°N
    assert -12.5 < min(longitudes) < -11 and 4 < max(longitudes) < 4.5
    assert 10 < min(latitudes) < 10.5 and 24.5 < max(latitudes) < 25.1


def map_outline_script():
    """scripts/make_map_outline.py, which decodes world-atlas's TopoJSON into the committed outline."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_map_outline", ROOT / "scripts" / "make_map_outline.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    return script


def test_an_unknown_country_is_refused():
    topology = {"transform": {"scale": [1, 1], "translate": [0, 0]}, "arcs": [],
                "objects": {"countries": {"geometries": []}}}
    with pytest.raises(ValueError, match="Atlantis"):
        map_outline_script().outline_from_topojson(topology, ["Atlantis"])


@pytest.mark.browser  # needs node_modules, which `make test` installs with npm ci
def test_the_committed_outline_is_what_the_script_writes_from_world_atlas():
    script = map_outline_script()
    assert script.TOPOLOGY.exists(), "run `npm ci` (make browser) first"
    assert maps.OUTLINE_PATH.read_text(encoding="utf-8") == script.outline_text()
