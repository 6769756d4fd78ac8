"""Validate, load and write the book's data package (``data/datapackage.json``).

``validate()`` checks every table against its Table Schema and raises one
:class:`DataError` naming the file, the line and the column at the first
problem; ``load()`` validates, then returns typed pandas DataFrames; ``write()``
turns such frames back into the package's CSV files. Nothing is dropped or
coerced: a cell either matches its schema or stops the load.

Standard Table Schema, as far as the package uses it: field types ``string``,
``integer`` and ``number``; the constraints ``required``, ``unique``,
``enum``, ``pattern``, ``minimum`` and ``maximum``; ``primaryKey`` and
``foreignKeys``. The ``frictionless`` command line checks the same.

Extensions, under keys that start with ``malibook:`` (Frictionless ignores
them), for what Table Schema cannot say:

* a field with ``"malibook:list": {"separator": "|", "reference": {...}}`` holds
  a list; each item may have to be a key of another table, or
  (``"bibliography": true``) a key of ``references.bib``;
* a field with ``"malibook:partialDate": {"precision": ..., "bound": ...}`` is
  an ISO 8601 date of reduced precision (``2021``, ``2021-05``, ``2021-05-24``)
  whose precision (year, month, day) is stated in another column; it loads as
  the earliest or the latest day it can mean;
* a resource's ``"malibook:rules"`` list cross-field and cross-table rules:
  ``together`` (cells all filled or all empty), ``exactlyOne``,
  ``uniqueTogether``, ``notBefore`` (an end not before its start) and
  ``provenance`` (a document row is mentioned by a paragraph, an editorial row
  cites a reference) and ``disputes`` (the rival values of a disputed fact: see
  ``_check_disputes``).

Anything else a schema asks for is itself an error, so a constraint can never be
silently ignored.
"""
from __future__ import annotations

import calendar
import csv
import datetime
import contextlib
import functools
import gc
import io
import json
import pathlib
import re
from typing import Any, Iterator

from malibook.release import PROJECT_ROOT

DATA_DIR = PROJECT_ROOT / "data"
PACKAGE_FILE = "datapackage.json"

SUPPORTED_TYPES = {"string", "integer", "number"}
SUPPORTED_CONSTRAINTS = {"required", "unique", "enum", "pattern", "minimum", "maximum"}
SUPPORTED_RULES = {"together", "exactlyOne", "uniqueTogether", "notBefore", "provenance", "disputes"}
PANDAS_DTYPES = {"string": "string", "integer": "Int64", "number": "Float64"}
DATE_FORMATS = {"year": "%Y", "month": "%Y-%m", "day": "%Y-%m-%d"}
PARTIAL_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
BIB_KEY = re.compile(r"^@\w+\{([^,\s]+),", re.MULTILINE)
NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")
INTEGER = re.compile(r"-?[0-9]+")


class DataError(ValueError):
    """A data file does not match its schema; says where and what."""

    def __init__(self, path: pathlib.Path | str, line: int | None, column: str | None, problem: str):
        self.path, self.line, self.column, self.problem = pathlib.Path(path), line, column, problem
        where = [str(self.path)]
        if line is not None:
            where.append(f"line {line}")
        if column is not None:
            where.append(f"column {column!r}")
        super().__init__(f"{', '.join(where)}: {problem}")


# --------------------------------------------------------------------------- the package

def read_package(data_dir: pathlib.Path = DATA_DIR) -> dict[str, Any]:
    """The package descriptor, after checking it asks for nothing this module cannot check."""
    path = pathlib.Path(data_dir) / PACKAGE_FILE
    try:
        package = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DataError(path, None, None, f"cannot read the data package ({exc})") from exc
    for resource in package.get("resources", []):
        for field in resource["schema"]["fields"]:
            unknown = set(field.get("constraints", {})) - SUPPORTED_CONSTRAINTS
            if field["type"] not in SUPPORTED_TYPES or unknown:
                raise DataError(path, None, field["name"],
                                f"resource {resource['name']!r} asks for type {field['type']!r} or constraints "
                                f"{sorted(unknown)} that malibook.data does not check")
        for rule in resource["schema"].get("malibook:rules", []):
            if rule["rule"] not in SUPPORTED_RULES:
                raise DataError(path, None, None, f"resource {resource['name']!r} asks for the rule "
                                                  f"{rule['rule']!r}, which malibook.data does not check")
    return package


def bibliography_keys(data_dir: pathlib.Path, package: dict[str, Any]) -> set[str]:
    """The citation keys of the bibliography the package points to."""
    path = (pathlib.Path(data_dir) / package["malibook:bibliography"]).resolve()
    try:
        return set(BIB_KEY.findall(path.read_text(encoding="utf-8")))
    except OSError as exc:
        raise DataError(path, None, None, f"cannot read the bibliography ({exc})") from exc


# --------------------------------------------------------------------------- cells

def _read_rows(path: pathlib.Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and the (line number, cells) of each row; strict UTF-8."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DataError(path, None, None, f"cannot read the file ({exc})") from exc
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise DataError(path, line, None, f"not UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start})") from exc
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
        if header is None:
            raise DataError(path, 1, None, "the file is empty; a header row is required")
        rows = [(reader.line_num, cells) for cells in reader]
    except csv.Error as exc:
        raise DataError(path, reader.line_num, None, f"malformed CSV ({exc})") from exc
    return header, rows


def _check_header(path: pathlib.Path, header: list[str], names: list[str]) -> None:
    for name in header:
        if name not in names:
            raise DataError(path, 1, name, f"unexpected column; the schema has {names}")
    for name in names:
        if name not in header:
            raise DataError(path, 1, name, "required column is missing")
    if header != names:
        raise DataError(path, 1, None, f"columns must come in the schema's order {names}, not {header}")


@functools.lru_cache(maxsize=65536)
def date_bounds(text: str) -> tuple[datetime.date, datetime.date, str]:
    """First and last day a reduced-precision ISO date can mean, and its precision.

    Raises ValueError for anything that is not a real calendar date.
    """
    match = PARTIAL_DATE.fullmatch(text)
    if not match:
        raise ValueError("is not a date written YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = match.groups()
    if month is None:
        return datetime.date(int(year), 1, 1), datetime.date(int(year), 12, 31), "year"
    if not 1 <= int(month) <= 12:
        raise ValueError(f"has no month {month}")
    last_day = calendar.monthrange(int(year), int(month))[1]
    if day is None:
        return (datetime.date(int(year), int(month), 1), datetime.date(int(year), int(month), last_day), "month")
    if not 1 <= int(day) <= last_day:
        raise ValueError(f"has no day {day} in {year}-{month}")
    exact = datetime.date(int(year), int(month), int(day))
    return exact, exact, "day"


def date_label(value: datetime.date, precision: str) -> str:
    """A date for readers, at its precision: '24 May 2021', 'May 2021' or '2021'."""
    if precision == "day":
        return f"{value.day} {value:%B %Y}"
    return value.strftime({"month": "%B %Y", "year": "%Y"}[precision])


def span_label(start: datetime.date, start_precision: str, end: datetime.date, end_precision: str) -> str:
    """A start and an end for readers, as one label when they mean the same day, month or year."""
    first, last = date_label(start, start_precision), date_label(end, end_precision)
    return first if first == last else f"{first} – {last}"


def format_partial_date(value: datetime.date, precision: str) -> str:
    """The inverse of date_bounds: the date written at its precision."""
    return value.strftime(DATE_FORMATS[precision])


def _parse_column(path: pathlib.Path, field: dict[str, Any], lines: list[int], cells: tuple[str, ...]) -> list[Any]:
    """The cells of one field as Python values (None when empty, a list for a list field), after every
    constraint of the field. One tight loop per column: the package may hold 100k-row tables."""
    name, constraints = field["name"], field.get("constraints", {})
    required, list_spec = constraints.get("required", False), field.get("malibook:list")
    is_date = "malibook:partialDate" in field
    enum = constraints.get("enum")
    allowed = set(enum) if enum is not None else None
    pattern = re.compile(constraints["pattern"]) if "pattern" in constraints else None
    minimum, maximum = constraints.get("minimum"), constraints.get("maximum")
    convert = {"integer": (INTEGER, int, "an integer"), "number": (NUMBER, float, "a decimal number")}.get(field["type"])
    empty = [] if list_spec else None
    values: list[Any] = []
    append = values.append
    for line, cell in zip(lines, cells):
        if cell == "":
            if required:
                raise DataError(path, line, name, "required cell is empty")
            append(list(empty) if list_spec else None)
            continue
        if cell != cell.strip():
            raise DataError(path, line, name, f"{cell!r} has leading or trailing white space")
        value: Any = cell
        if convert:
            syntax, to_python, what = convert
            if not syntax.fullmatch(cell):
                raise DataError(path, line, name, f"{cell!r} is not {what}")
            value = to_python(cell)
        if is_date:
            try:
                date_bounds(cell)
            except ValueError as exc:
                raise DataError(path, line, name, f"{cell!r} {exc}") from None
        if allowed is not None and value not in allowed:
            raise DataError(path, line, name, f"{cell!r} is not one of {enum}")
        if pattern is not None and not pattern.fullmatch(cell):
            raise DataError(path, line, name, f"{cell!r} does not match the pattern {pattern.pattern!r}")
        if minimum is not None and value < minimum:
            raise DataError(path, line, name, f"{cell!r} is below the minimum {minimum}")
        if maximum is not None and value > maximum:
            raise DataError(path, line, name, f"{cell!r} is above the maximum {maximum}")
        if list_spec:
            separator = list_spec["separator"]
            items = cell.split(separator)
            # The cell itself is already stripped, so only an item next to a separator can be empty or padded.
            if (cell.startswith(separator) or cell.endswith(separator) or separator * 2 in cell
                    or " " + separator in cell or separator + " " in cell):
                raise DataError(path, line, name, f"{cell!r} has an empty or padded item")
            if len(set(items)) != len(items):
                raise DataError(path, line, name, f"{cell!r} lists an item twice")
            value = items
        append(value)
    return values


# --------------------------------------------------------------------------- one table
# A table is held by columns: (the line number of each row, {field name: values}).
Table = tuple[list[int], dict[str, list[Any]]]


def _keys(table: Table, names: list[str]) -> Any:
    """The tuples of the named columns, row by row."""
    return zip(*(table[1][name] for name in names))


def _check_unique(path: pathlib.Path, table: Table, names: list[str], empty_counts: bool = False) -> None:
    """No two rows share a key; a key with an empty cell is skipped unless empty_counts (uniqueTogether)."""
    seen: dict[tuple, int] = {}
    for line, key in zip(table[0], _keys(table, names)):
        if None in key and not empty_counts:
            continue
        if key in seen:
            raise DataError(path, line, "+".join(names),
                            f"duplicate value {key if len(key) > 1 else key[0]!r} (first on line {seen[key]})")
        seen[key] = line


def _check_partial_dates(path: pathlib.Path, table: Table, fields: list[dict]) -> None:
    """Each reduced-precision date is written at exactly the precision its row states."""
    lines, columns = table
    for field in fields:
        spec = field.get("malibook:partialDate")
        if not spec:
            continue
        for line, value, stated in zip(lines, columns[field["name"]], columns[spec["precision"]]):
            if value is None:
                continue
            written = date_bounds(value)[2]
            if written != stated:
                raise DataError(path, line, field["name"],
                                f"{value!r} is written to the {written} but {spec['precision']} says {stated!r}")


def _read_resource(data_dir: pathlib.Path, resource: dict[str, Any]) -> Table:
    path = data_dir / resource["path"]
    schema = resource["schema"]
    fields = schema["fields"]
    header, raw_rows = _read_rows(path)
    _check_header(path, header, [field["name"] for field in fields])
    for line, cells in raw_rows:
        if len(cells) != len(fields):
            raise DataError(path, line, None, f"{len(cells)} cells where the header has {len(fields)}")
    lines = [line for line, _ in raw_rows]
    raw_columns = list(zip(*(cells for _, cells in raw_rows))) or [()] * len(fields)
    table = (lines, {field["name"]: _parse_column(path, field, lines, column)
                     for field, column in zip(fields, raw_columns)})
    unique_keys = [[field["name"]] for field in fields if field.get("constraints", {}).get("unique")]
    if schema.get("primaryKey"):
        unique_keys.append(list(schema["primaryKey"]))
        for name in schema["primaryKey"]:
            for line, value in zip(lines, table[1][name]):
                if value is None:
                    raise DataError(path, line, name, "primary key cell is empty")
    for names in unique_keys:
        _check_unique(path, table, names)
    for rule in schema.get("malibook:rules", []):
        if rule["rule"] == "uniqueTogether":
            _check_unique(path, table, rule["fields"], empty_counts=True)
    _check_row_rules(path, table, schema.get("malibook:rules", []))
    _check_partial_dates(path, table, fields)
    return table


def _check_row_rules(path: pathlib.Path, table: Table, rules: list[dict]) -> None:
    lines = table[0]
    for rule in rules:
        if rule["rule"] in ("together", "exactlyOne"):
            names = rule["fields"]
            for line, key in zip(lines, _keys(table, names)):
                flags = [value is not None and value != [] for value in key]
                if rule["rule"] == "together" and (all(flags) or not any(flags)):
                    continue
                filled = [name for name, flag in zip(names, flags) if flag]
                if rule["rule"] == "together":
                    missing = next(name for name in names if name not in filled)
                    raise DataError(path, line, missing, f"is empty while {', '.join(filled)} is filled; "
                                                         f"{' and '.join(names)} go together")
                if rule["rule"] == "exactlyOne" and len(filled) != 1:
                    raise DataError(path, line, "+".join(names),
                                    f"exactly one of {', '.join(names)} must be filled, not {len(filled)}")
        elif rule["rule"] == "notBefore":
            for line, (later, earlier) in zip(lines, _keys(table, [rule["field"], rule["other"]])):
                if later is not None and earlier is not None and date_bounds(later)[1] < date_bounds(earlier)[0]:
                    raise DataError(path, line, rule["field"], f"{later!r} is before {rule['other']} {earlier!r}")


# --------------------------------------------------------------------------- across tables

def _check_foreign_keys(data_dir: pathlib.Path, resource: dict[str, Any],
                        tables: dict[str, Table], bib_keys: set[str]) -> None:
    path = data_dir / resource["path"]
    table = tables[resource["name"]]

    def known(reference: dict) -> set[tuple]:
        return set(_keys(tables[reference["resource"] or resource["name"]], reference["fields"]))

    for foreign_key in resource["schema"].get("foreignKeys", []):
        keys = known(foreign_key["reference"])
        for line, key in zip(table[0], _keys(table, foreign_key["fields"])):
            if None not in key and key not in keys:
                raise DataError(path, line, "+".join(foreign_key["fields"]),
                                f"{key if len(key) > 1 else key[0]!r} is not a known "
                                f"{'+'.join(foreign_key['reference']['fields'])} of "
                                f"{foreign_key['reference']['resource'] or resource['name']}")
    for field in resource["schema"]["fields"]:
        spec = field.get("malibook:list", {})
        if spec.get("bibliography"):
            items, what = bib_keys, "key of references.bib"
        elif "reference" in spec:
            items = {key[0] for key in known(spec["reference"])}
            what = f"{spec['reference']['fields'][0]} of {spec['reference']['resource']}"
        else:
            continue
        for line, values in zip(table[0], table[1][field["name"]]):
            for item in values:
                if item not in items:
                    raise DataError(path, line, field["name"], f"{item!r} is not a known {what}")


def _check_provenance(data_dir: pathlib.Path, resource: dict[str, Any], tables: dict[str, Table]) -> None:
    """A document row is mentioned by at least one paragraph; an editorial row cites a reference."""
    path = data_dir / resource["path"]
    lines, columns = tables[resource["name"]]
    for rule in resource["schema"].get("malibook:rules", []):
        if rule["rule"] != "provenance":
            continue
        mentioned = set(tables[rule["mentionedBy"]["resource"]][1][rule["mentionedBy"]["field"]])
        key = resource["schema"]["primaryKey"][0]
        for line, row_key, provenance, references in zip(lines, columns[key], columns[rule["field"]],
                                                         columns[rule["references"]]):
            if provenance == "document" and row_key not in mentioned:
                raise DataError(path, line, key, f"{row_key!r} comes from a document but no row of "
                                                 f"{rule['mentionedBy']['resource']} links it to a paragraph")
            if provenance == "editorial" and not references:
                raise DataError(path, line, rule["references"],
                                f"{row_key!r} is editorial and must cite at least one reference")


def _check_disputes(data_dir: pathlib.Path, resource: dict[str, Any], tables: dict[str, Table],
                    package: dict[str, Any]) -> None:
    """The rows of a disputes table, grouped by dispute, are the rival values of one fact.

    Each row names an existing row of another table and either a date field of it or a count
    (``counts``); a date value is a real date written at its precision, a count a whole number.
    The rows of one dispute share their subject and field and give at least two values, and where
    the field is a column of the subject row, that row holds one of them.
    """
    path = data_dir / resource["path"]
    lines, columns = tables[resource["name"]]
    resources = {other["name"]: other for other in package["resources"]}
    for rule in resource["schema"].get("malibook:rules", []):
        if rule["rule"] != "disputes":
            continue
        groups: dict[str, list[int]] = {}
        for index, (line, table_name, row_id, field) in enumerate(zip(
                lines, columns[rule["subjectTable"]], columns[rule["subjectId"]], columns[rule["field"]])):
            subject = resources.get(table_name)
            if subject is None or not subject["schema"].get("primaryKey"):
                raise DataError(path, line, rule["subjectTable"], f"{table_name!r} is not a table with a key")
            key = subject["schema"]["primaryKey"][0]
            subject_lines, subject_columns = tables[table_name]
            if row_id not in subject_columns[key]:
                raise DataError(path, line, rule["subjectId"], f"{row_id!r} is not a known {key} of {table_name}")
            value, precision = columns[rule["value"]][index], columns[rule["precision"]][index]
            subject_field = next((item for item in subject["schema"]["fields"] if item["name"] == field), None)
            if field in rule["counts"]:
                if precision not in ("count", "minimum") or not INTEGER.fullmatch(value) or int(value) < 0:
                    raise DataError(path, line, rule["value"], f"{field} takes a whole number with the precision "
                                                              f"count or minimum, not {value!r} ({precision})")
            elif subject_field is not None and "malibook:partialDate" in subject_field:
                try:
                    written = date_bounds(value)[2]
                except ValueError as exc:
                    raise DataError(path, line, rule["value"], f"{value!r} {exc}") from None
                if written != precision:
                    raise DataError(path, line, rule["precision"], f"{value!r} is written to the {written} "
                                                                   f"but {rule['precision']} says {precision!r}")
            else:
                raise DataError(path, line, rule["field"], f"{field!r} is neither a date field of {table_name} "
                                                           f"nor one of the counts {rule['counts']}")
            groups.setdefault(columns[rule["group"]][index], []).append(index)
        for group, members in groups.items():
            first = members[0]
            subject_of = lambda index: tuple(columns[rule[name]][index] for name in ("subjectTable", "subjectId", "field"))
            for index in members[1:]:
                if subject_of(index) != subject_of(first):
                    raise DataError(path, lines[index], rule["group"], f"{group!r} is about {subject_of(first)} on "
                                                                       f"line {lines[first]} but {subject_of(index)} here")
            if len(members) < 2:
                raise DataError(path, lines[first], rule["group"], f"{group!r} gives only one value; a dispute needs "
                                                                   f"at least two")
            table_name, row_id, field = subject_of(first)
            subject_lines, subject_columns = tables[table_name]
            if field in subject_columns:
                position = subject_columns[resources[table_name]["schema"]["primaryKey"][0]].index(row_id)
                held = subject_columns[field][position]
                values = [columns[rule["value"]][index] for index in members]
                if held not in values:
                    raise DataError(path, lines[first], rule["value"],
                                    f"{table_name} line {subject_lines[position]} holds {held!r} as the {field} of "
                                    f"{row_id!r}, which is none of the disputed values {values}")


def validate(data_dir: pathlib.Path = DATA_DIR) -> dict[str, list[dict[str, Any]]]:
    """Check every table of the package; return its rows as typed dicts, by table name."""
    data_dir = pathlib.Path(data_dir)
    with _cyclic_gc_paused():
        tables = _validated_tables(data_dir, read_package(data_dir))
        return {name: [dict(zip(columns, row)) for row in zip(*columns.values())]
                for name, (_, columns) in tables.items()}


@contextlib.contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Parsing creates millions of small objects and no cycles: the cyclic garbage collector would only
    rescan them again and again (it doubled the load time at 100k rows), so it waits until the end."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _validated_tables(data_dir: pathlib.Path, package: dict[str, Any]) -> dict[str, Table]:
    tables = {resource["name"]: _read_resource(data_dir, resource) for resource in package["resources"]}
    bib_keys = bibliography_keys(data_dir, package)
    for resource in package["resources"]:
        _check_foreign_keys(data_dir, resource, tables, bib_keys)
        _check_provenance(data_dir, resource, tables)
        _check_disputes(data_dir, resource, tables, package)
    return tables


# --------------------------------------------------------------------------- pandas

def load(data_dir: pathlib.Path = DATA_DIR) -> dict[str, "pandas.DataFrame"]:  # noqa: F821
    """Validate, then return every table as a typed DataFrame, by table name.

    Strings load as ``string``, integers as ``Int64``, numbers as ``Float64``,
    list fields as Python lists, and reduced-precision dates as ``datetime64``
    (the earliest or latest day they can mean, as their schema says; the
    precision column beside them keeps what was actually known).
    """
    import pandas as pd  # imported here so that release.py and validate() work without pandas

    data_dir = pathlib.Path(data_dir)
    package = read_package(data_dir)
    with _cyclic_gc_paused():
        tables = _validated_tables(data_dir, package)
        return {resource["name"]: _frame(resource, tables[resource["name"]], pd) for resource in package["resources"]}


def _frame(resource: dict[str, Any], table: Table, pd: Any) -> "pandas.DataFrame":  # noqa: F821
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


def write(frames: dict[str, "pandas.DataFrame"], data_dir: pathlib.Path = DATA_DIR) -> None:  # noqa: F821
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
