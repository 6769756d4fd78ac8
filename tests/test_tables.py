"""Markdown tables for notebook outputs."""
import json
import re

import pandas as pd

from conftest import ROOT
from malibook.analysis.tables import markdown_table, show_table


def test_markdown_table_escapes_and_keeps_index():
    frame = pd.DataFrame({"gist": ["a | b", None]}, index=pd.Index(["x", "y"], name="id"))
    assert markdown_table(frame).splitlines() == [
        "| id | gist |",
        "| --- | --- |",
        "| x | a \\| b |",
        "| y |  |",
    ]


def test_show_table_is_markdown_output():
    shown = show_table(pd.DataFrame({"n": [1]}), index=False)
    assert shown._repr_markdown_() == "| n |\n| --- |\n| 1 |"


def test_dates_are_shown_at_their_precision_never_as_timestamps():
    frame = pd.DataFrame({"start": pd.to_datetime(["2021-05-24", "2020-08-01", "2012-01-01"]),
                          "start_precision": ["day", "month", "year"], "end": pd.to_datetime(["2021-05-24"] * 3)})
    table = markdown_table(frame, index=False)
    assert table.splitlines()[0] == "| start | end |"  # the precision is in the date now
    starts = [line.split(" | ")[0].strip("| ") for line in table.splitlines()[2:]]
    assert starts == ["24 May 2021", "August 2020", "2012"]
    assert "2021-05-24 |" in table and "00:00:00" not in table  # no precision column: an ISO day
    assert "1er août 2020" not in markdown_table(frame, index=False, language="fr")
    assert "août 2020" in markdown_table(frame, index=False, language="fr")


def test_no_notebook_table_prints_a_timestamp():
    """The book's rule on precision: a day is never printed as a moment ('2012-03-22 00:00:00')."""
    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
            for output in cell.get("outputs", []):
                for text in output.get("data", {}).values():
                    text = "".join(text) if isinstance(text, list) else str(text)
                    assert not re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", text), (path.name, text[:300])
