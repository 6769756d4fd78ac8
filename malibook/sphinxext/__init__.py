"""The Sphinx extension that builds the book, listed under ``sphinx: extra_extensions``.

One module per feature, each with its own ``setup()``:

- ``printed_version``: the book's one version and date in the HTML title and footer, the PDF title page and
  file name, and the ``%BOOK_VERSION%``-style tokens of the pages;
- ``data_markup``: the directives and roles that print the data into the chapters
  (``{data-dictionary}``, ``{block-data}``, ``{actors-by-document}``, ``{para}``, ``{event-date}``);
- ``bibliography``: the bibliography style that prints each source's kind;
- ``data_download``: the zipped data package beside the HTML pages, and ``{data-zip}`` to link to it;
- ``offline``: ``{epub-file}`` and ``{offline-zip}``, links to this version's EPUB and offline zip;
- ``glued_figure``: ``{glued-figure}``, a workaround for myst-nb's cross-page glue;
- ``interactive_charts``: the interactive charts over the glued figures, with their table views, in the HTML;
- ``theme``: fixes to the theme's HTML and the book's template overrides;
- ``bilingual``: the English and French editions: the language passed to the notebooks, generated
  text kept out of the translation catalogues, the language switcher and hreflang links.
- ``blocks``: the three layers of every block (retelling, annotations, data), each in a container
  with its class and its look, on screen and in print;
- ``previews``: in the HTML, the definition of a glossary term, the gist of a block, a citation's
  reference and an actor's description, shown beside them on hover and on keyboard focus;
- ``layers``: in the HTML of the document chapters, a switch to read the retelling alone, with the
  annotations, or with the data boxes too, remembered from page to page;
- ``citation``: "Cite this block" under every block, and ``{book-citation}`` for the how-to-cite page;
- ``metadata``: every page's description, Highwire, OpenGraph and Twitter tags, JSON-LD, the sitemap
  and robots.txt, all from the one base URL of ``_config.yml``;
- ``social_card``: the image link previews show, drawn by the build;
- ``print_edition``: the PDF as a printed book: tables that break across pages and fit, the
  introduction and bibliography as chapters, no build report, each figure printed once;
- ``redirects``: redirect pages for pages a major version removed (``book_redirects``);
- ``parallel``: ``{parallel-view}``, a document chapter's English and French texts side by side;
- ``search``: the Pagefind index's marks on every page and the book's one search box;
- ``synopsis``: ``{synopsis}``, where the two documents meet, side by side, from the data;
- ``tracker``: ``{recommendation-tracker}``, what became of Briefing 115's recommendations, from the data;
- ``launch``: "How to run this notebook" on every notebook page (pip, conda, Binder, Colab), and launch
  links that open a release's own commit on that release's pages;
- ``theme``: fixes to the theme's HTML, the book's template overrides, and a lighter page (no icon script);
- ``screen_images``: the HTML edition's figures in an 8-bit palette, and the images below the first loaded lazily;
- ``numbering``: figure numbers counted again only in a build that read a page;
- ``notebook_inputs``: notebooks (and the pages that show their figures) read and run again when the
  package's code or the data change, which jupyter-cache does not see.
"""
from __future__ import annotations

from sphinx.application import Sphinx

from malibook.sphinxext import (
    bibliography,
    bilingual,
    blocks,
    citation,
    data_download,
    data_markup,
    glued_figure,
    interactive_charts,
    launch,
    layers,
    metadata,
    notebook_inputs,
    numbering,
    offline_links,
    parallel,
    previews,
    print_edition,
    printed_version,
    redirects,
    screen_images,
    search,
    social_card,
    synopsis,
    theme,
    tracker,
)
from malibook.sphinxext.printed_version import page_tokens

__all__ = ["page_tokens", "setup"]


def setup(app: Sphinx) -> dict:
    for feature in (printed_version, bilingual, blocks, data_markup, data_download, offline_links, bibliography,
                    glued_figure, interactive_charts, theme, citation, metadata, social_card, redirects,
                    print_edition, tracker, launch, previews, layers, parallel, search, synopsis, screen_images,
                    numbering, notebook_inputs):
        feature.setup(app)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
