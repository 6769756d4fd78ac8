"""``{glued-figure}``: a figure glued in a notebook, shown in a chapter with a number, a caption and
alt text (``path/to/notebook.ipynb::key``).

A workaround with a lifetime of its own: myst-nb's ``{glue:figure}`` reads only the current page,
and its cross-page ``{glue:any}`` drops the alt text and gives LaTeX a wrong image path. Drop this
module when myst-nb's cross-page glue keeps both.
"""
from __future__ import annotations

import pathlib

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

logger = logging.getLogger(__name__)


class glued_alt(nodes.Invisible, nodes.Element, addnodes.translatable):
    """The alt text of a glued figure until its image arrives (GluedFigureAlt).

    A node of its own, so that Sphinx's gettext machinery extracts the text into the page's
    catalogue and its Locale transform puts the translation here, as it does for an image's alt."""

    def preserve_original_messages(self) -> None:
        self["original_alt"] = self["alt"]

    def apply_translated_message(self, original_message: str, translated_message: str) -> None:
        self["alt"] = translated_message

    def extract_original_messages(self) -> list[str]:
        return [self["alt"]]


class GluedFigure(SphinxDirective):
    """A figure glued in a notebook, shown in another page with a caption and alt text."""

    required_arguments = 1  # path/to/notebook.ipynb::key
    has_content = True
    option_spec = {"alt": directives.unchanged_required, "name": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        from myst_nb.ext.glue.utils import create_pending_glue_ref

        path, separator, key = self.arguments[0].partition("::")
        missing = [what for what, absent in ((f"`path::key`, not {self.arguments[0]!r}", not separator or not key),
                                             ("an :alt: option", "alt" not in self.options),
                                             ("a caption", not self.content)) if absent]
        if missing:
            raise self.error(f"glued-figure needs {' and '.join(missing)}")
        figure = nodes.figure("", classes=["glued-figure"])
        figure += glued_alt(alt=self.options["alt"])
        figure += create_pending_glue_ref(self.state.document, self.get_source_info()[0], self.lineno, path, key)
        self.add_name(figure)
        caption = nodes.Element()
        self.state.nested_parse(self.content, self.content_offset, caption)
        paragraph = caption[0]
        caption = nodes.caption(paragraph.rawsource, "", *paragraph.children)
        self.set_source_info(caption)  # a caption with a source is a message of the page's catalogue
        figure += caption
        return [figure]


class GluedFigureAlt(SphinxPostTransform):
    """Give the image that myst-nb pasted into a glued figure the figure's alt text."""

    default_priority = 6  # just after myst-nb's ReplacePendingGlueReferences (5)

    def run(self, **kwargs) -> None:
        if self.app.builder.name == "gettext":
            return  # the alt text is extracted from its own node, which stays
        for alt in list(self.document.findall(glued_alt)):
            figure = alt.parent
            figure.remove(alt)
            images = list(figure.findall(nodes.image))
            if len(images) != 1:
                logger.warning("glued figure holds %d images instead of one", len(images), location=figure)
            for image in images:
                image["alt"] = alt["alt"]
                if self.app.builder.format == "latex":
                    # myst-nb writes a path relative to the notebook's page; the LaTeX builder copies
                    # only images it knows by their path from the sources' folder, which the
                    # notebook's page registered when it was read. (Relying on the notebook's own
                    # printing of the image fails once the print edition prints each figure once.)
                    name = pathlib.PurePosixPath(image["uri"]).name
                    known = [path for path in self.env.images if pathlib.PurePosixPath(path).name == name]
                    image["uri"] = known[0] if known else name
                    image["candidates"] = {"*": image["uri"]}


def setup(app: Sphinx) -> None:
    app.add_node(glued_alt)
    app.add_directive("glued-figure", GluedFigure)
    app.add_post_transform(GluedFigureAlt)
