"""The bibliography style ``malibook`` (``bibtex_default_style`` in ``_config.yml``): pybtex's
``plain`` style, with the kind of each source (``sourcekind``) and, for a mirror, the original it
copies (``copyof``), so that a reader sees at the entry itself what a citation rests on.

In the French edition the style's own words are French (« et » between authors, month names,
« URL : », « consulté le », the kind of source); the entries' titles and notes are those of
``references.bib``, in the language the editors wrote them.
"""
from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.config import Config

ENGLISH_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                  "October", "November", "December"]


def _source_kind_style(language: str):
    """The 'plain' pybtex style, with each entry's kind of source (and, for a mirror, its original)."""
    from pybtex.richtext import Text
    from pybtex.style import FormattedEntry
    from pybtex.style.formatting.plain import Style as PlainStyle
    from pybtex.style.template import field, href, names, optional, sentence, words

    from malibook.data.dates import MONTH_NAMES
    from malibook.data.sources import SOURCE_KINDS, SOURCE_KINDS_FR

    french = language == "fr"
    kinds = SOURCE_KINDS_FR if french else SOURCE_KINDS

    class SourceKindStyle(PlainStyle):
        def format_entry(self, label, entry, bib_data=None):
            if french and entry.fields.get("month") in ENGLISH_MONTHS:
                entry.fields["month"] = MONTH_NAMES["fr"][ENGLISH_MONTHS.index(entry.fields["month"])]
            formatted = super().format_entry(label, entry, bib_data=bib_data)
            kind = entry.fields.get("sourcekind", "")
            note = f" Type de source\u00a0: {kinds.get(kind, kind)}" if french else \
                f" Kind of source: {kinds.get(kind, kind)}"
            if entry.fields.get("copyof"):
                note += (", copie de " if french else ", a copy of ") + entry.fields["copyof"].replace("\\&", "&")
            return FormattedEntry(formatted.key, Text(formatted.text, note + "."), formatted.label)

        if french:
            def format_names(self, role, as_sentence=True):
                formatted = names(role, sep=", ", sep2=" et ", last_sep=" et ")
                return sentence[formatted] if as_sentence else formatted

            def format_web_refs(self, e):
                url = field("url", raw=True)
                return sentence[optional[words["URL\u00a0:", href(url)[url]],
                                         optional[" (consulté le ", field("urldate"), ")"]]]

    return SourceKindStyle


def _register_style(app: Sphinx, config: Config) -> None:
    import pybtex.plugin

    # Registered once the configuration is read, in the style of the build's language.
    pybtex.plugin.register_plugin("pybtex.style.formatting", "malibook", _source_kind_style(config.language or "en"),
                                  force=True)


def setup(app: Sphinx) -> None:
    app.connect("config-inited", _register_style)
