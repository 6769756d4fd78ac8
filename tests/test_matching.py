"""Candidate matches between the book's events and a researcher's ACLED or GED rows (issue 17), tested on
the synthetic rows the package makes: no ACLED or UCDP row is shipped."""
import pandas as pd
import pytest

from malibook import load
from malibook.analysis.matching import candidates, detect_layout, distance_km, normalised_admin, read_export
from malibook.data.synthetic import SYNTHETIC_MARK, synthetic_export, write_synthetic_export

TABLES = load()


def export_frame(layout):
    header, rows, truth = synthetic_export(layout)
    return pd.DataFrame(rows, columns=header), truth


@pytest.mark.parametrize("layout", ["acled", "ucdp-ged"])
def test_every_synthetic_row_made_from_an_event_is_among_its_candidates(layout):
    frame, truth = export_frame(layout)
    found = candidates(TABLES, read_export(frame))
    pairs = set(zip(found["row"], found["event_id"]))
    assert set(truth.items()) <= pairs
    best = found.groupby("event_id").head(1)
    right = sum(truth.get(row) == event for event, row in zip(best["event_id"], best["row"]))
    assert right >= 0.6 * len(truth)


def test_synthetic_rows_say_so_and_carry_no_toll():
    acled_frame, _ = export_frame("acled")
    ged_frame, _ = export_frame("ucdp-ged")
    assert (acled_frame["notes"] == SYNTHETIC_MARK).all() and (acled_frame["source"] == "").all()
    assert (ged_frame["source_article"] == SYNTHETIC_MARK).all()
    assert (ged_frame[["best", "low", "high"]] == "").all().all()


def test_the_same_seed_gives_the_same_rows(tmp_path):
    first, second = tmp_path / "a.csv", tmp_path / "b.csv"
    assert write_synthetic_export(first, "acled") == write_synthetic_export(second, "acled")
    assert first.read_bytes() == second.read_bytes()


def test_precision_becomes_an_interval():
    frame = pd.DataFrame({"event_date": ["2021-05-24", "2021-05-19", "2021-05-15"], "time_precision": ["1", "2", "3"],
                          "event_type": "Battles", "sub_event_type": "Armed clash", "admin1": "Kidal",
                          "location": "Anefis", "latitude": "18.04", "longitude": "0.60"})
    layout, rows = read_export(frame)
    assert layout == "acled"
    assert [(str(a.date()), str(b.date())) for a, b in zip(rows["first"], rows["last"])] == [
        ("2021-05-24", "2021-05-24"), ("2021-05-16", "2021-05-22"), ("2021-05-01", "2021-05-31")]


def test_a_month_long_book_date_meets_a_day_inside_it():
    # The transition charter starts in September 2020, known only to the month.
    frame = pd.DataFrame({"event_date": ["2020-09-12"], "time_precision": ["1"], "event_type": "Strategic developments",
                          "sub_event_type": "Agreement", "admin1": "Bamako", "location": "Bamako",
                          "latitude": "12.65", "longitude": "-8.0"})
    found = candidates(TABLES, read_export(frame))
    charter = found[found["event_id"] == "2020-transition-charter"]
    assert list(charter["gap_days"]) == [0] and list(charter["score"]) == [1.0]


def test_place_scores_by_distance_or_admin1():
    assert distance_km(12.65, -8.0, 12.7467, -8.0714) == pytest.approx(13.2, abs=0.2)  # Bamako to Kati
    assert normalised_admin("Région de Kidal") == normalised_admin("Kidal") == "kidal"
    assert normalised_admin("Bamako District") == normalised_admin("bamako")


def test_a_file_that_is_neither_layout_is_refused():
    with pytest.raises(ValueError, match="neither an ACLED nor a UCDP GED export"):
        detect_layout(["date", "place"])
