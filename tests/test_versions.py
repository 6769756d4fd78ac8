"""Versioned releases: the pure parts (tags, versions.json, switcher, banner) and, end to end, a
site built from two tags in a temporary clone, then from one more tag."""
import json
import re
import subprocess
import sys

import pytest

from conftest import ROOT
from malibook.site.sitecheck import check_site
from malibook.site.versions import SiteVersion, add_to_page, banner_html, release_tags, switcher_html, versions_document


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


def git(clone, *args):
    subprocess.run(["git", *args], cwd=clone, check=True, capture_output=True, text=True)


def release(clone, version, date):
    """Commit a release in the clone: the version in pyproject.toml, a dated CHANGELOG entry, a tag."""
    pyproject = clone / "pyproject.toml"
    pyproject.write_text(re.sub(r'^version = "[^"]+"', f'version = "{version}"', pyproject.read_text(encoding="utf-8"),
                                count=1, flags=re.M), encoding="utf-8")
    changelog = clone / "CHANGELOG.md"
    text = changelog.read_text(encoding="utf-8")
    first = text.index("\n## [")
    entry = f"\n## [{version}] - {date}\n\n### Changed\n- Release {version} (test).\n"
    changelog.write_text(text[:first] + entry + text[first:], encoding="utf-8")
    git(clone, "commit", "-qam", f"Release {version}")
    git(clone, "tag", f"v{version}")


def build_site(clone):
    result = subprocess.run([sys.executable, "scripts/build_site.py"], cwd=clone, capture_output=True, text=True,
                            timeout=1800)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result.stdout


def page_without_decorations(path):
    text = path.read_text(encoding="utf-8")
    return re.sub(r'<(nav|div) class="book-version-(switcher|banner)".*?</\1>', "", text, flags=re.S)


@pytest.mark.build
def test_site_from_tags(tmp_path):
    clone = tmp_path / "book"
    git(tmp_path, "clone", "-q", str(ROOT), str(clone))
    git(clone, "config", "user.email", "test@example.org")
    git(clone, "config", "user.name", "Test")
    (clone / ".venv").symlink_to(ROOT / ".venv")  # the environment `make setup` made, not a new one
    first_version = subprocess.run([sys.executable, "-m", "malibook.site.release", "version"], cwd=clone,
                                   capture_output=True, text=True, check=True).stdout.strip()
    changelog = clone / "CHANGELOG.md"
    heading = f"## [{first_version}] - Unreleased"
    if heading in changelog.read_text(encoding="utf-8"):
        # Between releases the top entry is Unreleased; date it in the clone so that its HEAD is a release
        dated = changelog.read_text(encoding="utf-8").replace(heading, f"## [{first_version}] - 2026-11-30", 1)
        changelog.write_text(dated, encoding="utf-8")
        git(clone, "commit", "-qam", f"Date {first_version} (test)")
    git(clone, "tag", f"v{first_version}")
    release(clone, "9.1.0", "2026-12-01")
    output = build_site(clone)
    site = clone / "_build" / "site"

    document = json.loads((site / "versions.json").read_text(encoding="utf-8"))
    assert document["latest"] == "9.1.0"
    assert [entry["version"] for entry in document["versions"]] == ["9.1.0", first_version, "dev"]
    for version in ("9.1.0", first_version):
        assert (site / f"v{version}" / f"pacts-and-putsches-{version}.pdf").stat().st_size > 100_000
        # Each version carries its French edition in fr/, with its French PDF.
        assert (site / f"v{version}" / "fr" / f"pactes-et-putschs-fr-{version}.pdf").stat().st_size > 100_000
    assert document["versions"][0]["pdf_fr"] == "v9.1.0/fr/pactes-et-putschs-fr-9.1.0.pdf"
    assert (site / "latest" / "pacts-and-putsches-9.1.0.pdf").exists()
    assert 'url=latest/' in (site / "index.html").read_text(encoding="utf-8")
    assert page_without_decorations(site / "latest" / "chapters" / "context.html") == \
        page_without_decorations(site / "v9.1.0" / "chapters" / "context.html")
    assert "reusing it" in output  # dev is the commit of v9.1.0: not built a third time

    old_page = (site / f"v{first_version}" / "chapters" / "context.html").read_text(encoding="utf-8")
    assert 'class="book-version-banner"' in old_page and 'href="../../latest/chapters/context.html"' in old_page
    old_french = (site / f"v{first_version}" / "fr" / "chapters" / "context.html").read_text(encoding="utf-8")
    assert "Vous lisez la version" in old_french and 'href="../../../latest/fr/chapters/context.html"' in old_french
    assert 'aria-label="Versions de ce livre"' in old_french
    for newest in ("latest", "v9.1.0"):
        page = (site / newest / "chapters" / "context.html").read_text(encoding="utf-8")
        assert 'class="book-version-banner"' not in page
    report = check_site(site)
    assert report.broken == [], report.broken[:10]

    release(clone, "9.1.1", "2026-12-02")
    output = build_site(clone)
    assert f"v{first_version} reused" in output and "v9.1.0 reused" in output and "building v9.1.1" in output
    document = json.loads((site / "versions.json").read_text(encoding="utf-8"))
    assert document["latest"] == "9.1.1"
    assert 'class="book-version-banner"' in (site / "v9.1.0" / "chapters" / "context.html").read_text(encoding="utf-8")
