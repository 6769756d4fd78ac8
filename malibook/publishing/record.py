"""The record of releases, ``releases.json``: which commit is which version, kept on ``main`` itself.

Git tags get lost: a mirror, an export or a fork of ``main`` may drop them. So each release is
recorded in a committed file, and ``make site`` builds every release from it, in a clone with or
without tags. An entry reads::

    {"version": "0.1.0", "date": "2026-11-28", "commit": "<40 hex digits>",
     "note": "why this commit is the release", "pages": {"chapters/qa-2021.html": ["qa2021-p1", ...], ...},
     "redirects": ["index.html"]}

``pages`` lists every HTML page of that release's build with the paragraph anchors it defines (the
IDs of ``data/paragraphs.csv``), and ``redirects`` those of its pages that only redirect, taken from
the build when the release is recorded (``qa.sitecheck.site_pages``). A later version
of the same major version must keep each of them (``anchor_problems``); a new major version may
remove or rename anchors, and may remove a page only by leaving a redirect page at its address
(``malibook.sphinxext.redirects``), as the CHANGELOG's versioning rule promises.

``scripts/release.py record`` (``make release``) adds an entry; nothing else writes one. This
module uses only the standard library.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
import pathlib
import re

from malibook.publishing.versioned_site import version_key

RECORD_FILE = "releases.json"
COMMIT = re.compile(r"[0-9a-f]{40}")
ABOUT = ("The book's releases, oldest first: version, date (that of the version's CHANGELOG entry), the commit "
         "that is the release, and each page of its build with the paragraph anchors it defines. Written by "
         "`make release`; `make site` builds every release from it. See README, Versions.")


class RecordError(ValueError):
    """releases.json is malformed, or a release breaks the promise about pages and anchors."""


@dataclasses.dataclass(frozen=True)
class RecordedRelease:
    version: str
    date: dt.date
    commit: str
    note: str
    pages: dict[str, list[str]]
    redirects: frozenset[str] = frozenset()   # the pages that were redirect pages already

    @property
    def major(self) -> int:
        return version_key(self.version)[0]

    def as_json(self) -> dict:
        return {"version": self.version, "date": self.date.isoformat(), "commit": self.commit, "note": self.note,
                "pages": {page: sorted(anchors) for page, anchors in sorted(self.pages.items())},
                "redirects": sorted(self.redirects)}


def _entry(path: pathlib.Path, number: int, raw: object) -> RecordedRelease:
    where = f"{path}: release {number}"
    if not isinstance(raw, dict):
        raise RecordError(f"{where}: expected an object")
    missing = {"version", "date", "commit", "pages"} - raw.keys()
    if missing:
        raise RecordError(f"{where}: missing {', '.join(sorted(missing))}")
    version = str(raw["version"])
    try:
        version_key(version)
        date = dt.date.fromisoformat(str(raw["date"]))
    except ValueError as exc:
        raise RecordError(f"{where} ({version}): {exc}") from None
    if not COMMIT.fullmatch(str(raw["commit"])):
        raise RecordError(f"{where} ({version}): commit must be 40 hexadecimal digits, not {raw['commit']!r}")
    pages = raw["pages"]
    if not isinstance(pages, dict) or not all(isinstance(anchors, list) for anchors in pages.values()):
        raise RecordError(f"{where} ({version}): pages must map each page to a list of anchors")
    redirects = raw.get("redirects", [])
    if not isinstance(redirects, list) or not set(redirects) <= pages.keys():
        raise RecordError(f"{where} ({version}): redirects must list pages of that release")
    return RecordedRelease(version, date, str(raw["commit"]), str(raw.get("note", "")), pages, frozenset(redirects))


def read_record(root: pathlib.Path) -> list[RecordedRelease]:
    """Every recorded release, oldest first; an error names the file, the entry and the field."""
    path = root / RECORD_FILE
    if not path.exists():
        return []
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise RecordError(f"{path}:{exc.lineno}:{exc.colno}: not valid JSON ({exc.msg})") from None
    releases = [_entry(path, number, raw) for number, raw in enumerate(document.get("releases", []), start=1)]
    for earlier, later in zip(releases, releases[1:]):
        if version_key(later.version) <= version_key(earlier.version) or later.date < earlier.date:
            raise RecordError(f"{path}: {later.version} ({later.date}) follows {earlier.version} ({earlier.date}); "
                              "releases must be listed oldest first, each with a higher version and no earlier date")
    return releases


def write_record(root: pathlib.Path, releases: list[RecordedRelease]) -> None:
    document = {"about": ABOUT, "releases": [release.as_json() for release in releases]}
    (root / RECORD_FILE).write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def previous_release(releases: list[RecordedRelease], version: str) -> RecordedRelease | None:
    """The newest recorded release older than ``version`` (the one a new version must not break)."""
    older = [release for release in releases if version_key(release.version) < version_key(version)]
    return older[-1] if older else None


def anchor_problems(previous: RecordedRelease, version: str, pages: dict[str, list[str]],
                    redirects: set[str]) -> list[str]:
    """How a build of ``version`` breaks the addresses readers cited in ``previous``.

    Within a major version every page stays, with every paragraph anchor it had. A new major version
    may remove or rename anchors, and may remove a page only by leaving a redirect page at its address
    (which sends readers to where the content went)."""
    new_major = version_key(version)[0] > previous.major
    problems = []
    for page, anchors in sorted(previous.pages.items()):
        if page in redirects and (new_major or page in previous.redirects):
            continue
        if page not in pages:
            rule = ("a new major version must leave a redirect page there (book_redirects)" if new_major
                    else f"only a new major version may remove a page, and {version} is not one")
            problems.append(f"{page} of {previous.version} is missing: {rule}")
        elif page in redirects:
            problems.append(f"{page} of {previous.version} became a redirect: only a new major version may "
                            f"move a page, and {version} is not one")
        else:
            lost = sorted(set(anchors) - set(pages[page]))
            if lost and not new_major:
                problems.append(f"{page} lost the anchors {', '.join(lost)} of {previous.version}: only a new "
                                f"major version may remove or rename a paragraph anchor, and {version} is not one")
    return problems
