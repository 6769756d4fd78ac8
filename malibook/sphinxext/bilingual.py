"""The book's two editions, English and French, built from the same sources (docs/french-edition.md).

The French edition is the same Sphinx build with ``language: fr`` (a configuration derived from
``_config.yml`` by ``malibook.publishing.french_edition``); its text comes from the catalogues of
``locales/fr/LC_MESSAGES/``. This feature:

- passes the build's language to the notebooks it executes (``MALIBOOK_LANGUAGE``), so that their
  figures and tables speak the language of the page (``malibook.data.language``);
- keeps out of the catalogues the text the book generates, which the French build generates in
  French: notebook outputs (but not their captions and alt texts, which are prose) and whatever the
  data directives write (``mark_generated``);
- lets the gettext builder render notebook images, so that their alt texts reach the catalogues;
- puts the headers of myst-nb's table of notebook executions (``{nb-exec-table}``) in French;
- links every page to the same page in the other edition (the article header's language switcher)
  and announces both with ``<link rel="alternate" hreflang>``. The French site sits in ``fr/``
  under the English one, with the same page paths and anchors; ``static/book-place.js`` adds to
  that link, and to the version switcher's, the anchor of the block the reader is at.
"""
from __future__ import annotations

import html
import os
import pathlib
import re

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform

from malibook.data.language import LANGUAGE_VARIABLE, LANGUAGES
from malibook.publishing.french_edition import EDITION_FOLDERS

LANGUAGE_NAMES = {"en": "English", "fr": "Français"}
STATIC = pathlib.Path(__file__).resolve().parent / "static"  # the switcher's layout and book-place.js


def _pass_language_to_notebooks(app: Sphinx, config: Config) -> None:
    language = config.language or "en"
    if language not in LANGUAGES:
        raise ConfigError(f"language {language!r}: the book has editions in {', '.join(LANGUAGES)} only")
    # The kernels myst-nb starts inherit this process's environment.
    os.environ[LANGUAGE_VARIABLE] = language
    # myst-nb renders no output for a builder it does not know, such as gettext; with images, the
    # notebook figures' alt texts are extracted like the rest of the prose.
    config.nb_mime_priority_overrides = [*config.nb_mime_priority_overrides, ("gettext", "image/png", 10),
                                         ("gettext", "text/markdown", 20), ("gettext", "text/plain", 30)]
    config.html_static_path = [*config.html_static_path, str(STATIC)]


def mark_generated(nodes_or_tree) -> None:
    """Mark text that the book generates (from data or code) as not to be translated.

    Captions, which are prose written in the sources, stay translatable."""
    trees = nodes_or_tree if isinstance(nodes_or_tree, list) else [nodes_or_tree]
    for tree in trees:
        for element in tree.findall(nodes.TextElement):
            if not isinstance(element, nodes.caption) and not any(
                    isinstance(parent, nodes.caption) for parent in _ancestors(element)):
                element["translatable"] = False


def _ancestors(node: nodes.Node):
    while node.parent is not None:
        node = node.parent
        yield node


class KeepNotebookOutputsOut(SphinxTransform):
    """Notebook outputs are generated in the edition's language: not messages to translate."""

    default_priority = 15  # before Sphinx's Locale (20), which translates

    def apply(self, **kwargs) -> None:
        for container in self.document.findall(nodes.container):
            if container.get("nb_element") == "cell_code_output":
                mark_generated(container)


class TranslateExecutionTable(SphinxPostTransform):
    """myst-nb writes the headers of its execution table in English, after every transform: put them
    (and the decimal comma of the run times) in the page's language."""

    default_priority = 9  # just after myst-nb's ExecutionStatsPostTransform (8)
    HEADERS = ("Document", "Modified", "Method", "Run Time (s)", "Status")

    def run(self, **kwargs) -> None:
        from malibook.analysis.labels import label

        language = self.config.language or "en"
        if language == "en":
            return
        for head in self.document.findall(nodes.thead):
            paragraphs = list(head.findall(nodes.paragraph))
            if tuple(paragraph.astext() for paragraph in paragraphs) != self.HEADERS:
                continue
            for paragraph in paragraphs:
                paragraph.replace(paragraph[0], nodes.Text(label(paragraph.astext(), language)))
            for paragraph in head.parent.findall(nodes.paragraph):
                if re.fullmatch(r"\d+\.\d+", paragraph.astext()):
                    paragraph.replace(paragraph[0], nodes.Text(paragraph.astext().replace(".", ",")))


def other_edition(page_uri: str, language: str) -> tuple[str, str]:
    """The other edition's language and the relative link to the same page in it.

    ``page_uri`` is the page's path in its edition ('chapters/qa-2021.html'); the French edition
    sits in fr/ under the English one."""
    depth = page_uri.count("/")
    if language == "en":
        return "fr", "../" * depth + f"{EDITION_FOLDERS['fr']}/{page_uri}"
    return "en", "../" * (depth + 1) + page_uri


def _link_other_edition(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    language = app.config.language or "en"
    page_uri = app.builder.get_target_uri(pagename)
    other, href = other_edition(page_uri, language)
    context["book_other_edition"] = {"lang": other, "href": href, "name": LANGUAGE_NAMES[other]}
    # Search engines (and Lighthouse's SEO audit) take hreflang alternates only as absolute addresses:
    # each edition's page in the folder that serves this version (malibook.sphinxext.metadata).
    versioned = app.config.book_served_url
    alternates = {code: versioned + (f"{EDITION_FOLDERS[code]}/" if EDITION_FOLDERS[code] else "") + page_uri
                  for code in (language, other)}
    context["metatags"] = context.get("metatags", "") + "".join(
        f'\n<link rel="alternate" hreflang="{code}" href="{html.escape(link)}" />'
        for code, link in sorted(alternates.items()))


def _glue_from_own_notebook() -> None:
    """Let ``{glue}`` and ``{glue:text}`` in a notebook's translated paragraphs find the notebook's values.

    Sphinx parses each translation in a fresh document, which lacks the renderer through which
    myst-nb finds a notebook's own glue data ("No key ... found in glue data"). There, a key with no
    ``path::`` is read as a reference to the page's own notebook, which myst-nb resolves from its glue
    cache, as it does for a value glued from another notebook. myst-nb is pinned (requirements.txt).
    """
    from myst_nb.ext.glue import roles

    for role in (roles.PasteRoleAny, roles.PasteTextRole):
        if getattr(role.run, "malibook_own_notebook", False):
            continue
        original = role.run

        def run(self, original=original, role=role):
            if "nb_renderer" not in self.document and "::" not in self.text:
                env = self.document.settings.env
                text = self.text
                if role is roles.PasteTextRole and ":" not in text:
                    text += ":s"  # the role splits a format off the last colon; "s" is its default
                self.text = f"{pathlib.PurePosixPath(env.doc2path(env.docname)).name}::{text}"
            return original(self)

        run.malibook_own_notebook = True
        role.run = run


def setup(app: Sphinx) -> None:
    app.connect("config-inited", _pass_language_to_notebooks)
    _glue_from_own_notebook()
    app.add_transform(KeepNotebookOutputsOut)
    app.add_post_transform(TranslateExecutionTable)
    app.connect("html-page-context", _link_other_edition)
    app.add_css_file("book-language.css")
    # Keeps the reader's anchor across the language and version switchers (the links work without it).
    app.add_js_file("book-place.js")
