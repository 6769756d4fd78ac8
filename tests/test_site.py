"""The built site's links: every internal link and anchor resolves; external addresses are listed
in a report and must be https and well formed (they are not fetched: CI has no network)."""
import json
import shutil

import pytest

from conftest import ROOT
from malibook.data.sources import read_bibliography
from malibook.publishing.version import current_release
from qa.sitecheck import check_site, external_problems

SITE = ROOT / "_build" / "html"
# The tests that read the site `make book` built; the fixture-free ones below run anywhere.
needs_the_built_site = pytest.mark.build


@pytest.fixture(scope="module")
def site():
    """The site `make book` built, with the versioned PDF beside it (`make test` builds both first)."""
    assert (SITE / "index.html").exists(), "run `make book` (or `make test`) to build the site first"
    assert (SITE / current_release().pdf_name).exists(), "the PDF is copied into the site by `make pdf`"
    return SITE


@needs_the_built_site
def test_every_internal_link_and_anchor_resolves(site):
    report = check_site(site)
    assert report.pages >= 16 and report.internal_links > 1000
    assert report.broken == []


@needs_the_built_site
def test_external_addresses_are_listed_and_https(site):
    report = check_site(site)
    addresses = sorted({address for _, address in report.external})
    listing = ROOT / "_build" / "links" / "external.json"
    listing.parent.mkdir(parents=True, exist_ok=True)
    listing.write_text(json.dumps({"addresses": addresses, "by_page": sorted(report.external)}, indent=2) + "\n",
                       encoding="utf-8")
    assert len(addresses) > 30  # the bibliography's sources, the repository and the launch buttons
    as_read = frozenset(entry["url"] for entry in read_bibliography().values() if "url" in entry)
    assert external_problems(addresses, http_as_read=as_read) == []


@needs_the_built_site
def test_a_broken_anchor_and_a_missing_file_are_caught(site, tmp_path):
    copy = tmp_path / "html"
    shutil.copytree(site, copy, ignore=shutil.ignore_patterns("*.pdf", "_images", "_sources"))
    page = copy / "chapters" / "context.html"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("</article>", '<a href="briefing-115.html#b115-p9">x</a>'
                                 '<a href="no-such-page.html">y</a></article>', 1), encoding="utf-8")
    broken = {(link, problem.split(" ")[0]) for _, link, problem in check_site(copy).broken}
    assert ("briefing-115.html#b115-p9", "no") in broken
    assert ("no-such-page.html", "no") in broken


def test_plain_http_and_malformed_addresses_are_caught():
    problems = dict(external_problems(["http://example.org/page", "https://localhost/x", "https://a.org/ok"]))
    assert problems == {"http://example.org/page": "not https", "https://localhost/x": "not a well-formed address"}
