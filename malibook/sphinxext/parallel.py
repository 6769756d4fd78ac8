"""``{parallel-view}``: the page of a document chapter's English and French texts side by side.

The directive names the chapter (``briefing-115``) and writes a placeholder: the two texts come from
the two editions' builds, which ``make html`` composes into it once both are done
(``malibook.publishing.parallel_pages``). The page is for screens (``print_edition.SCREEN_ONLY_PAGES``): other
builders get nothing from the directive.
"""
from __future__ import annotations

import posixpath

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from malibook.publishing.parallel_pages import placeholder


class ParallelView(SphinxDirective):
    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        source = posixpath.normpath(posixpath.join(posixpath.dirname(self.env.docname), self.arguments[0]))
        if source not in self.env.found_docs:
            raise self.error(f"parallel-view: no page {self.arguments[0]!r} (looked for {source})")
        self.env.note_dependency(self.env.doc2path(source))
        return [nodes.raw("", placeholder(source), format="html")]


def setup(app: Sphinx) -> None:
    app.add_directive("parallel-view", ParallelView)
