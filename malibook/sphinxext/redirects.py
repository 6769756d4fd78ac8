"""Redirect pages for pages that a major version moved or removed (``book_redirects``).

A cited address must keep working: a page path of one release exists in the next, or, from a new
major version on, is a redirect page to where its content went (``tests/test_anchors.py`` checks
this against the previous release in ``releases.json``). List them in ``_config.yml``::

    sphinx:
      config:
        book_redirects:
          chapters/old-name.html: chapters/new-name.html

Each becomes, in the HTML output, a page that sends readers and crawlers to the new page.
"""
from __future__ import annotations

import pathlib
import posixpath

from sphinx.application import Sphinx
from sphinx.errors import ConfigError

from malibook.publishing.versioned_site import redirect_page


def _write_redirects(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    outdir = pathlib.Path(app.outdir)
    for old, new in sorted(app.config.book_redirects.items()):
        if not (outdir / new).exists():
            raise ConfigError(f"book_redirects: {old} redirects to {new}, which this build does not have")
        if old.removesuffix(".html") in app.env.found_docs:
            raise ConfigError(f"book_redirects: {old} is still a page of this build; redirect only removed pages")
        target = posixpath.relpath(new, posixpath.dirname(old) or ".")
        (outdir / old).parent.mkdir(parents=True, exist_ok=True)
        (outdir / old).write_text(redirect_page(target), encoding="utf-8")


def setup(app: Sphinx) -> None:
    app.add_config_value("book_redirects", {}, "html")
    app.connect("build-finished", _write_redirects)
