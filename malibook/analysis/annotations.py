"""What the data says about one block of a document, for the annotated chapters.

The chapters show, under each block, the events, actors and relations that
``data/mentions.csv`` links to it, so that the prose and the data cannot
disagree about what a paragraph refers to. Each function prints in the language of the edition
(``language``, or the one ``malibook.data.language`` finds): French titles, names and dates in the
French edition.
"""
from __future__ import annotations

import unicodedata

import pandas as pd

from malibook.analysis.labels import label
from malibook.data import span_label
from malibook.data.language import book_language, localized
from malibook.data.markup import markdown_text
from malibook.data.mentions import mentions_with_documents

MODE_NOTES = {"named": "", "implied": " (referred to, not named)", "anticipated": " (discussed before it happened)"}


def _event_label(event: pd.Series, language: str) -> str:
    when = span_label(event["start"].date(), event["start_precision"], event["end"].date(), event["end_precision"],
                      language)
    return f"{localized(event, 'title', language)} ({when})"


def _relation_label(relation: pd.Series, actors: pd.DataFrame, language: str) -> str:
    names = {role: localized(actors.loc[relation[f"{role}_id"]], "short_name", language)
             for role in ("subject", "object")}
    verb = label(relation["relation_type"].replace("_", " "), language)
    if pd.isna(relation["post"]):
        return label("{subject} {verb} {object}", language, verb=verb, **names)
    return label("{subject} {verb} {object} ({post})", language, verb=verb, post=localized(relation, "post", language),
                 **names)


def actor_label(actor: pd.Series, language: str | None = None) -> str:
    """An actor's name with its acronym, as the edition's language writes them: 'Union africaine (UA)'."""
    name = localized(actor, "name", language)
    acronym = localized(actor, "acronym", language)
    return f"{name} ({acronym})" if pd.notna(acronym) else name


def block_mentions(tables: dict[str, pd.DataFrame], paragraph_id: str,
                   language: str | None = None) -> dict[str, list[str]]:
    """The labels of the events, actors and relations a block mentions, in the order of the mentions table.

    Raises KeyError for a paragraph ID the data does not know.
    """
    language = book_language(language)
    if paragraph_id not in set(tables["paragraphs"]["paragraph_id"]):
        raise KeyError(f"unknown paragraph ID {paragraph_id!r}")
    actors = tables["actors"].set_index("actor_id")
    events = tables["events"].set_index("event_id")
    relations = tables["relations"].set_index("relation_id")
    found: dict[str, list[str]] = {"events": [], "actors": [], "relations": []}
    for mention in tables["mentions"][tables["mentions"]["paragraph_id"] == paragraph_id].itertuples():
        note = MODE_NOTES[mention.mode] and label(MODE_NOTES[mention.mode], language)
        if pd.notna(mention.event_id):
            found["events"].append(_event_label(events.loc[mention.event_id], language) + note)
        elif pd.notna(mention.actor_id):
            found["actors"].append(actor_label(actors.loc[mention.actor_id], language) + note)
        else:
            found["relations"].append(_relation_label(relations.loc[mention.relation_id], actors, language) + note)
    return found


def block_mentions_markdown(tables: dict[str, pd.DataFrame], paragraph_id: str, language: str | None = None) -> str:
    """The same as a MyST admonition, or an empty string when the block mentions nothing; the labels are
    escaped, so that the data's values print as text (``malibook.data.markup``)."""
    found = block_mentions(tables, paragraph_id, language)
    lines = [label("**{kind}:** {items}.", language, kind=label(kind.capitalize(), language),
                   items=label("; ", language).join(map(markdown_text, labels)))
             for kind, labels in found.items() if labels]
    if not lines:
        return ""
    heading = "```{admonition} " + label("In the data: what {paragraph} refers to", language, paragraph=paragraph_id)
    return "\n".join([heading, ":class: seealso", *[f"- {line}" for line in lines], "```"])


def actors_by_document(tables: dict[str, pd.DataFrame], language: str | None = None) -> dict[str, list[str]]:
    """Names of the actors mentioned in both documents, only in the Briefing, and only in the Q&A, sorted."""
    documents = mentions_with_documents(tables, "actor_id").groupby("actor_id")["document_id"].agg(frozenset)
    names = localized(tables["actors"].set_index("actor_id"), "name", language)
    groups = {"both": frozenset({"b115", "qa2021"}), "b115": frozenset({"b115"}), "qa2021": frozenset({"qa2021"})}
    return {group: sorted((names[actor] for actor, found in documents.items() if found == wanted), key=_sort_key)
            for group, wanted in groups.items()}


def _sort_key(name: str) -> tuple[str, str]:
    # Alphabetical as a reader expects it: "État" with the E's, not after the Z's.
    folded = "".join(character for character in unicodedata.normalize("NFD", name.casefold())
                     if not unicodedata.combining(character))
    return folded, name


def actors_by_document_markdown(tables: dict[str, pd.DataFrame], language: str | None = None) -> str:
    """The same as a MyST bullet list."""
    groups = actors_by_document(tables, language)
    labels = {"both": "In both documents", "b115": "Only in Briefing 115 (2015)", "qa2021": "Only in the Q&A (2021)"}
    return "\n".join(label("- **{group}** ({count}): {names}.", language, group=label(labels[group], language),
                           count=str(len(names)), names=label("; ", language).join(map(markdown_text, names)))
                     for group, names in groups.items())
