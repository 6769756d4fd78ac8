"""The mentions table joined to the documents its paragraphs belong to: one place for a join that
the annotations, the actor networks and the timeline all need."""
from __future__ import annotations

import pandas as pd


def mentions_with_documents(tables: dict[str, pd.DataFrame], column: str) -> pd.DataFrame:
    """The mentions whose ``column`` (``actor_id``, ``event_id`` or ``relation_id``) is filled, each
    with the ``document_id`` of its paragraph."""
    return tables["mentions"].dropna(subset=[column]).merge(
        tables["paragraphs"][["paragraph_id", "document_id"]], on="paragraph_id")


def paragraphs_by(tables: dict[str, pd.DataFrame], column: str) -> pd.Series:
    """For each ``column`` value (an event, actor or relation ID), the IDs of the paragraphs that
    mention it, in reading order (document, then block) and without repeats: what a figure's
    tooltip cites and where a click on its mark leads."""
    found = mentions_with_documents(tables, column).merge(
        tables["paragraphs"][["paragraph_id", "order"]], on="paragraph_id")
    found = found.sort_values(["document_id", "order"], kind="stable").drop_duplicates([column, "paragraph_id"])
    return found.groupby(column, sort=True)["paragraph_id"].agg(tuple)
