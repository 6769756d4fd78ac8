"""Where the events happened: the places of ``data/places.csv`` over Mali and its neighbours.

The outline is Natural Earth's 1:110m countries (public domain), as redistributed in TopoJSON by
the ``world-atlas`` package (references.bib: naturalearth110m, worldatlas). Only the countries
around the map (``MAP_COUNTRIES``) are kept, decoded to GeoJSON in ``west-africa-110m.geojson``
beside this module, so that the notebooks and the book never fetch anything; the package only reads
that file. ``scripts/make_map_outline.py`` writes it, and a test checks it is current.
"""
from __future__ import annotations

import json
import pathlib

import altair as alt
import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.patches import Polygon

from malibook.analysis.charts import chart_records, finish, tooltip
from malibook.analysis.figures import SMALL_TEXT, TOL_BRIGHT
from malibook.analysis.labels import label
from malibook.analysis.timeline import timeline_frame
from malibook.data.language import localized

OUTLINE_PATH = pathlib.Path(__file__).with_name("west-africa-110m.geojson")
# Mali, its seven neighbours, and the countries between them and Algiers or Accra.
MAP_COUNTRIES = ["Mali", "Algeria", "Niger", "Burkina Faso", "Côte d'Ivoire", "Guinea", "Senegal", "Mauritania",
                 "Ghana", "Togo", "Benin", "Nigeria", "Guinea-Bissau", "Gambia", "Sierra Leone", "Liberia",
                 "Morocco", "W. Sahara", "Tunisia", "Libya", "Chad"]
MAP_EXTENT = {"longitude": (-18.0, 16.5), "latitude": (4.0, 38.0)}
# Where a place's name goes (alignment, offset right and up in points): Kati, Bamako and the Radisson
# are a few kilometres apart, so their names are spread around them.
LABEL_PLACEMENT = {"kati": ("right", -7, 6), "radisson-bamako": ("left", 6, -12), "anefis": ("right", -7, -4)}
DEFAULT_LABEL = ("left", 7, 3)
# A dot's area is proportional to the number of events at its place, in both maps: points squared per
# event on the static map, pixels squared on the interactive one (drawn about 1.4 times larger).
AREA_PER_EVENT = {"static": 12, "interactive": 24}


def country_outlines(path: pathlib.Path = OUTLINE_PATH) -> dict:
    """The map's countries, as GeoJSON."""
    return json.loads(path.read_text(encoding="utf-8"))


def places_frame(tables: dict[str, pd.DataFrame], language: str | None = None) -> pd.DataFrame:
    """One row per place with at least one event: its coordinates, its events (title and date, in
    order) and the paragraphs that mention any of them; names in the language of the edition."""
    events = timeline_frame(tables, language).dropna(subset=["place_id"])
    places = tables["places"].assign(name=localized(tables["places"], "name", language),
                                     country=localized(tables["places"], "country", language))
    paragraphs = tables["paragraphs"]
    reading_order = dict(zip(paragraphs["paragraph_id"], zip(paragraphs["document_id"], paragraphs["order"])))
    rows = []
    for place in places.sort_values("place_id").itertuples():
        here = events[events["place_id"] == place.place_id]
        if here.empty:
            continue
        cited = sorted({paragraph for ids in here["paragraph_ids"] for paragraph in ids}, key=reading_order.get)
        align, dx, dy = LABEL_PLACEMENT.get(place.place_id, DEFAULT_LABEL)
        rows.append({"place_id": place.place_id, "name": place.name, "country": place.country,
                     "label_align": align, "label_dx": dx, "label_dy": dy,
                     "latitude": place.latitude, "longitude": place.longitude, "n_events": len(here),
                     "events": "; ".join(f"{title} ({when})" for title, when in zip(here["title"], here["date_label"])),
                     "paragraph_ids": tuple(cited)})
    return pd.DataFrame(rows)


def plot_places_map(ax: plt.Axes, places: pd.DataFrame, outlines: dict, language: str | None = None) -> plt.Axes:
    """The static map: countries in grey with Mali darker, each place a dot whose area counts its events."""
    for feature in outlines["features"]:
        is_mali = feature["properties"]["name"] == "Mali"
        for polygon in feature["geometry"]["coordinates"]:
            ax.add_patch(Polygon(polygon[0], closed=True, facecolor="0.80" if is_mali else "0.93",
                                 edgecolor="0.45", linewidth=0.6))
    # The largest dots first, so that a small place beside a large one (Kati by Bamako) stays visible.
    by_size = places.sort_values(["n_events", "place_id"], ascending=[False, True])
    ax.scatter(by_size["longitude"], by_size["latitude"], s=AREA_PER_EVENT["static"] * by_size["n_events"],
               color=TOL_BRIGHT["red"], edgecolors="black", linewidths=0.7, zorder=3)
    # A legend of dot sizes, below the map so that it covers none of it.
    handles = [ax.scatter([], [], s=AREA_PER_EVENT["static"] * count, color=TOL_BRIGHT["red"], edgecolors="black",
                          linewidths=0.7,
                          label=label("1 event" if count == 1 else "{count} events", language, count=count))
               for count in legend_counts(places["n_events"])]
    ax.legend(handles=handles, title=label("Events at a place", language), loc="upper center",
              bbox_to_anchor=(0.5, -0.11), ncol=len(handles), frameon=False, fontsize=8, title_fontsize=8)
    for place in places.itertuples():
        ax.annotate(place.name, (place.longitude, place.latitude), xytext=(place.label_dx, place.label_dy),
                    textcoords="offset points", fontsize=SMALL_TEXT, ha=place.label_align, va="center")
    ax.set_xlim(*MAP_EXTENT["longitude"])
    ax.set_ylim(*MAP_EXTENT["latitude"])
    ax.set_aspect("equal")
    ax.set_xlabel(label("longitude (°)", language))
    ax.set_ylabel(label("latitude (°)", language))
    return ax


def legend_counts(counts: pd.Series) -> list[int]:
    """The numbers of events the size legend shows: one, the largest, and one between if it differs."""
    largest = int(counts.max())
    return sorted({1, max(1, round(largest / 3)), largest})


PLACE_TABLE = [("name", "Place"), ("country", "Country"), ("n_events", "Events"), ("events", "What happened there"),
               ("paragraphs", "Paragraphs")]


def places_chart(places: pd.DataFrame, outlines: dict,
                 description: str = "Map of the places where the events happened.") -> dict:
    """The interactive map: the same outline and places; each place's tooltip lists its events."""
    (west, east), (south, north) = MAP_EXTENT["longitude"], MAP_EXTENT["latitude"]
    corners = [[west, south], [east, north]]
    projection = alt.Projection(type="equirectangular", fit={"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {}, "geometry": {"type": "MultiPoint", "coordinates": corners}}]})
    data = alt.Data(values=chart_records(places, ["name", "country", "latitude", "longitude", "n_events", "events"]))
    largest = int(places["n_events"].max())
    places_base = alt.Chart(data).encode(longitude="longitude:Q", latitude="latitude:Q")
    dots = places_base.mark_circle(color=TOL_BRIGHT["red"], stroke="black", strokeWidth=0.7, opacity=1,
                                   cursor="pointer").encode(
        size=alt.Size("n_events:Q", scale=alt.Scale(type="linear", domain=[0, largest],
                                                    range=[0, AREA_PER_EVENT["interactive"] * largest]),
                      title=label("Events at a place"),
                      legend=alt.Legend(orient="bottom", values=legend_counts(places["n_events"]))), href="href:N",
        tooltip=tooltip(("name", "Place"), ("country", "Country"), ("events", "Events")))
    # Vega offsets text in pixels, downwards: one layer per placement of the names.
    names = [places_base.transform_filter(alt.FieldOneOfPredicate(field="name", oneOf=list(group["name"])))
             .mark_text(align=align, dx=dx, dy=-dy, fontSize=10).encode(text="name:N")
             for (align, dx, dy), group in places.groupby(["label_align", "label_dx", "label_dy"], sort=True)]
    countries = alt.Chart(alt.Data(values=outlines["features"])).mark_geoshape(stroke="#737373", strokeWidth=0.6)
    countries = countries.encode(
        fill=alt.condition("datum.properties.name === 'Mali'", alt.value("#CCCCCC"), alt.value("#EDEDED")),
        tooltip=alt.Tooltip("properties.name:N", title=label("Country")))
    return finish(alt.layer(countries, dots, *names).properties(projection=projection), description, PLACE_TABLE, 460)
