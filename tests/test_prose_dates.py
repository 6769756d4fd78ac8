"""A date printed from the data reads as a date where the prose introduces one day.

"On {event-date}`x`" prints "On 30 August 2023 – 31 August 2023" when x lasted two days: the
sentence then says that one thing happened on a span. Such a role must name a one-day event, in
the chapters and in their French catalogues ("le", "du").
"""
import re

import pytest

from conftest import ROOT
from malibook import load

ONE_DAY_LEAD = re.compile(r"\b(?:[Oo]n|[Ll]e|du)\s+\{event-date\}`([^`]+)`")


def one_day_problems(text: str, events) -> list[str]:
    problems = []
    for target in ONE_DAY_LEAD.findall(text):
        event_id, _, bound = target.partition(":")  # "x:start" prints one bound only
        event = events.loc[event_id]
        if bound:
            if event[f"{bound}_precision"] != "day":
                problems.append(target)
        elif event["start_precision"] != "day" or event["start"] != event["end"]:
            problems.append(target)
    return problems


@pytest.fixture(scope="module")
def events():
    return load()["events"].set_index("event_id")


def test_a_day_introduced_in_prose_is_a_one_day_event(events):
    pages = sorted((ROOT / "chapters").glob("*.md")) + sorted((ROOT / "locales" / "fr").rglob("chapters/*.po"))
    def text_of(page):  # a catalogue's wrapped lines joined, its obsolete messages (#~) left out
        lines = [line for line in page.read_text(encoding="utf-8").splitlines() if not line.startswith("#~")]
        return "\n".join(lines).replace('"\n"', "")

    problems = {page.name: found for page in pages if (found := one_day_problems(text_of(page), events))}
    assert problems == {}


def test_the_check_catches_a_span_introduced_as_a_day(events):
    assert one_day_problems("On {event-date}`2023-un-sanctions-ended` Russia's veto", events) == \
        ["2023-un-sanctions-ended"]
    assert one_day_problems("Le {event-date}`2022-moura`, des soldats", events) == ["2022-moura"]
    assert one_day_problems("on {event-date}`2023-kidal-captured`", events) == []
