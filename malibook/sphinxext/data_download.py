"""The data package as one download, beside the HTML pages of each version.

After an HTML build, the zipped data package (``malibook.data.bundle``) of the build's version is
written next to ``index.html`` as ``<book-slug>-data-<version>.zip``. The role ``{data-zip}`` links to
it from a page (HTML only: the PDF names the file instead, see the data appendix). ``make html``,
``make book`` and so ``make release`` produce it; every test build does too, so the link checker sees it.
"""
from __future__ import annotations

import pathlib

from docutils import nodes
from sphinx.application import Sphinx

from malibook.publishing.version import current_release


def _zip_name(app: Sphinx) -> str:
    return current_release(pathlib.Path(app.srcdir)).data_zip_name


def data_zip_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """{data-zip}`label`: a link to this version's zipped data package, relative to the page."""
    env = inliner.document.settings.env
    file_name = _zip_name(env.app)
    target = "../" * env.docname.count("/") + file_name
    return [nodes.reference(rawtext, text or file_name, refuri=target, classes=["data-zip"])], []


def _write_zip(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    from malibook.data.bundle import write_data_zip

    write_data_zip(pathlib.Path(app.outdir) / _zip_name(app), current_release(pathlib.Path(app.srcdir)).version,
                   pathlib.Path(app.srcdir) / "data")


def setup(app: Sphinx) -> None:
    app.add_role("data-zip", data_zip_role)
    app.connect("build-finished", _write_zip)
