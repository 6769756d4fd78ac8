"""Data as text in the Markdown the book generates.

The chapters' data directives and the notebooks' tables write Markdown that MyST parses: a value
holding ``<script>``, ``*``, a backtick, ``{role}``, ``$`` or ``[...]`` would become markup there, and
then raw HTML in the page or a LaTeX command in the PDF. ``markdown_text`` escapes every character
that can open markup, so that the value comes out as the same text everywhere; the LaTeX and HTML
writers escape the resulting text themselves.

The characters that open markup only in some places are escaped only there, so that ordinary
values ("pull_quote", "Q&A") keep their plain Markdown: ``_`` unless it sits inside a word (where
CommonMark never reads it as emphasis), and ``&`` only where it starts a character reference.
"""
from __future__ import annotations

import json
import re

ALWAYS = re.compile(r"([\\`*\[\]<>{}$~|])")
UNDERSCORE = re.compile(r"(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])")
REFERENCE = re.compile(r"&(?=#?[0-9A-Za-z]+;)")


def markdown_text(value: object) -> str:
    """``value`` as Markdown that MyST renders as exactly that text, on one line."""
    text = ALWAYS.sub(r"\\\1", str(value))
    text = UNDERSCORE.sub(r"\\_", text)
    text = REFERENCE.sub(r"\\&", text)
    return re.sub(r"\s*\n\s*", " ", text)


def json_in_script(value: object, **options) -> str:
    """``value`` as JSON to put inside a ``<script>`` element: every ``<``, ``>`` and ``&`` written as a
    JSON escape, so that no value can end the element (``</script>``) or switch the browser's script
    parsing into its "double-escaped" state (``<!--<script>``), which would swallow the rest of the page."""
    text = json.dumps(value, ensure_ascii=False, **options)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
