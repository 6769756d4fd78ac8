"""What kind of source each entry of references.bib is, and the book's sourcing rule.

Every entry of the bibliography says what kind of source it is in a field of its own,
``sourcekind``; a mirror or archive copy also names, in ``copyof``, the original it copies.
The sourcing rule (tested in ``tests/test_sourcing.py``):

- no editorial row of the data, and no row that gives a date, rests on encyclopedia or mirror
  pages alone: at least one of its references is a report (a news agency, a newspaper or
  broadcaster, the UN or a government, an NGO or think tank, an academic work) or a primary
  document;
- no dated sentence of the chapters cites only encyclopedia or mirror pages (a sentence that cites a
  paragraph ID rests on one of the two documents).

The places table is outside the rule: its coordinates only place events on maps, and the book
says where they could not be checked against a gazetteer (see the table's description).

Standard library only, like ``malibook.data``.
"""
from __future__ import annotations

import csv
import pathlib
import re

from malibook.paths import PROJECT_ROOT

BIBLIOGRAPHY = PROJECT_ROOT / "references.bib"
CHAPTERS = PROJECT_ROOT / "chapters"

SOURCE_KINDS = {
    "primary": "primary document",
    "un-government": "UN or government",
    "news-agency": "news agency",
    "newspaper": "newspaper or broadcaster",
    "ngo-report": "NGO, think-tank or consultancy report",
    "academic": "academic work",
    "encyclopedia": "encyclopedia",
    "mirror": "mirror or archive copy",
    "dataset": "dataset or software package",
}
# The same kinds as the French edition prints them.
SOURCE_KINDS_FR = {
    "primary": "document de première main",
    "un-government": "ONU ou gouvernement",
    "news-agency": "agence de presse",
    "newspaper": "journal, radio ou télévision",
    "ngo-report": "rapport d’ONG, de think tank ou de cabinet de conseil",
    "academic": "travail universitaire",
    "encyclopedia": "encyclopédie",
    "mirror": "copie ou archive d’une page",
    "dataset": "jeu de données ou logiciel",
}
# Kinds that cannot carry a fact on their own.
WEAK_KINDS = {"encyclopedia", "mirror"}

ENTRY_START = re.compile(r"^@(\w+)\{([^,\s]+),", re.MULTILINE)
FIELD_START = re.compile(r"\s*(\w+)\s*=\s*")
MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|December")
# A date in prose: "17 January 2012", "January 2012", or a date printed from the data.
DATED = re.compile(rf"\b(?:[0-9]{{1,2}} )?(?:{MONTHS}) [0-9]{{4}}\b|\{{event-date\}}|\{{dispute\}}")
CITATION = re.compile(r"\{cite:[pt]\}`([^`]+)`")


class BibliographyError(ValueError):
    """references.bib cannot be read or an entry lacks what the rule needs."""


def _braced(text: str, start: int) -> tuple[str, int]:
    """The text of a {...} group starting at text[start] == '{', and the index after it."""
    depth = 0
    for index in range(start, len(text)):
        if text[index] == "{":
            depth += 1
        elif text[index] == "}":
            depth -= 1
            if depth == 0:
                return text[start + 1:index], index + 1
    raise BibliographyError(f"unbalanced braces from offset {start}")


def read_bibliography(path: pathlib.Path = BIBLIOGRAPHY) -> dict[str, dict[str, str]]:
    """Every entry of a BibTeX file as {key: {field: value}}, with 'ENTRYTYPE' and 'line'."""
    text = pathlib.Path(path).read_text(encoding="utf-8")
    entries: dict[str, dict[str, str]] = {}
    for match in ENTRY_START.finditer(text):
        fields = {"ENTRYTYPE": match.group(1).lower(), "line": str(text[:match.start()].count("\n") + 1)}
        position = match.end()
        while True:
            field = FIELD_START.match(text, position)
            if not field:
                break
            if text[field.end()] == "{":
                value, position = _braced(text, field.end())
            else:  # a bare value such as a month macro: month = dec,
                bare = re.match(r"[^,}\n]*", text[field.end():]).group(0)
                value, position = bare, field.end() + len(bare)
            fields[field.group(1).lower()] = " ".join(value.split())
            rest = re.match(r"\s*,", text[position:])
            if not rest:
                break
            position += rest.end()
        entries[match.group(2)] = fields
    return entries


def bibliography_problems(entries: dict[str, dict[str, str]]) -> list[str]:
    """Entries whose kind is missing or unknown, and mirrors that do not say what they copy."""
    problems = []
    for key, fields in entries.items():
        kind = fields.get("sourcekind")
        where = f"references.bib, line {fields['line']}, entry {key!r}"
        if kind not in SOURCE_KINDS:
            problems.append(f"{where}: sourcekind {kind!r} is not one of {sorted(SOURCE_KINDS)}")
        elif kind == "mirror" and not fields.get("copyof"):
            problems.append(f"{where}: a mirror must name the original it copies in copyof")
        elif kind != "mirror" and fields.get("copyof"):
            problems.append(f"{where}: copyof is for mirrors only, but the kind is {kind!r}")
    return problems


def rests_on_weak_sources(keys: list[str], entries: dict[str, dict[str, str]]) -> bool:
    """True if the keys cite something, and only encyclopedia or mirror pages."""
    return bool(keys) and all(entries.get(key, {}).get("sourcekind") in WEAK_KINDS for key in keys)


def weakly_sourced_rows(data_dir: pathlib.Path, entries: dict[str, dict[str, str]]) -> list[str]:
    """Rows of the data that break the rule: editorial or dated, citing only weak sources."""
    problems = []
    for path in sorted(pathlib.Path(data_dir).glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            if "reference_keys" not in (reader.fieldnames or []) or "provenance" not in reader.fieldnames:
                continue
            for line, row in enumerate(reader, start=2):
                keys = [key for key in row["reference_keys"].split("|") if key]
                dated = bool(row.get("start") or row.get("end"))
                if (row["provenance"] == "editorial" or dated) and rests_on_weak_sources(keys, entries):
                    row_id = next(iter(row.values()))
                    problems.append(f"{path.name}, line {line}, {row_id!r}: cites only encyclopedia or mirror "
                                    f"pages ({', '.join(keys)})")
    return problems


def sentences(text: str) -> list[tuple[int, str]]:
    """The prose of a MyST page cut into sentences, with the line each starts on.

    Code blocks and directive options are left out (a directive's body is prose); a sentence ends at
    '. ', '; ' or a blank line.
    """
    kept, open_fences = [], []  # each open fence: (its mark, whether it is a code block)
    for number, line in enumerate(text.split("\n"), start=1):
        stripped = line.strip()
        fence = next((mark for mark in ("```", ":::") if stripped.startswith(mark)), None)
        if fence:
            if open_fences and stripped == open_fences[-1][0]:
                open_fences.pop()
            else:
                open_fences.append((fence, not stripped[len(fence):].startswith("{")))
            kept.append((number, ""))  # a fence line; a directive's body is prose, a code block's is not
            continue
        code = any(is_code for _, is_code in open_fences)
        # Directive options (":alt: ...") are not sentences of the page.
        option = stripped.startswith(":") and stripped[1:].split(":", 1)[0].replace("-", "").isalpha()
        kept.append((number, "" if code or option else line))
    result, current, first = [], [], None
    for number, line in kept:
        if not line.strip():
            if current:
                result.append((first, " ".join(current)))
            current, first = [], None
            continue
        for piece in re.split(r"(?<=[.;])\s+", line.strip()):
            if first is None:
                first = number
            current.append(piece)
            if piece.endswith((".", ";")):
                result.append((first, " ".join(current)))
                current, first = [], None
    if current:
        result.append((first, " ".join(current)))
    return result


def weakly_sourced_sentences(path: pathlib.Path, entries: dict[str, dict[str, str]]) -> list[str]:
    """Dated sentences of a chapter whose citations are all encyclopedia or mirror pages."""
    problems = []
    for line, sentence in sentences(pathlib.Path(path).read_text(encoding="utf-8")):
        # A paragraph ID ({para}) cites one of the two documents themselves.
        if not DATED.search(sentence) or "{para}`" in sentence:
            continue
        keys = [key.strip() for group in CITATION.findall(sentence) for key in group.split(",")]
        if rests_on_weak_sources(keys, entries):
            problems.append(f"{pathlib.Path(path).name}, line {line}: a dated sentence cites only encyclopedia "
                            f"or mirror pages ({', '.join(keys)}): {sentence[:120]!r}")
    return problems
