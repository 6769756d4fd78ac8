"""``{synopsis}``: where Briefing 115 and the Q&A meet, side by side, from the data.

``{synopsis} actors`` prints the table of the actors both documents mention; ``{synopsis} events``
and ``{synopsis} recommendations`` print, for each event both mention and each recommendation of the
Briefing, a row of pairs of halves (one pair for an event, one per component of a recommendation),
2015 on the left and 2021 (or what followed) on the right, which stack on a phone
(``static/book.css``). The content comes from ``malibook.analysis.meeting_points``, in the language of the
build, and is kept out of the translation catalogues like the other data directives.
"""
from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util.docutils import SphinxDirective

from malibook.sphinxext.data_markup import _language, _loaded_tables, _note_data_dependency, _parse_markdown

PARTS = ("actors", "events", "recommendations")
# Print: the two halves of a pair side by side too, each a top-aligned minipage (Sphinx opens
# \begin{sphinxclass<class>} for each container class that has such an environment).
LATEX_PREAMBLE = r"""
\newenvironment{sphinxclasssynopsis-pair}{\par\noindent}{\par\medskip}
\newenvironment{sphinxclasssynopsis-side}{\begin{minipage}[t]{0.48\linewidth}}{\end{minipage}\hfill}
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


def _latex_preamble(app: Sphinx, config: Config) -> None:
    config.latex_elements = {**config.latex_elements,
                             "preamble": config.latex_elements.get("preamble", "") + LATEX_PREAMBLE}


def setup(app: Sphinx) -> None:
    app.add_directive("synopsis", Synopsis)
    app.connect("config-inited", _latex_preamble, priority=902)  # after the blocks' preamble (901)
