"""The data package loads with one call, and bad input stops it with a precise message."""
import json
import re

import frictionless
import pandas as pd
import pytest

from conftest import ROOT, SHARED_SOURCES, edit_line
from malibook import DataError, load, validate
from malibook.data import DATA_DIR, date_bounds, write
from malibook.data.synthetic import synthetic_package


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
    first = load(data_copy)
    write(first, data_copy)
    second = load(data_copy)
    assert sorted(first) == sorted(second)
    for name in first:
        pd.testing.assert_frame_equal(first[name], second[name], obj=name)
    assert "Goïta" in " ".join(second["paragraphs"]["gist"]) and "N’Daw" in " ".join(second["paragraphs"]["gist"])
    events = second["events"].set_index("event_id")
    assert events.loc["2021-qa-published", "start_precision"] == "month"
    assert events.loc["2021-qa-published", "end"] == pd.Timestamp("2021-05-31")
    assert events.loc["2021-arrests", "start"] == pd.Timestamp("2021-05-24")


def test_writing_gives_back_the_committed_files(data_copy):
    """The committed CSV files are in write()'s canonical form, so a round trip changes no byte."""
    write(load(data_copy), data_copy)
    for path in sorted(DATA_DIR.glob("*.csv")):
        assert (data_copy / path.name).read_bytes() == path.read_bytes(), path.name


@pytest.mark.parametrize("line, old, new, column, message", [
    (3, "b115-kicker,b115,2", "b115-caption,b115,2", "paragraph_id",
     "duplicate value 'b115-caption' (first on line 2)"),
    (3, "b115-kicker,b115,2", "b115-kickr,b115,2", "paragraph_id", "does not match the pattern"),
    (3, "b115,2,kicker", "b115,two,kicker", "order", "'two' is not an integer"),
    (3, "b115,2,kicker", "b115,0,kicker", "order", "below the minimum 1"),
    (3, "b115,2,kicker", "b115,2,banner", "kind", "'banner' is not one of"),
    (3, "b115-kicker,b115", "b115-kicker,b116", "document_id", "'b116' is not one of"),
    (7, "paragraph,b115-h1", "paragraph,b115-h9", "section_id", "'b115-h9' is not a known paragraph_id of paragraphs"),
    (3, "kicker,,Series label: Crisis Group's Africa Briefing number 115.,", "kicker,,,", "gist",
     "required cell is empty"),
    (3, ",Mention de série\u00a0: le Briefing Afrique n° 115 de Crisis Group.", ",", "gist_fr",
     "required cell is empty"),
])
def test_bad_cell_names_file_line_and_column(data_copy, line, old, new, column, message):
    csv_path = data_copy / "paragraphs.csv"
    edit_line(csv_path, line, old, new)
    with pytest.raises(DataError, match=re.escape(message)) as caught:
        validate(data_copy)
    error = caught.value
    assert (error.path, error.line, error.column) == (csv_path, line, column)
    assert str(error).startswith(f"{csv_path}, line {line}, column {column!r}: ")


def test_an_actor_without_a_french_description_is_named(data_copy):
    """The French edition shows description_fr in every actor's preview: an empty one is an error."""
    csv_path = data_copy / "actors.csv"
    edit_line(csv_path, 2, ',"Principale coalition des mouvements rebelles du Nord en 2015, signataire de '
              'l’accord de paix conclu cette année-là.",', ",,")
    with pytest.raises(DataError, match="required cell is empty") as caught:
        validate(data_copy)
    assert (caught.value.path, caught.value.line, caught.value.column) == (csv_path, 2, "description_fr")


def test_unexpected_column(data_copy):
    csv_path = data_copy / "paragraphs.csv"
    lines = csv_path.read_text(encoding="utf-8").split("\n")
    widened = [lines[0] + ",note"] + [line + "," if line else line for line in lines[1:]]
    csv_path.write_text("\n".join(widened), encoding="utf-8")
    with pytest.raises(DataError, match="line 1, column 'note': unexpected column"):
        validate(data_copy)


def test_missing_column(data_copy):
    csv_path = data_copy / "paragraphs.csv"
    frame = pd.read_csv(csv_path, dtype=str, keep_default_na=False).drop(columns="section_id")
    frame.to_csv(csv_path, index=False)
    with pytest.raises(DataError, match="line 1, column 'section_id': required column is missing"):
        validate(data_copy)


@pytest.mark.parametrize("table, encoding", [("paragraphs", "latin-1"), ("actors", "cp1252")])
def test_file_that_is_not_utf8(data_copy, table, encoding):
    csv_path = data_copy / f"{table}.csv"
    text = csv_path.read_text(encoding="utf-8")
    csv_path.write_bytes(text.encode(encoding, errors="replace"))
    first_accent = next(number for number, line in enumerate(text.split("\n"), start=1) if not line.isascii())
    with pytest.raises(DataError, match=rf"{table}.csv, line {first_accent}: not UTF-8 \(byte 0x"):
        validate(data_copy)


def test_row_with_too_few_cells(data_copy):
    csv_path = data_copy / "paragraphs.csv"
    with csv_path.open("a", encoding="utf-8") as handle:
        handle.write("qa2021-p99,qa2021,26\n")
    with pytest.raises(DataError, match=r"line 40: 3 cells where the header has 7"):
        validate(data_copy)


def test_schema_asking_for_an_unchecked_constraint_is_refused(data_copy):
    package_path = data_copy / "datapackage.json"
    package = json.loads(package_path.read_text(encoding="utf-8"))
    package["resources"][1]["schema"]["fields"][2]["constraints"]["exclusiveMaximum"] = 99
    package_path.write_text(json.dumps(package), encoding="utf-8")
    with pytest.raises(DataError, match="does not check"):
        validate(data_copy)


def test_schema_asking_for_an_unchecked_rule_is_refused(data_copy):
    package_path = data_copy / "datapackage.json"
    package = json.loads(package_path.read_text(encoding="utf-8"))
    events = next(resource for resource in package["resources"] if resource["name"] == "events")
    events["schema"]["malibook:rules"].append({"rule": "sortedBy", "field": "start"})
    package_path.write_text(json.dumps(package), encoding="utf-8")
    with pytest.raises(DataError, match="'sortedBy', which malibook.data does not check"):
        validate(data_copy)


# --------------------------------------------------------------------------- the other tables

def line_of(path, row_id):
    """The 1-based line of the row whose first cell is row_id."""
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        if line.split(",", 1)[0] == row_id:
            return number
    raise AssertionError(f"{row_id} not in {path}")


def set_cell(path, row_id, column, value):
    """Set one cell of the row whose first cell is row_id; return that row's line number."""
    line = line_of(path, row_id)
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame.loc[frame.iloc[:, 0] == row_id, column] = value
    frame.to_csv(path, index=False, lineterminator="\n")
    return line


@pytest.mark.parametrize("table, row_id, column, value, message", [
    ("events", "2021-arrests", "start", "2021-02-30", "'2021-02-30' has no day 30 in 2021-02"),
    ("events", "2021-arrests", "start", "2021/05/24", "is not a date written YYYY, YYYY-MM or YYYY-MM-DD"),
    ("events", "2021-arrests", "start", "24/05/2021", "is a date a spreadsheet rewrote in its own format"),
    ("events", "2021-arrests", "start", "2021-13", "has no month 13"),
    ("events", "2021-arrests", "start_precision", "month", "'2021-05-24' is written to the day but start_precision"),
    ("events", "2021-arrests", "end", "2021-05-23", "'2021-05-23' is before start '2021-05-24'"),
    ("events", "2021-arrests", "actor1_id", "cnsp-2", "'cnsp-2' is not a known actor_id of actors"),
    ("events", "2021-arrests", "other_actor_ids", "moctar-ouane|goita", "'goita' is not a known actor_id of actors"),
    ("events", "2021-arrests", "other_actor_ids", "moctar-ouane||assimi-goita", "has an empty or padded item"),
    ("events", "2021-arrests", "book_type", "putsch", "'putsch' is not one of"),
    ("events", "2021-arrests", "title", "", "required cell is empty"),
    ("events", "2021-arrests", "acled_sub_event_type", "Armed clash",
     "('Strategic developments', 'Armed clash') is not a known event_type+sub_event_type of acled_event_types"),
    ("events", "2021-arrests", "acled_sub_event_type", "",
     "is empty while acled_event_type is filled"),
    ("events", "2021-court-ruling", "reference_keys", "", "'2021-court-ruling' is editorial and must cite"),
    ("events", "2021-court-ruling", "reference_keys", "panapress2021courts",
     "'panapress2021courts' is not a known reference_key of references (add it to references.bib, then run"),
    ("events", "2021-court-ruling", "place_id", "tessalit", "'tessalit' is not a known place_id of places"),
    ("actors", "cma", "kind", "rebels", "'rebels' is not one of"),
    ("actors", "cma", "acled_actor_type", "Rebels", "'Rebels' is not one of"),
    ("actors", "platform", "actor_id", "cma", "duplicate value 'cma' (first on line 2)"),
    ("relations", "ndaw-president", "subject_id", "ndaw", "'ndaw' is not a known actor_id of actors"),
    ("relations", "ndaw-president", "end", "2020-09-24", "'2020-09-24' is before start '2020-09-25'"),
    ("relations", "ndaw-president", "end_precision", "", "end_precision"),
    ("places", "kati", "latitude", "112.7467", "'112.7467' is above the maximum 90"),
    ("places", "kati", "longitude", "8.07W", "'8.07W' is not a decimal number"),
    ("sources", "qa2021", "date", "2021-05-26", "'2021-05-26' is written to the day but date_precision says 'month'"),
    # The French edition prints title_fr for every event, and post_fr wherever a post is given.
    ("events", "2021-arrests", "title_fr", "", "required cell is empty"),
    ("relations", "ndaw-president", "post_fr", "", "post and post_fr go together"),
])
def test_bad_cell_in_any_table_names_file_line_and_column(data_copy, table, row_id, column, value, message):
    path = data_copy / f"{table}.csv"
    line = set_cell(path, row_id, column, value)
    with pytest.raises(DataError, match=re.escape(message)) as caught:
        validate(data_copy)
    error = caught.value
    assert (error.path, error.line) == (path, line)
    assert error.column is not None and column in error.column.split("+") + [
        "end", "start_precision", "end_precision", "acled_event_type+acled_sub_event_type"]


def test_unknown_paragraph_in_mentions(data_copy):
    path = data_copy / "mentions.csv"
    lines = path.read_text(encoding="utf-8").rstrip("\n").split("\n")
    lines.append("b115-p9,,cma,,named")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataError, match="'b115-p9' is not a known paragraph_id of paragraphs") as caught:
        validate(data_copy)
    assert (caught.value.line, caught.value.column) == (len(lines), "paragraph_id")


def test_mention_must_point_to_exactly_one_thing(data_copy):
    path = data_copy / "mentions.csv"
    with path.open("a", encoding="utf-8") as handle:
        handle.write("b115-p1,2015-anefis-talks,cma,,named\n")
    with pytest.raises(DataError, match="exactly one of event_id, actor_id, relation_id must be filled, not 2"):
        validate(data_copy)


def test_duplicate_mention(data_copy):
    path = data_copy / "mentions.csv"
    first = path.read_text(encoding="utf-8").split("\n")[1]
    with path.open("a", encoding="utf-8") as handle:
        handle.write(first + "\n")
    with pytest.raises(DataError, match="column 'paragraph_id\\+event_id\\+actor_id\\+relation_id': duplicate"):
        validate(data_copy)


def test_document_row_without_a_mention_is_refused(data_copy):
    path = data_copy / "mentions.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame[frame["actor_id"] != "untm"].to_csv(path, index=False, lineterminator="\n")
    with pytest.raises(DataError, match="'untm' comes from a document but no row of mentions links it") as caught:
        validate(data_copy)
    assert caught.value.line == line_of(data_copy / "actors.csv", "untm")


def test_unexpected_column_in_events(data_copy):
    path = data_copy / "events.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame["fatalities"] = ""
    frame.to_csv(path, index=False, lineterminator="\n")
    with pytest.raises(DataError, match="events.csv, line 1, column 'fatalities': unexpected column"):
        validate(data_copy)


@pytest.mark.parametrize("text, first, last, precision", [
    ("2021", "2021-01-01", "2021-12-31", "year"),
    ("2021-05", "2021-05-01", "2021-05-31", "month"),
    ("2020-02", "2020-02-01", "2020-02-29", "month"),
    ("2021-05-24", "2021-05-24", "2021-05-24", "day"),
])
def test_a_partial_date_means_a_span(text, first, last, precision):
    start, end, found = date_bounds(text)
    assert (start.isoformat(), end.isoformat(), found) == (first, last, precision)


# --------------------------------------------------------------------------- traceability

def bibliography_entries():
    text = (ROOT / "references.bib").read_text(encoding="utf-8")
    return dict(re.findall(r"@\w+\{([^,\s]+),(.*?)\n\}", text, flags=re.DOTALL))


def test_every_body_block_and_question_is_mentioned():
    tables = load()
    paragraphs, mentions = tables["paragraphs"], tables["mentions"]
    body = paragraphs[paragraphs["kind"].isin(["paragraph", "recommendation", "question"])]
    assert len(body) == 3 + 4 + 13 + 4
    assert set(body["paragraph_id"]) <= set(mentions["paragraph_id"])



def links(mentions, paragraph_id):
    """What one block links to, as (event, actor, relation, mode) tuples."""
    rows = mentions[mentions["paragraph_id"] == paragraph_id]
    return {tuple("" if pd.isna(value) else value for value in row)
            for row in rows[["event_id", "actor_id", "relation_id", "mode"]].itertuples(index=False)}


def test_a_pull_quote_has_only_links_of_the_paragraph_it_repeats():
    """A pull quote repeats a sentence of the next block, so it cannot refer to anything that block does not."""
    tables = load()
    blocks = tables["paragraphs"].sort_values(["document_id", "order"]).reset_index(drop=True)
    quotes = blocks.index[blocks["kind"] == "pull_quote"]
    assert len(quotes) == 4
    for position in quotes:
        quote, body = blocks.loc[position], blocks.loc[position + 1]
        assert body["kind"] == "paragraph" and body["document_id"] == quote["document_id"]
        targets = {link[:3] for link in links(tables["mentions"], body["paragraph_id"])}
        extra = {link for link in links(tables["mentions"], quote["paragraph_id"]) if link[:3] not in targets}
        assert not extra, (quote["paragraph_id"], extra)


def test_anticipated_events_come_after_everything_the_document_reports():
    """An event a block discusses before it happened starts after every event its document names or implies."""
    tables = load()
    mentions = tables["mentions"].dropna(subset=["event_id"]).merge(
        tables["paragraphs"][["paragraph_id", "document_id"]], on="paragraph_id").merge(
        tables["events"][["event_id", "start"]], on="event_id")
    anticipated = mentions[mentions["mode"] == "anticipated"]
    assert set(anticipated["event_id"]) == {"2021-court-ruling", "2021-maiga-appointed", "2021-ecowas-suspension"}
    reported = mentions[mentions["mode"] != "anticipated"].groupby("document_id")["start"].max()
    for row in anticipated.itertuples():
        assert row.start > reported[row.document_id], (row.paragraph_id, row.event_id)

@pytest.mark.parametrize("table, key", [("events", "event_id"), ("actors", "actor_id"), ("relations", "relation_id")])
def test_document_rows_trace_to_a_paragraph_and_editorial_rows_to_a_reference(table, key):
    tables = load()
    frame, mentions = tables[table], tables["mentions"]
    entries = bibliography_entries()
    documents = frame[frame["provenance"] == "document"]
    assert set(documents[key]) <= set(mentions[key].dropna())
    for row in frame[frame["provenance"] == "editorial"].itertuples():
        assert row.reference_keys, getattr(row, key)
        for reference in row.reference_keys:
            assert reference in entries and "url " in entries[reference], (getattr(row, key), reference)


def test_every_bibliography_entry_has_an_https_or_http_url():
    for key, body in bibliography_entries().items():
        assert re.search(r"url\s*=\s*\{https?://", body), key


def test_document_dates_agree_with_the_sources_table():
    tables = load()
    sources = tables["sources"].set_index("document_id")
    events = tables["events"].set_index("event_id")
    for document, event in [("b115", "2015-b115-published"), ("qa2021", "2021-qa-published")]:
        assert events.loc[event, "start"] == sources.loc[document, "date"]
        assert events.loc[event, "start_precision"] == sources.loc[document, "date_precision"]


def test_frictionless_accepts_the_package():
    report = frictionless.validate(str(DATA_DIR / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:20]
    assert {task.name for task in report.tasks} == {resource["name"] for resource in json.loads(
        (DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))["resources"]}


def test_frictionless_catches_a_broken_foreign_key(data_copy):
    set_cell(data_copy / "events.csv", "2021-arrests", "place_id", "tessalit")
    report = frictionless.validate(str(data_copy / "datapackage.json"))
    assert not report.valid
    assert "foreign-key" in {error.type for task in report.tasks for error in task.errors}


def test_synthetic_package_has_the_asked_number_of_events_and_validates(tmp_path):
    data_dir = synthetic_package(tmp_path, 1_000)
    events = load(data_dir)["events"]
    assert len(events) == 1_000 and events["event_id"].is_unique


def test_author_year_labels_tell_every_reference_apart():
    """The book cites author-year; two entries with the same label would send a reader to the wrong work."""
    labels = {}
    for key, body in bibliography_entries().items():
        author = re.search(r"author\s*=\s*\{(.*?)\},\n", body).group(1)
        year = re.search(r"year\s*=\s*\{(.*?)\}", body).group(1)
        assert (author, year) not in labels, f"{key} and {labels[(author, year)]} both read {author}, {year}"
        labels[(author, year)] = key


# --------------------------------------------------------------------------- disputed facts

def dispute_line(path, dispute_id, value):
    """The 1-based line of a row of disputes.csv."""
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        if line.startswith(f"{dispute_id},") and f",{value}," in line:
            return number
    raise AssertionError(f"{dispute_id} {value} not in {path}")


@pytest.mark.parametrize("old, new, column, message", [
    (",events,2012-rebellion,start,2012-01-16,", ",events,2012-rebelion,start,2012-01-16,", "subject_id",
     "'2012-rebelion' is not a known event_id of events"),
    (",events,2012-rebellion,start,2012-01-16,", ",places,2012-rebellion,start,2012-01-16,", "subject_table",
     "'places' is not one of"),
    (",start,2012-01-16,day,", ",title,2012-01-16,day,", "field", "'title' is not one of"),
    (",start,2012-01-16,day,", ",start,2012-01-32,day,", "value", "'2012-01-32' has no day 32 in 2012-01"),
    (",start,2012-01-16,day,", ",start,2012-01-16,month,", "precision",
     "'2012-01-16' is written to the day but precision says 'month'"),
    (",start,2012-01-16,day,", ",start,2012-01-16,day,", "reference_keys",
     "'iol2012menak' is not a known reference_key"),
])
def test_bad_dispute_names_file_line_and_column(data_copy, old, new, column, message):
    csv_path = data_copy / "disputes.csv"
    line = dispute_line(csv_path, "2012-rebellion-start", "2012-01-16")
    if column == "reference_keys":
        old, new = ",iol2012menaka,", ",iol2012menak,"
    edit_line(csv_path, line, old, new)
    with pytest.raises(DataError, match=re.escape(message)) as caught:
        validate(data_copy)
    assert (caught.value.path, caught.value.line, caught.value.column) == (csv_path, line, column)


@pytest.mark.parametrize("dispute, value, old, new, message, column", [
    # a toll is a whole number
    ("2015-radisson-attack-fatalities", "27", ",27,count,", ",about 27,count,", "fatalities takes a whole number",
     "value"),
    # a dispute needs two values about one fact
    ("2012-coup-start", "2012-03-22", "2012-coup-start,", "2012-coup-day,", "'2012-coup-start' gives only one value",
     "dispute_id"),
    # the values of one dispute are about one subject
    ("2012-coup-start", "2012-03-22", ",2012-coup,start,", ",2012-rebellion,start,", "'2012-coup-start' is about",
     "dispute_id"),
])
def test_the_values_of_a_dispute_belong_together(data_copy, dispute, value, old, new, message, column):
    csv_path = data_copy / "disputes.csv"
    line = dispute_line(csv_path, dispute, value)
    edit_line(csv_path, line, old, new)
    with pytest.raises(DataError, match=re.escape(message)) as caught:
        validate(data_copy)
    assert caught.value.column == column
    # The error names a row of that dispute: the edited one, or the one it no longer agrees with.
    assert caught.value.line in (line - 1, line, line + 1)


def test_the_subject_row_holds_one_of_the_disputed_values(data_copy):
    set_cell(data_copy / "events.csv", "2012-coup", "start", "2012-03-20")
    with pytest.raises(DataError, match=r"events line \d+ holds '2012-03-20' as the start of '2012-coup', which is "
                                        r"none of the disputed values") as caught:
        validate(data_copy)
    assert caught.value.path == data_copy / "disputes.csv" and caught.value.column == "value"
