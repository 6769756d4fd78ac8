"""The book's bibliography: the style ``malibook`` (``bibtex_default_style`` in ``_config.yml``), an
author-year list, and its in-text labels (``bibtex_reference_style: malibook``).

- Every entry of the list is labelled as readers see it cited in the text ("Diarra and Diallo, 2012",
  "International Crisis Group, 2015"), and the list is sorted by that label, not numbered.
- Titles are printed exactly as ``references.bib`` spells them (pybtex's ``plain`` style would
  sentence-case them and lose "Mali", "ECOWAS", "CNSP").
- Each entry says what kind of source it is (``sourcekind``) and, for a copy, the original it copies
  (``copyof``); the date to the day where the source gives it; the access date (``urldate``) of a web
  page; the editors' note in a paragraph of its own (class ``bib-note``), in HTML and PDF.
- In the French edition the generated words are French: « et » between authors, « s. d. » for an
  undated page, month names, « consulté le », the kind of source, « édition française »; the editors'
  note is the entry's French one (``notefr``; ``note`` in English: see ``note_of``); the titles are
  those of ``references.bib``, as the sources spell them.
"""
from __future__ import annotations

import datetime as dt
import functools
import pathlib
import unicodedata

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.transforms.post_transforms import SphinxPostTransform

ENGLISH_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                  "October", "November", "December"]
# What the style itself writes, in each edition.
WORDS = {
    "en": {"and": " and ", "undated": "n.d.", "accessed": "accessed", "kind": "Kind of source: ",
           "copy": ", a copy of ", "note": "Editors’ note: "},
    "fr": {"and": " et ", "undated": "s.\u00a0d.", "accessed": "consulté le", "kind": "Type de source\u00a0: ",
           "copy": ", copie de ", "note": "Note des éditeurs\u00a0: "},
}
# English words of references.bib's author fields, as the French edition prints them.
FRENCH_AUTHOR_WORDS = {"(French edition)": "(édition française)"}
UNDATED = "n.d."  # the year of an undated page in references.bib


def _words(language: str) -> dict[str, str]:
    return WORDS["fr" if language == "fr" else "en"]


def note_of(entry, language: str) -> str:
    """The editors' note of an entry in the edition's language, as LaTeX ("" if none): ``notefr`` in the
    French edition, ``note`` in the English; never the English note on a French page (no fallback)."""
    return entry.fields.get("notefr" if language == "fr" else "note", "")


# What formatting references.bib gave, kept in the build environment from one build to the next:
# sphinxcontrib-bibtex formats the whole list again on every build, even when no page changed (a
# second of a no-change build). Each result is keyed by all it depends on: the entry's fields and
# people, its label, the edition's language, and this module's code and pybtex's version (the stamp).
_kept: dict = {"stamp": None, "plain": {}, "formatted": {}, "used": set()}


def _code_stamp() -> str:
    import hashlib

    import pybtex

    return hashlib.sha256(pathlib.Path(__file__).read_bytes() + pybtex.__version__.encode()).hexdigest()


def _restore_kept_formatting(app: Sphinx) -> None:
    """Take up what the previous build formatted (the environment is saved after every build that
    read a page; a new environment, after a change of configuration, starts empty)."""
    global _kept
    kept = getattr(app.env, "malibook_bibliography", None)
    stamp = _code_stamp()
    if not isinstance(kept, dict) or kept.get("stamp") != stamp:
        kept = {"stamp": stamp, "plain": {}, "formatted": {}}
    kept["used"] = set()
    app.env.malibook_bibliography = _kept = kept


def _forget_unused_formatting(app: Sphinx, env) -> None:
    """Keep only the entries this build formatted, so that the store does not grow with every edit."""
    if env is not None and getattr(env, "malibook_bibliography", None) is _kept:
        _kept["formatted"] = {key: value for key, value in _kept["formatted"].items() if key in _kept["used"]}
        _kept["used"] = set()


def _plain(latex: str) -> str:
    """A field of references.bib as readers see it: braces and LaTeX escapes gone. (Kept, and with
    the text backend looked up once: pybtex's ``render_as`` scans every installed package's entry
    points on each call, which made formatting the bibliography take some 40 s.)"""
    plain = _kept["plain"].get(latex)
    if plain is None:
        from pybtex.richtext import Text

        plain = _kept["plain"][latex] = Text.from_latex(latex).render(_text_backend())
    return plain


@functools.cache
def _text_backend():
    from pybtex.plugin import find_plugin

    return find_plugin("pybtex.backends", "text")()


def localise_entry(entry, language: str) -> None:
    """Put the French words into an entry's year and authors, in place, for the French edition.

    The in-text labels are made from the same entry objects as the list, so both read « s. d. »."""
    if language != "fr":
        return
    if entry.fields.get("year") == UNDATED:
        entry.fields["year"] = WORDS["fr"]["undated"]
    for persons in entry.persons.values():
        for person in persons:
            for parts in (person.first_names, person.middle_names, person.prelast_names, person.last_names):
                for index, part in enumerate(parts):
                    for english, french in FRENCH_AUTHOR_WORDS.items():
                        part = part.replace(english, french)
                    parts[index] = part


def label_of(entry, language: str = "en") -> str:
    """The author-year label, as the text cites the entry: 'Diarra and Diallo, 2012'.

    The same rules as sphinxcontrib-bibtex's author-year citations: the last names of one or two
    authors, the first one's followed by "et al." for three or more, then the year."""
    people = entry.persons.get("author") or entry.persons.get("editor") or []
    last = [_plain(" ".join([*person.prelast_names, *person.last_names])) for person in people]
    if len(last) > 2:
        who = f"{last[0]} et al."
    else:
        who = _words(language)["and"].join(last)
    year = _plain(entry.fields.get("year", UNDATED))
    return f"{who}, {year}" if who else year


def sort_key(label: str) -> tuple[str, str, str]:
    """Alphabetical order of labels, as a reader looks them up: by author, then year; accents and case
    set aside ("International Crisis Group, 2015" before "International Crisis Group (French edition), 2015")."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", label) if not unicodedata.combining(c)).casefold()
    who, _, year = folded.rpartition(", ")
    return who, year, label


def date_text(entry, language: str) -> str:
    """The date of publication at the precision the entry gives: '31 May 2021', '1er octobre 2020', 'n.d.'."""
    from malibook.data.dates import MONTH_NAMES

    year = _plain(entry.fields.get("year", UNDATED))
    month = entry.fields.get("month", "")
    month_name = ""
    if month in ENGLISH_MONTHS:
        month_name = MONTH_NAMES["fr" if language == "fr" else "en"][ENGLISH_MONTHS.index(month)]
    elif month:
        month_name = month  # a month already in French (an entry localised earlier)
    day = entry.fields.get("day", "")
    if day and month_name:
        day = "1er" if language == "fr" and day == "1" else day
        return f"{day} {month_name} {year}"
    return f"{month_name} {year}" if month_name else year


def access_date_text(urldate: str, language: str) -> str:
    """'29 November 2026' from '2026-11-29' (as pybtex reads it, or as written if it is not ISO)."""
    from malibook.data.dates import date_label

    try:
        return date_label(dt.date.fromisoformat(urldate), "day", "fr" if language == "fr" else "en")
    except ValueError:
        return urldate


def _source_kind_style(language: str):
    """pybtex's 'plain' style made the book's: see the module's docstring."""
    from pybtex.richtext import Text
    from pybtex.style import FormattedEntry
    from pybtex.style.formatting import toplevel
    from pybtex.style.formatting.plain import Style as PlainStyle
    from pybtex.style.template import field, first_of, href, names, optional, optional_field, sentence, words

    from malibook.data.sources import SOURCE_KINDS, SOURCE_KINDS_FR

    french = language == "fr"
    kinds = SOURCE_KINDS_FR if french else SOURCE_KINDS
    said = _words(language)
    date = field("malibook_date", raw=True)

    class SourceKindStyle(PlainStyle):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.sort = self._sort_by_label
            self.format_labels = self._labels

        def _sort_by_label(self, entries):
            entries = list(entries)
            for entry in entries:
                localise_entry(entry, language)
            return sorted(entries, key=lambda entry: sort_key(label_of(entry, language)))

        def _labels(self, sorted_entries):
            # Two works with the same label are told apart in the list by a letter (2015a, 2015b).
            labels = [label_of(entry, language) for entry in sorted_entries]
            for index, label in enumerate(labels):
                same = [i for i, other in enumerate(labels) if other == label]
                if len(same) > 1:
                    yield f"{label}{chr(ord('a') + same.index(index))}"
                else:
                    yield label

        def format_names(self, role, as_sentence=True):
            formatted = names(role, sep=", ", sep2=said["and"], last_sep=said["and"] if french else ", and ")
            return sentence[formatted] if as_sentence else formatted

        def format_title(self, e, which_field, as_sentence=True):
            # As the source spells it: no sentence case.
            title = field(which_field)
            return sentence[title] if as_sentence else title

        def format_web_refs(self, e):
            url = field("url", raw=True)
            return sentence[optional[words["URL\u00a0:" if french else "URL:", href(url)[url]],
                                     optional[" (", said["accessed"], " ", field("malibook_urldate", raw=True), ")"]],
                            optional[self.format_doi(e)]]

        def get_misc_template(self, e):
            return toplevel[
                optional[sentence[self.format_names("author")]],
                optional[self.format_title(e, "title")],
                sentence[optional[field("howpublished")], date],
                self.format_web_refs(e),
            ]

        def get_techreport_template(self, e):
            return toplevel[
                sentence[self.format_names("author")],
                self.format_title(e, "title"),
                sentence[words[first_of[optional_field("type"), "Report"], optional_field("number")],
                         field("institution"), optional_field("address"), date],
                self.format_web_refs(e),
            ]

        def format_entry(self, label, entry, bib_data=None):
            key = (language, label, entry.key, entry.type, tuple(sorted(entry.fields.items())),
                   tuple((role, tuple(map(str, people))) for role, people in entry.persons.items()))
            _kept["used"].add(key)
            if key not in _kept["formatted"]:
                _kept["formatted"][key] = self._format_entry(label, entry, bib_data)
            return _kept["formatted"][key]

        def _format_entry(self, label, entry, bib_data=None):
            # The note is left out here: malibook's post-transform prints it in a paragraph of its own.
            shown = entry.__class__(entry.type, fields=dict(entry.fields), persons=entry.persons)
            shown.key = entry.key
            shown.fields.pop("note", None)
            shown.fields.pop("notefr", None)
            shown.fields["malibook_date"] = date_text(entry, language)
            if entry.fields.get("urldate"):
                shown.fields["malibook_urldate"] = access_date_text(entry.fields["urldate"], language)
            formatted = super().format_entry(label, shown, bib_data=bib_data)
            kind = entry.fields.get("sourcekind", "")
            note = f" {said['kind']}{kinds.get(kind, kind)}"
            if entry.fields.get("copyof"):
                note += said["copy"] + _plain(entry.fields["copyof"])
            return FormattedEntry(formatted.key, Text(formatted.text, note + "."), formatted.label)

    return SourceKindStyle


def _reference_style(language: str):
    """sphinxcontrib-bibtex's author-year citations, with « et » between two authors in French."""
    from dataclasses import dataclass, field

    from sphinxcontrib.bibtex.style.referencing import PersonStyle
    from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle

    said = _words(language)

    @dataclass
    class BookReferenceStyle(AuthorYearReferenceStyle):
        person: PersonStyle = field(default_factory=lambda: PersonStyle(
            sep2=said["and"], last_sep=said["and"] if language == "fr" else ", and "))

    return BookReferenceStyle


class EditorsNotes(SphinxPostTransform):
    """Print each entry's editors' note (``note_of``: ``notefr`` in French) as a paragraph of its own.

    After sphinxcontrib-bibtex has made the list (its transform has priority 5) and before the
    references are resolved (10)."""

    default_priority = 6

    def run(self, **kwargs) -> None:
        from pybtex.plugin import find_plugin
        from pybtex.richtext import Text

        domain = self.env.get_domain("cite")
        language = self.config.language or "en"
        notes = {citation.citation_id: note_of(citation.entry, language)
                 for citation in getattr(domain, "citations", [])}
        if not notes:
            return
        backend = find_plugin("pybtex.backends", "docutils")()
        said = _words(language)
        for citation in self.document.findall(nodes.citation):
            note = notes.get(citation["ids"][0] if citation["ids"] else "")
            if not note or any("bib-note" in child["classes"] for child in citation.children
                               if isinstance(child, nodes.paragraph)):
                continue
            text = Text(said["note"], Text.from_latex(note))
            citation += nodes.paragraph("", "", nodes.emphasis("", "", *text.render(backend)), classes=["bib-note"])


class UniqueCitationIds(SphinxPostTransform):
    """Give an in-text citation a new id when another element of the page has its id already.

    In a translated paragraph, sphinxcontrib-bibtex numbers its citations in the scratch document
    that Sphinx parses the translation in, and two of them can end with the same id (the French
    context chapter had id16 and id24 twice): a page with duplicate ids is invalid XHTML, which the
    EPUB checker rejects. Nothing links to these ids, so a fresh one loses nothing."""

    default_priority = 900

    def run(self, **kwargs) -> None:
        seen: set[str] = set()
        for node in self.document.findall(nodes.Element):
            ids = node.get("ids", [])
            repeated = [node_id for node_id in ids if node_id in seen]
            seen.update(ids)
            if repeated and "bibtex-citation" in node.get("classes", []):
                fresh = []
                for node_id in repeated:
                    number = 2
                    while f"{node_id}-{number}" in seen or f"{node_id}-{number}" in self.document.ids:
                        number += 1
                    fresh.append(f"{node_id}-{number}")
                node["ids"] = [node_id for node_id in ids if node_id not in repeated] + fresh
                seen.update(fresh)


def _register_styles(app: Sphinx, config: Config) -> None:
    import pybtex.plugin
    import sphinxcontrib.bibtex.plugin

    # The plain-text backend, registered as a runtime plugin under its own name and class (its entry
    # point is pybtex.backends.plaintext:Backend): pybtex looks an entry point up by scanning every
    # installed package's metadata, and sphinxcontrib-bibtex looks this one up for each citation it
    # resolves (most of the time a one-chapter edit spent on resolving).
    from pybtex.backends.plaintext import Backend as PlainTextBackend

    pybtex.plugin.register_plugin("pybtex.backends", "plaintext", PlainTextBackend, force=True)
    language = config.language or "en"
    # Registered once the configuration is read, in the words of the build's language.
    pybtex.plugin.register_plugin("pybtex.style.formatting", "malibook", _source_kind_style(language), force=True)
    sphinxcontrib.bibtex.plugin.register_plugin("sphinxcontrib.bibtex.style.referencing", "malibook",
                                                _reference_style(language), force=True)


# The list's labels are as long as the in-text ones: in print they run in before the reference, with
# a hanging indent, instead of a column as wide as the widest label.
LATEX_BIBLIOGRAPHY = r"""
\makeatletter
\renewcommand\@openbib@code{\leftmargin 1.5em\labelwidth\z@\labelsep .5em\itemindent-\leftmargin
  \advance\itemindent\labelsep\parsep .3\baselineskip}
\renewcommand\@biblabel[1]{\textbf{[#1]}}
\makeatother
"""


def _latex_bibliography(app: Sphinx, config: Config) -> None:
    elements = dict(config.latex_elements)
    if LATEX_BIBLIOGRAPHY not in elements.get("preamble", ""):
        elements["preamble"] = elements.get("preamble", "") + LATEX_BIBLIOGRAPHY
    config.latex_elements = elements


def _cache_plugin_lookups() -> None:
    """Make pybtex scan the installed packages' entry points once per plugin, not once per lookup.

    sphinxcontrib-bibtex looks a plugin up for every citation it resolves, and each lookup read the
    metadata of every installed package: a third of a build's time. The installed packages do not
    change during a build, and plugins registered at run time (the book's styles) are still found
    first, before the entry points."""
    import pybtex.plugin

    if not hasattr(pybtex.plugin.entry_points, "cache_info"):
        pybtex.plugin.entry_points = functools.cache(pybtex.plugin.entry_points)


def setup(app: Sphinx) -> None:
    app.connect("builder-inited", _restore_kept_formatting)
    # After sphinxcontrib-bibtex (500) has formatted the list.
    app.connect("env-updated", _forget_unused_formatting, priority=900)
    _cache_plugin_lookups()
    app.connect("config-inited", _register_styles)
    app.connect("config-inited", _latex_bibliography)
    app.add_post_transform(EditorsNotes)
    app.add_post_transform(UniqueCitationIds)
    app.add_css_file("book-bibliography.css")  # in malibook/sphinxext/static, which theme.py adds
