"""What search engines, reference managers and link previews read from every page.

All of it follows one setting, ``html: baseurl:`` in ``_config.yml``: the address of the versioned
site's root. This build's pages live under ``<base>/vX.Y.Z/`` (``malibook.publishing.citation_formats``), so the
build's own ``html_baseurl`` (canonical links, sitemap) is that folder. On every page:

- ``<meta name="description">``, written for that page in ``page-descriptions.yml`` (a page without
  one fails the build), also given to sphinxext-opengraph as the page's ``og:description``;
- Highwire Press tags (``citation_title``, ``citation_author``, ``citation_publication_date`` once
  the version is dated, ``citation_edition`` with the version, ``citation_pdf_url``,
  ``citation_language``, ``citation_public_url``, ``citation_doi`` once a DOI is recorded), which
  Google Scholar and Zotero read;
- on the pages of the book's documents, OpenGraph and Twitter-card tags (sphinxext-opengraph) with
  the social card that ``malibook.sphinxext.social_card`` draws;
- on the home page, schema.org JSON-LD for the book; on the data appendix, JSON-LD for the data
  package (a Dataset whose parts are its tables; ``dataset_jsonld``, called by ``{data-dictionary}``).

The build also writes ``sitemap.xml`` (sphinx-sitemap; every page of the book, whatever an
incremental build rewrote) and ``robots.txt`` pointing to it; pages may print this version's address
with the token ``%BOOK_VERSION_URL%``. The DOI, once minted, is recorded in ``CITATION.cff``
(``doi:``) and nowhere else.
"""
from __future__ import annotations

import csv
import html
import pathlib
import queue
import re

import yaml
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError
from sphinx.locale import _
from sphinx.util import logging

from malibook.data.markup import json_in_script
from malibook.publishing.versioned_site import served_url
from malibook.sphinxext.social_card import CARD_FILE, CARD_SIZE

logger = logging.getLogger(__name__)
DESCRIPTIONS = {"en": "page-descriptions.yml", "fr": "page-descriptions.fr.yml"}
LICENSE_URL = "https://creativecommons.org/licenses/by/4.0/"
# Pages that are tools, not content: in no sitemap.
NOT_IN_SITEMAP = ["search.html", "genindex.html"]


def read_descriptions(root: pathlib.Path, language: str = "en") -> dict[str, str]:
    """{page (docname): its description in the edition's language}; a malformed file or entry is named."""
    path = root / DESCRIPTIONS[language]
    try:
        descriptions = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"{path}: cannot read the page descriptions ({exc})") from exc
    if not isinstance(descriptions, dict):
        raise ConfigError(f"{path}: expected a mapping of page name to description")
    for page, text in descriptions.items():
        if not isinstance(text, str) or not 50 <= len(text.strip()) <= 160:
            raise ConfigError(f"{path}: the description of {page!r} must be text of 50 to 160 characters "
                              f"(search engines cut longer ones), not {text!r}")
    return {page: " ".join(text.split()) for page, text in descriptions.items()}


def _configure(app: Sphinx, config: Config) -> None:
    """Derive every address from the one base URL, and read the descriptions and the DOI."""
    site = config.html_baseurl or ""
    if not re.fullmatch(r"https://[^/\s]+/(\S*/)?", site):
        raise ConfigError(f"_config.yml: html.baseurl must be the https address of the versioned site's root, "
                          f"ending with '/', not {site!r}")
    root = pathlib.Path(app.srcdir)
    language = config.language if config.language in DESCRIPTIONS else "en"
    # Where this build is served: a release in its own folder, a working version in dev/ (as its
    # citations say); the French edition in that folder's fr/ (malibook.publishing.french_edition).
    config.book_served_url = served_url(site, config.version, released=bool(config.book_release_date))
    versioned = config.book_served_url + ("" if language == "en" else f"{language}/")
    config.book_site_url = site
    config.html_baseurl = versioned
    cff = yaml.safe_load((root / "CITATION.cff").read_text(encoding="utf-8"))
    config.book_doi = str(cff.get("doi") or "")
    config.book_abstract = " ".join(str(cff.get("abstract", "")).split())
    config.book_page_descriptions = read_descriptions(root, language)
    config.book_page_tokens = {**config.book_page_tokens, "%BOOK_VERSION_URL%": versioned}
    image = versioned + "_static/" + CARD_FILE
    config.ogp_site_url = versioned
    config.ogp_image = image
    config.ogp_image_alt = f"{config.project}, version {config.version}"
    config.ogp_social_cards = {"enable": False}   # one card for the book, drawn by social_card
    config.ogp_custom_meta_tags = [
        f'<meta property="og:image:width" content="{CARD_SIZE[0]}" />',
        f'<meta property="og:image:height" content="{CARD_SIZE[1]}" />',
        '<meta name="twitter:card" content="summary_large_image" />',
    ]
    config.sitemap_url_scheme = "{link}"
    config.sitemap_excludes = NOT_IN_SITEMAP


def _meta(name: str, content: str) -> str:
    return f'<meta name="{name}" content="{html.escape(content)}" />'


def _json_ld(document: dict) -> str:
    return '<script type="application/ld+json">' + json_in_script(document) + "</script>"


def _plain(title: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", title)).strip()


def highwire_tags(config: Config, page_title: str, page_url: str) -> list[str]:
    """Highwire Press ``citation_*`` tags for one page."""
    tags = [("citation_title", page_title)]
    if page_title != config.project:
        tags.append(("citation_inbook_title", config.project))
    tags.append(("citation_author", config.author))
    if config.book_release_date:
        tags.append(("citation_publication_date", config.book_release_date.replace("-", "/")))
    tags += [("citation_edition", f"version {config.version}"),
             ("citation_pdf_url", config.html_baseurl + config.html_context["book_pdf"]),  # the edition's PDF
             ("citation_language", config.language or "en"), ("citation_public_url", page_url)]
    if config.book_doi:
        tags.append(("citation_doi", config.book_doi))
    return [_meta(name, content) for name, content in tags]


def book_jsonld(config: Config, sources: list[dict[str, str]]) -> dict:
    """schema.org description of the book in this version."""
    versioned = config.book_served_url
    document = {
        "@context": "https://schema.org", "@type": "Book", "@id": versioned + "#book",
        "name": config.project, "bookEdition": f"version {config.version}", "version": config.version,
        "author": {"@type": "Organization", "name": config.author}, "description": config.book_abstract,
        "inLanguage": config.language or "en", "license": LICENSE_URL, "url": versioned,
        "isAccessibleForFree": True,
        "encoding": {"@type": "MediaObject", "encodingFormat": "application/pdf",
                     "contentUrl": versioned + config.html_context["book_pdf"]},
        "isBasedOn": [{"@type": "Report", "name": source["title"], "url": source["url"],
                       "publisher": {"@type": "Organization", "name": source["publisher"]},
                       "datePublished": source["date"]} for source in sources],
    }
    if config.book_release_date:
        document["datePublished"] = config.book_release_date
    if config.book_doi:
        document["identifier"] = f"https://doi.org/{config.book_doi}"
    return document


def dataset_jsonld(config: Config, descriptor: dict, page_url: str) -> str:
    """schema.org description of the data package, a Dataset whose parts are its tables, as a script element."""
    creator = {"@type": "Organization", "name": config.author}
    licence = (descriptor.get("licenses") or [{}])[0].get("path", LICENSE_URL)
    tables = [{"@type": "Dataset", "name": resource.get("title", resource["name"]), "alternateName": resource["name"],
               "description": resource.get("description", ""), "license": licence, "creator": creator,
               "encodingFormat": "text/csv",
               "variableMeasured": [{"@type": "PropertyValue", "name": field["name"],
                                     "description": field.get("description", "")}
                                    for field in resource["schema"]["fields"]]}
              for resource in descriptor["resources"]]
    document = {"@context": "https://schema.org", "@type": "Dataset", "name": descriptor["title"],
                "alternateName": descriptor["name"], "description": descriptor["description"],
                "version": config.version, "url": page_url, "license": licence, "creator": creator,
                "isAccessibleForFree": True, "inLanguage": config.language or "en",
                "isPartOf": {"@id": config.book_served_url + "#book"},
                "hasPart": tables}
    if config.book_release_date:
        document["datePublished"] = config.book_release_date
    return _json_ld(document)


def _read_sources(root: pathlib.Path) -> list[dict[str, str]]:
    with (root / "data" / "sources.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _page_metadata(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Description, Highwire tags and (home page) JSON-LD, before sphinxext-opengraph adds its tags."""
    if app.builder.format != "html":
        return
    config = app.config
    description = config.book_page_descriptions.get(pagename)
    if description is None:
        file = DESCRIPTIONS.get(config.language, DESCRIPTIONS["en"])
        logger.warning(f"{file} has no description for the page {pagename!r}")
        return
    # html_baseurl is this edition's folder of this version (see _configure).
    page_url = config.html_baseurl + app.builder.get_target_uri(pagename)
    # Sphinx's index and search pages get their titles from their templates, not from the context.
    special = {"genindex": _("Index"), "search": _("Search")}
    title = _plain(context.get("title") or special.get(pagename, config.project))
    tags = [_meta("description", description), *highwire_tags(config, title, page_url)]
    if pagename == config.root_doc:
        tags.append(_json_ld(book_jsonld(config, _read_sources(pathlib.Path(app.srcdir)))))
    context["metatags"] = context.get("metatags", "") + "\n".join(tags) + "\n"
    # sphinxext-opengraph takes og: fields of the page's metadata over what it would extract itself.
    context["meta"] = {**(context.get("meta") or {}), "og:description": description}


def _complete_sitemap(app: Sphinx, exception: Exception | None) -> None:
    """Every page of the book in the sitemap, in a stable order, not only those this build rewrote."""
    links = getattr(app.env.app, "sitemap_links", None) if app.builder.format == "html" else None
    if exception is not None or links is None:
        return
    found = set()
    while True:
        try:
            found.add(links.get_nowait())
        except queue.Empty:
            break
    found |= {(docname + ".html", None) for docname in app.env.found_docs}
    for link in sorted(found, key=lambda item: item[0]):
        if link[0] not in NOT_IN_SITEMAP:
            links.put(link)


def _write_robots(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and app.builder.format == "html":
        (pathlib.Path(app.outdir) / "robots.txt").write_text(
            f"User-agent: *\nAllow: /\nSitemap: {app.config.html_baseurl}sitemap.xml\n", encoding="utf-8")


def setup(app: Sphinx) -> None:
    app.setup_extension("sphinxext.opengraph")
    app.setup_extension("sphinx_sitemap")
    for name, default in (("book_site_url", ""), ("book_served_url", ""), ("book_doi", ""), ("book_abstract", "")):
        app.add_config_value(name, default, "env")
    app.add_config_value("book_page_descriptions", {}, "html")
    # After malibook.sphinxext.printed_version (900), which sets the version the addresses name.
    app.connect("config-inited", _configure, priority=950)
    # Before sphinxext-opengraph (500), which keeps a description that is already there.
    app.connect("html-page-context", _page_metadata, priority=400)
    # Before sphinx-sitemap (500) writes the sitemap.
    app.connect("build-finished", _complete_sitemap, priority=400)
    app.connect("build-finished", _write_robots)
