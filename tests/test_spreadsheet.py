"""A table saved by Excel or LibreOffice either loads as it was, or stops with one error that says what
the spreadsheet did and how to save the file correctly, naming the file and the line (issue 17)."""
import re

import pandas as pd
import pytest

from malibook import DataError, load, validate
from malibook.data import DATA_DIR, write


def committed(name: str) -> str:
    return (DATA_DIR / name).read_text(encoding="utf-8")


# --------------------------------------------------------------------------- accepted as it is

@pytest.mark.parametrize("case, transform", [
    ("UTF-8 byte-order mark (Excel's 'CSV UTF-8')", lambda text: "\ufeff" + text),
    ("CRLF line endings", lambda text: text.replace("\n", "\r\n")),
    ("trailing blank lines", lambda text: text + "\n\n"),
    ("trailing rows of empty cells", lambda text: text + ",,,,,,,,,,,\n,,,,,,,,,,,\n"),
    ("all three at once", lambda text: "\ufeff" + (text + "\n,,,,,,,,,,,\n").replace("\n", "\r\n")),
])
def test_a_spreadsheet_s_harmless_changes_load_the_same_values(data_copy, case, transform):
    path = data_copy / "actors.csv"
    path.write_bytes(transform(committed("actors.csv")).encode("utf-8"))
    reference = load(DATA_DIR)["actors"]
    pd.testing.assert_frame_equal(load(data_copy)["actors"], reference, obj=case)


def test_write_gives_back_the_canonical_form_after_a_spreadsheet_round_trip(data_copy):
    for path in data_copy.glob("*.csv"):
        path.write_bytes(("\ufeff" + path.read_text(encoding="utf-8") + "\n").replace("\n", "\r\n").encode("utf-8"))
    write(load(data_copy), data_copy)
    for path in sorted(DATA_DIR.glob("*.csv")):
        assert (data_copy / path.name).read_bytes() == path.read_bytes(), path.name


# --------------------------------------------------------------------------- refused, with the fix

def fails_with(data_copy, name, line, *fragments):
    with pytest.raises(DataError) as caught:
        validate(data_copy)
    error = caught.value
    assert (error.path, error.line) == (data_copy / name, line), str(error)
    assert str(error).startswith(f"{data_copy / name}, line {line}")
    for fragment in fragments:
        assert re.search(fragment, str(error)), (fragment, str(error))
    return error


def test_semicolons_between_cells(data_copy):
    path = data_copy / "places.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.to_csv(path, sep=";", index=False, lineterminator="\r\n")
    fails_with(data_copy, "places.csv", 1, "separated by semicolons", "decimal commas", "field delimiter ','")


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_windows_1252_or_latin_1(data_copy, encoding):
    path = data_copy / "actors.csv"
    text = committed("actors.csv")
    path.write_bytes(text.encode(encoding, errors="replace"))
    # The first line with a byte beyond ASCII once encoded (Latin-1 has no ’: it becomes '?').
    first_accent = next(number for number, line in enumerate(text.split("\n"), start=1)
                        if not line.encode(encoding, errors="replace").isascii())
    fails_with(data_copy, "actors.csv", first_accent, "not UTF-8", "Windows-1252 or Latin-1", "CSV UTF-8")


def test_utf_16(data_copy):
    (data_copy / "places.csv").write_bytes(committed("places.csv").encode("utf-16"))
    fails_with(data_copy, "places.csv", 1, "UTF-16", "CSV UTF-8")


def test_decimal_comma(data_copy):
    path = data_copy / "places.csv"
    path.write_text(committed("places.csv").replace(",12.60915,-7.97522,", ',"12,60915",-7.97522,'), encoding="utf-8")
    error = fails_with(data_copy, "places.csv", 2, "decimal comma", r"decimal point \(12\.60915\)")
    assert error.column == "latitude"


def test_a_date_the_spreadsheet_rewrote(data_copy):
    path = data_copy / "events.csv"
    text = committed("events.csv")
    line = next(number for number, row in enumerate(text.split("\n"), start=1) if row.startswith("2021-arrests,"))
    rewritten = text.replace("de la transition,2021-05-24,day", "de la transition,24/05/2021,day", 1)
    assert rewritten != text, "the arrests' row no longer reads as this test expects"
    path.write_text(rewritten, encoding="utf-8")
    error = fails_with(data_copy, "events.csv", line, "spreadsheet rewrote", "format the column as Text")
    assert error.column == "start"


def test_a_blank_line_inside_a_table(data_copy):
    path = data_copy / "places.csv"
    lines = committed("places.csv").split("\n")
    path.write_text("\n".join(lines[:3] + [""] + lines[3:]), encoding="utf-8")
    fails_with(data_copy, "places.csv", 4, "blank line inside the table")
