"""What the ACLED and UCDP GED exports share: the book's rows, indexed, and the facts both layouts need.

Each layout (``malibook.data.acled``, ``malibook.data.ucdp``) lists its published columns in order, each
with the rule that fills it (its crosswalk); ``export_rows`` writes them. A field the book cannot fill
stays empty: nothing is guessed, and no ACLED or UCDP row is ever copied. Standard library only, so
that ``python -m malibook export`` needs no pandas.
"""
from __future__ import annotations

import csv
import dataclasses
import pathlib
from collections.abc import Callable
from typing import Any

from malibook.data.dates import date_bounds
from malibook.data.package import DATA_DIR
from malibook.data.validation import validate

# The book's ACLED actor types and their inter codes (ACLED codebook, "Actor types"; see the appendix).
INTER_CODES = {"State Forces": 1, "Rebel Groups": 2, "Political Militias": 3, "Identity Militias": 4,
               "Rioters": 5, "Protesters": 6, "Civilians": 7, "External/Other Forces": 8}
BOOK_ID_PREFIX = "pacts-and-putsches:"


@dataclasses.dataclass
class Book:
    """The validated tables, indexed by key, as the exports read them."""

    tables: dict[str, list[dict[str, Any]]]

    def __post_init__(self) -> None:
        index = {"actors": "actor_id", "places": "place_id", "references": "reference_key"}
        self.by_key = {name: {row[key]: row for row in self.tables[name]} for name, key in index.items()}
        self.disorder_types = {(row["event_type"], row["sub_event_type"]): row["disorder_type"]
                               for row in self.tables["acled_event_types"]}

    @classmethod
    def load(cls, data_dir: pathlib.Path = DATA_DIR) -> Book:
        return cls(validate(data_dir))

    def actor(self, actor_id: str | None) -> dict[str, Any]:
        return self.by_key["actors"].get(actor_id, {}) if actor_id else {}

    def place(self, event: dict[str, Any]) -> dict[str, Any]:
        return self.by_key["places"].get(event["place_id"], {}) if event["place_id"] else {}

    def references(self, event: dict[str, Any]) -> list[dict[str, Any]]:
        return [self.by_key["references"][key] for key in event["reference_keys"]]

    def fatality_counts(self, event_id: str) -> list[dict[str, Any]]:
        """The tolls the sources give for an event (the disputes table holds every one, with its references)."""
        return [row for row in self.tables["disputes"]
                if row["subject_table"] == "events" and row["subject_id"] == event_id and row["field"] == "fatalities"]


def inter_code(actor: dict[str, Any]) -> int | None:
    return INTER_CODES.get(actor.get("acled_actor_type") or "")


def span(event: dict[str, Any]) -> tuple[Any, Any]:
    """The first and the last day the event may cover, from the precision of each end."""
    return date_bounds(event["start"])[0], date_bounds(event["end"] or event["start"])[1]


def unique_join(values: list[str], separator: str = "; ") -> str:
    return separator.join(dict.fromkeys(value for value in values if value))


def reference_date(reference: dict[str, Any]) -> str:
    """A reference's date at its precision (YYYY, YYYY-MM or YYYY-MM-DD); empty for an undated page."""
    if not reference["year"].isdigit():
        return ""
    parts = [reference["year"]] + [f"{value:02d}" for value in (reference["month"], reference["day"]) if value]
    return "-".join(parts)


def tolls_note(counts: list[dict[str, Any]]) -> str:
    """The tolls the sources give, each with who gives it, for a reader of the exported row."""
    return "; ".join(f"{'at least ' if row['precision'] == 'minimum' else ''}{row['value']} killed "
                     f"({row['note'].rstrip('.')})" for row in counts)


Crosswalk = list[tuple[str, str, Callable[[Book, dict[str, Any]], Any]]]


def export_rows(book: Book, crosswalk: Crosswalk, events: list[dict[str, Any]]) -> list[list[str]]:
    """One row per event, one cell per column of the crosswalk; None becomes an empty cell."""
    return [["" if (value := fill(book, event)) is None else str(value) for _, _, fill in crosswalk]
            for event in events]


def write_csv(path: pathlib.Path, header: list[str], rows: list[list[str]]) -> None:
    with pathlib.Path(path).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def crosswalk_markdown(crosswalk: Crosswalk, header: str = "| Column | How the book fills it |") -> str:
    """The crosswalk as a Markdown table for the data appendix: every column, and how the book fills it
    (``malibook.data.dictionary.crosswalk_in`` gives it in the language of the edition)."""
    lines = [header, "| --- | --- |"]
    lines += [f"| `{column}` | {rule} |" for column, rule, _ in crosswalk]
    return "\n".join(lines) + "\n"


def location_precision(book: Book, event: dict[str, Any]) -> int | None:
    """ACLED's geo_precision and UCDP's where_prec: 1 where the place is a GeoNames place, 2 where it is
    shown at the town that holds it or placed approximately (see the table places); empty without a place."""
    place = book.place(event)
    if not place:
        return None
    return 1 if place["coordinate_precision"] == "geonames" else 2


def empty(book: Book, event: dict[str, Any]) -> None:
    """A column the book cannot fill."""
    return None
