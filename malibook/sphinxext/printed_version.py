"""The book's one version, wherever the build prints it, in the language of the edition.

Jupyter Book's ``_config.yml`` cannot read a version from elsewhere, and ``{{ version }}`` is not
substituted in ``html.extra_footer``. So this feature reads the version and release date
(``malibook.publishing.version``) when the configuration is loaded and sets:

- ``version``/``release`` and ``today`` (the LaTeX title page prints both);
- the HTML title and the context of the footer template ``book-version.html`` (the version and a
  link to the PDF of the same version and language);
- the LaTeX target name, so that the PDF is ``<book-slug>-<version>.pdf`` (French:
  ``<slug>-fr-<version>.pdf``);
- tokens such as ``%BOOK_VERSION%`` in the pages (MyST substitutions do not reach code blocks, and
  the how-to-cite page has a BibTeX block). They are replaced after the translation of the page
  (a transform later than Sphinx's ``Locale``), so that the messages of the French catalogues keep
  the tokens and do not change with every version.
"""
from __future__ import annotations

import pathlib

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.transforms import SphinxTransform

from malibook.publishing.version import Release, current_release
from malibook.sphinxext.theme import TEMPLATES

NO_DATE = {"en": "n.d.", "fr": "s.d."}


def _apply_release(app: Sphinx, config: Config) -> None:
    release = current_release(pathlib.Path(app.srcdir))
    language = config.language or "en"
    config.version = config.release = release.version
    config.today = release.date_label_in(language)
    config.book_release_date = release.date.isoformat() if release.date else ""
    # Jupyter Book passes the book's title as html_title and leaves `project` unset.
    title = config.html_title
    config.project = title
    config.html_title = f"{title} (version {release.version})"
    config.html_context = {
        **config.html_context,
        "book_version": release.version,
        "book_date": release.date_label_in(language),
        "book_pdf": release.pdf_name_in(language),
        # The theme's colour mode before a reader picks one; left empty, the theme's script logs an
        # error in every page (sphinx-book-theme does not pass pydata's `default_mode` option on).
        "default_mode": "auto",
    }
    config.templates_path = [*config.templates_path, str(TEMPLATES)]
    config.latex_documents = [
        (config.root_doc, f"{release.pdf_stem_in(language)}.tex", title, config.author, "jupyterBook")
    ]
    config.latex_elements = {**config.latex_elements, "releasename": "Version"}
    config.book_page_tokens = page_tokens(release, config.html_theme_options.get("repository_url", ""), language)


def page_tokens(release: Release, repository_url: str, language: str = "en") -> dict[str, str]:
    """The tokens that pages may use, and what each becomes in this build."""
    return {
        "%BOOK_VERSION%": release.version,
        "%BOOK_VERSION_ID%": release.version.replace(".", "_"),
        "%BOOK_DATE%": release.date_label_in(language),
        "%BOOK_YEAR%": str(release.date.year) if release.date else NO_DATE[language],
        "%BOOK_PDF%": release.pdf_name_in(language),
        "%REPOSITORY_URL%": repository_url,
    }


def _replace_source_tokens(app: Sphinx, docname: str, source: list[str]) -> None:
    # The repository's address is replaced in the source, so that MyST makes a link of it; it does
    # not change from version to version, so the catalogues may hold it.
    source[0] = source[0].replace("%REPOSITORY_URL%", app.config.book_page_tokens["%REPOSITORY_URL%"])


class ReplacePageTokens(SphinxTransform):
    """Replace the version tokens in the text of a page, after its translation (Locale is 20)."""

    default_priority = 25

    def apply(self, **kwargs) -> None:
        tokens = self.config.book_page_tokens
        for text in list(self.document.findall(nodes.Text)):
            if "%" not in text:
                continue
            replaced = str(text)
            for token, value in tokens.items():
                replaced = replaced.replace(token, value)
            if replaced != text:
                text.parent.replace(text, nodes.Text(replaced))
        for block in self.document.findall(nodes.literal_block):
            # A code block is highlighted only while its rawsource matches its text.
            for token, value in tokens.items():
                block.rawsource = block.rawsource.replace(token, value)


def setup(app: Sphinx) -> None:
    # A change of version or date marks every page as changed ("env" rebuild).
    app.add_config_value("book_page_tokens", {}, "env")
    app.add_config_value("book_release_date", "", "env")   # ISO date, or "" while unreleased
    # Late priority: after Jupyter Book and sphinx-jupyterbook-latex have set their values.
    app.connect("config-inited", _apply_release, priority=900)
    app.connect("source-read", _replace_source_tokens)
    app.add_transform(ReplacePageTokens)
