"""Figure numbers counted again only when a page's figures may have moved.

Sphinx numbers the book's figures afresh in every build, even one that read no page, and loads every
page's doctree to do it (the data dictionary's alone is 440 kB): a tenth of a second of each build.
The numbers depend only on the pages as read; Sphinx records when it read each one (``env.all_docs``),
so while that record is the one the numbers were counted for, they are kept. When pages were read
again, each one's *outline* (what its numbers depend on: its sections, toctrees and captioned figures,
tables and listings, in the order Sphinx walks them) is compared with the one it had at the last count:
an edit of the prose alone keeps every number (the edited page gets its own back, which Sphinx dropped
when it read the page again). A page added or removed, a changed outline or a changed numbering
setting counts them all again.
"""
from __future__ import annotations

import copy

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment.collectors.toctree import TocTreeCollector

# Kept in the pickled environment: as of the last count, env.all_docs, each page's outline, and the numbers.
_COUNTED_FOR = "book_figures_numbered_for"
_OUTLINES = "book_figure_outlines"
_NUMBERS = "book_figure_numbers"


def _figure_type(env, node: nodes.Element) -> str | None:
    """The type Sphinx numbers a node as, or None; as assign_figure_numbers asks it (an uncaptioned
    figure, table or listing is not numbered)."""
    for domain in env.domains.values():
        figtype = domain.get_enumerable_node_type(node)
        if domain.name == "std" and not domain.get_numfig_title(node):
            continue
        if figtype:
            return figtype
    return None


def outline(env, docname: str) -> tuple:
    """What a page's figure numbers, and those of the pages after it, depend on: the numbering settings,
    the page's section numbers, and its sections, toctree entries and numbered nodes (type and first id)
    in the order in which Sphinx walks them."""
    steps = []

    def walk(node: nodes.Element) -> None:
        for child in node.children:
            if isinstance(child, nodes.section):
                steps.append(("section", tuple(child["ids"])))
                walk(child)
                steps.append(("end",))
            elif isinstance(child, addnodes.toctree):
                steps.append(("toctree", tuple(name for _, name in child["entries"])))
            elif isinstance(child, nodes.Element):
                figtype = _figure_type(env, child)
                if figtype and child["ids"]:
                    steps.append((figtype, child["ids"][0]))
                walk(child)

    walk(env.get_doctree(docname))
    settings = (env.config.numfig, env.config.numfig_secnum_depth, env.config.root_doc)
    return settings, tuple(sorted(env.toc_secnumbers.get(docname, {}).items())), tuple(steps)


def _numbered_once_per_reading(assign_figure_numbers):
    def assign_if_read(collector, env) -> list[str]:
        read = dict(env.all_docs)
        counted = getattr(env, _COUNTED_FOR, None)
        if counted == read:
            return []  # the same pages as last time: the same numbers, no page to write again
        outlines = getattr(env, _OUTLINES, {})
        changed = [docname for docname, when in read.items() if counted is None or counted.get(docname) != when]
        fresh = {docname: outline(env, docname) for docname in changed}
        if (counted is not None and read.keys() == counted.keys()
                and all(outlines.get(docname) == fresh[docname] for docname in changed)):
            numbers = getattr(env, _NUMBERS)
            for docname in changed:  # Sphinx dropped a page's numbers when it read the page again
                if docname in numbers:
                    env.toc_fignumbers[docname] = copy.deepcopy(numbers[docname])
            setattr(env, _COUNTED_FOR, read)
            return []
        rewrite = assign_figure_numbers(collector, env)
        setattr(env, _COUNTED_FOR, read)
        setattr(env, _OUTLINES, {**{docname: kept for docname, kept in outlines.items() if docname in read}, **fresh})
        setattr(env, _NUMBERS, copy.deepcopy(env.toc_fignumbers))
        return rewrite

    assign_if_read.book_wrapped = True
    return assign_if_read


def setup(app: Sphinx) -> None:
    # The class's method (jupyter-book's collector, sphinx-external-toc's, inherits it); wrapped once per
    # process, however many books it builds.
    method = getattr(TocTreeCollector, "assign_figure_numbers", None)
    if method is not None and not getattr(method, "book_wrapped", False):
        TocTreeCollector.assign_figure_numbers = _numbered_once_per_reading(method)
