"""Synthetic data: copies of the data package for the load benchmark (``make bench``), and rows in
ACLED's or UCDP GED's layout, made from the book's own events, for the join notebook and its tests.

The real package is small; to see how validation and loading grow, the
benchmark builds copies whose events table holds 1k, 10k or 100k rows. The
extra rows are the real events repeated under new IDs, marked editorial and
citing their original references, so that every rule of the schema still
applies to them.
"""
from __future__ import annotations

import csv
import pathlib
import shutil

from malibook.data import DATA_DIR


def synthetic_package(target: pathlib.Path, event_rows: int, source: pathlib.Path = DATA_DIR) -> pathlib.Path:
    """Copy the package into target/data with an events table of exactly event_rows rows; return that folder."""
    target = pathlib.Path(target)
    data_dir = target / "data"
    shutil.copytree(source, data_dir)
    events_path = data_dir / "events.csv"
    with events_path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header, real = reader.fieldnames, list(reader)
    with events_path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(real[:event_rows])
        for number in range(max(0, event_rows - len(real))):
            row = dict(real[number % len(real)])
            row["event_id"] = f"{row['event_id']}-copy{number}"
            if not row["reference_keys"]:
                row["reference_keys"] = "crisisgroup2015peace"
            row["provenance"] = "editorial"
            writer.writerow(row)
    return data_dir


# --------------------------------------------------------------------------- synthetic exports

SYNTHETIC_MARK = "SYNTHETIC ROW made by malibook from the book's own data for tests; not ACLED or UCDP data."


def synthetic_export(layout: str, seed: int = 2015, decoys_per_event: int = 2,
                     data_dir: pathlib.Path = DATA_DIR) -> tuple[list[str], list[list[str]], dict[int, str]]:
    """Rows in the ACLED or UCDP GED layout that stand in for a researcher's export, and the truth.

    The package never ships ACLED or UCDP rows (their terms restrict redistribution). These rows are
    made from the book's own events, exported by the crosswalk, then disturbed as a real dataset
    would differ: a day earlier or later, a date known only to the week, coordinates a few
    kilometres away. Decoys are the same rows moved months away. Every row says it is synthetic.
    Returns (header, rows, {row number: the book event it was made from}).
    """
    import random

    from malibook.data import acled, ucdp
    from malibook.data.exports import Book, export_rows

    rng = random.Random(seed)
    book = Book.load(data_dir)
    if layout == "acled":
        module, events = acled, acled.exported_events(book)
    else:  # every event GED could hold, whether or not the book has a toll for it
        module = ucdp
        events = [event for event in book.tables["events"] if ucdp.type_of_violence(book, event) is not None]
    header = module.COLUMNS
    rows, truth = [], {}
    for event, cells in zip(events, export_rows(book, module.CROSSWALK, events)):
        for copy in range(1 + decoys_per_event):
            row = dict(zip(header, cells))
            shift = rng.choice([-1, 0, 0, 1]) if copy == 0 else rng.choice([-1, 1]) * rng.randint(60, 400)
            _disturb(row, layout, shift, rng)
            if copy == 0:
                truth[len(rows)] = event["event_id"]
            rows.append([row[column] for column in header])
    order = list(range(len(rows)))
    rng.shuffle(order)
    return header, [rows[index] for index in order], {order.index(index): event for index, event in truth.items()}


def _disturb(row: dict[str, str], layout: str, shift_days: int, rng) -> None:
    """Move a row's dates and coordinates as another dataset's coding of the same event might."""
    import datetime

    def moved(text: str) -> str:
        return (datetime.date.fromisoformat(text) + datetime.timedelta(days=shift_days)).isoformat()

    if layout == "acled":
        row["event_date"] = moved(row["event_date"])
        row["year"] = row["event_date"][:4]
        if row["time_precision"] == "1" and rng.random() < 0.25:
            row["time_precision"] = "2"  # the source gave only the week
        row["notes"] = SYNTHETIC_MARK
        row["source"] = ""
    else:
        row["date_start"], row["date_end"] = moved(row["date_start"]), moved(row["date_end"])
        row["year"] = row["date_start"][:4]
        row["relid"] = ""
        for column in ("source_article", "source_office", "source_date", "source_headline", "source_original"):
            row[column] = ""
        row["source_article"] = SYNTHETIC_MARK
        row["best"] = row["low"] = row["high"] = ""  # no toll is made up, even for a test
    if row["latitude"]:
        row["latitude"] = f"{float(row['latitude']) + rng.uniform(-0.04, 0.04):.4f}"
        row["longitude"] = f"{float(row['longitude']) + rng.uniform(-0.04, 0.04):.4f}"


def write_synthetic_export(path: pathlib.Path, layout: str, seed: int = 2015) -> dict[int, str]:
    """Write synthetic_export() as a CSV file; return its truth (row number, from 0: book event ID)."""
    from malibook.data.exports import write_csv

    header, rows, truth = synthetic_export(layout, seed)
    write_csv(path, header, rows)
    return truth
