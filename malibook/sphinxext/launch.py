"""How to run a notebook page, and launch links that open the code of the page's own version.

- On a release's build, the theme's launch buttons (Binder, Colab) open the release's commit, not the
  branch of ``repository.branch``: ``scripts/build_site.py`` builds each release from a worktree of its
  commit and passes that commit as ``BOOK_SOURCE_COMMIT`` (the Sphinx setting ``book_source_commit``),
  and the extension uses it only when the version is released (a dated CHANGELOG entry). The working
  version (``make html``, the site's ``dev/``) keeps the branch.
- Every notebook page gets, under its title, a folded box "How to run this notebook"
  (``templates/how-to-run.html``): the commands for pip and conda from a clone (checked out at the
  release's commit on a release's page), and the page's own Binder and Colab links, taken from the
  theme's launch buttons so that the two always agree, with what to do when Colab's install fails.
  Its words are the template's, so ``make po`` puts them in ``sphinx.po`` for the French edition.
"""
from __future__ import annotations

import os
import pathlib

from sphinx.application import Sphinx
from sphinx.config import Config

from malibook.publishing.version import current_release

HOW_TO_RUN_TEMPLATE = "how-to-run.html"


def launch_ref(app: Sphinx) -> str:
    """The commit or branch that the launch links and the commands of this build open."""
    return app.config.html_theme_options.get("repository_branch") or "main"


def _pin_release_commit(app: Sphinx, config: Config) -> None:
    commit = config.book_source_commit.strip()
    if commit and current_release(pathlib.Path(app.srcdir)).date is not None:
        config.html_theme_options = {**config.html_theme_options, "repository_branch": commit}


def _conda_environment_name(srcdir: pathlib.Path) -> str:
    """The ``name:`` of environment.yml, read without YAML (the line is plain)."""
    for line in (srcdir / "environment.yml").read_text(encoding="utf-8").splitlines():
        if line.startswith("name:"):
            return line.split(":", 1)[1].strip()
    raise ValueError(f"{srcdir / 'environment.yml'}: no 'name:' line")


def launch_links(context: dict) -> dict[str, str]:
    """The URLs of the theme's launch buttons on this page, by the button's text (Binder, Colab)."""
    links = {}
    for group in context.get("header_buttons", []):
        if group.get("label") == "launch-buttons":
            links.update({button["text"]: button["url"] for button in group.get("buttons", []) if "url" in button})
    return links


def _add_how_to_run(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if not app.env.doc2path(pagename).endswith(".ipynb") or "body" not in context:
        return
    links = launch_links(context)
    repository = app.config.html_theme_options.get("repository_url", "").rstrip("/")
    ref = launch_ref(app)
    released = current_release(pathlib.Path(app.srcdir)).date is not None
    notebook = f"{pagename}.ipynb"
    box = app.builder.templates.render(HOW_TO_RUN_TEMPLATE, {
        **context,
        "book_repository": repository,
        "book_clone_folder": repository.rsplit("/", 1)[-1],
        "book_ref": ref,
        # A release's page pins its commit; the working version's page follows the branch.
        "book_checkout": ref if app.config.book_source_commit.strip() and released else "",
        "book_notebook": notebook,
        "book_conda_name": _conda_environment_name(pathlib.Path(app.srcdir)),
        "book_binder_url": links.get("Binder", ""),
        "book_colab_url": links.get("Colab", ""),
        "book_issues_url": f"{repository}/issues",
    })
    body = context["body"]
    title_end = body.find("</h1>")
    position = title_end + len("</h1>") if title_end >= 0 else 0
    context["body"] = body[:position] + box + body[position:]


def setup(app: Sphinx) -> None:
    # The commit a release is built from (scripts/build_site.py); empty for the working version.
    app.add_config_value("book_source_commit", os.environ.get("BOOK_SOURCE_COMMIT", ""), "env")
    # After malibook.sphinxext.printed_version (900), which reads the release, and after Jupyter Book's settings.
    app.connect("config-inited", _pin_release_commit, priority=910)
    # After sphinx-book-theme's launch buttons (501), whose URLs the box repeats.
    app.connect("html-page-context", _add_how_to_run, priority=600)
