"""Show a DataFrame as a Markdown table, which the book renders in HTML and in the PDF alike.

A DataFrame's own displays are HTML for the browser and fixed-width text for
everything else, so in the PDF a table of sentences becomes a wall of wrapped
monospace. A Markdown output is parsed by MyST into a real table for both.
"""
from __future__ import annotations

import pandas as pd
from IPython.display import Markdown


def _cell(value) -> str:
    text = "" if pd.isna(value) else str(value)
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ")


def markdown_table(frame: pd.DataFrame, index: bool = True) -> str:
    """The frame as a GitHub-style Markdown table; the index becomes the first column if asked."""
    if index:
        frame = frame.reset_index()
    header = "| " + " | ".join(_cell(name) for name in frame.columns) + " |"
    rule = "| " + " | ".join("---" for _ in frame.columns) + " |"
    rows = ["| " + " | ".join(_cell(value) for value in row) + " |" for row in frame.itertuples(index=False)]
    return "\n".join([header, rule, *rows])


def show_table(frame: pd.DataFrame, index: bool = True) -> Markdown:
    """Display `frame` as a Markdown table in a notebook."""
    return Markdown(markdown_table(frame, index=index))
