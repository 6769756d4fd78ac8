"""Checks of the built HTML site that need no browser: every internal link and anchor resolves,
and every external address is well formed and uses https; and the pages and paragraph anchors of a
build, which a release records (``malibook.publishing.record``) and the next one must keep.

The tests run these on the built book (external links are listed, never fetched: CI has no
network) and write the list of external addresses to a report beside the build.
"""
from __future__ import annotations

import dataclasses
import html.parser
import pathlib
import re
import urllib.parse

# A page that only sends readers elsewhere (malibook.sphinxext.redirects), and build output that is
# not a page readers cite.
REDIRECT = re.compile(r'<meta\s+http-equiv="refresh"', re.I)
NOT_PAGES = ("_static/", "_sources/", "_images/", "_downloads/")
LINK_ATTRIBUTES = {"a": "href", "link": "href", "img": "src", "script": "src", "iframe": "src", "source": "src"}
IGNORED_SCHEMES = {"mailto", "javascript", "data", "tel"}


class _PageParser(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        for name in ("id", "name") if tag == "a" else ("id",):
            if attributes.get(name):
                self.ids.add(attributes[name])
        target = attributes.get(LINK_ATTRIBUTES.get(tag, ""))
        if target is not None:
            self.links.append(target)


@dataclasses.dataclass
class LinkReport:
    pages: int
    internal_links: int
    broken: list[tuple[str, str, str]]       # (page, link, what is wrong)
    external: list[tuple[str, str]]          # (page, address)


def parse_page(path: pathlib.Path) -> _PageParser:
    parser = _PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def check_site(site: pathlib.Path) -> LinkReport:
    """Every page's links: internal ones must reach a file and, with a fragment, an id in it."""
    site = site.resolve()
    # _static/ holds the theme's template fragments, copied as files: they are not pages.
    pages = {path.relative_to(site).as_posix(): parse_page(path) for path in sorted(site.rglob("*.html"))
             if "_static" not in path.relative_to(site).parts}
    broken, external, internal = [], [], 0
    for page, parsed in pages.items():
        for link in parsed.links:
            parts = urllib.parse.urlsplit(link)
            if parts.scheme in IGNORED_SCHEMES or link in ("", "#"):
                continue
            if parts.scheme or link.startswith("//"):
                external.append((page, link))
                continue
            internal += 1
            target = (site / page).parent / urllib.parse.unquote(parts.path) if parts.path else site / page
            target = target.resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists() or site not in target.parents:
                broken.append((page, link, "no such file in the site"))
                continue
            if parts.fragment:
                relative = target.relative_to(site).as_posix()
                if relative not in pages:
                    continue  # a fragment into a non-HTML file (a PDF page, say) is not checked
                if urllib.parse.unquote(parts.fragment) not in pages[relative].ids:
                    broken.append((page, link, f"no anchor #{parts.fragment} in {relative}"))
    return LinkReport(len(pages), internal, broken, external)


def external_problems(addresses: list[str], http_as_read: frozenset[str] = frozenset()) -> list[tuple[str, str]]:
    """Addresses that are not https, or not well formed (no host, spaces, an empty path segment).

    ``http_as_read``: plain-http addresses allowed because a reference records the address at which
    its source was read (an old news page), which the book does not rewrite.
    """
    problems = []
    for address in sorted(set(addresses)):
        parts = urllib.parse.urlsplit(address)
        if parts.scheme != "https" and address not in http_as_read:
            problems.append((address, "not https"))
        elif "." not in parts.netloc or " " in address:
            problems.append((address, "not a well-formed address"))
    return problems


def site_pages(html_dir: pathlib.Path, paragraph_ids: set[str]) -> tuple[dict[str, list[str]], set[str]]:
    """Every page of a build with the paragraph anchors it defines, and which of the pages are redirects."""
    pages, redirects = {}, set()
    for path in sorted(html_dir.rglob("*.html")):
        page = path.relative_to(html_dir).as_posix()
        if page.startswith(NOT_PAGES):
            continue
        pages[page] = sorted(parse_page(path).ids & paragraph_ids)
        if REDIRECT.search(path.read_text(encoding="utf-8")):
            redirects.add(page)
    return pages, redirects
