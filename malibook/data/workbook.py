"""The data package as one spreadsheet workbook (``.xlsx``): a README sheet, then one sheet per table.

For readers who work in Excel or LibreOffice. Numbers are numbers; dates of reduced precision stay
text (``2021-05``), so that the spreadsheet does not turn them into days it was never told; lists keep
their ``|`` separator. The CSV files stay the edited form of the data: the README sheet says how to
save a sheet back as CSV. Needs openpyxl (``pip install "malibook[xlsx]"``).
"""
from __future__ import annotations

import datetime
import pathlib
from typing import Any

from malibook.data.package import DATA_DIR, DataError, read_package
from malibook.data.spreadsheet import HOW_TO_SAVE
from malibook.data.validation import validate

# A fixed creation time, so that the same data gives the same workbook.
CREATED = datetime.datetime(2015, 12, 14)
SHEET_NAME_LIMIT = 31  # characters, in Excel


def _cell(field: dict[str, Any], value: Any) -> Any:
    if value is None:
        return None
    if "malibook:list" in field:
        return field["malibook:list"]["separator"].join(value)
    return value


def readme_rows(package: dict[str, Any], tables: dict[str, list], version: str) -> list[list[Any]]:
    licence = package["licenses"][0]
    rows = [[package["title"]], [f"Version {version}" if version else "Version: see datapackage.json"],
            [package["description"]], [f"Licence: {licence['title']} ({licence['path']})"],
            [], ["Sheet", "Rows", "What it holds"]]
    rows += [[resource["name"], len(tables[resource["name"]]), resource["description"]]
             for resource in package["resources"]]
    rows += [[], ["The CSV files of the data package are the edited form of the data. To change a table, edit "
                  f"its CSV file, or copy a sheet into a new workbook and {HOW_TO_SAVE}; then run "
                  "`python -m malibook validate`."]]
    return rows


def write_workbook(target: pathlib.Path, data_dir: pathlib.Path = DATA_DIR, version: str = "") -> pathlib.Path:
    """Validate the package, then write it as a workbook; return target."""
    try:
        from openpyxl import Workbook
    except ImportError as exc:
        raise DataError(target, None, None, "the xlsx export needs openpyxl: pip install \"malibook[xlsx]\"") from exc
    data_dir = pathlib.Path(data_dir)
    tables, package = validate(data_dir), read_package(data_dir)
    workbook = Workbook()
    workbook.properties.created = workbook.properties.modified = CREATED
    readme = workbook.active
    readme.title = "README"
    for row in readme_rows(package, tables, version):
        readme.append(row)
    for resource in package["resources"]:
        sheet = workbook.create_sheet(resource["name"][:SHEET_NAME_LIMIT])
        fields = resource["schema"]["fields"]
        sheet.append([field["name"] for field in fields])
        for row in tables[resource["name"]]:
            sheet.append([_cell(field, row[field["name"]]) for field in fields])
        sheet.freeze_panes = "A2"
    target = pathlib.Path(target)
    workbook.save(target)
    return target
