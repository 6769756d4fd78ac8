"""Validate and load the book's data package (``data/datapackage.json``).

``validate()`` checks every table against its Table Schema and raises one
:class:`DataError` naming the file, the line and the column at the first
problem; ``load()`` validates, then returns typed pandas DataFrames. Nothing is
dropped or coerced: a cell either matches its schema or stops the load.

The checks are the subset of the Frictionless Table Schema the package uses:
field types ``string`` and ``integer``; the constraints ``required``,
``unique``, ``enum``, ``pattern`` and ``minimum``; ``primaryKey``; and
``foreignKeys``. A schema that asks for anything else is itself an error, so a
constraint can never be silently ignored.
"""
from __future__ import annotations

import csv
import io
import json
import pathlib
import re
from typing import Any

from malibook.release import PROJECT_ROOT

DATA_DIR = PROJECT_ROOT / "data"
PACKAGE_FILE = "datapackage.json"

SUPPORTED_TYPES = {"string", "integer"}
SUPPORTED_CONSTRAINTS = {"required", "unique", "enum", "pattern", "minimum"}
PANDAS_DTYPES = {"string": "string", "integer": "Int64"}


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


def read_package(data_dir: pathlib.Path = DATA_DIR) -> dict[str, Any]:
    path = data_dir / PACKAGE_FILE
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
    return package


def _read_rows(path: pathlib.Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and the (line number, cells) of each row; strict UTF-8."""
    raw = path.read_bytes()
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
        rows = []
        for cells in reader:
            rows.append((reader.line_num, cells))
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


def _typed_cell(path: pathlib.Path, line: int, field: dict[str, Any], cell: str) -> Any:
    """The cell as a Python value (None when empty), after every constraint of its field."""
    name, constraints = field["name"], field.get("constraints", {})
    if cell == "":
        if constraints.get("required"):
            raise DataError(path, line, name, "required cell is empty")
        return None
    if cell != cell.strip():
        raise DataError(path, line, name, f"{cell!r} has leading or trailing white space")
    value: Any = cell
    if field["type"] == "integer":
        if not re.fullmatch(r"-?[0-9]+", cell):
            raise DataError(path, line, name, f"{cell!r} is not an integer")
        value = int(cell)
    if "enum" in constraints and value not in constraints["enum"]:
        raise DataError(path, line, name, f"{cell!r} is not one of {constraints['enum']}")
    if "pattern" in constraints and not re.fullmatch(constraints["pattern"], cell):
        raise DataError(path, line, name, f"{cell!r} does not match the pattern {constraints['pattern']!r}")
    if "minimum" in constraints and value < constraints["minimum"]:
        raise DataError(path, line, name, f"{cell!r} is below the minimum {constraints['minimum']}")
    return value


def _check_unique(path: pathlib.Path, rows: list[tuple[int, dict]], names: list[str]) -> None:
    seen: dict[tuple, int] = {}
    for line, row in rows:
        key = tuple(row[name] for name in names)
        if None in key:
            continue
        if key in seen:
            raise DataError(path, line, "+".join(names),
                            f"duplicate value {key if len(key) > 1 else key[0]!r} (first on line {seen[key]})")
        seen[key] = line


def _read_resource(data_dir: pathlib.Path, resource: dict[str, Any]) -> list[tuple[int, dict]]:
    path = data_dir / resource["path"]
    schema = resource["schema"]
    fields = schema["fields"]
    header, raw_rows = _read_rows(path)
    _check_header(path, header, [field["name"] for field in fields])
    rows = []
    for line, cells in raw_rows:
        if len(cells) != len(fields):
            raise DataError(path, line, None, f"{len(cells)} cells where the header has {len(fields)}")
        rows.append((line, {field["name"]: _typed_cell(path, line, field, cell)
                            for field, cell in zip(fields, cells)}))
    unique_keys = [[field["name"]] for field in fields if field.get("constraints", {}).get("unique")]
    if schema.get("primaryKey"):
        unique_keys.append(list(schema["primaryKey"]))
        for line, row in rows:
            for name in schema["primaryKey"]:
                if row[name] is None:
                    raise DataError(path, line, name, "primary key cell is empty")
    for names in unique_keys:
        _check_unique(path, rows, names)
    return rows


def _check_foreign_keys(data_dir: pathlib.Path, resource: dict[str, Any],
                        tables: dict[str, list[tuple[int, dict]]]) -> None:
    path = data_dir / resource["path"]
    for foreign_key in resource["schema"].get("foreignKeys", []):
        target = foreign_key["reference"]["resource"] or resource["name"]
        known = {tuple(row[name] for name in foreign_key["reference"]["fields"]) for _, row in tables[target]}
        for line, row in tables[resource["name"]]:
            key = tuple(row[name] for name in foreign_key["fields"])
            if None not in key and key not in known:
                raise DataError(path, line, "+".join(foreign_key["fields"]),
                                f"{key if len(key) > 1 else key[0]!r} is not a known "
                                f"{'+'.join(foreign_key['reference']['fields'])} of {target}")


def validate(data_dir: pathlib.Path = DATA_DIR) -> dict[str, list[dict[str, Any]]]:
    """Check every table of the package; return its rows as typed dicts, by table name."""
    data_dir = pathlib.Path(data_dir)
    return _validated_rows(data_dir, read_package(data_dir))


def _validated_rows(data_dir: pathlib.Path, package: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    tables = {resource["name"]: _read_resource(data_dir, resource) for resource in package["resources"]}
    for resource in package["resources"]:
        _check_foreign_keys(data_dir, resource, tables)
    return {name: [row for _, row in rows] for name, rows in tables.items()}


def load(data_dir: pathlib.Path = DATA_DIR) -> dict[str, "pandas.DataFrame"]:  # noqa: F821
    """Validate, then return every table as a typed DataFrame, by table name."""
    import pandas as pd  # imported here so that release.py and validate() work without pandas

    data_dir = pathlib.Path(data_dir)
    package = read_package(data_dir)
    rows_by_table = _validated_rows(data_dir, package)
    frames = {}
    for resource in package["resources"]:
        name, fields = resource["name"], resource["schema"]["fields"]
        rows = rows_by_table[name]
        frame = pd.DataFrame(rows, columns=[field["name"] for field in fields])
        frames[name] = frame.astype({field["name"]: PANDAS_DTYPES[field["type"]] for field in fields})
    return frames
