"""The record goes on after the two documents: at least 15 events after June 2021, each resting on a
report written at the time, never on encyclopedia pages alone."""
import pandas as pd

from malibook import load
from malibook.data.sources import read_bibliography, rests_on_weak_sources

AFTER = pd.Timestamp("2021-07-01")


def thinly_sourced_events_after(events: pd.DataFrame, entries: dict) -> list[str]:
    """Events starting after June 2021 that cite nothing, or only encyclopedia and mirror pages."""
    later = events[events["start"] >= AFTER]
    return [row.event_id for row in later.itertuples()
            if not row.reference_keys or rests_on_weak_sources(list(row.reference_keys), entries)]


def test_at_least_fifteen_events_after_june_2021_each_on_a_report():
    events = load()["events"]
    assert (events["start"] >= AFTER).sum() >= 15
    assert thinly_sourced_events_after(events, read_bibliography()) == []


def test_an_event_on_an_encyclopedia_alone_would_be_caught():
    events = load()["events"]
    entries = read_bibliography()
    kidal = events["event_id"] == "2023-kidal-captured"
    events.loc[kidal, "reference_keys"] = pd.Series([["wikimilimoura"]], index=events.index[kidal])
    assert thinly_sourced_events_after(events, entries) == ["2023-kidal-captured"]
