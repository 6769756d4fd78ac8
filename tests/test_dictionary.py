"""The data appendix is written from the schema, so it names every table and field the package has."""
import json
import re
import shutil

import pytest
from docutils.nodes import make_id

from malibook.data import DATA_DIR
from malibook.data.dictionary import data_dictionary_markdown


def test_dictionary_has_a_section_and_a_row_for_every_table_and_field():
    package = json.loads((DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    text = data_dictionary_markdown(DATA_DIR)
    for resource in package["resources"]:
        assert f"(data-{resource['name']})=" in text
        for field in resource["schema"]["fields"]:
            assert f"| `{field['name']}` | {field['type']} |" in text, (resource["name"], field["name"])


def test_every_table_and_field_has_its_french_title_and_description():
    """The French edition's dictionary takes them from the schema: none may be missing."""
    package = json.loads((DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    missing = [resource["name"] for resource in package["resources"]
               if not resource.get("malibook:title_fr") or not resource.get("malibook:description_fr")]
    missing += [f"{resource['name']}.{field['name']}" for resource in package["resources"]
                for field in resource["schema"]["fields"] if not field.get("malibook:description_fr")]
    assert missing == []


def test_french_dictionary_is_french_and_keeps_the_english_anchors():
    english, french = data_dictionary_markdown(DATA_DIR), data_dictionary_markdown(DATA_DIR, language="fr")
    assert "| Champ | Type | Obligatoire | Règles | Description |" in french and "| Field |" not in french
    assert "## `events.csv`\u00a0: Événements" in french and "Rules across fields" not in french
    assert "(events-csv-events)=" in french and "(kinds-of-source)=" in french
    assert "(events-csv-events)=" not in english  # English headings make these anchors themselves
    for label in re.findall(r"^\((data-[\w-]+)\)=$", english, re.M):
        assert f"({label})=" in french, label


def test_dictionary_follows_a_change_of_schema(tmp_path):
    shutil.copytree(DATA_DIR, tmp_path / "data")
    package_path = tmp_path / "data" / "datapackage.json"
    package = json.loads(package_path.read_text(encoding="utf-8"))
    events = next(resource for resource in package["resources"] if resource["name"] == "events")
    events["schema"]["fields"][1]["description"] = "A title rewritten for this test."
    package_path.write_text(json.dumps(package), encoding="utf-8")
    assert "A title rewritten for this test." in data_dictionary_markdown(tmp_path / "data")


@pytest.mark.build
def test_built_appendix_shows_every_table(built_html):
    page = (built_html / "chapters" / "data-dictionary.html").read_text(encoding="utf-8")
    package = json.loads((DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    # One table per resource, and the crosswalks of the ACLED and UCDP GED exports.
    assert page.count("<table") == len(package["resources"]) + 2
    for resource in package["resources"]:
        assert f'id="{make_id("data-" + resource["name"])}"' in page


def test_the_data_appendix_counts_the_tables_the_package_has():
    """Its opening sentence says how many tables there are (it said "ten" once the tracker made twelve)."""
    import json
    import re

    from conftest import ROOT

    words = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15}
    said = re.search(r"(\w+) CSV tables", (ROOT / "chapters" / "data-dictionary.md").read_text(encoding="utf-8"))
    package = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    assert said and words.get(said.group(1)) == len(package["resources"]), said
