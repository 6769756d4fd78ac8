"""The exports to ACLED's and UCDP GED's layouts, the xlsx workbook and the command line (issue 17)."""
import csv
import shutil
import subprocess
import sys

import openpyxl
import pytest

from conftest import ROOT
from malibook.__main__ import main
from malibook.data import DATA_DIR, acled, read_package, ucdp
from malibook.data.exports import Book, crosswalk_markdown, export_rows

# ACLED's columns since its changes of 20 March 2023, in order, as acledR's reference page lists them
# (references.bib: acledr2023columns; acled2023columns describes the changes).
PUBLISHED_ACLED = (
    "event_id_cnty event_date year time_precision disorder_type event_type sub_event_type actor1 assoc_actor_1 "
    "inter1 actor2 assoc_actor_2 inter2 interaction civilian_targeting iso region country admin1 admin2 admin3 "
    "location latitude longitude geo_precision source source_scale notes fatalities tags timestamp").split()
# UCDP GED's 49 columns, in order, as UCDP's API describes them (schema GedDb; references.bib: ucdp2026api).
PUBLISHED_GED = (
    "id relid year active_year code_status type_of_violence conflict_dset_id conflict_new_id conflict_name "
    "dyad_dset_id dyad_new_id dyad_name side_a_dset_id side_a_new_id side_a side_b_dset_id side_b_new_id side_b "
    "number_of_sources source_article source_office source_date source_headline source_original where_prec "
    "where_coordinates where_description adm_1 adm_2 latitude longitude geom_wkt priogrid_gid country country_id "
    "region event_clarity date_prec date_start date_end deaths_a deaths_b deaths_civilians deaths_unknown best high "
    "low gwnoa gwnob").split()
BOOK = Book.load()


def exported(tmp_path, output_format):
    output = tmp_path / f"{output_format}.csv"
    assert main(["export", "--format", output_format, str(output)]) == 0
    with output.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    return rows[0], [dict(zip(rows[0], row)) for row in rows[1:]]


@pytest.mark.parametrize("output_format, published", [("acled", PUBLISHED_ACLED), ("ucdp-ged", PUBLISHED_GED)])
def test_exported_headers_are_the_published_column_lists(tmp_path, output_format, published):
    header, rows = exported(tmp_path, output_format)
    assert header == published
    assert rows and all(len(row) == len(published) for row in rows)


@pytest.mark.parametrize("layout", [acled, ucdp], ids=["acled", "ucdp"])
def test_every_column_has_a_documented_rule(layout):
    assert all(rule.strip().endswith(".") and len(rule) > 5 for _, rule, _ in layout.CROSSWALK)
    table = crosswalk_markdown(layout.CROSSWALK)
    assert all(f"| `{column}` |" in table for column in layout.COLUMNS)


def test_acled_rows_map_dates_actors_and_tolls(tmp_path):
    _, rows = exported(tmp_path, "acled")
    by_id = {row["notes"].split("]")[0].removeprefix("[pacts-and-putsches:"): row for row in rows}
    assert set(by_id) == {event["event_id"] for event in acled.exported_events(BOOK)}
    arrests = by_id["2021-arrests"]
    assert (arrests["event_date"], arrests["time_precision"], arrests["location"], arrests["admin1"]) == \
        ("2021-05-24", "1", "Kati", "Koulikoro")
    # A start known only to the month: the middle of the month, time precision 3.
    charter = by_id["2020-transition-charter"]
    assert (charter["event_date"], charter["time_precision"]) == ("2020-09-15", "3")
    # Fatalities only where a source gives them: the lower of the two tolls, with the dispute in the notes.
    radisson = by_id["2015-radisson-attack"]
    assert radisson["fatalities"] == "21" and "The sources differ on the toll" in radisson["notes"]
    assert "27 killed" in radisson["notes"]
    assert all(row["fatalities"] == "" for key, row in by_id.items() if key != "2015-radisson-attack")
    # Nothing invented: ACLED's own identifiers and judgements stay empty.
    assert all(row[column] == "" for row in rows for column in ("event_id_cnty", "iso", "region", "timestamp"))
    rebellion = by_id["2012-rebellion"]
    assert (rebellion["inter1"], rebellion["inter2"], rebellion["interaction"]) == ("2", "1", "12")
    assert rebellion["location"] == "" and "ACLED would code each day" in rebellion["notes"]


def test_ged_holds_only_lethal_events_with_the_range_of_tolls(tmp_path):
    _, rows = exported(tmp_path, "ucdp-ged")
    assert [row["relid"] for row in rows] == ["pacts-and-putsches:2015-radisson-attack"]
    [radisson] = rows
    assert (radisson["type_of_violence"], radisson["low"], radisson["high"], radisson["best"]) == ("3", "21", "27", "")
    assert (radisson["date_start"], radisson["date_end"], radisson["date_prec"], radisson["where_prec"]) == \
        ("2015-11-20", "2015-11-20", "1", "2")
    assert radisson["geom_wkt"] == "POINT (-7.97522 12.60915)"  # the hotel, shown at Bamako
    assert "UN official" in radisson["source_original"]


def test_an_event_without_a_sourced_toll_is_not_lethal_for_ged():
    events = {event["event_id"]: event for event in BOOK.tables["events"]}
    assert "2015-anefis-fighting" not in {event["event_id"] for event in ucdp.exported_events(BOOK)}
    assert ucdp.type_of_violence(BOOK, events["2015-anefis-fighting"]) == 2  # two non-state sides
    assert ucdp.type_of_violence(BOOK, events["2012-counter-coup"]) == 1     # a state force on a side
    assert ucdp.date_prec(BOOK, events["2020-m5-protests"]) == 4             # an end known to the month
    assert export_rows(BOOK, ucdp.CROSSWALK, []) == []


def test_xlsx_has_a_readme_and_one_sheet_per_table(tmp_path):
    output = tmp_path / "data.xlsx"
    assert main(["export", "--format", "xlsx", str(output)]) == 0
    workbook = openpyxl.load_workbook(output)
    tables = BOOK.tables
    assert workbook.sheetnames == ["README", *tables]
    for name, rows in tables.items():
        assert workbook[name].max_row == len(rows) + 1, name
    places = list(workbook["places"].iter_rows(values_only=True))
    bamako = dict(zip(places[0], places[1]))
    assert [bamako[key] for key in ("place_id", "name", "latitude", "longitude")] == \
        ["bamako", "Bamako", 12.60915, -7.97522]
    rows = list(workbook["events"].iter_rows(values_only=True))
    start = rows[0].index("start")
    events = {row[0]: row for row in rows[1:]}
    assert events["2021-qa-published"][start] == "2021-05"  # a month stays a month, as text
    assert "CSV UTF-8" in " ".join(str(cell) for row in workbook["README"].iter_rows(values_only=True)
                                   for cell in row if cell)


# --------------------------------------------------------------------------- the command line

def run_cli(*arguments, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "malibook", *arguments], cwd=cwd, capture_output=True, text=True)


def test_validate_exits_0_on_the_book_s_data_and_1_with_load_s_message(tmp_path):
    good = run_cli("validate")
    assert good.returncode == 0 and f"valid ({len(read_package()['resources'])} tables" in good.stdout
    shutil.copytree(DATA_DIR, tmp_path / "data")
    places = tmp_path / "data" / "places.csv"
    places.write_text(places.read_text(encoding="utf-8").replace("12.74409", "112.74409"), encoding="utf-8")
    bad = run_cli("validate", str(tmp_path / "data"), cwd=tmp_path)
    assert bad.returncode == 1
    assert f"{places}, line 4, column 'latitude': '112.74409' is above the maximum 90" in bad.stderr


def test_validate_does_not_import_pandas():
    probe = subprocess.run([sys.executable, "-c", "import sys, malibook.__main__ as cli; cli.main(['validate']); "
                                                  "print('pandas' in sys.modules)"],
                           cwd=ROOT, capture_output=True, text=True)
    assert probe.returncode == 0, probe.stderr
    assert probe.stdout.strip().endswith("False")


def test_a_wrong_command_line_exits_2():
    assert run_cli("export", "--format", "gdelt", "out.csv").returncode == 2
