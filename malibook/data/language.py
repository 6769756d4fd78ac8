"""The languages the book is printed in, and which one this run prints.

The book has an English and a French edition, built from the same sources (see
docs/french-edition.md). Code that prints words for readers (the data boxes, the figures, the dates) takes a
``language``; left out, it is the edition being built: ``MALIBOOK_LANGUAGE`` in the environment,
which the Sphinx extension sets from the build's ``language`` so that the notebooks it executes
draw their figures in the same language, or English.

The data holds a French form beside each English one that readers see (``title_fr``, ``name_fr``,
...); ``localized()`` picks the column of the language, falling back to the English column where a
French cell is empty, as the data dictionary says of each such column.

Standard library only, like the rest of ``malibook.data`` up to the DataFrames.
"""
from __future__ import annotations

import os

LANGUAGES = ("en", "fr")
LANGUAGE_VARIABLE = "MALIBOOK_LANGUAGE"


def book_language(language: str | None = None) -> str:
    """``language`` if given, else the environment's MALIBOOK_LANGUAGE, else English; checked."""
    chosen = language if language is not None else (os.environ.get(LANGUAGE_VARIABLE) or "en")
    if chosen not in LANGUAGES:
        source = "language" if language is not None else f"the environment variable {LANGUAGE_VARIABLE}"
        raise ValueError(f"{source} is {chosen!r}; the book is printed in {', '.join(LANGUAGES)}")
    return chosen


def localized_name(column: str, language: str) -> str:
    """The column that holds ``column`` in ``language``: 'title' in English, 'title_fr' in French."""
    return column if book_language(language) == "en" else f"{column}_{language}"


def localized(row, column: str, language: str | None = None):
    """The value of ``column`` in the language of the edition, from a row (a mapping or a pandas Series)
    or, for a DataFrame, a whole column: the French column where it is filled, else the English one."""
    language = book_language(language)
    if language == "en":
        return row[column]
    french = row[localized_name(column, language)]
    if hasattr(french, "fillna"):  # a pandas Series: a whole column at once
        return french.fillna(row[column])
    return french if isinstance(french, str) and french else row[column]  # empty: None, NaN or pandas' NA
