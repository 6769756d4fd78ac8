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
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

logger = logging.getLogger(__name__)


class GluedFigure(SphinxDirective):
    """A figure glued in a notebook, shown in another page with a caption and alt text."""

    required_arguments = 1  # path/to/notebook.ipynb::key
    has_content = True
    option_spec = {"alt": directives.unchanged_required, "name": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        from myst_nb.ext.glue.utils import create_pending_glue_ref

        path, separator, key = self.arguments[0].partition("::")
        if not separator or "alt" not in self.options or not self.content:
            raise self.error("glued-figure needs `path::key`, an :alt: option and a caption")
        figure = nodes.figure("", classes=["glued-figure"])
        figure["glued_alt"] = self.options["alt"]
        figure += create_pending_glue_ref(self.state.document, self.get_source_info()[0], self.lineno, path, key)
        self.add_name(figure)
        caption = nodes.Element()
        self.state.nested_parse(self.content, self.content_offset, caption)
        paragraph = caption[0]
        figure += nodes.caption(paragraph.rawsource, "", *paragraph.children)
        return [figure]


class GluedFigureAlt(SphinxPostTransform):
    """Give the image that myst-nb pasted into a glued figure the figure's alt text."""

    default_priority = 6  # just after myst-nb's ReplacePendingGlueReferences (5)

    def run(self, **kwargs) -> None:
        for figure in self.document.findall(nodes.figure):
            if "glued_alt" not in figure.attributes:
                continue
            images = list(figure.findall(nodes.image))
            if len(images) != 1:
                logger.warning("glued figure holds %d images instead of one", len(images), location=figure)
            for image in images:
                image["alt"] = figure["glued_alt"]
                if self.app.builder.format == "latex":
                    # myst-nb writes a path relative to the page, but the LaTeX build is one flat
                    # folder where the notebook's image already sits under the same name.
                    image["uri"] = pathlib.PurePosixPath(image["uri"]).name
                    image["candidates"] = {"*": image["uri"]}
            del figure["glued_alt"]


def setup(app: Sphinx) -> None:
    app.add_directive("glued-figure", GluedFigure)
    app.add_post_transform(GluedFigureAlt)
