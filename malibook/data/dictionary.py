"""The data dictionary: a Markdown description of every table and field, made from datapackage.json.

The book's data appendix inserts it with the ``{data-dictionary}`` directive
(see ``malibook.sphinxext``), so the documentation cannot drift from the schema. It is written in
the language of the edition: the French edition takes each table's and field's French title and
description from the schema itself (``malibook:title_fr``, ``malibook:description_fr``, beside
the English ones, which a test keeps complete) and its own words from ``PHRASES``.
"""
from __future__ import annotations

import json
import pathlib
from typing import Any

from docutils.nodes import make_id

from malibook.data import DATA_DIR, read_package, validate
from malibook.data.sources import SOURCE_KINDS, SOURCE_KINDS_FR

NBSP = "\u00a0"
# The dictionary's own words, in each language, kept as data beside this module (translators edit the
# French ones there); {placeholders} are filled in by the functions below.
PHRASES = {language: words for language, words in json.loads(
    (pathlib.Path(__file__).with_name("dictionary-phrases.json")).read_text(encoding="utf-8")).items()
    if language != "about"}
KIND_LABELS = {"en": SOURCE_KINDS, "fr": SOURCE_KINDS_FR}


def _say(language: str, phrase: str, **fields: Any) -> str:
    return PHRASES[language][phrase].format(NBSP=NBSP, **fields)


def _escape(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


def _code(text: str) -> str:
    return f"`{_escape(str(text))}`"


def _in(language: str, item: dict[str, Any], key: str) -> str:
    """A title or description in the language of the edition (the French one sits beside it)."""
    return item[key] if language == "en" else item[f"malibook:{key}_{language}"]


def field_rules(field: dict[str, Any], resource: dict[str, Any], language: str = "en") -> list[str]:
    """What a value of the field must be, in words, from its constraints and the package's extensions."""
    constraints = field.get("constraints", {})
    rules = []
    if constraints.get("unique") or [field["name"]] == resource["schema"].get("primaryKey"):
        rules.append(_say(language, "unique"))
    if "enum" in constraints:
        rules.append(_say(language, "one of", values=", ".join(_code(value) for value in constraints["enum"])))
    if "pattern" in constraints and "malibook:partialDate" not in field and "malibook:list" not in field:
        rules.append(_say(language, "matches", pattern=_code(constraints["pattern"])))
    if "minimum" in constraints:
        rules.append(_say(language, "at least", value=constraints["minimum"]))
    if "maximum" in constraints:
        rules.append(_say(language, "at most", value=constraints["maximum"]))
    if "malibook:partialDate" in field:
        spec = field["malibook:partialDate"]
        rules.append(_say(language, "partial date", precision=_code(spec["precision"]),
                          bound=_say(language, spec["bound"])))
    for foreign_key in resource["schema"].get("foreignKeys", []):
        if field["name"] in foreign_key["fields"]:
            target = foreign_key["reference"]["resource"] or resource["name"]
            rules.append(_say(language, "key of", fields=_code("+".join(foreign_key["reference"]["fields"])),
                              target=target))
    if "malibook:list" in field:
        spec = field["malibook:list"]
        what = _say(language, "list")
        if spec.get("bibliography"):
            what = _say(language, "list of keys")
        elif "reference" in spec:
            what = _say(language, "list of", field=_code(spec["reference"]["fields"][0]),
                        target=spec["reference"]["resource"])
        rules.append(_say(language, "separated", what=what, separator=_code(spec["separator"])))
    return rules


def rule_sentence(rule: dict[str, Any], language: str = "en") -> str:
    """A table-level rule of the schema, in words."""
    kind = rule["rule"]
    if kind == "together":
        return _say(language, kind, fields=_say(language, "and").join(_code(name) for name in rule["fields"]))
    if kind in ("exactlyOne", "uniqueTogether"):
        return _say(language, kind, fields=", ".join(_code(name) for name in rule["fields"]))
    if kind == "requiredUnless":
        return _say(language, kind, fields=_say(language, "and").join(_code(name) for name in rule["fields"]),
                    field=_code(rule["field"]), values=", ".join(_code(value) for value in rule["values"]))
    if kind == "notBefore":
        return _say(language, kind, field=_code(rule["field"]), other=_code(rule["other"]))
    if kind == "filledWhen":
        return _say(language, kind, field=_code(rule["field"]), when=_code(rule["when"]),
                    values=", ".join(_code(value) for value in rule["values"]))
    if kind == "provenance":
        return _say(language, kind, field=_code(rule["field"]), resource=rule["mentionedBy"]["resource"],
                    references=_code(rule["references"]))
    if kind == "disputes":
        return _say(language, kind, group=_code(rule["group"]), table=_code(rule["subjectTable"]),
                    id=_code(rule["subjectId"]), field=_code(rule["field"]), value=_code(rule["value"]),
                    precision=_code(rule["precision"]), counts=", ".join(_code(name) for name in rule["counts"]))
    raise ValueError(f"unknown rule {kind!r}")


def data_dictionary_markdown(data_dir: pathlib.Path = DATA_DIR, heading_level: int = 2, language: str = "en") -> str:
    """The data dictionary as MyST Markdown: one section per table, with a label data-<table>."""
    package = read_package(data_dir)
    tables = validate(data_dir)
    row_counts = {name: len(rows) for name, rows in tables.items()}
    hashes = "#" * heading_level
    words = PHRASES[language]
    parts = []
    for resource in package["resources"]:
        name, schema = resource["name"], resource["schema"]
        heading = _say(language, "heading", path=f"`{resource['path']}`", title=_in(language, resource, "title"))
        parts.append(f"(data-{name})=\n{_english_anchor(language, resource['path'] + ': ' + resource['title'])}"
                     f"{hashes} {heading}\n")
        parts.append(_say(language, "rows", description=_in(language, resource, "description"), count=row_counts[name])
                     + (_say(language, "key", keys=", ".join(_code(key) for key in schema["primaryKey"]))
                        if schema.get("primaryKey") else _say(language, "no key")) + "\n")
        parts.append(words["header"] + "\n| --- | --- | --- | --- | --- |")
        for field in schema["fields"]:
            required = words["yes"] if field.get("constraints", {}).get("required") else words["no"]
            rules = _say(language, "rule separator").join(field_rules(field, resource, language)) or "—"
            parts.append(f"| {_code(field['name'])} | {words['types'][field['type']]} | {required} | {rules} | "
                         f"{_escape(_in(language, field, 'description'))} |")
        parts.append("")
        rules = schema.get("malibook:rules", [])
        if rules:
            parts.append(_say(language, "rules across"))
            parts.extend(f"- {rule_sentence(rule, language)}" for rule in rules)
            parts.append("")
    parts.append(source_kinds_markdown(tables["references"], hashes, language))
    return "\n".join(parts)


def _english_anchor(language: str, english_heading: str) -> str:
    """In another language, a label with the anchor the English heading gets, so that a link into the
    English page works in the other edition too (the heading's own anchor follows its translation)."""
    return "" if language == "en" else f"({make_id(english_heading)})=\n"


def source_kinds_markdown(references: list[dict[str, Any]], hashes: str = "##", language: str = "en") -> str:
    """The references the rows cite (the package's table references), grouped by the kind of source each is."""
    entries = {row["reference_key"]: row for row in references}
    parts = [f"(data-source-kinds)=\n{_english_anchor(language, PHRASES['en']['kinds title'])}"
             f"{hashes} {_say(language, 'kinds title')}\n", _say(language, "kinds intro")]
    for kind, label in KIND_LABELS[language].items():
        keys = [key for key, fields in entries.items() if fields.get("sourcekind") == kind]
        if not keys:
            continue
        cited = ", ".join(f"`{key}`" + (_say(language, "copy of", original=_escape(entries[key]["copyof"]))
                                        if kind == "mirror" else "") for key in keys)
        parts.append(_say(language, "kind item", kind=kind, label=label, count=len(keys), cited=cited))
    parts.append("")
    return "\n".join(parts)


def crosswalk_in(layout: str, language: str = "en") -> str:
    """The crosswalk of an export layout (``acled`` or ``ucdp-ged``) as a Markdown table in the language of
    the edition: the English rules are the code's own (``CROSSWALK``), the French ones are in PHRASES, one
    per column, and a column without its French rule is an error, never an English row on a French page."""
    from malibook.data import acled, ucdp
    from malibook.data.exports import crosswalk_markdown

    layouts = {"acled": acled.CROSSWALK, "ucdp-ged": ucdp.CROSSWALK}
    if layout not in layouts:
        raise ValueError(f"no export layout {layout!r}; one of {sorted(layouts)}")
    crosswalk = layouts[layout]
    if language != "en":
        rules = PHRASES[language]["crosswalk"][layout]
        columns = [column for column, _, _ in crosswalk]
        missing, unknown = [c for c in columns if c not in rules], sorted(set(rules) - set(columns))
        if missing or unknown:
            raise ValueError(f"malibook/data/dictionary-phrases.json: {language}.crosswalk.{layout} lacks a rule for "
                             f"{missing} or has one for columns the layout does not have: {unknown}")
        crosswalk = [(column, rules[column].format(NBSP=NBSP), fill) for column, _, fill in crosswalk]
    return crosswalk_markdown(crosswalk, PHRASES[language]["crosswalk header"])
