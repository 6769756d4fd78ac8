"""The book's version and release date, read from their single sources.

The version lives in ``pyproject.toml``; the release date is the date of the
version's entry at the top of ``CHANGELOG.md`` (``## [0.1.0] - 2026-11-28``, or
``Unreleased`` while the version is being written: the next version's number is chosen when its
work starts, so there is no separate ``## [Unreleased]`` section). Everything else that shows
a version (HTML footer, PDF title page and file name, CITATION.cff) is derived
from these two or tested against them.

This module (like ``malibook/__init__.py`` and ``malibook.data`` up to the
DataFrames) uses only the standard library, so that the Makefile can run it with
any Python 3.11 before the virtual environment exists:
``python3 -m malibook.publishing.version version``.
"""
from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import pathlib
import re
import sys
import tomllib

from malibook.data.dates import date_label
from malibook.paths import PROJECT_ROOT

BOOK_SLUG = "pacts-and-putsches"
# The French edition's PDF is <slug>-fr-<version>.pdf, after its French title (malibook.publishing.french_edition).
FRENCH_SLUG = "pactes-et-putschs"
PDF_STEMS = {"en": BOOK_SLUG, "fr": f"{FRENCH_SLUG}-fr"}
UNRELEASED = {"en": "unreleased draft", "fr": "version de travail, non publiée"}

SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-[0-9A-Za-z.-]+)?$")
CHANGELOG_ENTRY = re.compile(r"^## \[(?P<version>[^\]]+)\] - (?P<date>\d{4}-\d{2}-\d{2}|Unreleased)\s*$")


class ReleaseError(ValueError):
    """The version sources are missing, malformed or disagree."""


@dataclasses.dataclass(frozen=True)
class Release:
    version: str
    date: dt.date | None  # None while the CHANGELOG entry says "Unreleased"

    @property
    def date_label(self) -> str:
        """The date as printed on the title page and in the footer."""
        return self.date_label_in("en")

    def date_label_in(self, language: str) -> str:
        """The date as the edition in ``language`` prints it: '9 January 2025', '9 janvier 2025'."""
        return UNRELEASED[language] if self.date is None else date_label(self.date, "day", language)

    @property
    def pdf_stem(self) -> str:
        return self.pdf_stem_in("en")

    @property
    def pdf_name(self) -> str:
        return self.pdf_name_in("en")

    def pdf_stem_in(self, language: str) -> str:
        """The PDF's file name without .pdf, for the edition in ``language``."""
        return f"{PDF_STEMS[language]}-{self.version}"

    def pdf_name_in(self, language: str) -> str:
        return f"{self.pdf_stem_in(language)}.pdf"

    @property
    def data_zip_name(self) -> str:
        """The zipped data package of this version, published next to the HTML pages."""
        return f"{BOOK_SLUG}-data-{self.version}.zip"


def read_version(pyproject: pathlib.Path) -> str:
    try:
        version = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"]
    except (OSError, KeyError, tomllib.TOMLDecodeError) as exc:
        raise ReleaseError(f"{pyproject}: cannot read [project] version ({exc})") from exc
    if not SEMVER.match(version):
        raise ReleaseError(f"{pyproject}: version {version!r} is not semantic versioning (X.Y.Z)")
    return version


def changelog_entries(changelog: pathlib.Path) -> list[tuple[int, str, dt.date | None]]:
    """Every ``## [version] - date`` heading of the changelog as (line, version, date)."""
    entries = []
    for number, line in enumerate(changelog.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.startswith("## "):
            continue
        match = CHANGELOG_ENTRY.match(line)
        if match is None:
            raise ReleaseError(f"{changelog}:{number}: a version heading must read "
                               f"'## [X.Y.Z] - YYYY-MM-DD' or '## [X.Y.Z] - Unreleased', not {line!r}")
        raw_date = match["date"]
        try:
            date = None if raw_date == "Unreleased" else dt.date.fromisoformat(raw_date)
        except ValueError as exc:
            raise ReleaseError(f"{changelog}:{number}: {raw_date!r} is not a calendar date") from exc
        entries.append((number, match["version"], date))
    return entries


def current_release(root: pathlib.Path = PROJECT_ROOT) -> Release:
    """The release described by pyproject.toml and the top entry of CHANGELOG.md."""
    version = read_version(root / "pyproject.toml")
    changelog = root / "CHANGELOG.md"
    entries = changelog_entries(changelog)
    if not entries:
        raise ReleaseError(f"{changelog}: no '## [X.Y.Z] - date' entry")
    line, top_version, date = entries[0]
    if top_version != version:
        raise ReleaseError(f"{changelog}:{line}: top entry is for {top_version}, "
                           f"but pyproject.toml says {version}")
    return Release(version, date)


def released_version(root: pathlib.Path = PROJECT_ROOT) -> str:
    """The book's version if it is released (its CHANGELOG entry dated), else "" (a working version)."""
    release = current_release(root)
    return release.version if release.date else ""


def citation_cff_problems(root: pathlib.Path = PROJECT_ROOT) -> list[str]:
    """Where CITATION.cff disagrees with the version and release date (none, when it agrees)."""
    release = current_release(root)
    cff = (root / "CITATION.cff").read_text(encoding="utf-8")
    problems = []
    version = re.search(r'^version: "([^"]*)"$', cff, re.M)
    if not version or version.group(1) != release.version:
        problems.append(f"CITATION.cff: version should be \"{release.version}\"")
    date = re.search(r'^date-released: "([0-9-]+)"$', cff, re.M)
    expected = release.date.isoformat() if release.date else None
    if (date.group(1) if date else None) != expected:
        problems.append(f"CITATION.cff: date-released should be \"{expected}\"" if expected
                        else "CITATION.cff: no date-released while the version is unreleased")
    return problems


def date_release(root: pathlib.Path, date: dt.date) -> Release:
    """Date the version's CHANGELOG entry and give CITATION.cff that version and date (the first
    step of a release; docs/releasing.md). ``scripts/release.py date`` then regenerates ``.zenodo.json``."""
    release = current_release(root)
    if release.date is not None:
        raise ReleaseError(f"CHANGELOG.md: {release.version} is already dated {release.date.isoformat()}")
    changelog = root / "CHANGELOG.md"
    heading = f"## [{release.version}] - Unreleased"
    changelog.write_text(changelog.read_text(encoding="utf-8").replace(heading, f"## [{release.version}] - {date}", 1),
                         encoding="utf-8")
    cff_path = root / "CITATION.cff"
    cff = re.sub(r'^version: .*$', f'version: "{release.version}"', cff_path.read_text(encoding="utf-8"), count=1,
                 flags=re.M)
    cff = re.sub(r'^date-released: .*\n', "", cff, flags=re.M)
    cff = re.sub(r'^(version: .*\n)', rf'\1date-released: "{date}"\n', cff, count=1, flags=re.M)
    cff_path.write_text(cff, encoding="utf-8")
    return current_release(root)


def field(release: Release, name: str) -> str:
    """One field of the release, as the command line prints it."""
    return {"version": release.version,
            "date": release.date.isoformat() if release.date else "Unreleased",
            "pdf-name": release.pdf_name,
            "pdf-name-fr": release.pdf_name_in("fr"),
            "data-zip-name": release.data_zip_name,
            "slug": BOOK_SLUG}[name]


FIELDS = ("version", "date", "pdf-name", "pdf-name-fr", "data-zip-name", "slug")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m malibook.publishing.version",
                                     description="Print one field of the book's current release.")
    parser.add_argument("field", choices=FIELDS)
    arguments = parser.parse_args(argv)
    try:
        release = current_release()
    except ReleaseError as exc:
        print(f"malibook.publishing.version: {exc}", file=sys.stderr)
        return 1
    print(field(release, arguments.field))
    return 0


if __name__ == "__main__":
    sys.exit(main())
