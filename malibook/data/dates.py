"""Dates of reduced precision: ``2021``, ``2021-05`` or ``2021-05-24``, each with its precision.

Used by the validator (a partial-date field), by the frames (the earliest or latest day a date can
mean), and by everything that prints a date for readers, in the language of the edition: "24 May 2021",
"May 2021", "2021" in English; "24 mai 2021", "mai 2021", "1er octobre 2020" in French.
"""
from __future__ import annotations

import calendar
import datetime
import functools
import re

DATE_FORMATS = {"year": "%Y", "month": "%Y-%m", "day": "%Y-%m-%d"}
# Month names spelled out here rather than by strftime's %B, which follows the machine's locale.
MONTH_NAMES = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"],
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
           "novembre", "décembre"],
}
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


def _month_names(language: str) -> list[str]:
    try:
        return MONTH_NAMES[language]
    except KeyError:
        raise ValueError(f"no month names for language {language!r}; known: {sorted(MONTH_NAMES)}") from None


def _day(value: datetime.date, language: str) -> str:
    # French writes the first day of a month as an ordinal: "1er octobre 2020".
    return "1er" if language == "fr" and value.day == 1 else str(value.day)


def date_label(value: datetime.date, precision: str, language: str = "en") -> str:
    """A date for readers, at its precision: '24 May 2021', 'May 2021' or '2021' (or '24 mai 2021')."""
    month = _month_names(language)[value.month - 1]
    if precision == "day":
        return f"{_day(value, language)} {month} {value.year}"
    if precision == "month":
        return f"{month} {value.year}"
    if precision == "year":
        return str(value.year)
    raise ValueError(f"unknown date precision {precision!r}")


def span_label(start: datetime.date, start_precision: str, end: datetime.date, end_precision: str,
               language: str = "en") -> str:
    """A start and an end for readers, as one label when they mean the same day, month or year.

    French shares what both ends have in common, as French typography does: '15–29 août 2015',
    '15 août – 2 septembre 2015'; English keeps both dates whole: '15 August 2015 – 29 August 2015'.
    """
    first, last = date_label(start, start_precision, language), date_label(end, end_precision, language)
    if first == last:
        return first
    if language == "fr" and start_precision == end_precision != "year" and start.year == end.year:
        if start_precision == "day" and start.month == end.month:
            return f"{_day(start, language)}–{last}"
        return f"{first.removesuffix(f' {start.year}')} – {last}"
    return f"{first} – {last}"


def shared_date_labels(dates: list[tuple[datetime.date, str]], language: str = "en") -> tuple[list[str], str]:
    """Rival dates for readers, written once what they have in common: the part of each that differs and
    the part they share, so that '16 or 17 January 2012' (French: '16 ou 17 janvier 2012') is not
    '16 January 2012 or 17 January 2012'. Days of one month share the month and year; days or months
    of one year share the year; anything else shares nothing ('' as the common part)."""
    precisions = {precision for _, precision in dates}
    years = {value.year for value, _ in dates}
    if precisions == {"day"} and len(years) == 1 and len({value.month for value, _ in dates}) == 1:
        value = dates[0][0]
        return [_day(day, language) for day, _ in dates], f"{_month_names(language)[value.month - 1]} {value.year}"
    labels = [date_label(value, precision, language) for value, precision in dates]
    if precisions <= {"day", "month"} and len(years) == 1 and len(dates) > 1:
        return [text.removesuffix(f" {dates[0][0].year}") for text in labels], str(dates[0][0].year)
    return labels, ""


def format_partial_date(value: datetime.date, precision: str) -> str:
    """The inverse of date_bounds: the date written at its precision."""
    return value.strftime(DATE_FORMATS[precision])
