"""Fixes to the theme's HTML that a browser or axe-core reports, and the book's template overrides.

``templates/`` holds the templates that replace or add to sphinx-book-theme's:

- ``book-version.html``: the footer item with the book's version, date and a link to the PDF of
  the same version (its context comes from ``malibook.sphinxext.printed_version``);
- ``theme-switcher.html`` and ``search-button-field.html``: pydata-sphinx-theme's colour-mode and
  search buttons, rewritten so that their accessible names match their visible content, as
  axe-core requires (each template says what it changes);
- ``layout.html``: the theme's page layout without its icon script (below).

The icon script: pydata-sphinx-theme loads Font Awesome's JavaScript (``scripts/fontawesome.js``,
1.5 MB, more than half of what a page weighed) to turn each ``<i class="fa-...">`` into an inline
SVG. Its own stylesheet already carries Font Awesome's web fonts and classes, which draw the same
icons from those ``<i>`` elements; so the script is dropped and every icon stays. ``static/book.css``
styles the book's own additions.
"""
from __future__ import annotations

import pathlib
import re

from sphinx.application import Sphinx

TEMPLATES = pathlib.Path(__file__).resolve().parent / "templates"
STATIC = pathlib.Path(__file__).resolve().parent / "static"
ICON_SCRIPT = re.compile(r'\s*<script\b[^>]*\bsrc="[^"]*/scripts/fontawesome\.js[^"]*"[^>]*>\s*</script>')


def without_icon_script(markup: str) -> str:
    """The head's markup without the script element that loads Font Awesome's JavaScript."""
    return ICON_SCRIPT.sub("", str(markup))


def _add_template_filter(app: Sphinx) -> None:
    templates = getattr(app.builder, "templates", None)
    if templates is not None:
        templates.environment.filters["without_icon_script"] = without_icon_script


def _clean_page(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Fix two defects of the stack's HTML that a browser or axe-core reports on every page.

    sphinx-thebe and sphinx-togglebutton each get their inline scripts added twice under Jupyter
    Book 1.0.4, and a repeated `const` declaration is a console error; the repeats are dropped."""
    seen, unique = set(), []
    for script in context.get("script_files", []):
        # The copies differ only in an empty file name given as None or as "".
        key = (getattr(script, "filename", script) or "",
               tuple(sorted((name, str(value)) for name, value in getattr(script, "attributes", {}).items())))
        if key not in seen:
            seen.add(key)
            unique.append(script)
    context["script_files"] = unique
    # docutils marks the bibliography as a list (role="list") whose entries use the deprecated role
    # doc-biblioentry, and puts anchors directly inside it: axe-core rates that a critical error.
    # Plain blocks are what the entries are.
    if "body" in context and "citation-list" in context["body"]:
        context["body"] = (context["body"]
                           .replace('<div role="list" class="citation-list">', '<div class="citation-list">')
                           .replace(' role="doc-biblioentry"', ""))


def _add_static(app: Sphinx, config) -> None:
    config.html_static_path = [*config.html_static_path, str(STATIC)]


def setup(app: Sphinx) -> None:
    app.connect("config-inited", _add_static)
    app.connect("builder-inited", _add_template_filter)
    app.add_css_file("book.css")
    # Early: html-page-context stops at the first handler that returns a template, so a late one may never run.
    app.connect("html-page-context", _clean_page, priority=1)
