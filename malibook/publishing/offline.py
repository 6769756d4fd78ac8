"""The offline editions of each version: an EPUB of each edition, and a zip of the version's pages.

- The EPUBs (``scripts/build_epub.py``, ``make epub``) are named like the PDFs,
  ``pacts-and-putsches-<version>.epub`` and ``pactes-et-putschs-fr-<version>.epub``, and placed, like
  them, next to their edition's ``index.html``.
- The zip, ``pacts-and-putsches-offline-<version>.zip`` at the root of the version's folder, holds
  that folder: both editions' pages with their images, styles, scripts and downloads, in one folder
  named after the version. Sphinx's links are relative, so the pages work opened from disk
  (``file://``); its search reads ``searchindex.js`` through a script element, which a browser loads
  from disk too, and lists the pages it finds without their summaries (``offline_copy``). Each page's
  own links to the other edition work; the version switcher of the site is not in the zip (its pages
  are the release's own build, before ``make site`` adds it). ``make book`` writes it for the
  working tree, ``make site`` for every release.

Like ``malibook.publishing.version``, this module uses only the standard library, so that the Makefile can
ask it for the file names before the environment exists:
``python3 -m malibook.publishing.offline epub-name fr``.
"""
from __future__ import annotations

import argparse
import pathlib
import re
import sys
import zipfile

from malibook.publishing.version import BOOK_SLUG, PDF_STEMS, Release, current_release

# The zip's entries carry this date, not the files' times: two zips of the same pages are the same file.
ZIP_DATE = (2026, 1, 1, 0, 0, 0)
# An address from the root of a web server ("/x"), which a page opened from disk cannot follow.
ROOTED_URL = re.compile(r'\b(?:href|src)="(/[^/"][^"]*)"')


def epub_name(release: Release, language: str) -> str:
    """The EPUB's file name for the edition in ``language``: the PDF's name, ending in .epub."""
    return f"{PDF_STEMS[language]}-{release.version}.epub"


def offline_zip_name(release: Release) -> str:
    return f"{BOOK_SLUG}-offline-{release.version}.zip"


def offline_copy(path: str, content: bytes) -> bytes:
    """A file as the zip holds it. Sphinx's search shows under each result a summary of the page,
    which it fetches, and a browser fetches nothing from file://: in the zip, the search lists the
    pages it finds without their summaries, instead of logging an error for each."""
    if path.endswith("_static/documentation_options.js"):
        return content.replace(b"SHOW_SEARCH_SUMMARY: true", b"SHOW_SEARCH_SUMMARY: false")
    return content


def write_offline_zip(folder: pathlib.Path, release: Release) -> pathlib.Path:
    """Zip a version's folder (both editions) into itself, under a top folder named after the version.

    Earlier offline zips in the folder are left out; the entries are sorted and dated ZIP_DATE."""
    path = folder / offline_zip_name(release)
    top = f"{BOOK_SLUG}-{release.version}"
    files = sorted(file for file in folder.rglob("*") if file.is_file() and not (
        file.parent == folder and file.name.startswith(f"{BOOK_SLUG}-offline-") and file.suffix == ".zip"))
    partial = path.with_suffix(".zip.part")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for file in files:
            entry = zipfile.ZipInfo(f"{top}/{file.relative_to(folder).as_posix()}", ZIP_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            archive.writestr(entry, offline_copy(file.relative_to(folder).as_posix(), file.read_bytes()))
    partial.replace(path)
    return path


def rooted_urls(folder: pathlib.Path) -> list[tuple[str, str]]:
    """(page, address) for every /-rooted link or source in the folder's pages: none may work from disk."""
    found = []
    for page in sorted(folder.rglob("*.html")):
        for match in ROOTED_URL.finditer(page.read_text(encoding="utf-8")):
            found.append((page.relative_to(folder).as_posix(), match[1]))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m malibook.publishing.offline",
                                     description="Name the offline editions of the current version, or zip its pages.")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("epub-name", help="an edition's EPUB file name").add_argument("language", choices=PDF_STEMS)
    commands.add_parser("zip-name", help="the offline zip's file name")
    commands.add_parser("zip", help="zip a built HTML folder").add_argument("folder", type=pathlib.Path)
    arguments = parser.parse_args(argv)
    release = current_release()
    if arguments.command == "epub-name":
        print(epub_name(release, arguments.language))
    elif arguments.command == "zip-name":
        print(offline_zip_name(release))
    else:
        folder = arguments.folder
        if not (folder / "index.html").exists():
            print(f"offline: {folder} has no index.html; build the HTML first", file=sys.stderr)
            return 1
        rooted = rooted_urls(folder)
        if rooted:
            print(f"offline: {rooted[0][0]} links to {rooted[0][1]}, which a page opened from disk cannot "
                  f"follow ({len(rooted)} such links)", file=sys.stderr)
            return 1
        print(f"Offline zip: {write_offline_zip(folder, release)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
