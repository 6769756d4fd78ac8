"""Markdown tables for notebook outputs."""
import pandas as pd

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
