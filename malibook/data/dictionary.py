"""The data dictionary: a Markdown description of every table and field, made from datapackage.json.

The book's data appendix inserts it with the ``{data-dictionary}`` directive
(see ``malibook.sphinxext``), so the documentation cannot drift from the schema.
"""
from __future__ import annotations

import pathlib
from typing import Any

from malibook.data import DATA_DIR, read_package, validate
from malibook.data.sources import SOURCE_KINDS, read_bibliography


def _escape(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return text.replace("|", "\\|").replace("\n", " ")


def _code(text: str) -> str:
    return f"`{_escape(str(text))}`"


def field_rules(field: dict[str, Any], resource: dict[str, Any]) -> list[str]:
    """What a value of the field must be, in words, from its constraints and the package's extensions."""
    constraints = field.get("constraints", {})
    rules = []
    if constraints.get("unique") or [field["name"]] == resource["schema"].get("primaryKey"):
        rules.append("unique")
    if "enum" in constraints:
        rules.append("one of " + ", ".join(_code(value) for value in constraints["enum"]))
    if "pattern" in constraints and "malibook:partialDate" not in field and "malibook:list" not in field:
        rules.append(f"matches {_code(constraints['pattern'])}")
    if "minimum" in constraints:
        rules.append(f"at least {constraints['minimum']}")
    if "maximum" in constraints:
        rules.append(f"at most {constraints['maximum']}")
    if "malibook:partialDate" in field:
        spec = field["malibook:partialDate"]
        rules.append(f"a date at the precision given in {_code(spec['precision'])}; "
                     f"loads as the {spec['bound']} day it can mean")
    for foreign_key in resource["schema"].get("foreignKeys", []):
        if field["name"] in foreign_key["fields"]:
            target = foreign_key["reference"]["resource"] or resource["name"]
            rules.append(f"a {_code('+'.join(foreign_key['reference']['fields']))} of [{target}](data-{target})")
    if "malibook:list" in field:
        spec = field["malibook:list"]
        what = "a list"
        if spec.get("bibliography"):
            what = "a list of keys of the bibliography"
        elif "reference" in spec:
            target = spec["reference"]["resource"]
            what = f"a list of {_code(spec['reference']['fields'][0])} of [{target}](data-{target})"
        rules.append(f"{what}, separated by {_code(spec['separator'])}")
    return rules


def rule_sentence(rule: dict[str, Any]) -> str:
    """A table-level rule of the schema, in words."""
    if rule["rule"] == "together":
        return f"{' and '.join(_code(name) for name in rule['fields'])} are both filled or both empty."
    if rule["rule"] == "exactlyOne":
        return f"Exactly one of {', '.join(_code(name) for name in rule['fields'])} is filled."
    if rule["rule"] == "uniqueTogether":
        return f"No two rows share the same {', '.join(_code(name) for name in rule['fields'])}."
    if rule["rule"] == "notBefore":
        return f"{_code(rule['field'])} is not before {_code(rule['other'])}."
    if rule["rule"] == "provenance":
        return (f"A row whose {_code(rule['field'])} is `document` is linked to at least one paragraph by "
                f"[{rule['mentionedBy']['resource']}](data-{rule['mentionedBy']['resource']}); an `editorial` row "
                f"cites at least one reference in {_code(rule['references'])}.")
    if rule["rule"] == "disputes":
        return (f"Rows with the same {_code(rule['group'])} give rival values of one fact and share "
                f"{_code(rule['subjectTable'])}, {_code(rule['subjectId'])} and {_code(rule['field'])}; there are at "
                f"least two of them. {_code(rule['subjectId'])} is a key of the table {_code(rule['subjectTable'])} "
                f"names; {_code(rule['field'])} is a date field of that table, whose {_code(rule['value'])} is a date "
                f"written at its {_code(rule['precision'])}, or one of the counts "
                f"{', '.join(_code(name) for name in rule['counts'])}, a whole number. Where the field is a column of "
                f"the subject row, that row holds one of the rival values.")
    raise ValueError(f"unknown rule {rule['rule']!r}")


def data_dictionary_markdown(data_dir: pathlib.Path = DATA_DIR, heading_level: int = 2, language: str = "en") -> str:
    """The data dictionary as MyST Markdown: one section per table, with a label data-<table>."""
    package = read_package(data_dir)
    row_counts = {name: len(rows) for name, rows in validate(data_dir).items()}
    hashes = "#" * heading_level
    parts = []
    for resource in package["resources"]:
        name, schema = resource["name"], resource["schema"]
        parts.append(f"(data-{name})=\n{hashes} `{resource['path']}`: {resource['title']}\n")
        parts.append(f"{resource['description']} The table has {row_counts[name]} rows"
                     + (f"; its key is {', '.join(_code(key) for key in schema['primaryKey'])}."
                        if schema.get("primaryKey") else "; it has no key column.") + "\n")
        parts.append("| Field | Type | Required | Rules | Description |\n| --- | --- | --- | --- | --- |")
        for field in schema["fields"]:
            required = "yes" if field.get("constraints", {}).get("required") else "no"
            rules = "; ".join(field_rules(field, resource)) or "—"
            parts.append(f"| {_code(field['name'])} | {field['type']} | {required} | {rules} | "
                         f"{_escape(field['description'])} |")
        parts.append("")
        rules = schema.get("malibook:rules", [])
        if rules:
            parts.append("Rules across fields and tables:\n")
            parts.extend(f"- {rule_sentence(rule)}" for rule in rules)
            parts.append("")
    parts.append(source_kinds_markdown((data_dir / package["malibook:bibliography"]).resolve(), hashes))
    return "\n".join(parts)


def source_kinds_markdown(bibliography: pathlib.Path, hashes: str = "##") -> str:
    """The references that reference_keys may cite, grouped by the kind of source each is."""
    entries = read_bibliography(bibliography)
    parts = ["(data-source-kinds)=", f"{hashes} Kinds of source\n",
             "Every entry of the bibliography records what kind of source it is, in its field `sourcekind`; "
             "a mirror or archive copy also names, in `copyof`, the original it copies. No editorial row, and no "
             "row that gives a date, rests on encyclopedia or mirror pages alone (the tests check it).\n"]
    for kind, label in SOURCE_KINDS.items():
        keys = [key for key, fields in entries.items() if fields.get("sourcekind") == kind]
        if not keys:
            continue
        cited = ", ".join(f"`{key}`" + (f" (a copy of {_escape(entries[key]['copyof'])})" if kind == "mirror" else "")
                          for key in keys)
        parts.append(f"- `{kind}`, {label} ({len(keys)}): {cited}")
    parts.append("")
    return "\n".join(parts)
