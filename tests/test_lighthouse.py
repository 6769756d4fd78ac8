"""Lighthouse (npm, pinned) on every page of the English edition (axe checks both: tests/test_browser.py), served
on 127.0.0.1 to Debian's headless Chromium, which can reach no other host: accessibility, best practices and
SEO score 100, nothing is loaded from elsewhere, no page loads the theme's 1.5 MB icon script, and every page
of both editions, served gzipped as a web host would, scores at least 90 for performance on Lighthouse's
mobile settings (one run a page here; `make bench` records the median of three). The reports go to
_build/lighthouse/ (and a summary with each page's weight to _build/lighthouse/summary.json)."""
import json

import pytest

from conftest import ROOT
from qa.lighthouse import audit, book_pages

pytestmark = pytest.mark.browser

SITE = ROOT / "_build" / "html"
OUTPUT = ROOT / "_build" / "lighthouse"
CATEGORIES = ["accessibility", "best-practices", "seo"]
# A page without description or alt text: proof that the checks below can fail.
PROBE = "__probe__/probe.html"
PROBE_HTML = ("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Probe</title>"
              "<meta name='viewport' content='width=device-width, initial-scale=1'></head><body><main><h1>Probe</h1>"
              "<img src='data:image/gif;base64,R0lGODlhAQABAAAAACw=' width='10' height='10'></main></body></html>")


# The pages in groups of at most five, each audited by one run of Lighthouse for the tests below: one run
# over every page took more than two minutes, and no test may take one. A run costs about 7 s to start
# and 4.5 s a page, load or not (Lighthouse waits on its own timers more than on the processor).
MOST_IN_A_GROUP = 5
PAGES = book_pages()
_COUNT = -(-len(PAGES) // MOST_IN_A_GROUP)
GROUPS = [PAGES[len(PAGES) * number // _COUNT:len(PAGES) * (number + 1) // _COUNT] for number in range(_COUNT)]


def group_name(group: list[str]) -> str:
    return f"{group[0]}..{group[-1]}"


@pytest.fixture(scope="module", params=GROUPS, ids=group_name)
def reports(request):
    assert (SITE / "index.html").exists(), "run `make book` (or `make test`) to build the site first"
    found = audit(SITE, request.param, OUTPUT / "pages", CATEGORIES, settle="short")
    summary_file = OUTPUT / "summary.json"
    summary = json.loads(summary_file.read_text(encoding="utf-8")) if request.param is not GROUPS[0] else {}
    summary.update({report.page: {"scores": report.scores, "transferred_bytes": report.transferred_bytes}
                    for report in found})
    summary_file.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return found


@pytest.fixture(scope="module")
def probe_report():
    [report] = audit(SITE, [PROBE], OUTPUT / "probe", CATEGORIES, extra_pages={PROBE: PROBE_HTML}, settle="short")
    return report


def test_the_groups_hold_every_page_once():
    assert [page for group in GROUPS for page in group] == PAGES and len(PAGES) > 20
    assert max(len(group) for group in GROUPS) <= MOST_IN_A_GROUP


def test_every_page_scores_100_for_accessibility_best_practices_and_seo(reports):
    below = {report.page: {category: report.failing[category] for category in CATEGORIES
                           if report.scores[category] < 1} for report in reports}
    assert {page: failing for page, failing in below.items() if failing} == {}


def test_nothing_is_fetched_from_another_host_and_no_icon_script(reports):
    assert {report.page: report.remote_requests for report in reports if report.remote_requests} == {}
    assert all(len(report.requests) > 10 for report in reports)  # the list is real: every page loads its assets
    assert [report.page for report in reports if any("fontawesome.js" in url for url in report.requests)] == []


def test_lighthouse_catches_a_page_without_description_or_alt_text(probe_report):
    report = probe_report
    assert report.scores["seo"] < 1 and "meta-description" in report.failing["seo"]
    assert report.scores["accessibility"] < 1 and "image-alt" in report.failing["accessibility"]


# Lighthouse's performance score is a timing, which moves with the machine's load: it is a target of
# `make bench` (scripts/bench.py, median of three runs of every page of both editions), never a test.
