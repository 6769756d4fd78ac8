"""Search that lands on a block, in either edition: Pagefind's static index, with the book's own box.

``make html`` indexes the built site with Pagefind once both editions are in it (``PAGEFIND`` in the
Makefile): one bundle, ``_pagefind/``, with an index per language (each page's ``<html lang>``), so
a French page searches the French edition. What this module adds to each page:

- the article body marked ``data-pagefind-body``, so that only it is indexed (no side bars, header
  or footer); the hidden parts of the body, the charts' table views, "Cite this block" and the
  heading links, marked ``data-pagefind-ignore``. The parallel views (``malibook.publishing.parallel_pages``)
  are not indexed: their text is the chapters', in two languages at once;
- one search box, in the theme's search dialog (``templates/book-search.html``), which the side
  bar's button, the header's button and Ctrl+K open. ``static/book-search.js`` loads Pagefind only
  when the box is first used, so nothing of it weighs on the first paint. Its results link to the
  block of the match (``briefing-115.html#b115-p2``), from the anchors the sources define, with
  the words around the match.

Pagefind fetches its index, which a browser refuses to a page opened from disk (``file:``): there
the box says so, and Enter opens Sphinx's own search page (``search.html``), which works from disk.
"""
from __future__ import annotations

import re

from sphinx.application import Sphinx

from malibook.publishing.french_edition import EDITION_FOLDERS

BUNDLE = "_pagefind"
UNINDEXED_PAGES = ("chapters/briefing-115-parallel", "chapters/qa-2021-parallel")
# Parts of the body that a reader does not see at once, or that repeat the page: left out of the index.
IGNORED = re.compile(r'<(details class="(?:book-chart-table|book-citation)[^"]*"|a class="headerlink")')


def indexed_body(body: str) -> str:
    """The article body marked for Pagefind: indexed, without its hidden or repeated parts."""
    # Attributes with a value: the same to Pagefind, and well-formed XHTML.
    marked = IGNORED.sub(lambda match: f'<{match[1]} data-pagefind-ignore=""', body)
    return f'<div data-pagefind-body="">{marked}</div>'


def _mark_for_index(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if app.builder.format != "html" or app.builder.name == "epub":
        return  # the EPUB has no search of the site's
    # The bundle sits at the root of the English edition; the French one is in fr/ beneath it.
    folder = EDITION_FOLDERS.get(app.config.language or "en", "")
    depth = app.builder.get_target_uri(pagename).count("/") + len([part for part in folder.split("/") if part])
    context["book_search_site_root"] = "../" * depth
    if "body" in context and pagename not in UNINDEXED_PAGES and doctree is not None:
        context["body"] = indexed_body(context["body"])


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", _mark_for_index)
    app.add_js_file("book-search.js", loading_method="defer")
    app.add_css_file("book-search.css")
