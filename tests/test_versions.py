"""Versioned releases: the pure parts (tags, versions.json, switcher, banner) and, end to end in
temporary clones without tags, the release procedure and a site built from releases.json (on a book of
three pages), and the book's first release built again from its recorded commit."""
import dataclasses
import datetime as dt
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import zipfile

import pytest

from conftest import ROOT
from malibook.publishing.record import RecordedRelease, read_record, write_record
from malibook.publishing.version import current_release
from malibook.publishing.versioned_site import (
    SiteVersion,
    add_to_page,
    banner_html,
    release_tags,
    switcher_html,
    versions_document,
)
from qa.sitecheck import check_site


def test_release_tags_are_semver_tags_in_version_order():
    assert release_tags(["v0.10.0", "v0.2.0", "draft", "v1.0", "v0.2.1"]) == ["v0.2.0", "v0.2.1", "v0.10.0"]


def test_versions_document_lists_newest_first_then_dev():
    releases = [SiteVersion("0.1.0", "v0.1.0", "1 May 2026", "b-0.1.0.pdf", "a"),
                SiteVersion("0.2.0", "v0.2.0", "2 June 2026", "b-0.2.0.pdf", "b")]
    document = versions_document(releases, SiteVersion("dev", "dev", None, "b-0.2.0.pdf", "c"))
    assert document["latest"] == "0.2.0" and document["latest_path"] == "latest/"
    assert [entry["version"] for entry in document["versions"]] == ["0.2.0", "0.1.0", "dev"]
    assert document["versions"][0]["pdf"] == "v0.2.0/b-0.2.0.pdf" and document["versions"][0]["latest"]


def test_switcher_keeps_the_page_or_falls_back_to_the_home_page():
    folders = [("0.2.0", "latest", {"chapters/a.html", "index.html", "fr/chapters/a.html", "fr/index.html"}),
               ("0.1.0", "v0.1.0", {"index.html"})]
    nav = switcher_html("chapters/a.html", "latest", folders)
    assert 'href="../../latest/chapters/a.html" aria-current="page">0.2.0 (latest)<' in nav
    assert 'href="../../v0.1.0/index.html"' in nav and 'aria-label="Versions of this book"' in nav
    # A French page links to the French page, and to the English home of a version without French.
    nav = switcher_html("fr/chapters/a.html", "latest", folders)
    assert 'href="../../../latest/fr/chapters/a.html" aria-current="page">0.2.0 (dernière)<' in nav
    assert 'href="../../../v0.1.0/index.html"' in nav and 'aria-label="Versions de ce livre"' in nav


def test_banner_links_to_the_same_page_in_the_latest_release():
    old = SiteVersion("0.1.0", "v0.1.0", "1 May 2026", None, "a")
    latest = SiteVersion("0.2.0", "v0.2.0", "2 June 2026", None, "b")
    banner = banner_html("notebooks/timeline.html", old, latest, {"notebooks/timeline.html"})
    assert 'href="../../latest/notebooks/timeline.html"' in banner and "version 0.1.0 of 1 May 2026" in banner
    old_with_french = SiteVersion("0.1.0", "v0.1.0", "1 May 2026", None, "a", date_fr="1er mai 2026")
    banner = banner_html("fr/notebooks/timeline.html", old_with_french, latest, {"fr/index.html"})
    assert 'href="../../../latest/fr/index.html"' in banner and "la version 0.1.0 du 1er mai 2026" in banner
    with pytest.raises(ValueError, match="no <article>"):
        add_to_page("<html><body></body></html>", banner)


# The tests' commits carry fixed dates, so that on the same HEAD a release commit they make is the same
# from one run to the next, and so is its build (see SHARED_SITE_CACHE).
FIXED_DATES = {"GIT_AUTHOR_DATE": "2026-11-30T12:00:00+00:00", "GIT_COMMITTER_DATE": "2026-11-30T12:00:00+00:00"}
# The release builds of each test's last run, by test and commit, as scripts/build_site.py keeps them
# (_build/site-cache/<commit>/): a commit's build never changes. The first run on a machine (and, for the
# release book's, the first after a commit) builds them; later runs reuse them.
SHARED_SITE_CACHE = ROOT / "_build" / "test-site-cache"
# The book the release procedure is tried on: this checkout's configuration, extension and Makefile
# with three short pages instead of the chapters and notebooks, so that a release builds in seconds
# rather than the whole book's minute and a half (which `make book` builds and tests already).
RELEASE_BOOK = ROOT / "tests" / "fixtures" / "release-book"
RELEASE_BOOK_TEST = "release-book"  # where SHARED_SITE_CACHE keeps the release book's builds


def git(clone, *args):
    return subprocess.run(["git", *args], cwd=clone, check=True, capture_output=True, text=True,
                          env={**os.environ, **FIXED_DATES}).stdout.strip()


def tagless_clone(tmp_path):
    """A clone of this repository without its tags, using the environment `make setup` made here."""
    clone = tmp_path / "book"
    git(tmp_path, "clone", "-q", "--no-tags", str(ROOT), str(clone))
    assert git(clone, "tag", "--list") == ""
    git(clone, "config", "user.email", "test@example.org")
    git(clone, "config", "user.name", "Test")
    (clone / ".venv").symlink_to(ROOT / ".venv")  # the environment `make setup` made, not a new one
    return clone


def use_release_book(clone) -> None:
    """The clone's chapters and notebooks replaced by the release book's pages (its bibliography kept)."""
    git(clone, "rm", "-rq", "chapters", "notebooks")
    git(clone, "checkout", "HEAD", "--", "chapters/bibliography.md")
    shutil.copytree(RELEASE_BOOK, clone, dirs_exist_ok=True)
    git(clone, "add", "--all")
    git(clone, "commit", "-qm", "Test: the release book")


def reuse_release_builds(clone, test, *commits) -> list[str]:
    """Put the builds of these commits that the test shared last time into the clone's site cache; the
    commits found."""
    found = []
    for commit in commits:
        if (SHARED_SITE_CACHE / test / commit / "done").exists():
            shutil.copytree(SHARED_SITE_CACHE / test / commit, clone / "_build" / "site-cache" / commit,
                            dirs_exist_ok=True)
            found.append(commit)
    return found


def share_release_builds(clone, test) -> None:
    """Keep the clone's release builds for the test's next run (only those: the cache does not grow)."""
    shutil.rmtree(SHARED_SITE_CACHE / test, ignore_errors=True)
    for entry in (clone / "_build" / "site-cache").iterdir():
        if (entry / "done").exists():
            shutil.copytree(entry, SHARED_SITE_CACHE / test / entry.name, ignore=shutil.ignore_patterns("src"))


def make(clone, *targets):
    """A target of the clone's Makefile, with the environment `make setup` made here (not set up again)."""
    result = subprocess.run(["make", "--no-print-directory", "-o", ".venv/.setup-done", *targets], cwd=clone,
                            capture_output=True, text=True, timeout=1800, env={**os.environ, **FIXED_DATES})
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result.stdout


def next_patch(version):
    major, minor, patch = version.split(".")
    return f"{major}.{minor}.{int(patch) + 1}"


def date_version(clone, version, date) -> str:
    """The first steps of the README's release procedure: (a new version's entry,) date it, commit; the
    commit."""
    current = subprocess.run([sys.executable, "-m", "malibook.publishing.version", "version"], cwd=clone,
                             capture_output=True, text=True, check=True).stdout.strip()
    if version != current:  # a new version starts with its Unreleased entry
        pyproject = clone / "pyproject.toml"
        pyproject.write_text(re.sub(r'^version = "[^"]+"', f'version = "{version}"',
                                    pyproject.read_text(encoding="utf-8"), count=1, flags=re.M), encoding="utf-8")
        changelog = clone / "CHANGELOG.md"
        text = changelog.read_text(encoding="utf-8")
        first = text.index("\n## [")
        entry = f"\n## [{version}] - Unreleased\n\n### Corrected\n- Release {version} (test).\n"
        changelog.write_text(text[:first] + entry + text[first:], encoding="utf-8")
    make(clone, "date-release", f"DATE={date}")
    git(clone, "commit", "-qam", f"Release {version} (test)")
    return git(clone, "rev-parse", "HEAD")


def release(clone, version, date, test):
    """The README's release procedure: date the version, commit, `make release`."""
    commit = date_version(clone, version, date)
    reuse_release_builds(clone, test, commit)
    output = make(clone, "release")
    assert git(clone, "rev-parse", "HEAD~1") == commit, "make release commits the record after the release"
    return commit, output


def build_site(clone):
    result = subprocess.run([sys.executable, "scripts/build_site.py"], cwd=clone, capture_output=True, text=True,
                            timeout=1800)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result.stdout


def page_without_decorations(path):
    text = path.read_text(encoding="utf-8")
    text = text.replace('<meta name="robots" content="noindex" />\n', "")
    return re.sub(r'<(nav|div) class="book-version-(switcher|banner)".*?</\1>', "", text, flags=re.S)


def assert_offline_editions(folder, number, french: bool) -> None:
    """A release's PDF and EPUB in each of its editions, and the zip of its pages (each page without the
    version switcher, whose links lead to folders the zip lacks)."""
    editions = [(folder, "pacts-and-putsches")] + ([(folder / "fr", "pactes-et-putschs-fr")] if french else [])
    for place, stem in editions:
        assert (place / f"{stem}-{number}.pdf").read_bytes()[:5] == b"%PDF-"
        with zipfile.ZipFile(place / f"{stem}-{number}.epub") as epub:
            assert epub.read("mimetype") == b"application/epub+zip"
    assert (folder / "fr" / "index.html").exists() == french
    with zipfile.ZipFile(folder / f"pacts-and-putsches-offline-{number}.zip") as archive:
        page = archive.read(f"pacts-and-putsches-{number}/chapters/intro.html").decode()
    assert "book-version-switcher" not in page and "<article" in page


@dataclasses.dataclass(frozen=True)
class ReleasedBook:
    clone: pathlib.Path
    old: str           # recorded by hand, never built
    old_commit: str
    new: str           # released by `make release`
    new_commit: str
    output: str        # what `make release` printed


@pytest.fixture(scope="module")
def released_book(tmp_path_factory):
    """The README's release procedure in a clone that has no tag, on the release book (RELEASE_BOOK): the
    clone's record holds one earlier release, recorded by hand and never built, and `make release` dates,
    builds and records the next patch. The two tests below share it, so that each builds one release."""
    clone = tagless_clone(tmp_path_factory.mktemp("released"))
    use_release_book(clone)
    working = current_release(clone)
    old = working.version if working.date is None else next_patch(working.version)
    new = next_patch(old)
    old_commit = date_version(clone, old, "2026-11-29")
    write_record(clone, [RecordedRelease(old, dt.date(2026, 11, 29), old_commit, "Test: recorded by hand", {})])
    git(clone, "commit", "-qam", f"Test: a record of {old}, never built")
    new_commit, output = release(clone, new, "2026-11-30", RELEASE_BOOK_TEST)
    return ReleasedBook(clone, old, old_commit, new, new_commit, output)


@pytest.mark.build
@pytest.mark.release
def test_make_release_builds_and_records_a_dated_commit(released_book):
    """`make release` recorded the new version after the old one, and built it (or reused last run's build
    of the same commit) with both editions' pages, PDFs and EPUBs and the zip, the pages dated and
    citing the release."""
    new, clone = released_book.new, released_book.clone
    assert f"building {new}" in released_book.output or f"{new} reused" in released_book.output
    assert [(entry.version, entry.commit) for entry in read_record(clone)] == \
        [(released_book.old, released_book.old_commit), (new, released_book.new_commit)]
    built = clone / "_build" / "site-cache" / released_book.new_commit / "html"
    assert_offline_editions(built, new, french=True)
    page = (built / "chapters" / "qa-2021.html").read_text(encoding="utf-8")
    assert f"/v{new}/chapters/qa-2021.html#qa2021-p5" in page and "(2026). “qa2021-p5" in page
    assert '<meta name="citation_publication_date" content="2026/11/30" />' in page


@pytest.mark.build
@pytest.mark.release
def test_make_site_builds_the_other_releases_from_the_record_alone(released_book):
    """`make site` after `make release`: it builds the earlier release from the record alone, reuses the
    new one, and reuses that for dev too (which differs only by releases.json), each with its PDFs,
    EPUBs and zip; the newest is latest/, the older pages carry a banner; a second `make site` builds
    nothing."""
    clone, old, new = released_book.clone, released_book.old, released_book.new
    reused = reuse_release_builds(clone, RELEASE_BOOK_TEST, released_book.old_commit)
    output = build_site(clone)
    share_release_builds(clone, RELEASE_BOOK_TEST)
    site = clone / "_build" / "site"
    assert (f"{old} reused" if reused else f"building {old}") in output and f"{new} reused" in output
    assert "reusing it" in output  # dev differs from the release only by releases.json: not built again
    document = json.loads((site / "versions.json").read_text(encoding="utf-8"))
    assert document["latest"] == new
    assert [entry["version"] for entry in document["versions"]] == [new, old, "dev"]
    assert document["versions"][1]["commit"] == released_book.old_commit
    for number in (new, old):
        assert_offline_editions(site / f"v{number}", number, french=True)
    assert document["versions"][0]["pdf_fr"] == f"v{new}/fr/pactes-et-putschs-fr-{new}.pdf"
    assert (site / "latest" / f"pacts-and-putsches-{new}.pdf").exists()
    assert 'url=latest/' in (site / "index.html").read_text(encoding="utf-8")
    assert page_without_decorations(site / "latest" / "chapters" / "qa-2021.html") == \
        page_without_decorations(site / f"v{new}" / "chapters" / "qa-2021.html")
    assert f"v{new}/sitemap.xml" in (site / "sitemap.xml").read_text(encoding="utf-8")
    assert 'content="noindex"' in (site / "dev" / "chapters" / "intro.html").read_text(encoding="utf-8")

    old_page = (site / f"v{old}" / "chapters" / "intro.html").read_text(encoding="utf-8")
    assert 'class="book-version-banner"' in old_page and 'href="../../latest/chapters/intro.html"' in old_page
    for newest in ("latest", f"v{new}"):
        page = (site / newest / "chapters" / "intro.html").read_text(encoding="utf-8")
        assert 'class="book-version-banner"' not in page
    french = (site / f"v{new}" / "fr" / "chapters" / "intro.html").read_text(encoding="utf-8")
    assert 'aria-label="Versions de ce livre"' in french
    report = check_site(site)
    assert report.broken == [], report.broken[:10]

    output = build_site(clone)
    assert "building" not in output and f"{old} reused" in output and f"{new} reused" in output


@pytest.mark.build
@pytest.mark.release
def test_the_first_release_builds_again_from_its_recorded_commit(tmp_path):
    """What `make site` does for every release of the record, on the real book's first, 0.1.0, in a clone
    without tags: its commit, built with this checkout's environment, gives the very pages and paragraph
    anchors the record holds for it, its PDF, and the offline editions this checkout adds to every
    release (an EPUB and the zip; 0.1.0 has no French edition). It is recorded again as a past commit,
    as it was first (`scripts/release.py record COMMIT`)."""
    test = "first-release"
    clone = tagless_clone(tmp_path)
    first = read_record(clone)[0]
    write_record(clone, [])
    reused = reuse_release_builds(clone, test, first.commit)
    result = subprocess.run([sys.executable, "scripts/release.py", "record", first.commit, "--note", first.note],
                            cwd=clone, capture_output=True, text=True, timeout=1800)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert (f"{first.version} reused" if reused else f"building {first.version}") in result.stdout
    assert [entry.as_json() for entry in read_record(clone)] == [first.as_json()]
    assert_offline_editions(clone / "_build" / "site-cache" / first.commit / "html", first.version, french=False)
    share_release_builds(clone, test)


def test_a_clone_without_the_recorded_commit_says_so(tmp_path):
    clone = tmp_path / "shallow"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{ROOT}", str(clone))
    result = subprocess.run([sys.executable, "scripts/build_site.py"], cwd=clone, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode != 0
    assert "releases.json records 0.1.0 as commit f76a40a" in result.stderr
    assert "fetch the whole history" in result.stderr


def test_a_tag_that_disagrees_with_the_record_stops_the_site(tmp_path):
    clone = tmp_path / "tagged"
    git(tmp_path, "clone", "-q", str(ROOT), str(clone))
    git(clone, "tag", "v0.1.0", "HEAD")
    result = subprocess.run([sys.executable, "scripts/build_site.py"], cwd=clone, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode != 0 and "tag v0.1.0 names commit" in result.stderr
    assert "releases.json records 0.1.0 as f76a40a843" in result.stderr
