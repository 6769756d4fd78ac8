"""The book's events in the column layout of the UCDP Georeferenced Event Dataset (GED), with the rule for
every column (the crosswalk).

The 49 columns, in order, are those of GED's releases and of UCDP's API (its OpenAPI description, schema
``GedDb``). GED holds only lethal events of organised violence (at least one death), so only events
for which a source gives a toll of at least one, and that the book codes as battles or violence against
civilians, are exported. The book's ID of each event is in ``relid``, prefixed, so rows join back.
"""
from __future__ import annotations

from typing import Any

from malibook.data.dates import date_bounds
from malibook.data.exports import (
    BOOK_ID_PREFIX,
    Book,
    Crosswalk,
    empty,
    location_precision,
    reference_date,
    span,
    unique_join,
)

STATE_FORCES = "State Forces"


def type_of_violence(book: Book, event: dict[str, Any]) -> int | None:
    """1 state-based (a battle with state forces on a side), 2 non-state (a battle without), 3 one-sided."""
    if event["acled_event_type"] == "Violence against civilians":
        return 3
    if event["acled_event_type"] == "Battles":
        types = {book.actor(event[key]).get("acled_actor_type") for key in ("actor1_id", "actor2_id")}
        return 1 if STATE_FORCES in types else 2
    return None


def exported_events(book: Book) -> list[dict[str, Any]]:
    """Events of organised violence for which a source gives a toll of at least one."""
    return [event for event in book.tables["events"]
            if type_of_violence(book, event) is not None
            and any(int(row["value"]) >= 1 for row in book.fatality_counts(event["event_id"]))]


def date_prec(book: Book, event: dict[str, Any]) -> int:
    """GED's date precision from the book's: 4 for a month, 5 for a year; for exact days, by the span's width."""
    precisions = {event["start_precision"], event["end_precision"] or event["start_precision"]}
    if "year" in precisions:
        return 5
    if "month" in precisions:
        return 4
    first, last = span(event)
    days = (last - first).days + 1
    return 1 if days == 1 else 2 if days <= 6 else 4 if days <= 31 else 5


def _tolls(book: Book, event: dict[str, Any]) -> list[dict[str, Any]]:
    return book.fatality_counts(event["event_id"])


def best(book: Book, event: dict[str, Any]) -> int | None:
    """The toll where the sources give one figure; empty where they differ (the book does not choose)."""
    values = {int(row["value"]) for row in _tolls(book, event) if row["precision"] == "count"}
    return values.pop() if len(values) == 1 and len(_tolls(book, event)) == 1 else None


def high(book: Book, event: dict[str, Any]) -> int | None:
    counts = [int(row["value"]) for row in _tolls(book, event)]
    exact = [int(row["value"]) for row in _tolls(book, event) if row["precision"] == "count"]
    return max(exact) if exact and max(exact) >= max(counts) else None  # an "at least" figure has no upper bound


def _place(key: str):
    return lambda book, event: book.place(event).get(key)


def _references(key):
    return lambda book, event: unique_join([key(reference) for reference in book.references(event)])


def geom_wkt(book: Book, event: dict[str, Any]) -> str | None:
    place = book.place(event)
    return f"POINT ({place['longitude']} {place['latitude']})" if place else None


CROSSWALK: Crosswalk = [
    ("id", "Empty: UCDP's own identifier.", empty),
    ("relid", "The book's event ID, prefixed `pacts-and-putsches:`, so that the row joins back to the book.",
     lambda book, event: BOOK_ID_PREFIX + event["event_id"]),
    ("year", "The year of `start`.", lambda book, event: event["start"][:4]),
    ("active_year", "Empty: it depends on UCDP's conflict-year data.", empty),
    ("code_status", "Empty: UCDP's coding status.", empty),
    ("type_of_violence", "3 (one-sided) for ACLED's violence against civilians; for battles, 1 (state-based) "
                         "when a side is state forces, 2 (non-state) otherwise.", type_of_violence),
    ("conflict_dset_id", "Empty: UCDP's conflict identifiers.", empty),
    ("conflict_new_id", "Empty.", empty),
    ("conflict_name", "Empty.", empty),
    ("dyad_dset_id", "Empty: UCDP's dyad identifiers.", empty),
    ("dyad_new_id", "Empty.", empty),
    ("dyad_name", "Empty.", empty),
    ("side_a_dset_id", "Empty: UCDP's actor identifiers.", empty),
    ("side_a_new_id", "Empty.", empty),
    ("side_a", "The book's name of `actor1_id` (for one-sided violence, the perpetrator).",
     lambda book, event: book.actor(event["actor1_id"]).get("name")),
    ("side_b_dset_id", "Empty.", empty),
    ("side_b_new_id", "Empty.", empty),
    ("side_b", "The book's name of `actor2_id`; empty where the book names none.",
     lambda book, event: book.actor(event["actor2_id"]).get("name")),
    ("number_of_sources", "The number of references the event cites.",
     lambda book, event: len(event["reference_keys"])),
    ("source_article", "Each reference as author, title and date, separated by semicolons.",
     _references(lambda reference: ", ".join(filter(None, (reference["author"], reference["title"],
                                                            reference_date(reference)))))),
    ("source_office", "The references' authors or publishers.", _references(lambda reference: reference["author"])),
    ("source_date", "The references' dates, at the precision they carry.", _references(reference_date)),
    ("source_headline", "The references' titles.", _references(lambda reference: reference["title"])),
    ("source_original", "Who gives each toll, from the table `disputes` (value: who and on what ground).",
     lambda book, event: "; ".join(f"{row['value']}: {row['note'].rstrip('.')}" for row in _tolls(book, event))),
    ("where_prec", "1 where the event's place is a GeoNames place; 2 where it is a site shown at its town, "
                  "or placed approximately (`coordinate_precision`); empty without a place.", location_precision),
    ("where_coordinates", "`name` of the event's place.", _place("name")),
    ("where_description", "Empty.", empty),
    ("adm_1", "`admin1` of the place, in the book's spelling.", _place("admin1")),
    ("adm_2", "Empty: the book records no second-level region.", empty),
    ("latitude", "`latitude` of the place (approximate: see the table places).", _place("latitude")),
    ("longitude", "`longitude` of the place.", _place("longitude")),
    ("geom_wkt", "The place's coordinates as a WKT point, longitude first.", geom_wkt),
    ("priogrid_gid", "Empty: the book does not compute PRIO-GRID cells.", empty),
    ("country", "`country` of the place.", _place("country")),
    ("country_id", "Empty: the book holds no country codes.", empty),
    ("region", "Empty: the book holds no UCDP regions.", empty),
    ("event_clarity", "Empty: UCDP's own judgement.", empty),
    ("date_prec", "1 for a single day; 2 for exact days spanning two to six days, 4 for up to a month, 5 for "
                  "more; 4 when an end is known only to the month, 5 only to the year.", date_prec),
    ("date_start", "The first day `start` can mean.", lambda book, event: date_bounds(event["start"])[0].isoformat()),
    ("date_end", "The last day `end` can mean.", lambda book, event: span(event)[1].isoformat()),
    ("deaths_a", "Empty: the sources' tolls are not split by side in the data.", empty),
    ("deaths_b", "Empty.", empty),
    ("deaths_civilians", "Empty.", empty),
    ("deaths_unknown", "Empty.", empty),
    ("best", "The toll where the sources give a single figure; empty where they differ, since the book does "
             "not choose between them.", best),
    ("high", "The highest figure the sources give.", high),
    ("low", "The lowest figure the sources give.",
     lambda book, event: min((int(row["value"]) for row in _tolls(book, event)), default=None)),
    ("gwnoa", "Empty: Gleditsch and Ward state numbers are not in the data.", empty),
    ("gwnob", "Empty.", empty),
]
COLUMNS = [column for column, _, _ in CROSSWALK]
