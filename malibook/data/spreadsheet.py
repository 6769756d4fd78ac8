"""Reading a table's CSV file as a spreadsheet may have saved it.

Excel and LibreOffice save CSV in ways that either change nothing that matters, and are accepted
as the CSV standard (RFC 4180) and Frictionless accept them, or change what the cells mean, and stop
the load with one error that says what the spreadsheet did and how to save the file correctly:

- accepted: a UTF-8 byte-order mark (Excel's "CSV UTF-8"), CRLF line endings, empty rows at the
  end of the file (blank lines, or rows of empty cells such as ``,,,``);
- refused: another encoding than UTF-8 (Windows-1252 or Latin-1, UTF-16), semicolons between cells
  (a spreadsheet set to a language that writes decimal commas), a decimal comma in a number, and a
  date the spreadsheet turned into its own format (``24/05/2021``, ``May-21``).

``write()`` always writes the canonical form: UTF-8 without a byte-order mark, commas, ``\\n``.
"""
from __future__ import annotations

import codecs
import csv
import io
import pathlib
import re

from malibook.data.package import DataError

HOW_TO_SAVE = ("save it again as CSV in UTF-8 with commas between cells (Excel: File > Save As > "
               "'CSV UTF-8 (Comma delimited)'; LibreOffice: File > Save As > 'Text CSV', then 'Edit filter "
               "settings': character set 'Unicode (UTF-8)', field delimiter ',')")
DECIMAL_COMMA = re.compile(r"-?[0-9]+,[0-9]+")
# What spreadsheets make of 2021-05-24 or 2021-05 when the column is not formatted as text.
SPREADSHEET_DATE = re.compile(r"[0-9]{1,2}[/.][0-9]{1,2}[/.][0-9]{2,4}|[0-9]{1,2}-[A-Za-z]{3}(-[0-9]{2,4})?"
                              r"|[A-Za-z]{3,9}[- ][0-9]{2,4}")


def read_rows(path: pathlib.Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The header and the (line number, cells) of each row, from a strict UTF-8 file."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DataError(path, None, None, f"cannot read the file ({exc})") from exc
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise DataError(path, 1, None, f"the file is in UTF-16 (Excel's 'Unicode Text'), not UTF-8: {HOW_TO_SAVE}")
    try:
        text = raw.decode("utf-8-sig")  # a byte-order mark, as Excel's "CSV UTF-8" writes, is not a character
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise DataError(path, line, None, f"not UTF-8 (byte 0x{raw[exc.start]:02x} at offset {exc.start}): the "
                                          f"file is probably in Windows-1252 or Latin-1, as Excel's plain 'CSV' and "
                                          f"spreadsheets set to a Western European language save it; "
                                          f"{HOW_TO_SAVE}") from exc
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
        if header is None:
            raise DataError(path, 1, None, "the file is empty; a header row is required")
        rows = [(reader.line_num, cells) for cells in reader]
    except csv.Error as exc:
        raise DataError(path, reader.line_num, None, f"malformed CSV ({exc})") from exc
    while rows and not any(rows[-1][1]):  # empty rows at the end: a spreadsheet's, meaning nothing
        rows.pop()
    for line, cells in rows:
        if not cells:
            raise DataError(path, line, None, "a blank line inside the table; delete it (a spreadsheet writes one "
                                              "for an empty row)")
    return header, rows


def check_header(path: pathlib.Path, header: list[str], names: list[str]) -> None:
    """The header names the schema's fields, in its order; a header of semicolons says why it does not."""
    if len(header) == 1 and ";" in header[0] and set(header[0].split(";")) & set(names):
        raise DataError(path, 1, None, f"the cells are separated by semicolons, not commas, as a spreadsheet set to a "
                                       f"language that writes decimal commas (French, German, ...) saves CSV; "
                                       f"{HOW_TO_SAVE}")
    for name in header:
        if name not in names:
            raise DataError(path, 1, name, f"unexpected column; the schema has {names}")
    for name in names:
        if name not in header:
            raise DataError(path, 1, name, "required column is missing")
    if header != names:
        raise DataError(path, 1, None, f"columns must come in the schema's order {names}, not {header}")


def number_problem(cell: str, what: str) -> str:
    """Why a cell is not a number, in words; with the fix when a spreadsheet wrote a decimal comma."""
    if DECIMAL_COMMA.fullmatch(cell):
        return (f"{cell!r} has a decimal comma; write a decimal point ({cell.replace(',', '.')}). A spreadsheet set "
                f"to a language that writes decimal commas wrote it: set the cells' format to Text, or the "
                f"language of the sheet to English, before saving")
    return f"{cell!r} is not {what}"


def date_problem(cell: str, reason: str) -> str:
    """Why a cell is not a date, in words; with the fix when a spreadsheet reformatted the date."""
    if SPREADSHEET_DATE.fullmatch(cell):
        return (f"{cell!r} is a date a spreadsheet rewrote in its own format; write YYYY, YYYY-MM or YYYY-MM-DD, "
                f"and format the column as Text before typing or pasting dates")
    return f"{cell!r} {reason}"
