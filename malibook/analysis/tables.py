"""Show a DataFrame as a Markdown table, which the book renders in HTML and in the PDF alike.

A DataFrame's own displays are HTML for the browser and fixed-width text for
everything else, so in the PDF a table of sentences becomes a wall of wrapped
monospace. A Markdown output is parsed by MyST into a real table for both.

In the French edition the table's headers and the book's own vocabulary in its cells (lanes,
kinds, interval names: the keys of ``malibook.analysis.labels.FRENCH``) are shown in French, and
decimals take a comma; the frame itself, which code reads, keeps its English keys.

Dates are shown at their precision, never as a timestamp: a date column ``start`` beside a column
``start_precision`` is written as readers read it ("24 May 2021", "May 2021", "2021"; in French,
"24 mai 2021"), and the precision column, which the date now says, is left out; a date column
without one (the rows of an ACLED or GED export, dated to the day) is written as an ISO day.
"""
from __future__ import annotations

import pandas as pd
from IPython.display import Markdown

from malibook.analysis.labels import FRENCH
from malibook.data.dates import date_label
from malibook.data.language import book_language
from malibook.data.markup import markdown_text

PRECISION_SUFFIX = "_precision"


def _cell(value, language: str = "en") -> str:
    if pd.isna(value):
        text = ""
    elif language == "fr" and isinstance(value, str):
        text = FRENCH.get(value, value)
    elif language == "fr" and isinstance(value, float):
        text = str(value).replace(".", ",")
    elif isinstance(value, pd.Timestamp):
        text = value.date().isoformat() if value == value.normalize() else value.isoformat(sep=" ")
    else:
        text = str(value)
    return markdown_text(text)  # data is text, never markup


def markdown_table(frame: pd.DataFrame, index: bool = True, language: str | None = None) -> str:
    """The frame as a GitHub-style Markdown table; the index becomes the first column if asked."""
    language = book_language(language)
    if index:
        frame = frame.reset_index()
    frame = dates_at_their_precision(frame, language)
    header = "| " + " | ".join(_cell(str(name), language) for name in frame.columns) + " |"
    rule = "| " + " | ".join("---" for _ in frame.columns) + " |"
    rows = ["| " + " | ".join(_cell(value, language) for value in row) + " |" for row in frame.itertuples(index=False)]
    return "\n".join([header, rule, *rows])


def dates_at_their_precision(frame: pd.DataFrame, language: str | None = None) -> pd.DataFrame:
    """The frame with each date column that has a precision column beside it written at that precision
    (in the language of the edition), and without the precision columns so used."""
    language = book_language(language)
    used = [f"{column}{PRECISION_SUFFIX}" for column in frame.columns
            if f"{column}{PRECISION_SUFFIX}" in frame.columns and pd.api.types.is_datetime64_any_dtype(frame[column])]
    if not used:
        return frame
    frame = frame.copy()
    for precision_column in used:
        column = precision_column.removesuffix(PRECISION_SUFFIX)
        frame[column] = [None if pd.isna(day) else date_label(day.date(), precision, language)
                         for day, precision in zip(frame[column], frame[precision_column])]
    return frame.drop(columns=used)


def show_table(frame: pd.DataFrame, index: bool = True, language: str | None = None) -> Markdown:
    """Display `frame` as a Markdown table in a notebook, in the language of the edition."""
    return Markdown(markdown_table(frame, index=index, language=language))
