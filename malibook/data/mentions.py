"""The mentions table joined to the documents its paragraphs belong to: one place for a join that
the annotations, the actor networks and the timeline all need."""
from __future__ import annotations

import pandas as pd


def mentions_with_documents(tables: dict[str, pd.DataFrame], column: str) -> pd.DataFrame:
    """The mentions whose ``column`` (``actor_id``, ``event_id`` or ``relation_id``) is filled, each
    with the ``document_id`` of its paragraph."""
    return tables["mentions"].dropna(subset=[column]).merge(
        tables["paragraphs"][["paragraph_id", "document_id"]], on="paragraph_id")
