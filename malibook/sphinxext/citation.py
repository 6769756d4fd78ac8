"""Cite this block, cite this book: citations generated from the release and the page, never typed.

- Under every block of the two document chapters, ``{block-data}`` (``malibook.sphinxext.data_markup``)
  adds a ``block_citation`` node. Once the page is read, it takes the block's heading as its title
  and checks that the page defines the block's anchor (``(qa2021-p5)=``); a block without one fails
  the build. In HTML it becomes a ``<details>`` element, "Cite this block", holding the author-date
  text, BibTeX and RIS of that block in this version, each in a ``<pre>`` block that
  sphinx-copybutton copies with one click (and that reads without JavaScript). The PDF leaves it out:
  the how-to-cite page, which the PDF carries, explains the pattern.
- ``{book-citation}`` prints the citation of the whole book in the three formats, for the
  how-to-cite page (in HTML and PDF), and ``{book-doi}`` the book's DOI (``doi:`` in
  ``CITATION.cff``) or, until one is minted, that there is none yet.
- ``{book-version-status}`` says which version the reader holds: released on a date, or a working
  version not yet released, whose citations point at the ``dev/`` folder where it is served;
  ``{citation-address}`` prints the address a citation of the book (or of ``page#block``) gives.

The formats themselves are in ``malibook.publishing.citation_formats``.
"""
from __future__ import annotations

import datetime as dt
import html

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from malibook.publishing.citation_formats import FORMATS, Citable, block_url
from malibook.publishing.versioned_site import served_url

logger = logging.getLogger(__name__)
LANGUAGES = {"Author-date": "text", "BibTeX": "bibtex", "RIS": "text"}
# What the boxes say around the citations, in each edition's language.
WORDS = {
    "en": {"cite": "Cite this block ({block}, version {version})", "Author-date": "Author-date",
           "released": "You are reading version {version} of {title}, released on {date}.",
           "unreleased": "You are reading a working version of {title}: version {version} is not released yet, "
                         "so its citations give no year and point at the working version's address, which "
                         "changes with every update; once {version} is released, cite it from its own folder.",
           "address": "The address it gives is {where}:",
           "address_released": "this version's own folder of the book's site",
           "address_unreleased": "the folder of the site that serves the working version",
           "doi": "The book's DOI, which names all its versions: ",
           "no_doi": "No DOI has been minted for the book yet, so the citations above give none."},
    "fr": {"cite": "Citer ce bloc ({block}, version {version})", "Author-date": "Auteur-date",
           "released": "Vous lisez la version {version} de {title}, publiée le {date}.",
           "unreleased": "Vous lisez une version de travail de {title} : la version {version} n’est pas encore "
                         "publiée, si bien que ses citations ne donnent pas d’année et renvoient à l’adresse de la "
                         "version de travail, qui change à chaque mise à jour ; une fois la version {version} "
                         "publiée, citez-la depuis son propre dossier.",
           "address": "L’adresse qu’elle donne est {where} :",
           "address_released": "le dossier propre à cette version sur le site du livre",
           "address_unreleased": "le dossier du site qui sert la version de travail",
           "doi": "Le DOI du livre, qui désigne toutes ses versions : ",
           "no_doi": "Aucun DOI n’a encore été attribué au livre ; les citations ci-dessus n’en donnent donc pas."},
}


def _words(language: str | None) -> dict[str, str]:
    return WORDS.get(language or "en", WORDS["en"])


class block_citation(nodes.General, nodes.Element):
    """Where a block's citation goes; ``block_id``, ``page`` and, once the page is read, ``block_title``."""


def book_citable(config: Config, **block: str) -> Citable:
    """The book in this build's version, or one of its blocks (``block_id``, ``block_title``, ``page``)."""
    date = dt.date.fromisoformat(config.book_release_date) if config.book_release_date else None
    page = block.pop("page", None)
    if page and (config.language or "en") != "en":
        page = f"{config.language}/{page}"  # each edition's pages live in the version's <language>/ folder
    released = date is not None
    url = (block_url(config.book_site_url, config.version, page, block["block_id"], released) if page
           else served_url(config.book_site_url, config.version, released))
    return Citable(authors=config.author, book_title=config.project, version=config.version, date=date, url=url,
                   language=config.language or "en", doi=config.book_doi or None, **block)


def block_citation_node(directive: SphinxDirective, block_id: str) -> block_citation:
    """The node ``{block-data}`` adds under a block; ``_complete_block_citations`` fills in its title."""
    node = block_citation("", block_id=block_id, page=directive.env.docname)
    directive.set_source_info(node)
    return node


def _complete_block_citations(app: Sphinx, doctree: nodes.document) -> None:
    """Give each block citation the heading of its section; a block without its anchor is an error."""
    for node in doctree.findall(block_citation):
        block_id = node["block_id"]
        if block_id not in doctree.ids:
            logger.warning(f"block {block_id}: this page defines no anchor ({block_id})=, which the block's "
                           "citation must point to", location=node)
        section = node.parent
        while section is not None and not isinstance(section, nodes.section):
            section = section.parent
        node["block_title"] = section[0].astext() if section is not None else block_id


def citation_details_html(citable: Citable) -> str:
    """"Cite this block": a <details> element with each format in a <pre> block that can be copied."""
    words = _words(citable.language)
    summary = words["cite"].format(block=html.escape(citable.block_id), version=html.escape(citable.version))
    parts = [f'<details class="book-citation">\n<summary>{summary}</summary>\n']
    for label, render in FORMATS.items():
        parts.append(f'<p class="book-citation__format">{words.get(label, label)}</p>\n'
                     f'<div class="highlight-{LANGUAGES[label]} notranslate"><div class="highlight">'
                     f"<pre>{html.escape(render(citable))}</pre></div></div>\n")
    parts.append("</details>\n")
    return "".join(parts)


def _visit_block_citation_html(translator, node: block_citation) -> None:
    citable = book_citable(translator.builder.config, block_id=node["block_id"],
                           block_title=node.get("block_title", node["block_id"]), page=node["page"])
    translator.body.append(citation_details_html(citable))
    raise nodes.SkipNode


def _skip(translator, node: nodes.Node) -> None:
    raise nodes.SkipNode


class BookCitation(SphinxDirective):
    """The citation of the book in this version, in each format, for the how-to-cite page."""

    def run(self) -> list[nodes.Node]:
        citable = book_citable(self.config)
        result: list[nodes.Node] = []
        words = _words(self.config.language)
        for label, render in FORMATS.items():
            shown = words.get(label, label)
            result.append(nodes.paragraph("", "", nodes.strong(shown, shown)))
            text = render(citable)
            block = nodes.literal_block(text, text, language=LANGUAGES[label])
            self.set_source_info(block)
            result.append(block)
        return result


def _generated(result: list[nodes.Node]) -> list[nodes.Node]:
    """Text written by the build in the edition's language: kept out of the translation catalogues."""
    from malibook.sphinxext.bilingual import mark_generated

    mark_generated(result)
    return result


class BookDoi(SphinxDirective):
    """Where the book's DOI stands: the DOI recorded in CITATION.cff, or a note that none is minted yet."""

    def run(self) -> list[nodes.Node]:
        doi = self.config.book_doi
        words = _words(self.config.language)
        if doi:
            link = nodes.reference(f"https://doi.org/{doi}", f"https://doi.org/{doi}", refuri=f"https://doi.org/{doi}")
            return _generated([nodes.paragraph("", "", nodes.Text(words["doi"]), link, nodes.Text("."))])
        return _generated([nodes.paragraph("", words["no_doi"])])


class BookVersionStatus(SphinxDirective):
    """Which version the reader holds: released on a date, or a working version not released yet."""

    def run(self) -> list[nodes.Node]:
        citable = book_citable(self.config)
        words = _words(self.config.language)
        title = nodes.emphasis(citable.book_title, citable.book_title)
        if citable.released:
            from malibook.data.dates import date_label

            sentence = words["released"].format(version=citable.version, title="\0",
                                                date=date_label(citable.date, "day", citable.language))
        else:
            sentence = words["unreleased"].format(version=citable.version, title="\0")
        before, _, after = sentence.partition("\0")
        return _generated([nodes.paragraph("", "", nodes.Text(before), title, nodes.Text(after))])


class CitationAddress(SphinxDirective):
    """The address the citations give: of the book (no argument), or of a block (``page#block``)."""

    optional_arguments = 1

    def run(self) -> list[nodes.Node]:
        target = self.arguments[0] if self.arguments else ""
        page, _, block_id = target.partition("#")
        citable = book_citable(self.config, page=page, block_id=block_id) if page else book_citable(self.config)
        words = _words(self.config.language)
        where = words["address_released" if citable.released else "address_unreleased"]
        intro = nodes.paragraph("", words["address"].format(where=where))
        block = nodes.literal_block(citable.url, citable.url, language="text")
        self.set_source_info(block)
        return _generated([block] if page else [intro, block])


def setup(app: Sphinx) -> None:
    skip = (_skip, None)
    app.add_node(block_citation, html=(_visit_block_citation_html, None), latex=skip, text=skip, man=skip,
                 texinfo=skip)
    app.add_directive("book-citation", BookCitation)
    app.add_directive("book-doi", BookDoi)
    app.add_directive("book-version-status", BookVersionStatus)
    app.add_directive("citation-address", CitationAddress)
    app.connect("doctree-read", _complete_block_citations)
