"""``{synopsis}``: where Briefing 115 and the Q&A meet, side by side, from the data.

``{synopsis} actors`` prints the table of the actors both documents mention; ``{synopsis} events``
and ``{synopsis} recommendations`` print, for each event both mention and each recommendation of the
Briefing, a row of pairs of halves (one pair for an event, one per component of a recommendation),
2015 on the left and 2021 (or what followed) on the right, which stack on a phone
(``static/book.css``). The content comes from ``malibook.analysis.meeting_points``, in the language of the
build, and is kept out of the translation catalogues like the other data directives. On a phone the
actors' table stacks each actor over its two documents' blocks, with its ARIA roles written out.
"""
from __future__ import annotations

import re

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from malibook.sphinxext.data_markup import _language, _loaded_tables, _note_data_dependency, _parse_markdown

PARTS = ("actors", "events", "recommendations")
# Print: the two halves of a pair side by side too, in two columns that break across pages (paracol,
# written around them by PairsInParallelColumns; Sphinx opens \begin{sphinxclass<class>} for each
# container class that has such an environment). A row's title stays on the page of its pair's first
# lines (needspace, which Sphinx loads), not alone at the foot of a page.
LATEX_PREAMBLE = r"""
\usepackage{paracol}
\newenvironment{sphinxclasssynopsis-row}{\par\needspace{10\baselineskip}}{\par}
\newenvironment{sphinxclasssynopsis-pair}{\par}{\par\medskip}
"""


class Synopsis(SphinxDirective):
    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        from malibook.analysis import meeting_points as synopsis

        part = self.arguments[0]
        if part not in PARTS:
            raise self.error(f"synopsis: {part!r} is not one of {', '.join(PARTS)}")
        tables = _loaded_tables(_note_data_dependency(self))
        language = _language(self.config)
        if part == "actors":
            table = nodes.container(classes=["synopsis-actors"])
            table.extend(_parse_markdown(self, synopsis.actors_table(tables, language), "data/mentions.csv"))
            return [table]
        rows = (synopsis.events_side_by_side if part == "events" else synopsis.recommendations_side_by_side)(
            tables, language)
        output = []
        for row in rows:
            box = nodes.container(classes=["synopsis-row"])
            box.extend(_parse_markdown(self, f"**{row['title']}**", "data"))
            for number, pair in enumerate(row["pairs"]):
                halves = nodes.container(classes=["synopsis-pair"])
                for heading, text in zip(row["headings"], pair):
                    # The halves' headings once a row, over its first pair.
                    half = nodes.container(classes=["synopsis-side"])
                    half.extend(_parse_markdown(self, f"*{heading}*", "data") if number == 0 else [])
                    half.extend(_parse_markdown(self, text, "data"))
                    halves.append(half)
                box.append(halves)
            output.append(box)
        return output


ACTORS_BOX = '<div class="synopsis-actors docutils container">'
TABLE_ROLES = (("<table", "table"), ("<thead", "rowgroup"), ("<tbody", "rowgroup"), ("<tr", "row"),
               ("<th", "columnheader"), ("<td", "cell"))


def with_table_roles(body: str) -> str:
    """The actors' table with its ARIA roles written out: on a phone its rows are laid out as grids
    (``static/book.css``), and a table whose display CSS changes loses its semantics in some browsers
    unless its roles say them."""
    start = body.find(ACTORS_BOX)
    if start < 0:
        return body
    end = body.index("</table>", start)
    table = body[start:end]
    for tag, role in TABLE_ROLES:
        table = re.sub(rf"{tag}(?=[\s>])", f'{tag} role="{role}"', table)
    return body[:start] + table + body[end:]


def _add_table_roles(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if "body" in context:
        context["body"] = with_table_roles(context["body"])


class PairsInParallelColumns(SphinxPostTransform):
    """In the PDF, each pair's two halves in the two columns of a ``paracol``, which break across pages.
    Two minipages, as before, cannot: a pair taller than what was left of a page went whole to the
    next one, leaving up to half a page blank under its row's title (the French PDF's synopsis)."""

    default_priority = 200
    builders = ("latex",)

    def run(self, **kwargs) -> None:
        for pair in list(self.document.findall(nodes.container)):
            if "synopsis-pair" not in pair["classes"]:
                continue
            left, right = pair.children
            pair.children = []
            pair.extend([nodes.raw("", "\\begin{paracol}{2}\n", format="latex"), *left.children,
                         nodes.raw("", "\n\\switchcolumn\n", format="latex"), *right.children,
                         nodes.raw("", "\n\\end{paracol}\n", format="latex")])


def _latex_preamble(app: Sphinx, config: Config) -> None:
    config.latex_elements = {**config.latex_elements,
                             "preamble": config.latex_elements.get("preamble", "") + LATEX_PREAMBLE}


def setup(app: Sphinx) -> None:
    app.add_directive("synopsis", Synopsis)
    app.add_post_transform(PairsInParallelColumns)
    app.connect("config-inited", _latex_preamble, priority=902)  # after the blocks' preamble (901)
    app.connect("html-page-context", _add_table_roles)
