"""Dates of reduced precision: ``2021``, ``2021-05`` or ``2021-05-24``, each with its precision.

Used by the validator (a partial-date field), by the frames (the earliest or latest day a date can
mean), and by everything that prints a date for readers ("24 May 2021", "May 2021", "2021").
"""
from __future__ import annotations

import calendar
import datetime
import functools
import re

DATE_FORMATS = {"year": "%Y", "month": "%Y-%m", "day": "%Y-%m-%d"}
PARTIAL_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")


@functools.lru_cache(maxsize=65536)
def date_bounds(text: str) -> tuple[datetime.date, datetime.date, str]:
    """First and last day a reduced-precision ISO date can mean, and its precision.

    Raises ValueError for anything that is not a real calendar date.
    """
    match = PARTIAL_DATE.fullmatch(text)
    if not match:
        raise ValueError("is not a date written YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = match.groups()
    if month is None:
        return datetime.date(int(year), 1, 1), datetime.date(int(year), 12, 31), "year"
    if not 1 <= int(month) <= 12:
        raise ValueError(f"has no month {month}")
    last_day = calendar.monthrange(int(year), int(month))[1]
    if day is None:
        return (datetime.date(int(year), int(month), 1), datetime.date(int(year), int(month), last_day), "month")
    if not 1 <= int(day) <= last_day:
        raise ValueError(f"has no day {day} in {year}-{month}")
    exact = datetime.date(int(year), int(month), int(day))
    return exact, exact, "day"


def date_label(value: datetime.date, precision: str) -> str:
    """A date for readers, at its precision: '24 May 2021', 'May 2021' or '2021'."""
    if precision == "day":
        return f"{value.day} {value:%B %Y}"
    return value.strftime({"month": "%B %Y", "year": "%Y"}[precision])


def span_label(start: datetime.date, start_precision: str, end: datetime.date, end_precision: str) -> str:
    """A start and an end for readers, as one label when they mean the same day, month or year."""
    first, last = date_label(start, start_precision), date_label(end, end_precision)
    return first if first == last else f"{first} – {last}"


def format_partial_date(value: datetime.date, precision: str) -> str:
    """The inverse of date_bounds: the date written at its precision."""
    return value.strftime(DATE_FORMATS[precision])
