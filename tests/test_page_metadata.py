"""What search engines, reference managers and link previews read: descriptions, Highwire tags,
OpenGraph and Twitter cards, JSON-LD, the sitemap, all following the one base URL of _config.yml."""
import html.parser
import json
import re
import struct

import pytest
import yaml
from sphinx.errors import ConfigError

from conftest import ROOT
from malibook.publishing.version import current_release
from malibook.publishing.versioned_site import served_url
from malibook.sphinxext.metadata import read_descriptions
from qa.lighthouse import book_pages

SITE = ROOT / "_build" / "html"
CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
BASE = CONFIG["html"]["baseurl"]


def served(release):
    """The folder that serves this build: a release's own, or dev/ for a working version."""
    return served_url(BASE, release.version, released=release.date is not None)


needs_the_built_site = pytest.mark.build


ALL_PAGES = [page.removesuffix(".html") for page in book_pages()]
TOOL_PAGES = ["genindex", "search"]  # Sphinx's own pages: no document, so no OpenGraph card


def toc_pages():
    return [page for page in ALL_PAGES if page not in TOOL_PAGES]


class _Head(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.meta, self.canonical, self.json_ld, self._in_json = {}, None, [], False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        key = attributes.get("name") or attributes.get("property")
        if tag == "meta" and key:
            self.meta.setdefault(key, []).append(attributes.get("content"))
        if tag == "link" and attributes.get("rel") == "canonical":
            self.canonical = attributes["href"]
        self._in_json = tag == "script" and attributes.get("type") == "application/ld+json"

    def handle_data(self, data):
        if self._in_json:
            self.json_ld.append(json.loads(data))
            self._in_json = False


def head(page):
    parser = _Head()
    parser.feed((SITE / f"{page}.html").read_text(encoding="utf-8"))
    return parser


def test_every_page_has_a_description_written_for_it():
    descriptions = read_descriptions(ROOT)
    assert set(ALL_PAGES) == set(descriptions)
    assert len(set(descriptions.values())) == len(descriptions), "two pages share a description"


def test_a_bad_description_is_named(tmp_path):
    (tmp_path / "page-descriptions.yml").write_text("chapters/intro: Too short.\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="description of 'chapters/intro' must be text of 50 to 160 characters"):
        read_descriptions(tmp_path)


def test_one_base_url_and_one_repository_url():
    assert re.fullmatch(r"https://\S+/", BASE)
    cff = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["title"] == CONFIG["title"] and [author["name"] for author in cff["authors"]] == [CONFIG["author"]]


@needs_the_built_site
def test_every_page_carries_description_citation_tags_and_a_canonical_address():
    assert (SITE / "index.html").exists(), "run `make book` (or `make test`) to build the site first"
    release = current_release()
    versioned = served(release)
    descriptions = read_descriptions(ROOT)
    for page in ALL_PAGES:
        tags = head(page)
        meta = {name: values[0] for name, values in tags.meta.items()}
        assert tags.meta["description"] == [descriptions[page]], page
        assert meta["citation_author"] == CONFIG["author"] and meta["citation_title"], page
        assert meta["citation_edition"] == f"version {release.version}", page
        assert meta["citation_pdf_url"] == versioned + release.pdf_name, page
        assert meta["citation_language"] == "en" and meta["citation_public_url"] == versioned + f"{page}.html"
        assert meta.get("citation_publication_date") == (f"{release.date:%Y/%m/%d}" if release.date else None)
        assert tags.canonical == versioned + f"{page}.html", page


@needs_the_built_site
def test_content_pages_carry_opengraph_and_twitter_tags_with_the_drawn_card():
    release = current_release()
    versioned = served(release)
    descriptions = read_descriptions(ROOT)
    for page in toc_pages():
        meta = {name: values[0] for name, values in head(page).meta.items()}
        assert meta["og:url"] == versioned + f"{page}.html" and meta["og:title"], page
        assert meta["og:description"] == descriptions[page], page
        assert meta["og:image"] == versioned + "_static/social-card.png" and meta["og:image:alt"], page
        assert meta["twitter:card"] == "summary_large_image", page
    card = (SITE / "_static" / "social-card.png").read_bytes()
    assert card[:8] == b"\x89PNG\r\n\x1a\n" and struct.unpack(">II", card[16:24]) == (1200, 630)


@needs_the_built_site
def test_json_ld_describes_the_book_and_the_data_package():
    release = current_release()
    (book,) = head("chapters/intro").json_ld
    assert book["@type"] == "Book" and book["version"] == release.version
    assert book["url"] == served(release) and book["encoding"]["contentUrl"].endswith(release.pdf_name)
    assert {source["url"] for source in book["isBasedOn"]} == {
        "https://www.crisisgroup.org/africa/west-africa/mali/mali-peace-below", "https://www.crisisgroup.org/ku/node/16730"}
    (dataset,) = head("chapters/data-dictionary").json_ld
    descriptor = json.loads((ROOT / "data" / "datapackage.json").read_text(encoding="utf-8"))
    assert dataset["@type"] == "Dataset" and dataset["version"] == release.version
    assert [table["alternateName"] for table in dataset["hasPart"]] == [r["name"] for r in descriptor["resources"]]
    for table, resource in zip(dataset["hasPart"], descriptor["resources"]):
        assert [v["name"] for v in table["variableMeasured"]] == [f["name"] for f in resource["schema"]["fields"]]
        assert len(table["description"]) >= 50, f"{resource['name']}: search engines want a longer description"


@needs_the_built_site
def test_sitemap_lists_every_page_at_its_versioned_address():
    release = current_release()
    sitemap = (SITE / "sitemap.xml").read_text(encoding="utf-8")
    addresses = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert addresses == sorted(addresses)
    assert set(addresses) == {served(release) + f"{page}.html" for page in toc_pages()}
    assert f"Sitemap: {served(release)}sitemap.xml" in (SITE / "robots.txt").read_text(encoding="utf-8")


@needs_the_built_site
def test_every_address_of_the_site_follows_the_base_url():
    """No page names the site's address but through the one setting."""
    host = re.match(r"https://[^/]+", BASE).group(0)
    for path in SITE.rglob("*.html"):
        for address in re.findall(re.escape(host) + r"[^\"'<>\s]*", path.read_text(encoding="utf-8")):
            assert address.startswith(BASE), f"{path}: {address}"
