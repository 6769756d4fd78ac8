"""Anchors that last, and the record of releases they are checked against (releases.json).

Every page path and paragraph anchor of the previous release must still be in the current build;
only a new major version may remove or rename anchors, and it may drop a page only by leaving a
redirect page at its address."""
import csv
import datetime as dt
import json
import subprocess
import types

import pytest

from conftest import ROOT
from malibook.publishing import record
from malibook.publishing.version import current_release
from malibook.sphinxext.redirects import _write_redirects
from qa.sitecheck import site_pages

SITE = ROOT / "_build" / "html"
OLD = record.RecordedRelease("1.2.0", dt.date(2027, 1, 1), "a" * 40, "", {
    "chapters/qa-2021.html": ["qa2021-p1", "qa2021-p2"], "chapters/old.html": [], "index.html": []})


def paragraph_ids():
    with (ROOT / "data" / "paragraphs.csv").open(encoding="utf-8") as handle:
        return {row["paragraph_id"] for row in csv.DictReader(handle)}


@pytest.mark.build
def test_the_current_build_keeps_every_page_and_anchor_of_the_previous_release():
    assert (SITE / "index.html").exists(), "run `make book` (or `make test`) to build the site first"
    release = current_release()
    previous = record.previous_release(record.read_record(ROOT), release.version)
    assert previous is not None, "releases.json records no release before this version"
    pages, redirects = site_pages(SITE, paragraph_ids())
    assert record.anchor_problems(previous, release.version, pages, redirects) == []
    # Every block of both documents was anchored in the release's English pages (from 0.3.0 on, in its
    # chapter and in the parallel view too: the set of anchors, not their count).
    english = set().union(*(anchors for page, anchors in previous.pages.items() if not page.startswith("fr/")))
    assert english >= set(paragraph_ids()) and len(paragraph_ids()) == 38


def test_a_minor_version_keeps_every_page_and_anchor():
    kept = {"chapters/qa-2021.html": ["qa2021-p1", "qa2021-p2", "qa2021-p3"], "chapters/old.html": [], "index.html": []}
    assert record.anchor_problems(OLD, "1.3.0", kept, set()) == []
    renamed = {**kept, "chapters/qa-2021.html": ["qa2021-p1", "qa2021-p2bis"]}
    del renamed["chapters/old.html"]
    problems = record.anchor_problems(OLD, "1.3.0", renamed, set())
    assert any("chapters/old.html of 1.2.0 is missing: only a new major version" in problem for problem in problems)
    assert any("lost the anchors qa2021-p2 of 1.2.0" in problem for problem in problems)
    assert record.anchor_problems(OLD, "1.2.1", kept, {"chapters/old.html"}) == [
        "chapters/old.html of 1.2.0 became a redirect: only a new major version may move a page, and 1.2.1 is not one"]


def test_a_major_version_drops_a_page_only_behind_a_redirect():
    without_old = {"chapters/qa-2021.html": ["qa2021-p1"], "index.html": []}
    assert record.anchor_problems(OLD, "2.0.0", without_old, set()) == [
        "chapters/old.html of 1.2.0 is missing: a new major version must leave a redirect page there (book_redirects)"]
    assert record.anchor_problems(OLD, "2.0.0", {**without_old, "chapters/old.html": []}, {"chapters/old.html"}) == []


def test_redirect_pages_are_written_for_removed_pages(tmp_path):
    (tmp_path / "chapters").mkdir()
    (tmp_path / "chapters" / "new.html").write_text("<html></html>", encoding="utf-8")
    app = types.SimpleNamespace(builder=types.SimpleNamespace(format="html"), outdir=str(tmp_path),
                                config=types.SimpleNamespace(book_redirects={"chapters/old.html": "chapters/new.html"}),
                                env=types.SimpleNamespace(found_docs={"chapters/new"}))
    _write_redirects(app, None)
    pages, redirects = site_pages(tmp_path, set())
    assert redirects == {"chapters/old.html"} and 'url=new.html"' in (tmp_path / "chapters" / "old.html").read_text()
    app.config.book_redirects = {"chapters/new.html": "chapters/new.html"}
    with pytest.raises(Exception, match="still a page of this build"):
        _write_redirects(app, None)


def test_the_record_names_real_releases():
    """Each recorded commit is in this repository's history, with that version dated as recorded."""
    releases = record.read_record(ROOT)
    assert releases[0].version == "0.1.0" and releases[0].commit.startswith("f76a40a")
    for release in releases:
        def show(path, commit=release.commit):
            return subprocess.run(["git", "show", f"{commit}:{path}"], cwd=ROOT, capture_output=True, text=True,
                                  check=True).stdout
        assert f'version = "{release.version}"' in show("pyproject.toml")
        assert f"## [{release.version}] - {release.date.isoformat()}" in show("CHANGELOG.md")


@pytest.mark.parametrize("entry, message", [
    ({"version": "0.1", "date": "2026-11-28", "commit": "a" * 40, "pages": {}}, "release 1 (0.1)"),
    ({"version": "0.1.0", "date": "2026-11-28", "commit": "f76a40a", "pages": {}}, "40 hexadecimal digits"),
    ({"version": "0.1.0", "date": "2026-11-28", "commit": "a" * 40}, "release 1: missing pages"),
])
def test_a_malformed_record_is_named(tmp_path, entry, message):
    (tmp_path / "releases.json").write_text(json.dumps({"releases": [entry]}), encoding="utf-8")
    with pytest.raises(record.RecordError, match=message.replace("(", r"\(").replace(")", r"\)")):
        record.read_record(tmp_path)


def test_releases_are_recorded_oldest_first(tmp_path):
    entries = [{"version": version, "date": "2026-11-28", "commit": "a" * 40, "pages": {}}
               for version in ("0.2.0", "0.1.0")]
    (tmp_path / "releases.json").write_text(json.dumps({"releases": entries}), encoding="utf-8")
    with pytest.raises(record.RecordError, match="0.1.0 .* follows 0.2.0"):
        record.read_record(tmp_path)
