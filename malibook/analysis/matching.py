"""Candidate matches between the book's events and the rows of a researcher's own ACLED or UCDP GED export.

Nothing here decides that two records are the same event: each pair gets a score from three
comparisons, for a person to confirm or reject.

- **Date.** Each side's precision becomes an interval: a book date known to the month covers the
  whole month, an ACLED row of ``time_precision`` 2 the week around its date and 3 its whole month, a
  GED row runs from ``date_start`` to ``date_end``. Overlapping intervals score 1; the score falls to 0
  as the gap grows to ``max_gap_days``.
- **Place.** The distance between the book's coordinates and the row's: 1 within 10 km, falling to 0
  at ``max_km``; a shared admin1 counts when the coordinates are far apart or missing; a side without
  a place scores ``UNKNOWN``.
- **Type.** ACLED: the same sub-event type 1, the same event type 0.75. GED: a ``type_of_violence``
  that the book's ACLED event type allows (battles: 1 or 2; violence against civilians: 3).

The score weighs them 0.5, 0.3 and 0.2. The notebook ``join-acled-ucdp`` shows it on synthetic rows.
"""
from __future__ import annotations

import pathlib
import unicodedata

import numpy as np
import pandas as pd

WEIGHTS = {"date": 0.5, "place": 0.3, "type": 0.2}
UNKNOWN = 0.25  # a comparison one side cannot make: neither a match nor a mismatch
LAYOUT_COLUMNS = {
    "acled": {"event_date", "time_precision", "event_type", "sub_event_type", "admin1", "location", "latitude",
              "longitude"},
    "ucdp-ged": {"date_start", "date_end", "date_prec", "type_of_violence", "adm_1", "where_coordinates", "latitude",
                 "longitude"},
}
GED_TYPES = {"Battles": {1, 2}, "Violence against civilians": {3}, "Explosions/Remote violence": {1, 2, 3}}
ADMIN_WORDS = {"region", "district", "province", "capital", "de", "du", "of"}
EARTH_RADIUS_KM = 6371.0


def detect_layout(columns) -> str:
    """'acled' or 'ucdp-ged', from a file's columns; a clear error when it is neither."""
    for layout, needed in LAYOUT_COLUMNS.items():
        if needed <= set(columns):
            return layout
    missing = {layout: sorted(needed - set(columns)) for layout, needed in LAYOUT_COLUMNS.items()}
    raise ValueError(f"neither an ACLED nor a UCDP GED export: missing columns {missing}")


def read_export(source: str | pathlib.Path | pd.DataFrame) -> tuple[str, pd.DataFrame]:
    """A researcher's export (a CSV path or a DataFrame) as (layout, one row per record with its interval)."""
    frame = source if isinstance(source, pd.DataFrame) else pd.read_csv(source, dtype=str, keep_default_na=False)
    layout = detect_layout(frame.columns)
    out = pd.DataFrame(index=frame.index)
    if layout == "acled":
        day = pd.to_datetime(frame["event_date"], format="mixed", dayfirst=False)
        precision = pd.to_numeric(frame["time_precision"], errors="coerce").fillna(1).astype(int)
        month_start = day.dt.to_period("M").dt.start_time
        out["first"] = day.where(precision == 1, day - pd.Timedelta(days=3)).where(precision != 3, month_start)
        out["last"] = day.where(precision == 1, day + pd.Timedelta(days=3)).where(
            precision != 3, day.dt.to_period("M").dt.end_time.dt.normalize())
        out["event_type"], out["sub_event_type"] = frame["event_type"], frame["sub_event_type"]
        out["admin1"], out["location"] = frame["admin1"], frame["location"]
    else:
        out["first"] = pd.to_datetime(frame["date_start"].str[:10])
        out["last"] = pd.to_datetime(frame["date_end"].str[:10])
        out["type_of_violence"] = pd.to_numeric(frame["type_of_violence"], errors="coerce")
        out["admin1"], out["location"] = frame["adm_1"], frame["where_coordinates"]
    out["latitude"] = pd.to_numeric(frame["latitude"], errors="coerce")
    out["longitude"] = pd.to_numeric(frame["longitude"], errors="coerce")
    return layout, out


def book_events(tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The book's events with the interval each may cover, its ACLED types and its place."""
    places = tables["places"].set_index("place_id")
    events = tables["events"].join(places[["admin1", "name", "latitude", "longitude"]], on="place_id")
    return pd.DataFrame({
        "event_id": events["event_id"], "title": events["title"],
        "first": events["start"], "last": events["end"].fillna(events["start"]),
        "acled_event_type": events["acled_event_type"], "acled_sub_event_type": events["acled_sub_event_type"],
        "admin1": events["admin1"], "location": events["name"],
        "latitude": events["latitude"].astype(float), "longitude": events["longitude"].astype(float),
    })


def normalised_admin(name) -> str:
    """An admin1 name compared without case, accents or words such as 'Region' and 'District'."""
    if not isinstance(name, str):
        return ""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return " ".join(word for word in plain.replace("-", " ").split() if word not in ADMIN_WORDS)


def distance_km(lat1, lon1, lat2, lon2):
    """Great-circle distance (haversine), in kilometres; NaN where a coordinate is missing."""
    lat1, lon1, lat2, lon2 = (np.radians(np.asarray(value, dtype=float)) for value in (lat1, lon1, lat2, lon2))
    a = np.sin((lat2 - lat1) / 2) ** 2 + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(a))


def _type_score(pairs: pd.DataFrame, layout: str) -> pd.Series:
    if layout == "acled":
        same_type = (pairs["acled_event_type"] == pairs["event_type"]).fillna(False).astype(bool)
        same_sub = same_type & (pairs["acled_sub_event_type"] == pairs["sub_event_type"]).fillna(False).astype(bool)
        score = np.where(same_sub, 1.0, np.where(same_type, 0.75, 0.0))
    else:
        score = [float(violence in GED_TYPES.get(book_type, set())) for book_type, violence
                 in zip(pairs["acled_event_type"], pairs["type_of_violence"])]
    return pd.Series(score, index=pairs.index).where(pairs["acled_event_type"].notna(), UNKNOWN)


def codable(events: pd.DataFrame, layout: str) -> pd.Series:
    """The book's events the layout could hold: an ACLED event type; for GED, one of organised violence."""
    if layout == "acled":
        return events["acled_event_type"].notna()
    return events["acled_event_type"].isin(list(GED_TYPES))


def candidates(tables: dict[str, pd.DataFrame], export: tuple[str, pd.DataFrame], max_gap_days: int = 7,
               max_km: float = 100.0, top: int = 3, min_score: float = 0.6) -> pd.DataFrame:
    """For each book event the layout could hold, its best rows of the export (at most ``top``, each scoring at
    least ``min_score``), best first."""
    layout, rows = export
    events = book_events(tables)
    events = events[codable(events, layout)]
    pairs = events.reset_index(drop=True).merge(rows.rename_axis("row").reset_index(), how="cross",
                                                suffixes=("", "_theirs"))
    gap = np.maximum((pairs["first_theirs"] - pairs["last"]).dt.days, (pairs["first"] - pairs["last_theirs"]).dt.days)
    pairs["gap_days"] = np.maximum(gap, 0)
    pairs = pairs[pairs["gap_days"] <= max_gap_days].copy()
    pairs["date_score"] = 1 - pairs["gap_days"] / (max_gap_days + 1)
    pairs["distance_km"] = distance_km(pairs["latitude"], pairs["longitude"], pairs["latitude_theirs"],
                                       pairs["longitude_theirs"]).round(1)
    near = (1 - (pairs["distance_km"] - 10).clip(lower=0) / (max_km - 10)).clip(0, 1)
    same_admin = [bool(ours) and ours == normalised_admin(theirs) for ours, theirs
                  in zip(pairs["admin1"].map(normalised_admin), pairs["admin1_theirs"])]
    place = np.where(pairs["distance_km"].notna(), np.maximum(near, np.array(same_admin) * 0.8),
                     np.where(same_admin, 0.8, UNKNOWN))
    pairs["place_score"] = place
    pairs["type_score"] = _type_score(pairs, layout)
    pairs["score"] = sum(WEIGHTS[name] * pairs[f"{name}_score"] for name in WEIGHTS).round(3)
    pairs = pairs[pairs["score"] >= min_score].sort_values(["event_id", "score", "row"], ascending=[True, False, True])
    best = pairs.groupby("event_id", sort=False).head(top)
    columns = ["event_id", "title", "row", "first_theirs", "last_theirs", "location_theirs", "gap_days",
               "distance_km", "date_score", "place_score", "type_score", "score"]
    best = best[columns].rename(columns={"first_theirs": "their_first", "last_theirs": "their_last",
                                         "location_theirs": "their_location"}).reset_index(drop=True)
    for column in ("their_first", "their_last"):
        best[column] = best[column].dt.date
    return best
