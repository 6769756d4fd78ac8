"""Figure numbers counted again only when a page was read.

Sphinx numbers the book's figures afresh in every build, even one that read no page, and loads every
page's doctree to do it (the data dictionary's alone is 440 kB): a tenth of a second of each no-change
build. The numbers depend only on the pages as read; Sphinx records when it read each one
(``env.all_docs``), so while that record is the one the numbers were counted for, they are kept. An edited,
added or removed page, or a changed configuration (Sphinx then reads every page), counts them again.
"""
from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.environment.collectors.toctree import TocTreeCollector

_COUNTED_FOR = "book_figures_numbered_for"  # kept in the pickled environment


def _numbered_once_per_reading(assign_figure_numbers):
    def assign_if_read(collector, env) -> list[str]:
        read = dict(env.all_docs)
        if getattr(env, _COUNTED_FOR, None) == read:
            return []  # the same pages as last time: the same numbers, no page to write again
        rewrite = assign_figure_numbers(collector, env)
        setattr(env, _COUNTED_FOR, read)
        return rewrite

    assign_if_read.book_wrapped = True
    return assign_if_read


def setup(app: Sphinx) -> None:
    # The class's method (jupyter-book's collector, sphinx-external-toc's, inherits it); wrapped once per
    # process, however many books it builds.
    method = getattr(TocTreeCollector, "assign_figure_numbers", None)
    if method is not None and not getattr(method, "book_wrapped", False):
        TocTreeCollector.assign_figure_numbers = _numbered_once_per_reading(method)
