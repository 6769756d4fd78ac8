"""Directives and roles that print the book's data into the chapters, so prose and data cannot disagree.

- ``{data-dictionary}``: the data dictionary (``malibook.data.dictionary``) from
  ``data/datapackage.json``, at build time;
- ``{crosswalk}``: the columns of the ACLED or UCDP GED export and the rule that fills each;
- ``{block-data}``: under a block of a document, the events, actors and relations the data links
  to it (``malibook.analysis.annotations``), then the block's citation (``malibook.sphinxext.citation``),
  in a container of class ``block-data`` (``malibook.sphinxext.blocks``);
- ``{actors-by-document}``: the actors both documents mention and those only one of them mentions;
- ``{para}``: ``{para}`b115-p2``` links to that block's anchor and fails the build (nitpicky) if no
  chapter defines it;
- ``{event-date}``: ``{event-date}`2020-coup``` prints the dates of that event as the data holds
  them ("18 August 2020", "October 2015"; add ``:start`` or ``:end`` to the ID for one end of a
  span); an unknown event fails the build, and so does a date the data records as disputed
  (``data/disputes.csv``), which must be printed with ``{dispute}``;
- ``{dispute}``: ``{dispute}`2012-rebellion-start``` prints the rival values of a disputed fact
  from the data ("16 or 17 January 2012"), for a sentence that says the sources differ.

A page that uses them is rebuilt when a file of ``data/`` changes. Each writes in the language of
the build ("24 mai 2021", "18 août 2020 ou 17 août 2020" in the French edition), and what the
directives write is kept out of the translation catalogues (``malibook.sphinxext.bilingual``).
"""
from __future__ import annotations

import functools
import json
import pathlib

from docutils import nodes
from docutils.statemachine import StringList
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from malibook.sphinxext.bilingual import mark_generated
from malibook.sphinxext.blocks import data_box
from malibook.sphinxext.citation import block_citation_node
from malibook.sphinxext.metadata import dataset_jsonld
from malibook.sphinxext.previews import actor_descriptions, mark_actor_names


def _note_data_dependency(directive: SphinxDirective) -> pathlib.Path:
    """The book's data folder; the page is rebuilt when any file in it changes."""
    data_dir = pathlib.Path(directive.env.srcdir) / "data"
    for path in sorted(data_dir.glob("*")):
        directive.env.note_dependency(str(path))
    return data_dir


def _parse_markdown(directive: SphinxDirective, text: str, source: str) -> list[nodes.Node]:
    """Generated Markdown as nodes, marked as not to be translated (it is generated in each language)."""
    container = nodes.section()
    document = container.document = directive.state.document
    existing = {id(node) for node in document.findall(nodes.TextElement)}
    directive.state.nested_parse(StringList(text.splitlines(), source=source), directive.content_offset,
                                 container, match_titles=True)
    # MyST attaches the sections of generated headings to the page itself, not to the container.
    mark_generated([container, *(node for node in document.findall(nodes.TextElement) if id(node) not in existing)])
    return list(container.children)


def _language(config) -> str:
    return config.language or "en"


@functools.lru_cache(maxsize=4)
def _tables(data_dir: pathlib.Path, stamp: tuple) -> dict:
    from malibook.data import load

    return load(data_dir)


def _loaded_tables(data_dir: pathlib.Path) -> dict:
    """The data, loaded once per build (and again only if a file changed)."""
    stamp = tuple((path.name, path.stat().st_mtime_ns) for path in sorted(data_dir.glob("*")))
    return _tables(data_dir, stamp)


class BlockData(SphinxDirective):
    """Under a block of a document: the events, actors and relations the data links to it."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        from malibook.analysis.annotations import block_mentions_markdown
        from malibook.analysis.labels import label

        data_dir = _note_data_dependency(self)
        tables, language = _loaded_tables(data_dir), _language(self.config)
        try:
            text = block_mentions_markdown(tables, self.arguments[0], language)
        except KeyError as exc:
            raise self.error(str(exc)) from None
        mentions = _parse_markdown(self, text, "data/mentions.csv")
        # Each actor's name previews its description in the HTML (malibook.sphinxext.previews).
        mark_actor_names(mentions, actor_descriptions(tables, self.arguments[0], language), label("Actors", language))
        # In the container of the block's data layer (malibook.sphinxext.blocks).
        return [data_box([*mentions, block_citation_node(self, self.arguments[0])])]


class ActorsByDocument(SphinxDirective):
    """Which actors both documents mention, and which only one of them, from the data."""

    def run(self) -> list[nodes.Node]:
        from malibook.analysis.annotations import actors_by_document_markdown

        data_dir = _note_data_dependency(self)
        text = actors_by_document_markdown(_loaded_tables(data_dir), _language(self.config))
        return _parse_markdown(self, text, "data/mentions.csv")


def para_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """{para}`b115-p2`: the paragraph ID as a link to the block's anchor in its chapter."""
    node = addnodes.pending_xref(rawtext, refdomain="std", reftype="ref", reftarget=text,
                                 refexplicit=True, refwarn=True)
    node += nodes.literal(rawtext, text, classes=["paragraph-id"])
    # Where the role stands, so that an unknown paragraph ID is reported with its page and line.
    node.source, node.line = inliner.reporter.get_source_and_line(lineno)
    return [node], []


def event_date_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """{event-date}`2020-coup`: the event's dates, from the data, at their precision;
    {event-date}`2013-serval:start` or `...:end` gives one end of the span only."""
    from malibook.data import date_label, span_label

    env = inliner.document.settings.env
    data_dir = pathlib.Path(env.srcdir) / "data"
    env.note_dependency(str(data_dir / "events.csv"))
    events = _loaded_tables(data_dir)["events"].set_index("event_id")
    event_id, _, which = text.partition(":")
    if event_id not in events.index or which not in ("", "start", "end"):
        message = inliner.reporter.error(f"{{event-date}}: no event {text!r} in data/events.csv", line=lineno)
        return [inliner.problematic(rawtext, rawtext, message)], [message]
    disputed = _disputed_fields(data_dir).get(event_id, set()) & ({which} if which else {"start", "end"})
    if disputed:
        message = inliner.reporter.error(
            f"{{event-date}}: the {' and '.join(sorted(disputed))} of {event_id!r} is disputed in data/disputes.csv; "
            f"print it with {{dispute}}", line=lineno)
        return [inliner.problematic(rawtext, rawtext, message)], [message]
    event, language = events.loc[event_id], _language(env.config)
    if which:
        label = date_label(event[which].date(), event[f"{which}_precision"], language)
    else:
        label = span_label(event["start"].date(), event["start_precision"], event["end"].date(),
                           event["end_precision"], language)
    return [nodes.inline(rawtext, label, classes=["event-date"])], []


def _disputed_fields(data_dir: pathlib.Path) -> dict[str, set[str]]:
    """{event ID: the fields of it that are disputed}."""
    disputes = _loaded_tables(data_dir)["disputes"]
    fields: dict[str, set[str]] = {}
    for row in disputes[disputes["subject_table"] == "events"].itertuples():
        fields.setdefault(row.subject_id, set()).add(row.field)
    return fields


def dispute_values_label(rows, language: str = "en") -> str:
    """The rival values of one dispute for readers: dates at their precision, counts as numbers."""
    from malibook.analysis.labels import label
    from malibook.data import date_bounds
    from malibook.data.dates import shared_date_labels

    if all(row.precision not in ("count", "minimum") for row in rows):
        # Rival dates share what they have in common: "16 or 17 January 2012", "16 ou 17 janvier 2012".
        labels, common = shared_date_labels([(date_bounds(row.value)[0], row.precision) for row in rows], language)
    else:
        labels, common = [row.value if row.precision == "count" else label("at least {value}", language,
                                                                           value=row.value) for row in rows], ""
    text = label("{values} or {last}", language, values=", ".join(labels[:-1]), last=labels[-1])
    return f"{text} {common}" if common else text


def dispute_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """{dispute}`2012-rebellion-start`: the rival values of a disputed fact, from data/disputes.csv."""
    env = inliner.document.settings.env
    data_dir = pathlib.Path(env.srcdir) / "data"
    env.note_dependency(str(data_dir / "disputes.csv"))
    disputes = _loaded_tables(data_dir)["disputes"]
    rows = list(disputes[disputes["dispute_id"] == text].itertuples())
    if not rows:
        message = inliner.reporter.error(f"{{dispute}}: no dispute {text!r} in data/disputes.csv", line=lineno)
        return [inliner.problematic(rawtext, rawtext, message)], [message]
    label = dispute_values_label(rows, _language(env.config))
    return [nodes.inline(rawtext, label, classes=["disputed-values"])], []


class DataDictionary(SphinxDirective):
    """Insert the data dictionary of the book's data package, parsed as MyST Markdown."""

    option_spec = {"heading-level": int}

    def run(self) -> list[nodes.Node]:
        from malibook.data.dictionary import data_dictionary_markdown

        data_dir = _note_data_dependency(self)
        text = data_dictionary_markdown(data_dir, self.options.get("heading-level", 2), _language(self.config))
        descriptor = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
        page_url = self.config.html_baseurl + self.env.docname + ".html"  # this edition's folder
        # The data package for search engines (schema.org Dataset), before the dictionary that describes
        # it: placed after, it would take over the anchor of the first table, (data-sources)=.
        linked_data = nodes.raw("", dataset_jsonld(self.config, descriptor, page_url), format="html")
        return [linked_data, *_parse_markdown(self, text, "data/datapackage.json")]


class CrosswalkTable(SphinxDirective):
    """``{crosswalk} acled`` or ``{crosswalk} ucdp-ged``: every column of that layout and how the export fills
    it, from the code that writes the export (``malibook.data.acled``, ``malibook.data.ucdp``)."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        from malibook.data.dictionary import crosswalk_in

        try:
            text = crosswalk_in(self.arguments[0], _language(self.config))
        except ValueError as exc:
            raise self.error(f"{{crosswalk}}: {exc}") from None
        return _parse_markdown(self, text, "malibook/data")


def setup(app: Sphinx) -> None:
    app.add_directive("data-dictionary", DataDictionary)
    app.add_directive("crosswalk", CrosswalkTable)
    app.add_directive("block-data", BlockData)
    app.add_directive("actors-by-document", ActorsByDocument)
    app.add_role("para", para_role)
    app.add_role("event-date", event_date_role)
    app.add_role("dispute", dispute_role)
