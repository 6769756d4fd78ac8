"""Fixes to the theme's HTML that a browser or axe-core reports, and the book's template overrides.

``templates/`` holds three templates that replace or add to sphinx-book-theme's:

- ``book-version.html``: the footer item with the book's version, date and a link to the PDF of
  the same version (its context comes from ``malibook.sphinxext.version``);
- ``theme-switcher.html`` and ``search-button-field.html``: pydata-sphinx-theme's colour-mode and
  search buttons, rewritten so that their accessible names match their visible content, as
  axe-core requires (each template says what it changes).
"""
from __future__ import annotations

import pathlib

from sphinx.application import Sphinx

TEMPLATES = pathlib.Path(__file__).resolve().parent / "templates"


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


def setup(app: Sphinx) -> None:
    # Early: html-page-context stops at the first handler that returns a template, so a late one may never run.
    app.connect("html-page-context", _clean_page, priority=1)
