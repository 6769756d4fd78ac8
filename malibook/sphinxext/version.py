"""The book's one version, wherever the build prints it.

Jupyter Book's ``_config.yml`` cannot read a version from elsewhere, and ``{{ version }}`` is not
substituted in ``html.extra_footer``. So this feature reads the version and release date
(``malibook.site.release``) when the configuration is loaded and sets:

- ``version``/``release`` and ``today`` (the LaTeX title page prints both);
- the HTML title and the context of the footer template ``book-version.html`` (the version and a
  link to the PDF of the same version);
- the LaTeX target name, so that the PDF is ``<book-slug>-<version>.pdf``;
- tokens such as ``%BOOK_VERSION%`` in the pages' sources (MyST substitutions do not reach code
  blocks, and the how-to-cite page has a BibTeX block).
"""
from __future__ import annotations

import pathlib

from sphinx.application import Sphinx
from sphinx.config import Config

from malibook.site.release import Release, current_release
from malibook.sphinxext.theme import TEMPLATES


def _apply_release(app: Sphinx, config: Config) -> None:
    release = current_release(pathlib.Path(app.confdir))
    config.version = config.release = release.version
    config.today = release.date_label
    config.book_release_date = release.date.isoformat() if release.date else ""
    # Jupyter Book passes the book's title as html_title and leaves `project` unset.
    title = config.html_title
    config.project = title
    config.html_title = f"{title} (version {release.version})"
    config.html_context = {
        **config.html_context,
        "book_version": release.version,
        "book_date": release.date_label,
        "book_pdf": release.pdf_name,
        # The theme's colour mode before a reader picks one; left empty, the theme's script logs an
        # error in every page (sphinx-book-theme does not pass pydata's `default_mode` option on).
        "default_mode": "auto",
    }
    config.templates_path = [*config.templates_path, str(TEMPLATES)]
    config.latex_documents = [
        (config.root_doc, f"{release.pdf_stem}.tex", title, config.author, "jupyterBook")
    ]
    config.latex_elements = {**config.latex_elements, "releasename": "Version"}
    config.book_page_tokens = page_tokens(release, config.html_theme_options.get("repository_url", ""))


def page_tokens(release: Release, repository_url: str) -> dict[str, str]:
    """The tokens that pages may use, and what each becomes in this build."""
    return {
        "%BOOK_VERSION%": release.version,
        "%BOOK_VERSION_ID%": release.version.replace(".", "_"),
        "%BOOK_DATE%": release.date_label,
        "%BOOK_YEAR%": str(release.date.year) if release.date else "n.d.",
        "%BOOK_PDF%": release.pdf_name,
        "%REPOSITORY_URL%": repository_url,
    }


def _replace_tokens(app: Sphinx, docname: str, source: list[str]) -> None:
    for token, value in app.config.book_page_tokens.items():
        source[0] = source[0].replace(token, value)


def setup(app: Sphinx) -> None:
    # A change of version or date marks every page as changed ("env" rebuild).
    app.add_config_value("book_page_tokens", {}, "env")
    app.add_config_value("book_release_date", "", "env")   # ISO date, or "" while unreleased
    # Late priority: after Jupyter Book and sphinx-jupyterbook-latex have set their values.
    app.connect("config-inited", _apply_release, priority=900)
    app.connect("source-read", _replace_tokens)
