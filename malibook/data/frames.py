"""The validated tables as typed pandas DataFrames (``load()``), and back to CSV (``write()``)."""
from __future__ import annotations

import csv
import pathlib
from typing import Any

from malibook.data.dates import date_bounds, format_partial_date
from malibook.data.package import DATA_DIR, read_package
from malibook.data.validation import Table, cyclic_gc_paused, validated_tables

PANDAS_DTYPES = {"string": "string", "integer": "Int64", "number": "Float64"}


def load(data_dir: pathlib.Path = DATA_DIR) -> dict[str, pandas.DataFrame]:  # noqa: F821
    """Validate, then return every table as a typed DataFrame, by table name.

    Strings load as ``string``, integers as ``Int64``, numbers as ``Float64``,
    list fields as Python lists, and reduced-precision dates as ``datetime64``
    (the earliest or latest day they can mean, as their schema says; the
    precision column beside them keeps what was actually known).
    """
    import pandas as pd  # here, so that validate() and the release tooling work without pandas

    data_dir = pathlib.Path(data_dir)
    package = read_package(data_dir)
    with cyclic_gc_paused():
        tables = validated_tables(data_dir, package)
        return {resource["name"]: _frame(resource, tables[resource["name"]], pd) for resource in package["resources"]}


def _frame(resource: dict[str, Any], table: Table, pd: Any) -> pandas.DataFrame:  # noqa: F821
    """One validated table as a typed DataFrame."""
    columns = {}
    for field in resource["schema"]["fields"]:
        values = table[1][field["name"]]
        if "malibook:partialDate" in field:
            bound = 0 if field["malibook:partialDate"]["bound"] == "earliest" else 1
            columns[field["name"]] = pd.Series(
                [None if value is None else date_bounds(value)[bound] for value in values], dtype="datetime64[ns]")
        elif "malibook:list" in field:
            columns[field["name"]] = pd.Series(values, dtype=object)
        else:
            columns[field["name"]] = pd.Series(values, dtype=object).astype(PANDAS_DTYPES[field["type"]])
    return pd.DataFrame(columns)


def write(frames: dict[str, pandas.DataFrame], data_dir: pathlib.Path = DATA_DIR) -> None:  # noqa: F821
    """Write frames shaped like load()'s back to the package's CSV files (the inverse of load)."""
    import pandas as pd

    data_dir = pathlib.Path(data_dir)
    package = read_package(data_dir)
    for resource in package["resources"]:
        if resource["name"] not in frames:
            continue
        frame = frames[resource["name"]]
        fields = resource["schema"]["fields"]
        with (data_dir / resource["path"]).open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle, lineterminator="\n")
            writer.writerow([field["name"] for field in fields])
            for _, row in frame.iterrows():
                writer.writerow([_cell_text(field, row, pd) for field in fields])


def _cell_text(field: dict[str, Any], row: Any, pd: Any) -> str:
    value = row[field["name"]]
    if "malibook:list" in field:
        return field["malibook:list"]["separator"].join(value)
    if value is None or value is pd.NA or (not isinstance(value, str) and pd.isna(value)):
        return ""
    if "malibook:partialDate" in field:
        return format_partial_date(value.date(), row[field["malibook:partialDate"]["precision"]])
    if field["type"] == "number":
        return repr(float(value))
    return str(value)
