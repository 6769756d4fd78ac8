"""Where Briefing 115 (2015) and the Q&A (2021) meet: the synopsis page's generated parts.

The synopsis chapter (``chapters/synopsis.md``, directive ``{synopsis}`` of
``malibook.sphinxext.synopsis``) sets the two texts side by side at the points they share, all from
the data: the actors both mention (``mentions`` and ``actors``), the events both mention (the 2015
agreement), and the Briefing's recommendations beside what became of them
(``recommendation_components``, ``recommendation_status``). Each side is a list of the blocks
concerned, with their paragraph IDs as ``{para}`` links and the book's one-line gist of each
(``paragraphs.gist``), in the language of the edition. Every value of the data is escaped: it
reaches the page as text, never as markup.
"""
from __future__ import annotations

import pandas as pd

from malibook.analysis.annotations import _event_label, _sort_key, actor_label
from malibook.analysis.labels import label
from malibook.analysis.recommendations import tracker_frame
from malibook.data.language import book_language, localized
from malibook.data.markup import markdown_text
from malibook.data.mentions import mentions_with_documents, paragraphs_by

DOCUMENTS = ("b115", "qa2021")
DOCUMENT_NAMES = {"b115": "Briefing 115 (2015)", "qa2021": "The Q&A (2021)"}


def shared(tables: dict[str, pd.DataFrame], column: str) -> list[str]:
    """The IDs of ``column`` (``actor_id``, ``event_id``) that both documents mention, sorted."""
    documents = mentions_with_documents(tables, column).groupby(column)["document_id"].agg(frozenset)
    return sorted(key for key, found in documents.items() if found == frozenset(DOCUMENTS))


def _blocks_by_document(tables: dict[str, pd.DataFrame], column: str, key: str) -> dict[str, list[str]]:
    """The blocks that mention ``key``, by document, in reading order."""
    document_of = tables["paragraphs"].set_index("paragraph_id")["document_id"]
    found = paragraphs_by(tables, column)[key]
    return {document: [block for block in found if document_of[block] == document] for document in DOCUMENTS}


def block_list(tables: dict[str, pd.DataFrame], blocks: list[str], language: str | None = None) -> str:
    """Blocks as a MyST bullet list: each its paragraph ID as a link, then its gist."""
    gists = localized(tables["paragraphs"].set_index("paragraph_id"), "gist", language)
    return "\n".join(f"- {{para}}`{block}` · {markdown_text(gists[block])}" for block in blocks)


def actors_table(tables: dict[str, pd.DataFrame], language: str | None = None) -> str:
    """The actors both documents mention, as a MyST table: the actor, then the blocks of each document."""
    language = book_language(language)
    actors = tables["actors"].set_index("actor_id")
    rows = sorted(((actor_label(actors.loc[actor], language), actor) for actor in shared(tables, "actor_id")),
                  key=lambda pair: _sort_key(pair[0]))
    header = [label("Actor", language)] + [label(DOCUMENT_NAMES[document], language) for document in DOCUMENTS]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join("---" for _ in header) + " |"]
    for name, actor in rows:
        blocks = _blocks_by_document(tables, "actor_id", actor)
        cells = [markdown_text(name)] + [", ".join(f"{{para}}`{block}`" for block in blocks[document])
                                         for document in DOCUMENTS]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def events_side_by_side(tables: dict[str, pd.DataFrame], language: str | None = None) -> list[dict]:
    """For each event both documents mention: its title and date, the two documents' names, and one pair
    of halves: each document's blocks on it."""
    language = book_language(language)
    events = tables["events"].set_index("event_id")
    rows = []
    for event in shared(tables, "event_id"):
        blocks = _blocks_by_document(tables, "event_id", event)
        rows.append({"title": markdown_text(_event_label(events.loc[event], language)),
                     "headings": [label(DOCUMENT_NAMES[document], language) for document in DOCUMENTS],
                     "pairs": [[block_list(tables, blocks[document], language) for document in DOCUMENTS]]})
    return rows


def recommendations_side_by_side(tables: dict[str, pd.DataFrame], language: str | None = None) -> list[dict]:
    """For each recommendation of the Briefing: its block and gist, then one pair per component: what the
    Briefing asked, beside the component's latest dated observation (status, date, references)."""
    language = book_language(language)
    frame = tracker_frame(tables, language)
    paragraphs = tables["paragraphs"].set_index("paragraph_id")
    rows = []
    for block, group in tables["recommendation_components"].groupby("paragraph_id", sort=False):
        pairs = []
        for _, component in group.iterrows():
            observations = frame[frame["component_id"] == component["component_id"]]
            dated = observations[observations["observed"].notna()]
            last = (dated if len(dated) else observations).iloc[-1]
            fate = label("**{status}** ({date})", language, status=markdown_text(last["status_label"]),
                         date=markdown_text(last["date"]))
            if last["reference_keys"]:
                fate += f" {{cite:p}}`{','.join(last['reference_keys'])}`"
            pairs.append([markdown_text(localized(component, "label", language)), fate])
        gist = localized(paragraphs.loc[block], "gist", language)
        rows.append({"title": f"{{para}}`{block}` · {markdown_text(gist)}",
                     "headings": [label(DOCUMENT_NAMES["b115"], language),
                                  label("What became of it: the latest observation", language)],
                     "pairs": pairs})
    return rows
