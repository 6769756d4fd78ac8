"""The data package loads with one call, and bad input stops it with a precise message."""
import json
import re
import shutil

import pandas as pd
import pytest

from malibook import DataError, load, validate
from malibook.data import DATA_DIR

from conftest import SHARED_SOURCES


@pytest.fixture
def data_copy(tmp_path):
    shutil.copytree(DATA_DIR, tmp_path / "data")
    return tmp_path / "data"


def edit_line(path, line_number, old, new):
    """Replace `old` by `new` on one line (1-based, header = 1) of a CSV file."""
    lines = path.read_text(encoding="utf-8").split("\n")
    assert old in lines[line_number - 1], f"{old!r} not on line {line_number}"
    lines[line_number - 1] = lines[line_number - 1].replace(old, new, 1)
    path.write_text("\n".join(lines), encoding="utf-8")


def test_load_returns_typed_frames():
    paragraphs = load()["paragraphs"]
    assert paragraphs["paragraph_id"].dtype == "string"
    assert paragraphs["order"].dtype == "Int64"
    assert paragraphs["paragraph_id"].is_unique


def test_every_source_block_has_exactly_one_row():
    if not SHARED_SOURCES.exists():
        pytest.skip(f"the reading copies are not beside this clone ({SHARED_SOURCES})")
    source = json.loads(SHARED_SOURCES.read_text(encoding="utf-8"))
    paragraphs = load()["paragraphs"]
    assert sorted(paragraphs["paragraph_id"]) == sorted(source)
    for row in paragraphs.itertuples():
        assert source[row.paragraph_id]["doc"] == row.document_id


def test_blocks_are_numbered_in_document_order():
    paragraphs = load()["paragraphs"]
    for document, blocks in paragraphs.groupby("document_id"):
        assert list(blocks["order"]) == list(range(1, len(blocks) + 1)), document


def test_section_of_a_block_is_a_heading_or_question_of_the_same_document():
    paragraphs = load()["paragraphs"].set_index("paragraph_id")
    for block_id, row in paragraphs[paragraphs["section_id"].notna()].iterrows():
        section = paragraphs.loc[row["section_id"]]
        assert section["kind"] in {"heading", "question"}, block_id
        assert section["document_id"] == row["document_id"], block_id


def test_load_write_load_keeps_every_value(data_copy):
    first = load(data_copy)["paragraphs"]
    first.to_csv(data_copy / "paragraphs.csv", index=False, encoding="utf-8")
    second = load(data_copy)["paragraphs"]
    pd.testing.assert_frame_equal(first, second)
    assert "Goïta" in " ".join(second["gist"]) and "N’Daw" in " ".join(second["gist"])


@pytest.mark.parametrize("line, old, new, column, message", [
    (3, "b115-kicker,b115,2", "b115-caption,b115,2", "paragraph_id", "duplicate value 'b115-caption' (first on line 2)"),
    (3, "b115-kicker,b115,2", "b115-kickr,b115,2", "paragraph_id", "does not match the pattern"),
    (3, "b115,2,kicker", "b115,two,kicker", "order", "'two' is not an integer"),
    (3, "b115,2,kicker", "b115,0,kicker", "order", "below the minimum 1"),
    (3, "b115,2,kicker", "b115,2,banner", "kind", "'banner' is not one of"),
    (3, "b115-kicker,b115", "b115-kicker,b116", "document_id", "'b116' is not one of"),
    (7, "paragraph,b115-h1", "paragraph,b115-h9", "section_id", "'b115-h9' is not a known paragraph_id of paragraphs"),
    (3, "kicker,,Series", "kicker,,", "gist", "required cell is empty"),
])
def test_bad_cell_names_file_line_and_column(data_copy, line, old, new, column, message):
    csv_path = data_copy / "paragraphs.csv"
    if new.endswith(",,"):  # emptying the gist: drop the rest of the line
        text = csv_path.read_text(encoding="utf-8").split("\n")
        text[line - 1] = text[line - 1][: text[line - 1].index(old) + len(old) - len("Series")]
        csv_path.write_text("\n".join(text), encoding="utf-8")
    else:
        edit_line(csv_path, line, old, new)
    with pytest.raises(DataError, match=re.escape(message)) as caught:
        validate(data_copy)
    error = caught.value
    assert (error.path, error.line, error.column) == (csv_path, line, column)
    assert str(error).startswith(f"{csv_path}, line {line}, column {column!r}: ")


def test_unexpected_column(data_copy):
    csv_path = data_copy / "paragraphs.csv"
    lines = csv_path.read_text(encoding="utf-8").split("\n")
    csv_path.write_text("\n".join([lines[0] + ",note"] + [l + "," if l else l for l in lines[1:]]), encoding="utf-8")
    with pytest.raises(DataError, match="line 1, column 'note': unexpected column"):
        validate(data_copy)


def test_missing_column(data_copy):
    csv_path = data_copy / "paragraphs.csv"
    frame = pd.read_csv(csv_path, dtype=str, keep_default_na=False).drop(columns="section_id")
    frame.to_csv(csv_path, index=False)
    with pytest.raises(DataError, match="line 1, column 'section_id': required column is missing"):
        validate(data_copy)


def test_file_that_is_not_utf8(data_copy):
    csv_path = data_copy / "paragraphs.csv"
    csv_path.write_bytes(csv_path.read_text(encoding="utf-8").encode("latin-1", errors="replace"))
    # The first non-ASCII character is the ï of Goïta, in the caption of the Q&A (line 15).
    with pytest.raises(DataError, match=r"line 15: not UTF-8 \(byte 0xef"):
        validate(data_copy)


def test_row_with_too_few_cells(data_copy):
    csv_path = data_copy / "paragraphs.csv"
    with csv_path.open("a", encoding="utf-8") as handle:
        handle.write("qa2021-p99,qa2021,26\n")
    with pytest.raises(DataError, match=r"line 40: 3 cells where the header has 6"):
        validate(data_copy)


def test_schema_asking_for_an_unchecked_constraint_is_refused(data_copy):
    package_path = data_copy / "datapackage.json"
    package = json.loads(package_path.read_text(encoding="utf-8"))
    package["resources"][0]["schema"]["fields"][2]["constraints"]["maximum"] = 99
    package_path.write_text(json.dumps(package), encoding="utf-8")
    with pytest.raises(DataError, match="does not check"):
        validate(data_copy)
