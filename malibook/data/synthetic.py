"""Synthetic copies of the data package, for the load benchmark (``make bench``).

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
