"""The data dictionary: a Markdown description of every table and field, made from datapackage.json.

The book's data appendix inserts it with the ``{data-dictionary}`` directive
(see ``malibook.sphinxext``), so the documentation cannot drift from the schema. It is written in
the language of the edition: the French edition takes each table's and field's French title and
description from the schema itself (``malibook:title_fr``, ``malibook:description_fr``, beside
the English ones, which a test keeps complete) and its own words from ``PHRASES``.
"""
from __future__ import annotations

import pathlib
from typing import Any

from docutils.nodes import make_id

from malibook.data import DATA_DIR, read_package, validate
from malibook.data.sources import SOURCE_KINDS, SOURCE_KINDS_FR

NBSP = "\u00a0"
# The dictionary's own words, in each language; {placeholders} are filled in by the functions below.
PHRASES = {
    "en": {
        "unique": "unique", "one of": "one of {values}", "matches": "matches {pattern}",
        "at least": "at least {value}", "at most": "at most {value}",
        "partial date": "a date at the precision given in {precision}; loads as the {bound} day it can mean",
        "earliest": "earliest", "latest": "latest",
        "key of": "a {fields} of [{target}](data-{target})", "list": "a list",
        "list of keys": "a list of keys of the bibliography",
        "list of": "a list of {field} of [{target}](data-{target})",
        "separated": "{what}, separated by {separator}",
        "together": "{fields} are both filled or both empty.", "and": " and ",
        "exactlyOne": "Exactly one of {fields} is filled.",
        "uniqueTogether": "No two rows share the same {fields}.",
        "notBefore": "{field} is not before {other}.",
        "provenance": ("A row whose {field} is `document` is linked to at least one paragraph by "
                       "[{resource}](data-{resource}); an `editorial` row cites at least one reference in "
                       "{references}."),
        "disputes": ("Rows with the same {group} give rival values of one fact and share {table}, {id} and "
                     "{field}; there are at least two of them. {id} is a key of the table {table} names; {field} is "
                     "a date field of that table, whose {value} is a date written at its {precision}, or one of the "
                     "counts {counts}, a whole number. Where the field is a column of the subject row, that row "
                     "holds one of the rival values."),
        "heading": "{path}: {title}", "rule separator": "; ",
        "rows": "{description} The table has {count} rows", "key": "; its key is {keys}.",
        "no key": "; it has no key column.",
        "header": "| Field | Type | Required | Rules | Description |",
        "types": {"string": "string", "integer": "integer", "number": "number"}, "yes": "yes", "no": "no",
        "rules across": "Rules across fields and tables:\n",
        "kinds title": "Kinds of source",
        "kinds intro": ("Every reference the rows cite (the table [references](data-references), made from the "
                        "bibliography) records what kind of source it is, in its field "
                        "`sourcekind`; a mirror or archive copy also names, in `copyof`, the original it copies. "
                        "No editorial row, and no row that gives a date, rests on encyclopedia or mirror pages "
                        "alone (the tests check it).\n"),
        "copy of": " (a copy of {original})", "kind item": "- `{kind}`, {label} ({count}): {cited}",
    },
    "fr": {
        "unique": "unique", "one of": "l’une des valeurs {values}", "matches": "conforme au motif {pattern}",
        "at least": "au moins {value}", "at most": "au plus {value}",
        "partial date": ("une date à la précision donnée dans {precision}{NBSP}; se charge comme le {bound} jour "
                         "qu’elle peut désigner"),
        "earliest": "premier", "latest": "dernier",
        "key of": "une valeur de {fields} de [{target}](data-{target})", "list": "une liste",
        "list of keys": "une liste de clés de la bibliographie",
        "list of": "une liste de {field} de [{target}](data-{target})",
        "separated": "{what}, séparées par {separator}",
        "together": "{fields} sont tous deux remplis ou tous deux vides.", "and": " et ",
        "exactlyOne": "Un seul des champs {fields} est rempli.",
        "uniqueTogether": "Deux lignes n’ont jamais les mêmes {fields}.",
        "notBefore": "{field} n’est pas antérieur à {other}.",
        "provenance": ("Une ligne dont le champ {field} vaut `document` est reliée à au moins un paragraphe par "
                       "[{resource}](data-{resource}){NBSP}; une ligne `editorial` cite au moins une référence dans "
                       "{references}."),
        "disputes": ("Les lignes qui ont le même {group} donnent les valeurs concurrentes d’un même fait et partagent "
                     "{table}, {id} et {field}{NBSP}; elles sont au moins deux. {id} est une clé de la table que nomme "
                     "{table}{NBSP}; {field} est un champ de date de cette table, dont la valeur {value} est une date "
                     "écrite à sa précision {precision}, ou l’un des décomptes {counts}, un nombre entier. Lorsque le "
                     "champ est une colonne de la ligne concernée, cette ligne porte l’une des valeurs concurrentes."),
        "heading": "{path}{NBSP}: {title}", "rule separator": "{NBSP}; ",
        "rows": "{description} La table compte {count} lignes", "key": "{NBSP}; sa clé est {keys}.",
        "no key": "{NBSP}; elle n’a pas de colonne clé.",
        "header": "| Champ | Type | Obligatoire | Règles | Description |",
        "types": {"string": "texte", "integer": "entier", "number": "nombre"}, "yes": "oui", "no": "non",
        "rules across": "Règles entre champs et entre tables{NBSP}:\n",
        "kinds title": "Types de sources",
        "kinds intro": ("Chaque référence que citent les lignes (la table [references](data-references), tirée "
                        "de la bibliographie) indique de quel type de source il s’agit, dans son "
                        "champ `sourcekind`{NBSP}; une copie ou une archive nomme aussi, dans `copyof`, l’original "
                        "qu’elle copie. Aucune ligne éditoriale, et aucune ligne qui donne une date, ne repose sur "
                        "des pages d’encyclopédie ou des copies seules (les tests le vérifient).\n"),
        "copy of": " (copie de {original})", "kind item": "- `{kind}`, {label} ({count}){NBSP}: {cited}",
    },
}
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
    if kind == "notBefore":
        return _say(language, kind, field=_code(rule["field"]), other=_code(rule["other"]))
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
