"""What the data says about one block of a document, for the annotated chapters.

The chapters show, under each block, the events, actors and relations that
``data/mentions.csv`` links to it, so that the prose and the data cannot
disagree about what a paragraph refers to.
"""
from __future__ import annotations

import pandas as pd

from malibook.data import span_label
from malibook.data.mentions import mentions_with_documents

MODE_NOTES = {"named": "", "implied": " (referred to, not named)", "anticipated": " (discussed before it happened)"}


def _event_label(event: pd.Series) -> str:
    when = span_label(event["start"].date(), event["start_precision"], event["end"].date(), event["end_precision"])
    return f"{event['title']} ({when})"


def _relation_label(relation: pd.Series, actors: pd.DataFrame) -> str:
    verb = relation["relation_type"].replace("_", " ")
    post = f" ({relation['post']})" if pd.notna(relation["post"]) else ""
    return (f"{actors.loc[relation['subject_id'], 'short_name']} {verb} "
            f"{actors.loc[relation['object_id'], 'short_name']}{post}")


def block_mentions(tables: dict[str, pd.DataFrame], paragraph_id: str) -> dict[str, list[str]]:
    """The labels of the events, actors and relations a block mentions, in the order of the mentions table.

    Raises KeyError for a paragraph ID the data does not know.
    """
    if paragraph_id not in set(tables["paragraphs"]["paragraph_id"]):
        raise KeyError(f"unknown paragraph ID {paragraph_id!r}")
    actors = tables["actors"].set_index("actor_id")
    events = tables["events"].set_index("event_id")
    relations = tables["relations"].set_index("relation_id")
    found: dict[str, list[str]] = {"events": [], "actors": [], "relations": []}
    for mention in tables["mentions"][tables["mentions"]["paragraph_id"] == paragraph_id].itertuples():
        note = MODE_NOTES[mention.mode]
        if pd.notna(mention.event_id):
            found["events"].append(_event_label(events.loc[mention.event_id]) + note)
        elif pd.notna(mention.actor_id):
            actor = actors.loc[mention.actor_id]
            name = f"{actor['name']} ({actor['acronym']})" if pd.notna(actor["acronym"]) else actor["name"]
            found["actors"].append(name + note)
        else:
            found["relations"].append(_relation_label(relations.loc[mention.relation_id], actors) + note)
    return found


def block_mentions_markdown(tables: dict[str, pd.DataFrame], paragraph_id: str) -> str:
    """The same as a MyST admonition, or an empty string when the block mentions nothing."""
    found = block_mentions(tables, paragraph_id)
    lines = [f"- **{kind.capitalize()}:** " + "; ".join(labels) + "." for kind, labels in found.items() if labels]
    if not lines:
        return ""
    heading = f"```{{admonition}} In the data: what {paragraph_id} refers to"
    return "\n".join([heading, ":class: seealso", *lines, "```"])


def actors_by_document(tables: dict[str, pd.DataFrame]) -> dict[str, list[str]]:
    """Names of the actors mentioned in both documents, only in the Briefing, and only in the Q&A, sorted."""
    documents = mentions_with_documents(tables, "actor_id").groupby("actor_id")["document_id"].agg(frozenset)
    names = tables["actors"].set_index("actor_id")["name"]
    groups = {"both": frozenset({"b115", "qa2021"}), "b115": frozenset({"b115"}), "qa2021": frozenset({"qa2021"})}
    return {group: sorted(names[actor] for actor, found in documents.items() if found == wanted)
            for group, wanted in groups.items()}


def actors_by_document_markdown(tables: dict[str, pd.DataFrame]) -> str:
    """The same as a MyST bullet list."""
    groups = actors_by_document(tables)
    labels = {"both": "In both documents", "b115": "Only in Briefing 115 (2015)", "qa2021": "Only in the Q&A (2021)"}
    return "\n".join(f"- **{labels[group]}** ({len(names)}): " + "; ".join(names) + "."
                     for group, names in groups.items())
