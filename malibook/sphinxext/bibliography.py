"""The bibliography style ``malibook`` (``bibtex_default_style`` in ``_config.yml``): pybtex's
``plain`` style, with the kind of each source (``sourcekind``) and, for a mirror, the original it
copies (``copyof``), so that a reader sees at the entry itself what a citation rests on."""
from __future__ import annotations

from sphinx.application import Sphinx


def _source_kind_style():
    """The 'plain' pybtex style, with each entry's kind of source (and, for a mirror, its original)."""
    from pybtex.richtext import Text
    from pybtex.style import FormattedEntry
    from pybtex.style.formatting.plain import Style as PlainStyle

    from malibook.data.sources import SOURCE_KINDS

    class SourceKindStyle(PlainStyle):
        def format_entry(self, label, entry, bib_data=None):
            formatted = super().format_entry(label, entry, bib_data=bib_data)
            kind = entry.fields.get("sourcekind", "")
            note = f" Kind of source: {SOURCE_KINDS.get(kind, kind)}"
            if entry.fields.get("copyof"):
                note += ", a copy of " + entry.fields["copyof"].replace("\\&", "&")
            return FormattedEntry(formatted.key, Text(formatted.text, note + "."), formatted.label)

    return SourceKindStyle


def setup(app: Sphinx) -> None:
    import pybtex.plugin

    pybtex.plugin.register_plugin("pybtex.style.formatting", "malibook", _source_kind_style())
