"""The data package travels: a copy of data/ loads anywhere, its references are a table of its own,
and a release publishes it as one zipped Frictionless package (issue 17)."""
import json
import shutil
import zipfile

import frictionless
import pandas as pd
import pytest

from conftest import ROOT
from malibook import load, validate
from malibook.data import DATA_DIR
from malibook.data.bundle import write_data_zip
from malibook.data.references import references_are_current, references_csv
from malibook.publishing.version import current_release


def test_a_copy_of_data_alone_in_another_folder_loads(tmp_path, monkeypatch):
    copy = shutil.copytree(DATA_DIR, tmp_path / "elsewhere" / "my-data")
    monkeypatch.chdir(tmp_path)
    assert not (copy.parent / "references.bib").exists() and not (tmp_path / "references.bib").exists()
    tables = load("elsewhere/my-data")
    pd.testing.assert_frame_equal(tables["events"], load()["events"])
    assert len(tables["references"]) == len(validate()["references"])


def test_the_descriptor_points_to_nothing_outside_its_folder():
    package = json.loads((DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    assert not [key for key in package if key.startswith("malibook:")]
    assert all("/" not in resource["path"] and ".." not in resource["path"] for resource in package["resources"])


def test_references_table_agrees_with_the_bibliography():
    assert references_are_current(), "run `python -m malibook references` and commit data/references.csv"


def test_a_stale_references_table_is_caught(tmp_path):
    bibliography = tmp_path / "references.bib"
    text = (ROOT / "references.bib").read_text(encoding="utf-8")
    bibliography.write_text(text.replace("title       = {Mali: Peace from Below?}", "title = {Changed}", 1),
                            encoding="utf-8")
    assert not references_are_current(bibliography)
    assert "crisisgroup2015peace,techreport,primary,International Crisis Group,Changed," in references_csv(bibliography)


def test_every_cited_key_and_only_those_are_in_the_table():
    tables = validate()
    cited = {key for name, rows in tables.items() if name != "references" for row in rows
             for column in ("reference_keys", "reference_key") for key in (row.get(column) or [])}
    assert {row["reference_key"] for row in tables["references"]} == cited


@pytest.fixture(scope="module")
def data_zip(tmp_path_factory):
    target = tmp_path_factory.mktemp("zip") / current_release().data_zip_name
    return write_data_zip(target, current_release().version)


def test_the_zip_is_a_valid_frictionless_package_with_the_release_version(data_zip):
    with zipfile.ZipFile(data_zip) as archive:
        descriptor = json.loads(archive.read("datapackage.json"))
        names = set(archive.namelist())
    assert descriptor["version"] == current_release().version
    assert names == {"datapackage.json"} | {resource["path"] for resource in descriptor["resources"]}
    report = frictionless.Package(str(data_zip)).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:5]


def test_the_zip_unpacked_anywhere_loads(data_zip, tmp_path):
    with zipfile.ZipFile(data_zip) as archive:
        archive.extractall(tmp_path / "unpacked")
    assert {name: len(rows) for name, rows in validate(tmp_path / "unpacked").items()} == \
        {name: len(rows) for name, rows in validate().items()}


def test_the_same_data_gives_the_same_zip(data_zip, tmp_path):
    again = write_data_zip(tmp_path / data_zip.name, current_release().version)
    assert again.read_bytes() == data_zip.read_bytes()
