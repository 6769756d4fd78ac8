"""Links to the offline editions of this version (``malibook.publishing.offline``), as ``{data-zip}`` links
to the data package:

- ``{epub-file}`label```: this edition's EPUB, beside the edition's ``index.html``;
- ``{offline-zip}`label```: the zip of the version's pages, at the root of the version's folder (the
  French edition's pages sit one folder lower, in ``fr/``).

Both files are made after the HTML (``make book``, and ``make site`` for each release), so the
links are relative to the page, as the footer's link to the PDF is. In the PDF, whose links cannot
be relative, they point to the same files in this version's folder of the site; in the EPUB,
``scripts/build_epub.py`` does the same for every link to a file the EPUB lacks.
"""
from __future__ import annotations

import pathlib

from docutils import nodes
from sphinx.application import Sphinx

from malibook.publishing.french_edition import EDITION_FOLDERS
from malibook.publishing.offline import epub_name, offline_zip_name
from malibook.publishing.version import current_release
from malibook.publishing.versioned_site import version_url


def _link(inliner, rawtext: str, text: str, file_name: str, in_version_root: bool, css_class: str):
    env = inliner.document.settings.env
    language = env.config.language or "en"
    if env.app.builder.format == "latex":
        # html_baseurl is this edition's folder of this version (malibook.sphinxext.metadata).
        version_folder = version_url(env.config.book_site_url, env.config.version)
        target = (version_folder if in_version_root else env.config.html_baseurl) + file_name
    else:
        depth = env.docname.count("/") + (1 if in_version_root and EDITION_FOLDERS.get(language) else 0)
        target = "../" * depth + file_name
    return [nodes.reference(rawtext, text or file_name, refuri=target, classes=[css_class])], []


def epub_file_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """{epub-file}`label`: a link to this edition's EPUB of this version."""
    env = inliner.document.settings.env
    release = current_release(pathlib.Path(env.srcdir))
    return _link(inliner, rawtext, text, epub_name(release, env.config.language or "en"), False, "epub-file")


def offline_zip_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """{offline-zip}`label`: a link to the zip of this version's pages (both editions)."""
    release = current_release(pathlib.Path(inliner.document.settings.env.srcdir))
    return _link(inliner, rawtext, text, offline_zip_name(release), True, "offline-zip")


def setup(app: Sphinx) -> None:
    app.add_role("epub-file", epub_file_role)
    app.add_role("offline-zip", offline_zip_role)
