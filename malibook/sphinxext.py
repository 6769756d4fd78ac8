"""Sphinx extension: show the book's one version wherever the build prints it.

Jupyter Book's ``_config.yml`` cannot read a version from elsewhere, and
``{{ version }}`` is not substituted in ``html.extra_footer``. So this extension,
listed under ``sphinx: extra_extensions``, reads the version and release date
(``malibook.release``) when the configuration is loaded and sets:

- ``version``/``release`` and ``today`` (the LaTeX title page prints both);
- the HTML title and a footer template that shows the version and links to the
  PDF of the same version;
- the LaTeX target name, so that the PDF is ``<book-slug>-<version>.pdf``;
- tokens such as ``%BOOK_VERSION%`` in the pages' sources (MyST substitutions
  do not reach code blocks, and the how-to-cite page has a BibTeX block).

It also adds, for the chapters:

- the ``{data-dictionary}`` directive, which writes the data dictionary
  (``malibook.dictionary``) from ``data/datapackage.json`` at build time;
- the ``{block-data}`` directive, which lists under a block of a document the
  events, actors and relations the data links to it (``malibook.annotations``);
- the ``{actors-by-document}`` directive, which lists the actors both documents
  mention and those only one of them mentions;
- the ``{glued-figure}`` directive, which shows in a chapter a figure glued in a
  notebook (``path::key``) as a numbered figure with a caption and alt text;
  myst-nb's own ``{glue:figure}`` reads only the current page, and its
  cross-page ``{glue:any}`` drops the alt text;
- the ``{para}`` role: ``{para}`b115-p2``` links to that block's anchor and
  fails the build (nitpicky) if no chapter defines it;
- the ``{event-date}`` role: ``{event-date}`2020-coup``` prints the dates of
  that event as the data holds them ("18 August 2020", "October 2015"; add
  ``:start`` or ``:end`` to the ID for one end of a span), so
  that prose and data cannot disagree; an unknown event fails the build, and so does a date the
  data records as disputed (``data/disputes.csv``), which must be printed with ``{dispute}``;
- the ``{dispute}`` role: ``{dispute}`2012-rebellion-start``` prints the rival values of a
  disputed fact from the data ("16 January 2012 or 17 January 2012"), for a sentence that says
  the sources differ;
- the bibliography style ``malibook`` (``bibtex_default_style``): the ``plain`` style, with the
  kind of each source (``sourcekind``) and, for a mirror, the original it copies (``copyof``).
"""
from __future__ import annotations

import pathlib

import functools

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from docutils.statemachine import StringList
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from malibook.release import Release, current_release

logger = logging.getLogger(__name__)
TEMPLATES = pathlib.Path(__file__).resolve().parent / "templates"


def _apply_release(app: Sphinx, config: Config) -> None:
    release = current_release(pathlib.Path(app.confdir))
    config.version = config.release = release.version
    config.today = release.date_label
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


def _note_data_dependency(directive: SphinxDirective) -> pathlib.Path:
    """The book's data folder; the page is rebuilt when any file in it changes."""
    data_dir = pathlib.Path(directive.env.srcdir) / "data"
    for path in sorted(data_dir.glob("*")):
        directive.env.note_dependency(str(path))
    return data_dir


def _parse_markdown(directive: SphinxDirective, text: str, source: str) -> list[nodes.Node]:
    container = nodes.section()
    container.document = directive.state.document
    directive.state.nested_parse(StringList(text.splitlines(), source=source), directive.content_offset,
                                 container, match_titles=True)
    return list(container.children)


@functools.lru_cache(maxsize=4)
def _tables(data_dir: pathlib.Path, stamp: tuple) -> dict:
    from malibook.data import load

    return load(data_dir)


def _loaded_tables(data_dir: pathlib.Path) -> dict:
    """The data, loaded once per build (and again only if a file changed)."""
    stamp = tuple((path.name, path.stat().st_mtime_ns) for path in sorted(data_dir.glob("*")))
    return _tables(data_dir, stamp)


class BlockData(SphinxDirective):
    """Under a block of a document: the events, actors and relations the data links to it."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        from malibook.annotations import block_mentions_markdown

        data_dir = _note_data_dependency(self)
        try:
            text = block_mentions_markdown(_loaded_tables(data_dir), self.arguments[0])
        except KeyError as exc:
            raise self.error(str(exc)) from None
        return _parse_markdown(self, text, "data/mentions.csv")


class ActorsByDocument(SphinxDirective):
    """Which actors both documents mention, and which only one of them, from the data."""

    def run(self) -> list[nodes.Node]:
        from malibook.annotations import actors_by_document_markdown

        data_dir = _note_data_dependency(self)
        return _parse_markdown(self, actors_by_document_markdown(_loaded_tables(data_dir)), "data/mentions.csv")


class GluedFigure(SphinxDirective):
    """A figure glued in a notebook, shown in another page with a caption and alt text."""

    required_arguments = 1  # path/to/notebook.ipynb::key
    has_content = True
    option_spec = {"alt": directives.unchanged_required, "name": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        from myst_nb.ext.glue.utils import create_pending_glue_ref

        path, separator, key = self.arguments[0].partition("::")
        if not separator or "alt" not in self.options or not self.content:
            raise self.error("glued-figure needs `path::key`, an :alt: option and a caption")
        figure = nodes.figure("", classes=["glued-figure"])
        figure["glued_alt"] = self.options["alt"]
        figure += create_pending_glue_ref(self.state.document, self.get_source_info()[0], self.lineno, path, key)
        self.add_name(figure)
        caption = nodes.Element()
        self.state.nested_parse(self.content, self.content_offset, caption)
        paragraph = caption[0]
        figure += nodes.caption(paragraph.rawsource, "", *paragraph.children)
        return [figure]


class GluedFigureAlt(SphinxPostTransform):
    """Give the image that myst-nb pasted into a glued figure the figure's alt text."""

    default_priority = 6  # just after myst-nb's ReplacePendingGlueReferences (5)

    def run(self, **kwargs) -> None:
        for figure in self.document.findall(nodes.figure):
            if "glued_alt" not in figure.attributes:
                continue
            images = list(figure.findall(nodes.image))
            if len(images) != 1:
                logger.warning("glued figure holds %d images instead of one", len(images), location=figure)
            for image in images:
                image["alt"] = figure["glued_alt"]
                if self.app.builder.format == "latex":
                    # myst-nb writes a path relative to the page, but the LaTeX build is one flat
                    # folder where the notebook's image already sits under the same name.
                    image["uri"] = pathlib.PurePosixPath(image["uri"]).name
                    image["candidates"] = {"*": image["uri"]}
            del figure["glued_alt"]


def para_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """{para}`b115-p2`: the paragraph ID as a link to the block's anchor in its chapter."""
    node = addnodes.pending_xref(rawtext, refdomain="std", reftype="ref", reftarget=text,
                                 refexplicit=True, refwarn=True)
    node += nodes.literal(rawtext, text, classes=["paragraph-id"])
    return [node], []


def event_date_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """{event-date}`2020-coup`: the event's dates, from the data, at their precision;
    {event-date}`2013-serval:start` or `...:end` gives one end of the span only."""
    from malibook.data import date_label, span_label

    env = inliner.document.settings.env
    data_dir = pathlib.Path(env.srcdir) / "data"
    env.note_dependency(str(data_dir / "events.csv"))
    events = _loaded_tables(data_dir)["events"].set_index("event_id")
    event_id, _, which = text.partition(":")
    if event_id not in events.index or which not in ("", "start", "end"):
        message = inliner.reporter.error(f"{{event-date}}: no event {text!r} in data/events.csv", line=lineno)
        return [inliner.problematic(rawtext, rawtext, message)], [message]
    disputed = _disputed_fields(data_dir).get(event_id, set()) & ({which} if which else {"start", "end"})
    if disputed:
        message = inliner.reporter.error(
            f"{{event-date}}: the {' and '.join(sorted(disputed))} of {event_id!r} is disputed in data/disputes.csv; "
            f"print it with {{dispute}}", line=lineno)
        return [inliner.problematic(rawtext, rawtext, message)], [message]
    event = events.loc[event_id]
    if which:
        label = date_label(event[which].date(), event[f"{which}_precision"])
    else:
        label = span_label(event["start"].date(), event["start_precision"], event["end"].date(),
                           event["end_precision"])
    return [nodes.inline(rawtext, label, classes=["event-date"])], []


def _disputed_fields(data_dir: pathlib.Path) -> dict[str, set[str]]:
    """{event ID: the fields of it that are disputed}."""
    disputes = _loaded_tables(data_dir)["disputes"]
    fields: dict[str, set[str]] = {}
    for row in disputes[disputes["subject_table"] == "events"].itertuples():
        fields.setdefault(row.subject_id, set()).add(row.field)
    return fields


def dispute_values_label(rows) -> str:
    """The rival values of one dispute for readers: dates at their precision, counts as numbers."""
    from malibook.data import date_bounds, date_label

    labels = []
    for row in rows:
        if row.precision in ("count", "minimum"):
            labels.append(row.value if row.precision == "count" else f"at least {row.value}")
        else:
            labels.append(date_label(date_bounds(row.value)[0], row.precision))
    return ", ".join(labels[:-1]) + " or " + labels[-1]


def dispute_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """{dispute}`2012-rebellion-start`: the rival values of a disputed fact, from data/disputes.csv."""
    env = inliner.document.settings.env
    data_dir = pathlib.Path(env.srcdir) / "data"
    env.note_dependency(str(data_dir / "disputes.csv"))
    disputes = _loaded_tables(data_dir)["disputes"]
    rows = list(disputes[disputes["dispute_id"] == text].itertuples())
    if not rows:
        message = inliner.reporter.error(f"{{dispute}}: no dispute {text!r} in data/disputes.csv", line=lineno)
        return [inliner.problematic(rawtext, rawtext, message)], [message]
    return [nodes.inline(rawtext, dispute_values_label(rows), classes=["disputed-values"])], []


def _source_kind_style():
    """The 'plain' pybtex style, with each entry's kind of source (and, for a mirror, its original)."""
    from pybtex.richtext import Text
    from pybtex.style import FormattedEntry
    from pybtex.style.formatting.plain import Style as PlainStyle

    from malibook.sources import SOURCE_KINDS

    class SourceKindStyle(PlainStyle):
        def format_entry(self, label, entry, bib_data=None):
            formatted = super().format_entry(label, entry, bib_data=bib_data)
            kind = entry.fields.get("sourcekind", "")
            note = f" Kind of source: {SOURCE_KINDS.get(kind, kind)}"
            if entry.fields.get("copyof"):
                note += ", a copy of " + entry.fields["copyof"].replace("\\&", "&")
            return FormattedEntry(formatted.key, Text(formatted.text, note + "."), formatted.label)

    return SourceKindStyle


class DataDictionary(SphinxDirective):
    """Insert the data dictionary of the book's data package, parsed as MyST Markdown."""

    option_spec = {"heading-level": int}

    def run(self) -> list[nodes.Node]:
        from malibook.dictionary import data_dictionary_markdown

        data_dir = _note_data_dependency(self)
        text = data_dictionary_markdown(data_dir, self.options.get("heading-level", 2))
        return _parse_markdown(self, text, "data/datapackage.json")


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
        context["body"] = (context["body"].replace('<div role="list" class="citation-list">', '<div class="citation-list">')
                           .replace(' role="doc-biblioentry"', ""))


def setup(app: Sphinx) -> dict:
    app.add_directive("data-dictionary", DataDictionary)
    app.add_directive("block-data", BlockData)
    app.add_directive("actors-by-document", ActorsByDocument)
    app.add_directive("glued-figure", GluedFigure)
    app.add_post_transform(GluedFigureAlt)
    app.add_role("para", para_role)
    app.add_role("event-date", event_date_role)
    app.add_role("dispute", dispute_role)
    import pybtex.plugin

    pybtex.plugin.register_plugin("pybtex.style.formatting", "malibook", _source_kind_style())
    # Late priority: after Jupyter Book and sphinx-jupyterbook-latex have set their values.
    # A change of version or date marks every page as changed ("env" rebuild).
    app.add_config_value("book_page_tokens", {}, "env")
    app.connect("config-inited", _apply_release, priority=900)
    app.connect("source-read", _replace_tokens)
    # Early: html-page-context stops at the first handler that returns a template, so a late one may never run.
    app.connect("html-page-context", _clean_page, priority=1)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
