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
  a list; each item may have to be a key of another table (the references the
  rows cite are the package's own table ``references``, so nothing outside the
  folder is read);
* a field with ``"malibook:partialDate": {"precision": ..., "bound": ...}`` is
  an ISO 8601 date of reduced precision (``2021``, ``2021-05``, ``2021-05-24``)
  whose precision (year, month, day) is stated in another column; it loads as
  the earliest or the latest day it can mean;
* a resource's ``"malibook:rules"`` list cross-field and cross-table rules:
  ``together`` (cells all filled or all empty), ``exactlyOne``,
  ``uniqueTogether``, ``notBefore`` (an end not before its start), ``filledWhen``
  (a cell filled exactly when another column holds one of some values), ``requiredUnless`` (cells
  required unless another cell holds one of the listed values), ``provenance`` (a document row is
  mentioned by a paragraph, an editorial row cites a reference) and ``disputes`` (the rival values
  of a disputed fact: see ``_check_disputes``).

Anything else a schema asks for is itself an error, so a constraint can never be
silently ignored.
"""
from __future__ import annotations

import contextlib
import gc
import pathlib
import re
from collections.abc import Iterator
from typing import Any

from malibook.data.dates import date_bounds
from malibook.data.package import DATA_DIR, DataError, read_package
from malibook.data.spreadsheet import check_header, date_problem, number_problem, read_rows

NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")
INTEGER = re.compile(r"-?[0-9]+")
# references.csv is generated: a new citation needs an entry in references.bib, then the command.
REFERENCES_HINT = " (add it to references.bib, then run `python -m malibook references`)"


# --------------------------------------------------------------------------- cells

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
    converters = {"integer": (INTEGER, int, "an integer"), "number": (NUMBER, float, "a decimal number")}
    convert = converters.get(field["type"])
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
                raise DataError(path, line, name, number_problem(cell, what))
            value = to_python(cell)
        if is_date:
            try:
                date_bounds(cell)
            except ValueError as exc:
                raise DataError(path, line, name, date_problem(cell, str(exc))) from None
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
    header, raw_rows = read_rows(path)
    check_header(path, header, [field["name"] for field in fields])
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
        elif rule["rule"] == "filledWhen":
            for line, (value, condition) in zip(lines, _keys(table, [rule["field"], rule["when"]])):
                expected = condition in rule["values"]
                if (value is not None) != expected:
                    state = "empty" if expected else "filled"
                    raise DataError(path, line, rule["field"],
                                    f"is {state} while {rule['when']} is {condition!r}; it is filled exactly when "
                                    f"{rule['when']} is one of {', '.join(rule['values'])}")
        elif rule["rule"] == "requiredUnless":
            for line, exempt, key in zip(lines, table[1][rule["field"]], _keys(table, rule["fields"])):
                if exempt in rule["values"]:
                    continue
                for name, value in zip(rule["fields"], key):
                    if value is None or value == []:
                        raise DataError(path, line, name, f"required cell is empty ({rule['field']} is {exempt!r}; "
                                                          f"only {' or '.join(rule['values'])} may leave it empty)")
        elif rule["rule"] == "notBefore":
            for line, (later, earlier) in zip(lines, _keys(table, [rule["field"], rule["other"]])):
                if later is not None and earlier is not None and date_bounds(later)[1] < date_bounds(earlier)[0]:
                    raise DataError(path, line, rule["field"], f"{later!r} is before {rule['other']} {earlier!r}")


# --------------------------------------------------------------------------- across tables

def _check_foreign_keys(data_dir: pathlib.Path, resource: dict[str, Any], tables: dict[str, Table]) -> None:
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
        if "reference" not in spec:
            continue
        items = {key[0] for key in known(spec["reference"])}
        what = f"{spec['reference']['fields'][0]} of {spec['reference']['resource']}"
        for line, values in zip(table[0], table[1][field["name"]]):
            for item in values:
                if item not in items:
                    raise DataError(path, line, field["name"], f"{item!r} is not a known {what}"
                                    + (REFERENCES_HINT if spec["reference"]["resource"] == "references" else ""))


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
        subject_columns_of_rule = [columns[rule[name]] for name in ("subjectTable", "subjectId", "field")]

        def subject_of(index: int, subject_columns_of_rule=subject_columns_of_rule) -> tuple[str, ...]:
            return tuple(column[index] for column in subject_columns_of_rule)

        for group, members in groups.items():
            first = members[0]
            for index in members[1:]:
                if subject_of(index) != subject_of(first):
                    problem = (f"{group!r} is about {subject_of(first)} on line {lines[first]} "
                               f"but {subject_of(index)} here")
                    raise DataError(path, lines[index], rule["group"], problem)
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
    with cyclic_gc_paused():
        tables = validated_tables(data_dir, read_package(data_dir))
        return {name: [dict(zip(columns, row)) for row in zip(*columns.values())]
                for name, (_, columns) in tables.items()}


@contextlib.contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Parsing creates millions of small objects and no cycles: the cyclic garbage collector would only
    rescan them again and again (it doubled the load time at 100k rows), so it waits until the end."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def validated_tables(data_dir: pathlib.Path, package: dict[str, Any]) -> dict[str, Table]:
    tables = {resource["name"]: _read_resource(data_dir, resource) for resource in package["resources"]}
    for resource in package["resources"]:
        _check_foreign_keys(data_dir, resource, tables)
        _check_provenance(data_dir, resource, tables)
        _check_disputes(data_dir, resource, tables, package)
    return tables
