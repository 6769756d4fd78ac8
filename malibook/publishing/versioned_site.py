"""The versioned site: which releases exist, and the switcher and banner every page gets.

A release is an entry of ``releases.json`` (``malibook.publishing.record``): a commit with that version
in ``pyproject.toml`` and a dated entry for it at the top of ``CHANGELOG.md``; a git tag ``vX.Y.Z``
is optional. ``scripts/build_site.py`` (``make site``) builds each release once, then assembles
``_build/site/``: one folder per release, ``latest/``, ``dev/`` for the working tree,
``versions.json``, a sitemap index and a root page that redirects to ``latest/``.
The functions here are the pure part of that: the address of each version's folder (which
citations and the pages' metadata give), parsing and ordering versions, writing
``versions.json``, and adding to each page a version switcher and, on any version but the
latest, a banner that links to the same page in the latest release. Both are in the language of
the page: French under ``fr/`` (the French edition of each version), English elsewhere.
"""
from __future__ import annotations

import dataclasses
import html
import json
import pathlib
import re

from malibook.publishing.french_edition import EDITION_FOLDERS

TAG = re.compile(r"v(\d+)\.(\d+)\.(\d+)")
ARTICLE_START = re.compile(r"<article\b[^>]*>")
SWITCHER_CLASS = "book-version-switcher"
BANNER_CLASS = "book-version-banner"
FRENCH_FOLDER = f"{EDITION_FOLDERS['fr']}/"  # each version's French edition
DEV_FOLDER = "dev"  # the working version, which is no release
WORDS = {
    "en": {"versions": "Versions of this book", "title": "Versions:", "latest": "latest",
           "dev": "the development version, built from the working tree and not a release",
           "older": "version {name} of {date}, an older release", "reading": "You are reading {what}.",
           "link": "Read this page in the latest release, version {name}"},
    "fr": {"versions": "Versions de ce livre", "title": "Versions\u00a0:", "latest": "dernière",
           "dev": "la version de développement, construite à partir de l’arbre de travail, qui n’est pas une "
                  "publication",
           "older": "la version {name} du {date}, une publication antérieure", "reading": "Vous lisez {what}.",
           "link": "Lire cette page dans la dernière version publiée, la version {name}"},
}


def page_language(page: str) -> str:
    """The language of a page of a version's folder: French under fr/, English elsewhere."""
    return "fr" if page.startswith(FRENCH_FOLDER) else "en"


def _same_page_or_home(page: str, pages: set[str]) -> str:
    """The page itself if the folder has it, else the home page of the page's edition, else the folder's."""
    if page in pages:
        return page
    home = FRENCH_FOLDER + "index.html" if page_language(page) == "fr" else "index.html"
    return home if home in pages else "index.html"


@dataclasses.dataclass(frozen=True)
class SiteVersion:
    """One folder of the site: a release (name "0.2.0"), or the working tree (name "dev")."""

    name: str
    folder: str               # "v0.2.0", "latest" or "dev"
    date: str | None           # release date as printed, or None for dev
    pdf: str | None            # file name of its PDF, inside its folder
    commit: str
    date_fr: str | None = None  # the date as the French edition prints it (None: a release without one)
    pdf_fr: str | None = None   # file name of its French PDF, inside its fr/ folder

    @property
    def is_release(self) -> bool:
        return self.name != "dev"


def release_folder(version: str) -> str:
    """A release's folder of the site, and the name of its optional git tag: ``vX.Y.Z``."""
    return f"v{version}"


def version_url(site_url: str, version: str) -> str:
    """The folder of one version in the versioned site: ``<site>/vX.Y.Z/``."""
    if not site_url.endswith("/"):
        raise ValueError(f"the site address {site_url!r} must end with '/'")
    return f"{site_url}{release_folder(version)}/"


def served_url(site_url: str, version: str, released: bool) -> str:
    """Where this version is served: its own folder once released, else the working version's ``dev/``."""
    if released:
        return version_url(site_url, version)
    version_url(site_url, version)  # the same check of the address
    return f"{site_url}{DEV_FOLDER}/"


def version_key(name: str) -> tuple[int, int, int]:
    match = TAG.fullmatch("v" + name)
    if not match:
        raise ValueError(f"{name!r} is not a version X.Y.Z")
    return tuple(int(part) for part in match.groups())


def release_tags(tags: list[str]) -> list[str]:
    """The tags that name releases (vX.Y.Z), oldest first; other tags are ignored."""
    return sorted((tag for tag in tags if TAG.fullmatch(tag)), key=lambda tag: version_key(tag[1:]))


def versions_document(releases: list[SiteVersion], dev: SiteVersion | None) -> dict:
    """The content of versions.json: newest release first, its copy under latest/, then dev."""
    ordered = sorted(releases, key=lambda release: version_key(release.name), reverse=True)
    entries = [{"version": release.name, "path": f"{release.folder}/", "date": release.date,
                "pdf": f"{release.folder}/{release.pdf}" if release.pdf else None,
                "pdf_fr": f"{release.folder}/{FRENCH_FOLDER}{release.pdf_fr}" if release.pdf_fr else None,
                "commit": release.commit, "latest": number == 0} for number, release in enumerate(ordered)]
    if dev is not None:
        entries.append({"version": "dev", "path": f"{DEV_FOLDER}/", "date": None,
                        "pdf": f"{DEV_FOLDER}/{dev.pdf}" if dev.pdf else None,
                        "pdf_fr": f"{DEV_FOLDER}/{FRENCH_FOLDER}{dev.pdf_fr}" if dev.pdf_fr else None,
                        "commit": dev.commit, "latest": False})
    return {"latest": ordered[0].name if ordered else None, "latest_path": "latest/" if ordered else None,
            "versions": entries}


def _relative(page: str, folder: str, target_folder: str, target_page: str) -> str:
    """A link from folder/page to target_folder/target_page."""
    depth = page.count("/") + 1
    return "../" * depth + f"{target_folder}/{target_page}"


def switcher_html(page: str, current: str, folders: list[tuple[str, str, set[str]]]) -> str:
    """Links to this page in every version (its edition's home page where the page does not exist there).

    ``folders`` lists (version name, folder, pages of that folder); ``current`` is this page's folder.
    """
    words = WORDS[page_language(page)]
    items = []
    for name, folder, pages in folders:
        label = f"{name} ({words['latest']})" if folder == "latest" else name
        attributes = ' aria-current="page"' if folder == current else ""
        href = _relative(page, current, folder, _same_page_or_home(page, pages))
        items.append(f'<li><a href="{href}"{attributes}>{html.escape(label)}</a></li>')
    return (f'<nav class="{SWITCHER_CLASS}" aria-label="{words["versions"]}">'
            f'<span class="book-version-switcher__title">{words["title"]}</span><ul>{"".join(items)}</ul></nav>')


def banner_html(page: str, current: SiteVersion, latest: SiteVersion, latest_pages: set[str]) -> str:
    """The note on every page of a version other than the latest release."""
    language = page_language(page)
    words = WORDS[language]
    link = _relative(page, current.folder, "latest", _same_page_or_home(page, latest_pages))
    date = (current.date_fr if language == "fr" else None) or current.date or ""
    what = (words["dev"] if not current.is_release
            else words["older"].format(name=html.escape(current.name), date=html.escape(date)))
    return (f'<div class="{BANNER_CLASS}" role="note"><p>{words["reading"].format(what=what)} '
            f'<a href="{link}">{words["link"].format(name=html.escape(latest.name))}</a>.</p></div>')


def add_to_page(text: str, additions: str) -> str:
    """The page with additions placed at the top of its article (the main content)."""
    match = ARTICLE_START.search(text)
    if not match:
        raise ValueError("page has no <article> element to add the version switcher to")
    return text[:match.end()] + additions + text[match.end():]


SWITCHER_CSS = """
.book-version-switcher { font-size: 0.85rem; margin-bottom: 1rem; display: flex; gap: 0.5rem; flex-wrap: wrap; }
.book-version-switcher ul { list-style: none; display: inline-flex; gap: 0.75rem; margin: 0; padding: 0; }
.book-version-switcher a[aria-current="page"] { font-weight: bold; text-decoration: none; }
.book-version-banner { border-left: 4px solid #CCBB44; background: var(--pst-color-surface, #f5f5f5);
  padding: 0.5rem 1rem; margin-bottom: 1rem; }
"""


def decorate_folder(folder_path: pathlib.Path, current: SiteVersion, latest: SiteVersion | None,
                    folders: list[tuple[str, str, set[str]]], latest_pages: set[str]) -> int:
    """Add the switcher (and the banner, unless this is the latest release) to every page; return the count.

    The pages of dev/ also ask search engines not to index them: they are no release, and their
    canonical addresses name a version folder that does not exist yet."""
    pages = sorted(path.relative_to(folder_path).as_posix() for path in folder_path.rglob("*.html")
                   if not path.relative_to(folder_path).as_posix().startswith("_static/"))
    stylesheet = folder_path / "_static" / "book-versions.css"
    stylesheet.parent.mkdir(parents=True, exist_ok=True)
    stylesheet.write_text(SWITCHER_CSS, encoding="utf-8")
    changed = 0
    for page in pages:
        path = folder_path / page
        text = path.read_text(encoding="utf-8")
        if not ARTICLE_START.search(text):
            continue  # redirect pages and the like have no article
        additions = switcher_html(page, current.folder, folders)
        if latest is not None and current.folder != "latest" and current.name != latest.name:
            additions = banner_html(page, current, latest, latest_pages) + additions
        text = add_to_page(text, additions)
        css = "../" * page.count("/") + "_static/book-versions.css"
        head = f'<link rel="stylesheet" href="{css}" />\n'
        if not current.is_release:
            head += '<meta name="robots" content="noindex" />\n'
        text = text.replace("</head>", head + "</head>", 1)
        path.write_text(text, encoding="utf-8")
        changed += 1
    return changed


def redirect_page(target: str) -> str:
    """A root page that sends readers (and crawlers) to the latest release."""
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta http-equiv="refresh" content="0; url={target}"><link rel="canonical" href="{target}">'
            f'<title>Pacts and Putsches: Mali 2015–2021</title></head>'
            f'<body><p>The latest release of this book is at <a href="{target}">{target}</a>.</p></body></html>\n')


def sitemap_index(site_url: str, folders: list[str]) -> str:
    """The site root's sitemap: an index of each release's own sitemap.xml."""
    entries = "".join(f"<sitemap><loc>{html.escape(site_url + folder)}/sitemap.xml</loc></sitemap>"
                      for folder in folders)
    return ('<?xml version="1.0" encoding="utf-8"?>\n'
            f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</sitemapindex>\n')


def write_versions_json(site: pathlib.Path, document: dict) -> None:
    (site / "versions.json").write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
