"""The French catalogues (``locales/fr/LC_MESSAGES/``): what is left to translate, and what a
translation broke.

``make po`` brings every catalogue up to date with the English pages: a new English message
arrives untranslated, a changed one fuzzy. A message counts as done when its translation is there,
is not fuzzy, and keeps the markup that must not change: every MyST role with its target
(``{para}`b115-p2```, ``{cite:p}`key```, ``{doc}`glossary```...), every link target and every page
token (``%BOOK_VERSION%``). Glossary terms are the exception: their French targets are the French
glossary's terms, so only their number must match. ``tests/test_translations.py`` fails on any
problem; translators can list them with::

    python -m qa.catalogues [locales/fr/LC_MESSAGES]
"""
from __future__ import annotations

import argparse
import collections
import pathlib
import re
import sys

from malibook.paths import PROJECT_ROOT

FRENCH_CATALOGUES = PROJECT_ROOT / "locales" / "fr" / "LC_MESSAGES"
ROLE = re.compile(r"\{([a-z][\w:-]*)\}`([^`]+)`")
LINK_TARGET = re.compile(r"\]\(([^)\s]+)\)")
TOKEN = re.compile(r"%[A-Z_]+%")
# Roles whose text may change in translation: only their number must match. A glossary term is
# named in the edition's language; {data-zip}'s content is the visible text of its download link.
FREE_ROLES = {"term", "data-zip"}


def _role_target(content: str) -> str:
    """The target of a role: what stands in <...> after a visible text, or the whole content."""
    match = re.fullmatch(r"(?s).*<([^<>]+)>", content.strip())
    return match.group(1) if match else content.strip()


def markup(text: str) -> collections.Counter:
    """The markup of a message that its translation must keep, as a multiset."""
    found = collections.Counter()
    for role, content in ROLE.findall(text):
        found[(role, "" if role in FREE_ROLES else _role_target(content))] += 1
    found.update(("link", target) for target in LINK_TARGET.findall(text))
    found.update(("token", token) for token in TOKEN.findall(text))
    return found


def message_problems(message_id: str, translation: str, fuzzy: bool) -> list[str]:
    """What keeps one message from being done, in words (empty when it is done)."""
    if not translation:
        return ["untranslated"]
    problems = ["fuzzy (the English changed: check the translation, then remove the flag)"] if fuzzy else []
    expected, found = markup(message_id), markup(translation)
    if expected != found:
        missing, extra = expected - found, found - expected
        problems.append("markup differs: " + "; ".join(
            part for part in (f"missing {sorted(missing)}" if missing else "",
                              f"unexpected {sorted(extra)}" if extra else "") if part))
    return problems


def catalogue_problems(path: pathlib.Path) -> list[str]:
    """Every problem of a catalogue, each with the file, the line and the start of the message."""
    from babel.messages.pofile import read_po  # Sphinx's dependency, in the book's toolchain

    with path.open("rb") as handle:
        catalogue = read_po(handle, abort_invalid=True)
    problems = []
    for message in catalogue:
        if not message.id:
            continue  # the header
        for problem in message_problems(message.id, message.string, "fuzzy" in message.flags):
            problems.append(f"{path}, line {message.lineno}, {message.id[:60]!r}: {problem}")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m qa.catalogues",
                                     description="List what is left to translate, and what a translation broke.")
    parser.add_argument("folder", nargs="?", type=pathlib.Path, default=FRENCH_CATALOGUES,
                        help="a folder of .po catalogues (default: locales/fr/LC_MESSAGES)")
    folder = parser.parse_args(argv).folder
    problems = [problem for path in sorted(folder.rglob("*.po")) for problem in catalogue_problems(path)]
    print("\n".join(problems) if problems else f"{folder}: every message is translated")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
