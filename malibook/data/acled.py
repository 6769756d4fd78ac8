"""The book's events in ACLED's column layout, with the rule for every column (the crosswalk).

The columns and their order are those of ACLED's exports since its column changes of March 2023
(ACLED's guide to those changes, and the dataset's description in ACLED's R package ``acledR``).
Only events the book codes with an ACLED event type are exported. ACLED codes one event per day
and place; a book event that lasted several days becomes one row on its first day, its span in
``notes``. The book's own ID of each event is at the head of ``notes``, so rows can be joined back.
"""
from __future__ import annotations

import datetime
from typing import Any

from malibook.data.dates import date_bounds
from malibook.data.exports import (
    BOOK_ID_PREFIX,
    Book,
    Crosswalk,
    empty,
    inter_code,
    location_precision,
    span,
    tolls_note,
    unique_join,
)

# ACLED time_precision: 1 the day is known, 3 only the month (ACLED dates it to the month's middle).
TIME_PRECISION = {"day": 1, "month": 3}


def exported_events(book: Book) -> list[dict[str, Any]]:
    """Events coded with an ACLED event type whose start is known at least to the month."""
    return [event for event in book.tables["events"]
            if event["acled_event_type"] and event["start_precision"] in TIME_PRECISION]


def event_date(book: Book, event: dict[str, Any]) -> str:
    first, last, precision = date_bounds(event["start"])
    if precision == "month":  # ACLED's convention: the middle of the month
        first += datetime.timedelta(days=(last - first).days // 2)
    return first.isoformat()


def interaction(book: Book, event: dict[str, Any]) -> int | None:
    """ACLED's two-digit interaction: the two inter codes, lowest first; a sole actor's code times ten."""
    first, second = inter_code(book.actor(event["actor1_id"])), inter_code(book.actor(event["actor2_id"]))
    if first is None or (event["actor2_id"] and second is None):
        return None
    if second is None:
        return first * 10
    return min(first, second) * 10 + max(first, second)


def notes(book: Book, event: dict[str, Any]) -> str:
    first, last = span(event)
    parts = [f"[{BOOK_ID_PREFIX}{event['event_id']}] {event['title']}. {event['description']}"]
    if last > first:
        parts.append(f"The book's event runs from {event['start']} to {event['end']}; ACLED would code each "
                     f"day of activity as an event of its own.")
    others = [book.actor(actor_id).get("name", actor_id) for actor_id in event["other_actor_ids"]]
    if others:
        parts.append(f"Other actors: {', '.join(others)}.")
    counts = book.fatality_counts(event["event_id"])
    if len(counts) > 1:
        parts.append(f"The sources differ on the toll: {tolls_note(counts)}.")
    return " ".join(parts)


def fatalities(book: Book, event: dict[str, Any]) -> int | None:
    """ACLED's rule: the most conservative figure the sources give; none where no source gives one."""
    counts = [int(row["value"]) for row in book.fatality_counts(event["event_id"])]
    return min(counts) if counts else None


def _actor_name(key: str):
    return lambda book, event: book.actor(event[key]).get("name")


def _inter(key: str):
    return lambda book, event: inter_code(book.actor(event[key]))


def _place(key: str):
    return lambda book, event: book.place(event).get(key)


CROSSWALK: Crosswalk = [
    ("event_id_cnty", "Empty: ACLED's own identifier. The book's event ID opens `notes`.", empty),
    ("event_date", "`start` when known to the day; a start known only to the month is dated to the middle of "
                   "that month, as ACLED does.", event_date),
    ("year", "The year of `event_date`.", lambda book, event: event_date(book, event)[:4]),
    ("time_precision", "1 for a start known to the day, 3 for one known only to the month. Events known only "
                       "to the year are not exported (ACLED has no code for them).",
     lambda book, event: TIME_PRECISION[event["start_precision"]]),
    ("disorder_type", "From the table `acled_event_types`, for the event's type and sub-event type.",
     lambda book, event: book.disorder_types.get((event["acled_event_type"], event["acled_sub_event_type"]))),
    ("event_type", "`acled_event_type` (ACLED's vocabulary, in the book's reading).",
     lambda book, event: event["acled_event_type"]),
    ("sub_event_type", "`acled_sub_event_type`.", lambda book, event: event["acled_sub_event_type"]),
    ("actor1", "The book's name of `actor1_id`, not ACLED's actor dictionary name.", _actor_name("actor1_id")),
    ("assoc_actor_1", "Empty: the book does not say which side its other actors stood with; they are listed in "
                      "`notes`.", empty),
    ("inter1", "The inter code of actor 1's `acled_actor_type` (1 State Forces to 8 External/Other Forces); "
               "empty where the book gives the actor no ACLED type.", _inter("actor1_id")),
    ("actor2", "The book's name of `actor2_id`.", _actor_name("actor2_id")),
    ("assoc_actor_2", "Empty, as `assoc_actor_1`.", empty),
    ("inter2", "The inter code of actor 2, as `inter1`.", _inter("actor2_id")),
    ("interaction", "The two inter codes, lowest first (12 for state forces against rebels), or a sole "
                    "actor's code times ten; empty where an actor has no ACLED type.", interaction),
    ("civilian_targeting", "Empty: ACLED's own judgement, which the book does not record.", empty),
    ("iso", "Empty: the book holds no country codes.", empty),
    ("region", "Empty: the book holds no ACLED regions.", empty),
    ("country", "`country` of the event's place; empty for an event without a place.", _place("country")),
    ("admin1", "`admin1` of the event's place (the book's spelling, which may differ from ACLED's gazetteer).",
     _place("admin1")),
    ("admin2", "Empty: the book records no second-level region.", empty),
    ("admin3", "Empty: the book records no third-level region.", empty),
    ("location", "`name` of the event's place.", _place("name")),
    ("latitude", "`latitude` of the place (approximate: see the table places).", _place("latitude")),
    ("longitude", "`longitude` of the place.", _place("longitude")),
    ("geo_precision", "1 where the event's place is a GeoNames place; 2 where it is a site shown at its town, "
                  "or placed approximately (`coordinate_precision`); empty without a place.", location_precision),
    ("source", "The authors or publishers of the event's references, separated by semicolons.",
     lambda book, event: unique_join([reference["author"] for reference in book.references(event)])),
    ("source_scale", "Empty: ACLED's own judgement.", empty),
    ("notes", "The book's event ID in brackets, its title and description; the span of an event that lasted; "
              "its other actors; and, where the sources differ on the toll, every figure with who gives it.",
     notes),
    ("fatalities", "Only where a source gives a toll (the table `disputes`): the lowest figure, as ACLED codes "
                   "the most conservative one. Empty, never 0, where no source gives one.", fatalities),
    ("tags", "Empty.", empty),
    ("timestamp", "Empty: the time ACLED uploaded a row.", empty),
]
COLUMNS = [column for column, _, _ in CROSSWALK]
