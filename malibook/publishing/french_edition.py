"""The French edition's configuration, derived at build time from ``_config.yml``.

``_config.yml`` is the one configuration of the book. The French edition differs from it in
five settings only (the language, the title, the author's and the copyright's wording, and the
heading of the PDF's contents), so
``make html`` and ``make pdf`` write ``_build/fr/_config.yml`` from it with this module and build
the French edition with ``jupyter-book build . --config _build/fr/_config.yml``: a change to
``_config.yml`` reaches both editions, and nothing is copied by hand. The French text itself comes
from ``locales/fr/LC_MESSAGES/*.po`` (Sphinx's gettext machinery; see docs/french-edition.md).

The French HTML is built in its own folder (``_build/fr/_build/html``, beside its own doctrees and
notebook cache) and then mirrored into ``_build/html/fr/`` (``sync_folder``): the site readers get
is one folder, the English edition at its root and the French one in ``fr/``.

The part captions of ``_toc.yml`` are translated in the root page's catalogue, but the LaTeX builder
reads them from the table of contents itself: the French build gets ``_build/fr/_toc.yml``, the same
table with its captions taken from that catalogue (``write_french_toc``).

Usage: python -m malibook.publishing.french_edition config _config.yml _build/fr/_config.yml
       python -m malibook.publishing.french_edition sync _build/fr/_build/html _build/html/fr
"""
from __future__ import annotations

import argparse
import copy
import filecmp
import pathlib
import shutil
import sys

FRENCH_TITLE = "Pactes et putschs\u00a0: le Mali de 2015 à\u00a02021"  # no line break before the year
FRENCH_AUTHOR = "L’équipe éditoriale de Pactes et putschs"
FRENCH_COPYRIGHT = "{year}, l’équipe éditoriale de Pactes et putschs (texte et données CC BY 4.0, code MIT)"
# Sphinx heads the PDF's contents with the first part's caption ("Repères"); sphinx-jupyterbook-latex puts
# "Contents" back for English only. The preamble of the configuration comes after Sphinx's own setting.
FRENCH_CONTENTS = "\\addto\\captionsfrench{\\renewcommand{\\contentsname}{Table des matières}}"
# Where each edition is built, under the build folder: the French HTML is then placed at html/fr/.
EDITION_FOLDERS = {"en": "", "fr": "fr"}


class EditionError(ValueError):
    """_config.yml lacks a setting the French edition is derived from."""


def french_config(config: dict) -> dict:
    """The configuration of the French edition, from the English one (which is left unchanged)."""
    try:
        year = config["copyright"].split(",", 1)[0]
        settings = config["sphinx"]["config"]
    except (KeyError, AttributeError) as exc:
        raise EditionError(f"_config.yml: no {exc} setting to derive the French edition from") from exc
    if settings.get("language") != "en":
        raise EditionError(f"_config.yml: sphinx.config.language is {settings.get('language')!r}, not 'en'")
    french = copy.deepcopy(config)
    french.update(title=FRENCH_TITLE, author=FRENCH_AUTHOR, copyright=FRENCH_COPYRIGHT.format(year=year))
    french["sphinx"]["config"]["language"] = "fr"
    latex = french["sphinx"]["config"].setdefault("latex_elements", {})
    latex["preamble"] = "\n".join(filter(None, [latex.get("preamble"), FRENCH_CONTENTS]))
    return french


def write_french_config(source: pathlib.Path, output: pathlib.Path) -> bool:
    """Write the French configuration; True if it changed (an unchanged file keeps its date, so that
    Sphinx does not see a new configuration and rebuild every page)."""
    import yaml  # the book's toolchain brings PyYAML

    config = yaml.safe_load(source.read_text(encoding="utf-8"))
    text = ("# Generated from _config.yml by malibook.publishing.french_edition for the French edition: do not edit.\n"
            + yaml.safe_dump(french_config(config), allow_unicode=True, sort_keys=False))
    if output.exists() and output.read_text(encoding="utf-8") == text:
        return False
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")
    return True


def write_french_toc(source: pathlib.Path, locales: pathlib.Path, output: pathlib.Path) -> bool:
    """Write the table of contents with its part captions in French; True if it changed.

    A caption without a translation stays as it is (the catalogue tests fail on it)."""
    import yaml
    from babel.messages.pofile import read_po

    toc = yaml.safe_load(source.read_text(encoding="utf-8"))
    with (locales / "fr" / "LC_MESSAGES" / f"{toc['root']}.po").open("rb") as handle:
        catalogue = read_po(handle)
    for part in toc.get("parts", []):
        message = catalogue.get(part["caption"])
        if message is not None and message.string and not message.fuzzy:
            part["caption"] = message.string
    text = ("# Generated from _toc.yml by malibook.publishing.french_edition for the French edition: do not edit.\n"
            + yaml.safe_dump(toc, allow_unicode=True, sort_keys=False))
    if output.exists() and output.read_text(encoding="utf-8") == text:
        return False
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(text, encoding="utf-8")
    return True


def sync_folder(source: pathlib.Path, target: pathlib.Path) -> int:
    """Make ``target`` a copy of ``source``, copying only files that differ; return how many were copied."""
    copied = 0
    wanted = set()
    for path in sorted(source.rglob("*")):
        relative = path.relative_to(source)
        wanted.add(relative)
        destination = target / relative
        if path.is_dir():
            destination.mkdir(parents=True, exist_ok=True)
        elif not destination.is_file() or not filecmp.cmp(path, destination, shallow=True):
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, destination)
            copied += 1
    for path in sorted(target.rglob("*"), reverse=True):  # deepest first, so folders are empty when reached
        if path.relative_to(target) not in wanted:
            shutil.rmtree(path) if path.is_dir() else path.unlink()
    return copied


def write_french_config_and_toc(source: pathlib.Path, output: pathlib.Path) -> bool:
    """The French configuration, and beside it the French table of contents (from the book's root)."""
    changed = write_french_config(source, output)
    root = source.parent
    return write_french_toc(root / "_toc.yml", root / "locales", output.parent / "_toc.yml") or changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m malibook.publishing.french_edition",
                                     description="Write the French edition's configuration, or mirror its HTML.")
    commands = parser.add_subparsers(dest="command", required=True)
    config = commands.add_parser("config", help="write the French configuration and table of contents")
    config.add_argument("source", type=pathlib.Path, metavar="SOURCE_CONFIG", help="the book's _config.yml")
    config.add_argument("output", type=pathlib.Path, metavar="FRENCH_CONFIG", help="the French _config.yml to write")
    sync = commands.add_parser("sync", help="make a folder a copy of another, copying only what differs")
    sync.add_argument("source", type=pathlib.Path, metavar="FROM")
    sync.add_argument("output", type=pathlib.Path, metavar="TO")
    arguments = parser.parse_args(argv)
    run = write_french_config_and_toc if arguments.command == "config" else sync_folder
    try:
        run(arguments.source, arguments.output)
    except EditionError as exc:
        print(f"french_edition: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
