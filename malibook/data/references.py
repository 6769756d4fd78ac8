"""The references table of the data package (``data/references.csv``), made from ``references.bib``.

The rows of the data cite their sources by key (``reference_keys``). So that a copy of ``data/``
loads and validates anywhere, without the book's bibliography beside it, the entries those rows
cite travel with the package as a table of its own. It is generated, never edited by hand:

    python -m malibook references          # rewrite data/references.csv from references.bib
    python -m malibook references --check  # exit 1 if data/references.csv is out of date

A test runs the check, so the table cannot drift from the bibliography. Standard library only.
"""
from __future__ import annotations

import csv
import io
import pathlib
import re

from malibook.data.package import DATA_DIR, read_package
from malibook.data.sources import BIBLIOGRAPHY, read_bibliography

REFERENCES_RESOURCE = "references"
COLUMNS = ["reference_key", "entry_type", "sourcekind", "author", "title", "publisher", "year", "month", "day",
           "url", "urldate", "copyof", "note"]
MONTHS = {name: number for number, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), start=1)}
LATEX_ESCAPE = re.compile(r"\\([&%$#_])")


def plain(value: str) -> str:
    """A BibTeX value as plain text: no protecting braces, no escaped specials."""
    return LATEX_ESCAPE.sub(r"\1", value.replace("{", "").replace("}", ""))


def cited_keys(data_dir: pathlib.Path = DATA_DIR) -> set[str]:
    """Every key that a list field pointing to the references table cites, in any table of the package."""
    data_dir = pathlib.Path(data_dir)
    keys: set[str] = set()
    for resource in read_package(data_dir)["resources"]:
        fields = [field for field in resource["schema"]["fields"]
                  if field.get("malibook:list", {}).get("reference", {}).get("resource") == REFERENCES_RESOURCE]
        if not fields:
            continue
        with (data_dir / resource["path"]).open(encoding="utf-8-sig", newline="") as handle:
            for row in csv.DictReader(handle):
                for field in fields:
                    separator = field["malibook:list"]["separator"]
                    keys.update(key for key in (row.get(field["name"]) or "").split(separator) if key)
    return keys


def references_csv(bibliography: pathlib.Path = BIBLIOGRAPHY, data_dir: pathlib.Path = DATA_DIR) -> str:
    """The text of references.csv: the bibliography's entries that the data cites, in the bibliography's order.

    A key cited by the data but missing from the bibliography is left out: validation then names the
    row that cites it.
    """
    keys = cited_keys(data_dir)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for key, fields in read_bibliography(bibliography).items():
        if key not in keys:
            continue
        month = fields.get("month", "").lower()
        writer.writerow([
            key, fields["ENTRYTYPE"], fields.get("sourcekind", ""), plain(fields.get("author", "")),
            plain(fields.get("title", "")), plain(fields.get("howpublished") or fields.get("institution", "")),
            fields.get("year", ""), str(MONTHS.get(month, month)), fields.get("day", ""), fields.get("url", ""),
            fields.get("urldate", ""), plain(fields.get("copyof", "")), plain(fields.get("note", "")),
        ])
    return buffer.getvalue()


def references_path(data_dir: pathlib.Path = DATA_DIR) -> pathlib.Path:
    resource = next(item for item in read_package(data_dir)["resources"] if item["name"] == REFERENCES_RESOURCE)
    return pathlib.Path(data_dir) / resource["path"]


def write_references(bibliography: pathlib.Path = BIBLIOGRAPHY, data_dir: pathlib.Path = DATA_DIR) -> bool:
    """Rewrite references.csv from the bibliography; True if its content changed."""
    path, text = references_path(data_dir), references_csv(bibliography, data_dir)
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    path.write_text(text, encoding="utf-8", newline="")
    return True


def references_are_current(bibliography: pathlib.Path = BIBLIOGRAPHY, data_dir: pathlib.Path = DATA_DIR) -> bool:
    path = references_path(data_dir)
    return path.is_file() and path.read_text(encoding="utf-8") == references_csv(bibliography, data_dir)
