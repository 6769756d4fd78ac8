"""Release a version (docs/releasing.md): the whole flow, with each of its checks written once.

    python scripts/release.py date YYYY-MM-DD     make date-release: date the version's CHANGELOG entry,
                                                  give CITATION.cff that version and date, rewrite .zenodo.json
    python scripts/release.py record              make release: check HEAD, build it, record it in
                                                  releases.json and commit that record
    python scripts/release.py record COMMIT --note TEXT
                                                  record a past commit (how 0.1.0 was); the record is left
                                                  for you to commit

Recording checks, in this order: the working tree is clean (HEAD only), the commit's CHANGELOG.md dates
its version, CITATION.cff and .zenodo.json agree with it (HEAD only), releases.json does not record the
version yet, and the build keeps every page and paragraph anchor of the previous release (within a
major version). The build comes from a clean worktree of the commit, kept in _build/site-cache/ for
`make site` (scripts/build_site.py, which builds the site from the record).
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import io
import subprocess
import sys

# build_site puts this checkout's root first on sys.path: malibook and qa below are this checkout's.
from build_site import CACHE, ROOT, build_release, git, require_commit

from malibook.publishing.record import (
    RecordedRelease,
    RecordError,
    anchor_problems,
    previous_release,
    read_record,
    write_record,
)
from malibook.publishing.version import Release, ReleaseError, citation_cff_problems, current_release, date_release
from malibook.publishing.versioned_site import version_key
from malibook.publishing.zenodo import ZENODO_FILE, ZenodoError, stale, zenodo_text
from qa.sitecheck import site_pages


def date(day: dt.date) -> None:
    """The first step: the version's CHANGELOG entry and CITATION.cff dated, .zenodo.json rewritten."""
    release = date_release(ROOT, day)
    (ROOT / ZENODO_FILE).write_text(zenodo_text(ROOT), encoding="utf-8")
    # The release's notebooks install, on Colab, the release's own package and data.
    subprocess.run([sys.executable, str(ROOT / "scripts" / "run_notebooks.py"), "--cells-only"], check=True)
    print(f"CHANGELOG.md, CITATION.cff, {ZENODO_FILE} and the notebooks' install cells now date {release.version} "
          f"{release.date.isoformat()}; "
          f'check the diff, commit it ("Release {release.version}"), then `make release`')


def release_of(commit: str) -> Release:
    """The version and date that a commit's pyproject.toml and CHANGELOG.md give (without checking it out);
    refused if the entry is not dated."""
    scratch = CACHE / "meta"
    scratch.mkdir(parents=True, exist_ok=True)
    for name in ("pyproject.toml", "CHANGELOG.md"):
        (scratch / name).write_text(git("show", f"{commit}:{name}") + "\n", encoding="utf-8")
    release = current_release(scratch)
    if release.date is None:
        raise SystemExit(f"release: commit {commit[:10]} is not a release: CHANGELOG.md's entry for "
                         f"{release.version} has no date (`make date-release DATE=YYYY-MM-DD` dates it)")
    return release


def paragraph_ids(commit: str) -> set[str]:
    text = git("show", f"{commit}:data/paragraphs.csv")
    return {row["paragraph_id"] for row in csv.DictReader(io.StringIO(text))}


def record(commit: str | None, note: str) -> None:
    """Build a commit as a release and add it to releases.json; HEAD (clean, dated, its citation metadata
    current) by default, and then the record is committed."""
    if commit is None:
        if git("status", "--porcelain"):
            raise SystemExit("release: the working tree is not clean; commit the release first\n"
                             + git("status", "--short"))
        problems = citation_cff_problems(ROOT) + [problem for problem in [stale(ROOT)] if problem]
        if problems:
            raise SystemExit("release: " + "; ".join(problems))
        note = note or "Recorded by make release."
    full = require_commit(commit or "HEAD", "this release")
    releases = read_record(ROOT)
    release = release_of(full)
    if any(recorded.version == release.version for recorded in releases):
        raise SystemExit(f"release: releases.json already records {release.version}")
    site_version, html_dir = build_release(release.version, full)
    pages, redirects = site_pages(html_dir, paragraph_ids(full))
    previous = previous_release(releases, release.version)
    problems = anchor_problems(previous, release.version, pages, redirects) if previous else []
    if problems:
        raise SystemExit("release: the addresses readers cited would break:\n  " + "\n  ".join(problems))
    recorded = RecordedRelease(release.version, release.date, full, note, pages, frozenset(redirects))
    try:
        write_record(ROOT, sorted([*releases, recorded], key=lambda entry: version_key(entry.version)))
        read_record(ROOT)  # the record must stay in order: a release older than a recorded one is refused
    except RecordError as exc:
        write_record(ROOT, releases)
        raise SystemExit(f"release: {exc}") from None
    print(f"release: recorded {release.version} ({release.date}) as commit {full[:10]} in releases.json; "
          f"{len(pages)} pages, {sum(map(len, pages.values()))} paragraph anchors; built as {site_version.folder}/")
    if commit is not None:
        print("release: releases.json is not committed; check it and commit it")
        return
    short = full[:10]
    git("add", "releases.json")
    git("commit", "--quiet", "-m", f"Record release {release.version} (commit {short}) in releases.json")
    print(f"Release {release.version} is commit {short}, recorded in releases.json (committed).\n"
          f"Next: push main; `make site` builds the site. A tag is optional: "
          f"git tag -a v{release.version} {short} -m 'Version {release.version}'")


def parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="scripts/release.py", description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    steps = parser.add_subparsers(dest="step", required=True)
    dating = steps.add_parser("date", help="date the version (make date-release)")
    dating.add_argument("day", type=dt.date.fromisoformat, metavar="YYYY-MM-DD")
    recording = steps.add_parser("record", help="record a commit as a release (make release)")
    recording.add_argument("commit", nargs="?", help="a past commit to record (default: HEAD, then committed)")
    recording.add_argument("--note", default="", help="why this commit is the release")
    return parser


def main(argv: list[str] | None = None) -> int:
    arguments = parser().parse_args(argv)
    try:
        if arguments.step == "date":
            date(arguments.day)
        else:
            record(arguments.commit, arguments.note)
    except (ReleaseError, RecordError, ZenodoError) as exc:
        print(f"release: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
