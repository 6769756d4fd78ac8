"""Versioned releases: the pure parts (tags, versions.json, switcher, banner) and, end to end, the
release procedure and a site built from releases.json in a temporary clone without tags, then one
more release."""
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile

import pytest

from conftest import ROOT
from malibook.publishing.record import read_record, write_record
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


# The test's commits carry fixed dates, so that on the same HEAD its release commit is the same from one
# run to the next, and so is its build (see SHARED_SITE_CACHE).
FIXED_DATES = {"GIT_AUTHOR_DATE": "2026-11-30T12:00:00+00:00", "GIT_COMMITTER_DATE": "2026-11-30T12:00:00+00:00"}
# The release builds of the last run of test_site_from_the_record_in_a_clone_without_tags, by commit, as
# scripts/build_site.py keeps them (_build/site-cache/<commit>/): a commit's build never changes, and
# building 0.1.0 and the new release again on every run took minutes. The first run on a machine (and
# the first after a commit, for the new release) builds them; later runs reuse them.
SHARED_SITE_CACHE = ROOT / "_build" / "test-site-cache"


def git(clone, *args):
    return subprocess.run(["git", *args], cwd=clone, check=True, capture_output=True, text=True,
                          env={**os.environ, **FIXED_DATES}).stdout.strip()


def reuse_release_builds(clone, *commits) -> list[str]:
    """Put the shared builds of these commits into the clone's site cache; the commits found."""
    found = []
    for commit in commits:
        if (SHARED_SITE_CACHE / commit / "done").exists():
            shutil.copytree(SHARED_SITE_CACHE / commit, clone / "_build" / "site-cache" / commit, dirs_exist_ok=True)
            found.append(commit)
    return found


def share_release_builds(clone) -> None:
    """Keep the clone's release builds for the next run (only those: the cache does not grow)."""
    shutil.rmtree(SHARED_SITE_CACHE, ignore_errors=True)
    for entry in (clone / "_build" / "site-cache").iterdir():
        if (entry / "done").exists():
            shutil.copytree(entry, SHARED_SITE_CACHE / entry.name, ignore=shutil.ignore_patterns("src"))


def make(clone, *targets):
    """A target of the clone's Makefile, with the environment `make setup` made here (not set up again)."""
    result = subprocess.run(["make", "--no-print-directory", "-o", ".venv/.setup-done", *targets], cwd=clone,
                            capture_output=True, text=True, timeout=1800, env={**os.environ, **FIXED_DATES})
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result.stdout


def next_patch(version):
    major, minor, patch = version.split(".")
    return f"{major}.{minor}.{int(patch) + 1}"


def release(clone, version, date):
    """The release procedure of the README: (a new version's entry,) date it, commit, `make release`."""
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
    commit = git(clone, "rev-parse", "HEAD")
    reuse_release_builds(clone, commit)
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


@pytest.mark.build
def test_site_from_the_record_in_a_clone_without_tags(tmp_path):
    """The README's release procedure in a clone that has no tag. The clone's record is cut to its first
    release, 0.1.0 (the recorded commit of 28 November 2026): each further recorded release would only
    cost one more build, and test_anchors.py checks every entry of the real record against its commit.
    `make release` records the working version (the next patch, if the book has dated it already),
    `make site` builds 0.1.0 from the record alone and reuses the new release and dev, each with its
    PDFs; a second `make site` builds nothing. After a first run, the builds of 0.1.0 and (on the same
    HEAD) of the new release come from the last run's (SHARED_SITE_CACHE): only the assembly is redone."""
    clone = tmp_path / "book"
    git(tmp_path, "clone", "-q", "--no-tags", str(ROOT), str(clone))
    assert git(clone, "tag", "--list") == ""
    git(clone, "config", "user.email", "test@example.org")
    git(clone, "config", "user.name", "Test")
    (clone / ".venv").symlink_to(ROOT / ".venv")  # the environment `make setup` made, not a new one
    recorded = read_record(clone)
    if len(recorded) > 1:
        write_record(clone, recorded[:1])
        git(clone, "commit", "-qam", "Test: a record of 0.1.0 alone")
    working = current_release(clone)
    version = working.version if working.date is None else next_patch(working.version)
    first = read_record(clone)[0].commit
    reused = reuse_release_builds(clone, first)
    commit, output = release(clone, version, "2026-11-30")
    assert f"building {version}" in output or f"{version} reused" in output
    assert [(entry.version, entry.commit) for entry in read_record(clone)][-1] == (version, commit)

    output = build_site(clone)
    share_release_builds(clone)
    site = clone / "_build" / "site"
    assert ("0.1.0 reused" if reused else "building 0.1.0") in output and f"{version} reused" in output
    assert "reusing it" in output  # dev differs from the release only by releases.json: not built again
    document = json.loads((site / "versions.json").read_text(encoding="utf-8"))
    assert document["latest"] == version
    assert [entry["version"] for entry in document["versions"]] == [version, "0.1.0", "dev"]
    assert document["versions"][1]["commit"].startswith("f76a40a")
    for number in (version, "0.1.0"):
        assert (site / f"v{number}" / f"pacts-and-putsches-{number}.pdf").stat().st_size > 100_000
        # Every release gets its offline editions, 0.1.0 too (built by this checkout's scripts/build_epub.py).
        assert (site / f"v{number}" / f"pacts-and-putsches-{number}.epub").stat().st_size > 100_000
        with zipfile.ZipFile(site / f"v{number}" / f"pacts-and-putsches-offline-{number}.zip") as archive:
            page = archive.read(f"pacts-and-putsches-{number}/chapters/context.html").decode()
        # The release's own pages: no version switcher, whose links lead to folders the zip lacks.
        assert "book-version-switcher" not in page and "<article" in page
    assert (site / f"v{version}" / "fr" / f"pactes-et-putschs-fr-{version}.epub").stat().st_size > 100_000
    # The releases since 0.2.0 carry their French edition in fr/, with its French PDF; 0.1.0 has none.
    assert (site / f"v{version}" / "fr" / f"pactes-et-putschs-fr-{version}.pdf").stat().st_size > 100_000
    assert document["versions"][0]["pdf_fr"] == f"v{version}/fr/pactes-et-putschs-fr-{version}.pdf"
    assert document["versions"][1]["pdf_fr"] is None
    assert (site / "latest" / f"pacts-and-putsches-{version}.pdf").exists()
    assert 'url=latest/' in (site / "index.html").read_text(encoding="utf-8")
    assert page_without_decorations(site / "latest" / "chapters" / "context.html") == \
        page_without_decorations(site / f"v{version}" / "chapters" / "context.html")
    released = (site / f"v{version}" / "chapters" / "qa-2021.html").read_text(encoding="utf-8")
    assert f"/v{version}/chapters/qa-2021.html#qa2021-p5" in released and "(2026). “qa2021-p5" in released
    assert '<meta name="citation_publication_date" content="2026/11/30" />' in released
    assert f"v{version}/sitemap.xml" in (site / "sitemap.xml").read_text(encoding="utf-8")
    assert 'content="noindex"' in (site / "dev" / "chapters" / "context.html").read_text(encoding="utf-8")

    old_page = (site / "v0.1.0" / "chapters" / "context.html").read_text(encoding="utf-8")
    assert 'class="book-version-banner"' in old_page and 'href="../../latest/chapters/context.html"' in old_page
    for newest in ("latest", f"v{version}"):
        page = (site / newest / "chapters" / "context.html").read_text(encoding="utf-8")
        assert 'class="book-version-banner"' not in page
    french = (site / f"v{version}" / "fr" / "chapters" / "context.html").read_text(encoding="utf-8")
    assert 'aria-label="Versions de ce livre"' in french
    report = check_site(site)
    assert report.broken == [], report.broken[:10]

    output = build_site(clone)
    assert "building" not in output and "0.1.0 reused" in output and f"{version} reused" in output


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
