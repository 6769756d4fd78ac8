"""The data package from the command line.

    python -m malibook validate [PATH]                      check a data package (default: the book's)
    python -m malibook export --format acled OUTPUT.csv     the events in ACLED's column layout
    python -m malibook export --format ucdp-ged OUTPUT.csv  the lethal events in UCDP GED's layout
    python -m malibook export --format xlsx OUTPUT.xlsx     every table in one workbook, with a README sheet
    python -m malibook references [--check]                 data/references.csv from references.bib

Exit status 0 on success, 1 when the data is invalid (the message is the one ``load()`` raises,
naming file, line and column), 2 for a wrong command line. Only the standard library is imported:
checking a package needs no pandas.
"""
from __future__ import annotations

import argparse
import pathlib
import sys

EXPORT_FORMATS = ("acled", "ucdp-ged", "xlsx")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m malibook", description="Check and export the book's data.")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("validate", help="check a data package against its schema")
    check.add_argument("path", nargs="?", type=pathlib.Path, help="the folder holding datapackage.json")
    export = commands.add_parser("export", help="write the data in another layout")
    export.add_argument("--format", required=True, choices=EXPORT_FORMATS)
    export.add_argument("--data", type=pathlib.Path, help="the data package's folder (default: the book's)")
    export.add_argument("output", type=pathlib.Path, help="the file to write")
    references = commands.add_parser("references", help="write data/references.csv from references.bib")
    references.add_argument("--check", action="store_true", help="only say whether the table is up to date")
    return parser


def _validate(path: pathlib.Path | None) -> int:
    from malibook.data.package import DATA_DIR
    from malibook.data.validation import validate

    tables = validate(path or DATA_DIR)
    print(f"{path or DATA_DIR}: valid ({len(tables)} tables, {sum(map(len, tables.values()))} rows)")
    return 0


def _export(output_format: str, data: pathlib.Path | None, output: pathlib.Path) -> int:
    from malibook.data.package import DATA_DIR

    data = data or DATA_DIR
    if output_format == "xlsx":
        import malibook
        from malibook.data.workbook import write_workbook

        write_workbook(output, data, malibook.__version__)
        print(f"wrote {output}")
        return 0
    from malibook.data import acled, ucdp
    from malibook.data.exports import Book, export_rows, write_csv

    layout = acled if output_format == "acled" else ucdp
    book = Book.load(data)
    events = layout.exported_events(book)
    write_csv(output, layout.COLUMNS, export_rows(book, layout.CROSSWALK, events))
    print(f"wrote {output}: {len(events)} events in the {output_format} layout")
    return 0


def _references(check: bool) -> int:
    from malibook.data.references import references_are_current, references_path, write_references

    if check:
        if references_are_current():
            return 0
        print(f"{references_path()} is out of date: run `python -m malibook references`", file=sys.stderr)
        return 1
    print(f"{references_path()}: {'rewritten' if write_references() else 'already up to date'}")
    return 0


def main(argv: list[str] | None = None) -> int:
    from malibook.data.package import DataError

    arguments = _parser().parse_args(argv)
    try:
        if arguments.command == "validate":
            return _validate(arguments.path)
        if arguments.command == "export":
            return _export(arguments.format, arguments.data, arguments.output)
        return _references(arguments.check)
    except DataError as error:
        print(f"DataError: {error}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
