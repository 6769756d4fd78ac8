"""The three layers of a block of the document chapters, each with its own look.

A block's section holds the book's retelling of that block of the source ("**Retelling.** ..."), its
annotations ("**Annotations.** ...") and the box ``{block-data}`` writes (the data linked to the block
and "Cite this block"). The chapters mark the first two with a bold run-in word only; this transform
wraps each layer in a container with a stable class, ``retelling``, ``annotation`` and ``block-data``
(the directive wraps the last itself), and marks the section ``book-block``. The stylesheet
(``static/book.css``) and the LaTeX preamble below give each layer its look: the retelling set off
by a rule, like reported speech, the annotations in the book's own voice, the data in a smaller box.

It runs before Sphinx's ``Locale`` transform, on the English run-ins of the sources, so that the
French edition, whose translated paragraphs replace those inside the containers, gets the same
structure.
"""
from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.transforms import SphinxTransform

BLOCK_CLASS = "book-block"
DATA_CLASS = "block-data"
# The run-in word that opens each layer, and the class of its container.
RUN_INS = {"Retelling.": "retelling", "Annotations.": "annotation"}

# Print: the retelling indented behind a grey rule (framed's \MakeFramed, which Sphinx loads and
# which breaks across pages), the annotations in the plain text block, the data box in a smaller type.
LATEX_PREAMBLE = r"""
% The three layers of a block (malibook.sphinxext.blocks): Sphinx opens \begin{sphinxclass<class>}
% for each container class that has such an environment.
\definecolor{BookLayerRule}{gray}{0.55}
\newenvironment{sphinxclassretelling}%
  {\def\FrameCommand{{\color{BookLayerRule}\vrule width 1.5pt}\hspace{0.8em}}%
   \MakeFramed{\advance\hsize-\width\FrameRestore}}%
  {\endMakeFramed}
\newenvironment{sphinxclassannotation}{\par}{\par}
\newenvironment{sphinxclassblock-data}{\par\small}{\par\medskip}
"""


def run_in(node: nodes.Node) -> str | None:
    """The layer a paragraph opens, if it starts with one of the run-in words in bold."""
    if not isinstance(node, nodes.paragraph):
        return None
    # MyST may leave an empty text before the run-in.
    first = next((child for child in node.children if not (isinstance(child, nodes.Text) and not child.strip())), None)
    return RUN_INS.get(first.astext().strip()) if isinstance(first, nodes.strong) else None


def data_box(children: list[nodes.Node]) -> nodes.container:
    """What ``{block-data}`` writes, in the container of the data layer."""
    box = nodes.container(classes=[DATA_CLASS])
    box.extend(children)
    return box


class MarkBlockLayers(SphinxTransform):
    """Wrap the retelling and the annotations of every block section in their containers."""

    default_priority = 15  # before Locale (20), which translates the paragraphs inside the containers

    def apply(self, **kwargs) -> None:
        for section in list(self.document.findall(nodes.section)):
            if not any(isinstance(child, nodes.container) and DATA_CLASS in child["classes"]
                       for child in section.children):
                continue
            section["classes"].append(BLOCK_CLASS)
            self._wrap_layers(section)

    @staticmethod
    def _wrap_layers(section: nodes.section) -> None:
        """Each run-in paragraph opens its layer, which takes every following sibling up to the next
        run-in, the data box or a nested section."""
        layer, arranged = None, []
        for child in section.children:
            opened = run_in(child)
            if opened:
                layer = nodes.container(classes=[opened])
                arranged.append(layer)
            elif isinstance(child, nodes.section) or (
                    isinstance(child, nodes.container) and DATA_CLASS in child["classes"]):
                layer = None
            if layer is None:
                arranged.append(child)
            else:
                layer.append(child)
        section.children = []
        section.extend(arranged)


def _latex_preamble(app: Sphinx, config: Config) -> None:
    elements = dict(config.latex_elements)
    elements["preamble"] = elements.get("preamble", "") + LATEX_PREAMBLE
    config.latex_elements = elements


def setup(app: Sphinx) -> None:
    app.add_transform(MarkBlockLayers)
    app.connect("config-inited", _latex_preamble, priority=901)  # after version's latex_elements (900)
