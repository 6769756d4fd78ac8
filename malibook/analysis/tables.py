"""Show a DataFrame as a Markdown table, which the book renders in HTML and in the PDF alike.

A DataFrame's own displays are HTML for the browser and fixed-width text for
everything else, so in the PDF a table of sentences becomes a wall of wrapped
monospace. A Markdown output is parsed by MyST into a real table for both.

In the French edition the table's headers and the book's own vocabulary in its cells (lanes,
kinds, interval names: the keys of ``malibook.analysis.labels.FRENCH``) are shown in French, and
decimals take a comma; the frame itself, which code reads, keeps its English keys.
"""
from __future__ import annotations

import pandas as pd
from IPython.display import Markdown

from malibook.analysis.labels import FRENCH
from malibook.data.language import book_language
from malibook.data.markup import markdown_text


def _cell(value, language: str = "en") -> str:
    if pd.isna(value):
        text = ""
    elif language == "fr" and isinstance(value, str):
        text = FRENCH.get(value, value)
    elif language == "fr" and isinstance(value, float):
        text = str(value).replace(".", ",")
    else:
        text = str(value)
    return markdown_text(text)  # data is text, never markup


def markdown_table(frame: pd.DataFrame, index: bool = True, language: str | None = None) -> str:
    """The frame as a GitHub-style Markdown table; the index becomes the first column if asked."""
    language = book_language(language)
    if index:
        frame = frame.reset_index()
    header = "| " + " | ".join(_cell(str(name), language) for name in frame.columns) + " |"
    rule = "| " + " | ".join("---" for _ in frame.columns) + " |"
    rows = ["| " + " | ".join(_cell(value, language) for value in row) + " |" for row in frame.itertuples(index=False)]
    return "\n".join([header, rule, *rows])


def show_table(frame: pd.DataFrame, index: bool = True, language: str | None = None) -> Markdown:
    """Display `frame` as a Markdown table in a notebook, in the language of the edition."""
    return Markdown(markdown_table(frame, index=index, language=language))
