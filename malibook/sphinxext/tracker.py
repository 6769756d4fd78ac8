"""``{recommendation-tracker}``: the table of what became of Briefing 115's recommendations, from the data.

The reading-together chapter prints the tracker (``data/recommendation_components.csv`` and
``data/recommendation_status.csv``) through ``malibook.analysis.recommendations.tracker_markdown``,
in the language of the build: French labels, notes, statuses and dates in the French edition. The
cells of the data are escaped, so they reach the page as text, never as markup; the paragraph IDs
become links to their blocks and the reference keys citations. What the directive writes is kept
out of the translation catalogues, like the other data directives (``malibook.sphinxext.data_markup``).
Its style sheet, ``static/book-tracker.css``, gives the notes the room and stacks each row on a phone.
"""
from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from malibook.sphinxext.data_markup import _language, _loaded_tables, _note_data_dependency, _parse_markdown

COLUMN_WIDTHS = (27, 16, 15, 42)  # component, date, status, notes: the same shares as book-tracker.css


class RecommendationTracker(SphinxDirective):
    """The tracker's table: one row per dated observation of a component of the recommendations."""

    def run(self) -> list[nodes.Node]:
        from malibook.analysis.recommendations import tracker_markdown

        data_dir = _note_data_dependency(self)
        text = tracker_markdown(_loaded_tables(data_dir), _language(self.config))
        container = nodes.container(classes=["recommendation-tracker"])
        container.extend(_parse_markdown(self, text, "data/recommendation_status.csv"))
        # LaTeX: a long table that breaks across pages (a tabulary cannot), with the HTML's column widths,
        # so that the notes get the room there too.
        for table in container.findall(nodes.table):
            table["classes"] += ["longtable", "colwidths-given"]
            for colspec, width in zip(table.findall(nodes.colspec), COLUMN_WIDTHS):
                colspec["colwidth"] = width
        # A component's first row (its label cell filled) opens a group, which the style sheet marks.
        for row in container.findall(nodes.row):
            cells = list(row.findall(nodes.entry))
            if cells and cells[0].astext().strip() and not isinstance(row.parent, nodes.thead):
                row["classes"].append("tracker-group-start")
            # Empty cells get a class, which the phone layout hides: a selector such as
            # td:has(> p:empty) would do it too, but the EPUB checker's CSS parser rejects :has().
            for cell in cells:
                if not cell.astext().strip():
                    cell["classes"].append("tracker-empty")
        return [container]


def setup(app: Sphinx) -> None:
    app.add_directive("recommendation-tracker", RecommendationTracker)
    app.add_css_file("book-tracker.css")  # in malibook/sphinxext/static, which the language feature serves
