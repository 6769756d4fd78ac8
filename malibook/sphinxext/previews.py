"""Previews in the HTML: pointing at or focusing a glossary term shows its definition, a ``{para}`` link
the gist of the block, a citation its reference and editors' note, an actor of a data box its short
description.

Everything a preview says is written by the build into the page, as text: each preview is a hidden
element with ``role="tooltip"`` at the end of the page, and each link or name it previews names it in
``aria-describedby``, so that assistive technology reads it as the link's description even without
JavaScript, and the page needs no request to show it (it also works opened from disk).
``static/book-previews.js`` (deferred, no dependency) shows the preview beside the link on hover and
on keyboard focus, keeps it open while the pointer is over it and closes it with Escape; the
stylesheet hides it in print. The PDF is untouched: this runs for HTML builders only, and the actor
names are marked with an attribute that the LaTeX writer ignores.

A block's gist is its short title and the first sentence of its retelling, in the language of the
edition (collected after the French catalogues have been applied); a term's definition comes from the
glossary's own text, without its citation labels; a citation's reference is the one sphinxcontrib-bibtex
prints (its link title, which the preview replaces), with the entry's editors' note from references.bib
in the edition's language (``bibliography.note_of``: ``notefr`` in French, ``note`` in English).
An actor's preview is its ``description`` from data/actors.csv, ``description_fr`` in the French
edition.
"""
from __future__ import annotations

import functools
import html
import re
from urllib.parse import unquote

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

from malibook.sphinxext.bibliography import note_of
from malibook.sphinxext.blocks import BLOCK_CLASS

TIP_PREFIX = "book-tip-"
ACTOR_ATTRIBUTE = "book_actor_tip"  # on the inline around an actor's name: its preview's text
WORDS = {"en": {"note": "Editors’ note: "}, "fr": {"note": "Note des éditeurs\u00a0: "}}
_TITLE_ID = re.compile(r"^\S+\s+·\s+")  # "b115-p2 · " before a block's short title
# A sentence ends at . ! or ? followed by a space and a capital, a quote or an opening bracket.
_SENTENCE_END = re.compile(r"(?<=[.!?])[\s\u00a0]+(?=[«“\"(A-ZÀ-Ý])")


def plain(text: str, language: str) -> str:
    """Text from a doctree's ``astext()``: one line, no space before punctuation that a removed citation
    label left (French keeps the non-breaking space before its high punctuation)."""
    text = re.sub(r"[ \t\r\n]+", " ", text).strip()
    text = re.sub(r" *\u00a0 *", "\u00a0", text)  # "2015 {cite} ; " in French: one non-breaking space
    return re.sub(r" +(?=[,.)" + (":;!?" if language == "en" else "") + "])", "", text)


def first_sentence(text: str) -> str:
    return _SENTENCE_END.split(text, maxsplit=1)[0]


def _text_without_citations(node: nodes.Node) -> str:
    """The text of an unresolved subtree, its citation roles (``{cite:p}``) left out."""
    copy = node.deepcopy()
    for xref in [element for element in copy.findall(nodes.Element)
                 if element.get("refdomain") == "cite" or "bibtex-citation" in element["classes"]]:
        xref.parent.remove(xref)
    return copy.astext()


# ----- What the previews say, collected from the doctrees --------------------------------------------

def block_gists(doctree: nodes.document, language: str) -> dict[str, tuple[str, str]]:
    """{anchor of a block: (its short title, the first sentence of its retelling)} for one page."""
    gists = {}
    for section in doctree.findall(nodes.section):
        if BLOCK_CLASS not in section["classes"] or not isinstance(section[0], nodes.title):
            continue
        title = _TITLE_ID.sub("", plain(section[0].astext(), language))
        retelling = next((child for child in section.children
                          if isinstance(child, nodes.container) and "retelling" in child["classes"]), None)
        paragraph = next(retelling.findall(nodes.paragraph), None) if retelling is not None else None
        if paragraph is None:
            continue
        copy = paragraph.deepcopy()
        run_in = next((child for child in copy.children if not (isinstance(child, nodes.Text) and not child.strip())),
                      None)
        if isinstance(run_in, nodes.strong):  # the run-in word, "Retelling."
            copy.remove(run_in)
        sentence = first_sentence(plain(_text_without_citations(copy), language))
        for anchor in section["ids"]:
            gists[anchor] = (title, sentence)
    return gists


def glossary_definitions(doctree: nodes.document, language: str) -> dict[str, tuple[str, str]]:
    """{anchor of a glossary term: (the term, its definition's text)} for one page."""
    definitions = {}
    for item in doctree.findall(nodes.definition_list_item):
        terms = [child for child in item.children if isinstance(child, nodes.term)]
        definition = next((child for child in item.children if isinstance(child, nodes.definition)), None)
        if definition is None:
            continue
        text = plain(_text_without_citations(definition), language)
        for term in terms:
            for anchor in term["ids"]:
                definitions[anchor] = (plain(term.astext(), language), text)
    return definitions


def _collect(app: Sphinx, doctree: nodes.document) -> None:
    """After the read (and the French catalogues): what this page can tell the previews of others."""
    language = app.config.language or "en"
    found = {"gists": block_gists(doctree, language), "terms": glossary_definitions(doctree, language)}
    store = _store(app.env)
    store[app.env.docname] = {kind: values for kind, values in found.items() if values}
    if not store[app.env.docname]:
        del store[app.env.docname]


def _store(env) -> dict:
    if not hasattr(env, "book_previews"):
        env.book_previews = {}
    return env.book_previews


def _purge(app: Sphinx, env, docname: str) -> None:
    _store(env).pop(docname, None)


def _merge(app: Sphinx, env, docnames, other) -> None:
    for docname in docnames:
        if docname in _store(other):
            _store(env)[docname] = _store(other)[docname]


def _all(env, kind: str) -> dict:
    merged = {}
    for found in _store(env).values():
        merged.update(found.get(kind, {}))
    return merged


# ----- The previews in the HTML ----------------------------------------------------------------------

class previewed_reference(nodes.reference):
    """A link with a preview: written as the link, with ``aria-describedby``."""


class previewed_name(nodes.inline):
    """A name that is no link (an actor of a data box) with a preview: focusable, with ``aria-describedby``."""


class preview_store(nodes.General, nodes.Element):
    """The page's previews, hidden; written from its ``previews`` attribute, so that search does not
    index their text on every page that links to a term."""


def _described(translator, tip_id: str) -> None:
    """Add aria-describedby to the start tag the translator has just written."""
    for index in range(len(translator.body) - 1, -1, -1):
        tag = translator.body[index]
        if tag.startswith("<a "):
            translator.body[index] = tag.replace(" ", f' aria-describedby="{tip_id}" ', 1)
            return


def visit_previewed_reference(translator, node) -> None:
    translator.visit_reference(node)
    _described(translator, node["book_tip"])


def depart_previewed_reference(translator, node) -> None:
    translator.depart_reference(node)


def visit_previewed_name(translator, node) -> None:
    translator.body.append(f'<span class="book-previewed" tabindex="0" aria-describedby="{node["book_tip"]}">')


def depart_previewed_name(translator, node) -> None:
    translator.body.append("</span>")


def visit_preview_store(translator, node) -> None:
    parts = ['<div class="book-tips">']
    for tip_id, heading, text in node["previews"]:
        head = f'<strong class="book-tip__head">{html.escape(heading)}</strong> ' if heading else ""
        parts.append(f'<div class="book-tip" role="tooltip" id="{tip_id}" hidden>{head}'
                     f'<span class="book-tip__text">{html.escape(text)}</span></div>')
    parts.append("</div>")
    translator.body.append("\n".join(parts) + "\n")
    raise nodes.SkipNode


def _anchor(reference: nodes.reference) -> str | None:
    if reference.get("refid"):
        return reference["refid"]
    uri = reference.get("refuri", "")
    return unquote(uri.split("#", 1)[1]) if "#" in uri else None


def _has_class(node: nodes.Node, name: str) -> bool:
    return any(name in child.get("classes", ()) for child in node.findall(nodes.Element))


class AddPreviews(SphinxPostTransform):
    """Give each previewable link and name of an HTML page its preview."""

    # Not the EPUB: previews need the page's script, which the EPUB leaves out.
    builders = ("html", "dirhtml", "singlehtml")
    formats = ("html",)
    default_priority = 900  # after the references, citations included, are resolved

    def run(self, **kwargs) -> None:
        language = self.config.language or "en"
        gists, terms = _all(self.env, "gists"), _all(self.env, "terms")
        notes = _notes_by_anchor(self.env, language)
        previews: dict[tuple[str, str], str] = {}  # one preview per text, whatever links to it

        def preview_id(heading: str, text: str) -> str:
            return previews.setdefault((heading, text), f"{TIP_PREFIX}{len(previews) + 1}")

        for reference in list(self.document.findall(nodes.reference)):
            if isinstance(reference, previewed_reference):
                continue
            anchor, said = _anchor(reference), None
            if anchor in terms and _has_class(reference, "std-term"):
                said = terms[anchor]
            elif anchor in gists and _has_class(reference, "std-ref"):
                title, sentence = gists[anchor]
                said = (f"{reference.astext()} · {title}", sentence)
            elif isinstance(reference.parent, nodes.inline) and "bibtex-citation" in reference.parent["classes"] \
                    and reference.get("reftitle"):
                said = ("", reference["reftitle"] + _citation_note(notes.get(anchor), language))
                del reference["reftitle"]  # the preview replaces the browser's own tooltip
            if said:
                replacement = previewed_reference(reference.rawsource, "", *reference.children, **reference.attributes)
                replacement["book_tip"] = preview_id(*said)
                reference.replace_self(replacement)
        for name in list(self.document.findall(nodes.inline)):
            if name.get(ACTOR_ATTRIBUTE):
                replacement = previewed_name(name.rawsource, "", *name.children)
                replacement["book_tip"] = preview_id(name.astext(), name[ACTOR_ATTRIBUTE])
                name.replace_self(replacement)
        if previews:
            self.document += preview_store(previews=[(tip_id, heading, text)
                                                     for (heading, text), tip_id in previews.items()])


def _citation_note(latex: str | None, language: str) -> str:
    """" Editors' note: ..." as text for a bibliography entry's note (LaTeX), or "" if it has none."""
    return " " + WORDS[language]["note"] + _plain_note(latex) if latex else ""


def _notes_by_anchor(env, language: str) -> dict[str, str]:
    """{anchor of a bibliography entry: its note in ``language``, as LaTeX} for the entries with one."""
    domain = env.get_domain("cite")
    return {citation.citation_id: note for citation in getattr(domain, "citations", [])
            if (note := note_of(citation.entry, language))}


@functools.lru_cache(maxsize=1024)
def _plain_note(latex: str) -> str:
    """A note's LaTeX as text, converted when a page cites its entry, once per process (converting
    every note for every page took a quarter of a second a page)."""
    from pybtex.richtext import Text

    return Text.from_latex(latex).render_as("text")


# ----- Actors of the data boxes ----------------------------------------------------------------------

def mark_actor_names(trees: list[nodes.Node], descriptions: dict[str, str], heading: str) -> None:
    """Wrap each actor's name (its label, as the data box prints it) in the item that ``heading``
    ("Actors:") opens in an inline carrying its description, for ``AddPreviews``. The inline has no
    class, so that LaTeX writes nothing for it."""
    if not descriptions:
        return
    pattern = re.compile("|".join(re.escape(name) for name in sorted(descriptions, key=len, reverse=True)))
    items = [item for tree in trees for item in tree.findall(nodes.list_item)
             if next(item.findall(nodes.strong), nodes.strong()).astext().startswith(heading)]
    for item in items:
        for text in list(item.findall(nodes.Text)):
            if isinstance(text.parent, nodes.strong) or not pattern.search(text):
                continue
            pieces, position = [], 0
            for match in pattern.finditer(text):
                if match.start() > position:
                    pieces.append(nodes.Text(text[position:match.start()]))
                name = nodes.inline(match.group(), match.group())
                name[ACTOR_ATTRIBUTE] = descriptions[match.group()]
                pieces.append(name)
                position = match.end()
            if position < len(text):
                pieces.append(nodes.Text(text[position:]))
            text.parent.replace(text, pieces)


def actor_descriptions(tables: dict, paragraph_id: str, language: str) -> dict[str, str]:
    """{an actor's label, as a block's data box prints it: its short description in ``language``} for one
    block."""
    from malibook.analysis.annotations import actor_label
    from malibook.data.language import localized

    actors = tables["actors"].set_index("actor_id")
    mentions = tables["mentions"]
    found = {}
    for actor_id in mentions.loc[(mentions["paragraph_id"] == paragraph_id) & mentions["actor_id"].notna(), "actor_id"]:
        actor = actors.loc[actor_id]
        found[actor_label(actor, language)] = localized(actor, "description", language)
    return found


def setup(app: Sphinx) -> None:
    app.connect("doctree-read", _collect)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.add_post_transform(AddPreviews)
    app.add_node(previewed_reference, html=(visit_previewed_reference, depart_previewed_reference))
    app.add_node(previewed_name, html=(visit_previewed_name, depart_previewed_name))
    app.add_node(preview_store, html=(visit_preview_store, None))
    app.add_css_file("book-previews.css")
    app.add_js_file("book-previews.js", loading_method="defer")
