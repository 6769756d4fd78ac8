"""``{parallel-view}``: the page of a document chapter's English and French texts side by side.

The directive names the chapter (``briefing-115``) and writes a placeholder: the two texts come from
the two editions' builds, which ``make html`` composes into it once both are done
(``malibook.publishing.parallel_pages``). The page is for screens (``print_edition.SCREEN_ONLY_PAGES``): the
PDF leaves it out, and the EPUB, which holds one edition, says where the page is on the book's site.
"""
from __future__ import annotations

import posixpath

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from malibook.publishing.parallel_pages import placeholder

# What the EPUB prints instead of the two texts, in the edition's language.
IN_THE_WEB_EDITION = {"en": "The two texts side by side are in the web edition of the book: ",
                      "fr": "Les deux textes en regard se lisent dans l’édition en ligne du livre\u00a0: "}


class ParallelView(SphinxDirective):
    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        source = posixpath.normpath(posixpath.join(posixpath.dirname(self.env.docname), self.arguments[0]))
        if source not in self.env.found_docs:
            raise self.error(f"parallel-view: no page {self.arguments[0]!r} (looked for {source})")
        self.env.note_dependency(self.env.doc2path(source))
        address = self.config.html_baseurl + self.env.docname + ".html"  # this edition's folder of the site
        note = nodes.paragraph("", IN_THE_WEB_EDITION.get(self.config.language or "en", IN_THE_WEB_EDITION["en"]))
        note += nodes.reference(address, address, refuri=address)
        note += nodes.Text(".")
        in_the_epub = addnodes.only(expr="epub")
        in_the_epub += note
        return [nodes.raw("", placeholder(source), format="html"), in_the_epub]


def setup(app: Sphinx) -> None:
    app.add_directive("parallel-view", ParallelView)
