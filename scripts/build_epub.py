"""Build one edition of the book as an EPUB 3 (`make epub`; `make site` for old releases).

    python scripts/build_epub.py SOURCE --build BUILD --config CONFIG --toc TOC --name FILE.epub

`jupyter-book build --builder custom --custom-builder epub` crashes in sphinx-book-theme, so this
script does what that command does (Jupyter Book's configuration from ``_config.yml``) and then
swaps the theme for Sphinx's own ``epub`` theme before Sphinx starts. The EPUB is written to
BUILD/epub/FILE.epub, with its own doctrees (BUILD/.doctrees-epub: the HTML build's environment
stays valid) and the notebook cache of the edition's HTML build (BUILD/.jupyter_cache), so no
notebook runs again. Warnings are errors, as in the book build.

Sphinx's EPUB builder needs help with this book, whatever its version (``finish_epub``): its table of
contents breaks when the root page is in a folder (chapters/intro), the HTML pages' scripts (screen
widgets, chart specs, Thebe's settings) have no place in an EPUB, nor has myst-nb's stylesheet
(screen CSS that the EPUB checker cannot parse, written only after the EPUB is packed), and links to
files the EPUB lacks (the data package, the PDF) must point to the same version's folder of the site.

It imports nothing from ``malibook``: ``make site`` runs it on old releases' checkouts (with
PYTHONPATH set to them), whose own extension builds their pages. So the version, date and
language are read here from the checkout's pyproject.toml, CHANGELOG.md and configuration.
"""
from __future__ import annotations

import argparse
import datetime as dt
import html
import os
import pathlib
import posixpath
import re
import shutil
import sys
import tomllib
import urllib.parse

import yaml
from docutils import nodes

SCRIPT = re.compile(r"<script\b[^>]*>.*?</script>\s*", re.S)
ALTERNATE_LINK = re.compile(r'<link rel="alternate"[^>]*/>\s*')  # hreflang: addresses of web pages, not of the EPUB
# myst-nb's stylesheet (notebook cells on screen, dark mode) is CSS that the EPUB checker cannot parse.
NOTEBOOK_STYLESHEET = re.compile(r'<link rel="stylesheet"[^>]*href="[^"]*_static/mystnb\.[0-9a-f]+\.css"[^>]*/>\s*')
# Rules whose selectors use :has() or :is(), which the EPUB checker's CSS parser rejects; they lay out
# screen widgets (the layer switch, the parallel views) that the EPUB does not have.
CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
SCREEN_SELECTOR_RULE = re.compile(r"[^{}]*:(?:has|is)\([^{}]*\{[^{}]*\}\s*")
# The web edition's icon fonts (cut to the icons its pages use at the end of the HTML build): the EPUB
# has no icons, and its build has no such files.
FONT_FACE_RULE = re.compile(r"@font-face\s*\{[^{}]*\}\s*")
# E-readers neither scroll a wide block sideways nor shrink it: in the EPUB, code lines wrap (they ran past
# the page's edge: the notebooks' cells, the how-to-cite page's BibTeX), a word too long for a line (the
# bibliography's addresses) breaks, and tables are set smaller, their code (the data dictionary's
# patterns) free to break, so that they fit an e-reader's page. Added to the epub theme's sheet.
READING_CSS = """
/* scripts/build_epub.py: wrap what an e-reader cannot scroll */
body { overflow-wrap: break-word; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; }
table.docutils { font-size: 0.75em; }
table.docutils code, table.docutils .pre { overflow-wrap: anywhere; }
/* On a phone, a table wider than the screen scrolls in a box of its own, not the page with it. */
@media (max-width: 40em) { table.docutils { display: block; max-width: 100%; overflow-x: auto; } }
"""
LINK = re.compile(r'(<a\b[^>]*?\bhref=")([^"#:]+)((?:#[^"]*)?")')
ELEMENT_ID = re.compile(r'(<[a-zA-Z][^<>]*?\sid=")([^"]+)(")')
CHANGELOG_ENTRY = re.compile(r"^## \[(?P<version>[^\]]+)\] - (?P<date>\d{4}-\d{2}-\d{2}|Unreleased)\s*$", re.M)


def release_of(source: pathlib.Path) -> tuple[str, dt.date | None]:
    """The checkout's version (pyproject.toml) and release date (its CHANGELOG.md entry; None if unreleased)."""
    version = tomllib.loads((source / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    match = CHANGELOG_ENTRY.search((source / "CHANGELOG.md").read_text(encoding="utf-8"))
    if match is None or match["version"] != version:
        raise SystemExit(f"epub: {source}/CHANGELOG.md has no top entry for {version}")
    return version, None if match["date"] == "Unreleased" else dt.date.fromisoformat(match["date"])


def epub_settings(book: dict, version: str, language: str, basename: str) -> dict:
    """The Sphinx settings that make the EPUB: Sphinx's epub theme, and the book's metadata."""
    return {
        "html_theme": "epub",
        "html_theme_options": {},   # the book theme's options mean nothing to the epub theme
        "epub_title": f"{book['title']} (version {version})",
        "epub_author": book["author"],
        "epub_publisher": book["author"],
        "epub_copyright": book["copyright"],
        "epub_language": language,
        # The file's name, which names the book, the edition and the version (pacts-and-putsches-0.3.0),
        # is its identifier: Sphinx writes the same value as the OPF's identifier, its XML id (which
        # cannot hold ":" or "/", so no URL or URN) and the NCX's dtb:uid, which must all agree.
        "epub_identifier": basename,
        "epub_uid": basename,
        "epub_basename": basename,
        "epub_description": f"{book['title']}, version {version}",
        "epub_contributor": book["author"],  # Sphinx's default is "unknown"
        "epub_show_urls": "no",     # links stay links; their addresses are not printed after them
        "epub_tocdepth": 2,
        "epub_tocscope": "includehidden",   # the contents from book_refnodes, not from the root page's toctrees
    }


def version_address(book: dict, version: str, language: str) -> str:
    """The address of this edition of this version on the versioned site (`make site`)."""
    return book.get("html", {}).get("baseurl", "") + f"v{version}/" + ("fr/" if language == "fr" else "")


def clean_page(text: str, page: str, present: set[str], address: str) -> str:
    """An XHTML page of the EPUB without scripts or web alternates, its links to files the EPUB lacks
    pointing to the same files of the site (``page`` and ``present``: paths inside the EPUB)."""
    text = NOTEBOOK_STYLESHEET.sub("", ALTERNATE_LINK.sub("", SCRIPT.sub("", text)))

    def absolute(match: re.Match) -> str:
        href = html.unescape(match[2])
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), urllib.parse.unquote(href)))
        if target in present:
            return match[0]
        web_page = page.removesuffix(".xhtml") + ".html"  # the same page on the site, where the file is
        return match[1] + html.escape(urllib.parse.urljoin(address + web_page, href.replace(".xhtml", ".html"))) \
            + match[3]

    text = LINK.sub(absolute, text)
    # Ids must be unique in XHTML. Releases before 0.3.0 repeat the id of an in-text citation in some
    # translated paragraphs (malibook.sphinxext.bibliography now prevents it); nothing links to those.
    seen: set[str] = set()

    def unique(match: re.Match) -> str:
        name, number = match[2], 2
        while name in seen:
            name, number = f"{match[2]}-{number}", number + 1
        seen.add(name)
        return f"{match[1]}{name}{match[3]}"

    return ELEMENT_ID.sub(unique, text)


def book_refnodes(env, root: str, suffix: str) -> list[dict]:
    """The EPUB's table of contents: every page in the book's order, each with its sections.

    Sphinx reads it from the root page's toctrees, which Jupyter Book hides (the theme shows the
    navigation instead); once resolved, a hidden toctree gives Sphinx no entries, and its fallback
    prefixes the root page's folder to links already relative to it ("chapters/../notebooks/x.xhtml")."""
    entries = []

    def add(docname: str, level: int) -> None:
        for child in env.toctree_includes.get(docname, []):
            entries.append({"level": level, "refuri": html.escape(child + suffix),
                            "text": html.escape(env.titles[child].astext())})
            # The page's own contents: a list whose one item is its title, with its sections nested below.
            title_item = env.tocs[child][0] if len(env.tocs[child]) else []
            sections = [item for sublist in title_item if isinstance(sublist, nodes.bullet_list) for item in sublist]
            for section in sections:
                reference = next(section.findall(nodes.reference))
                entries.append({"level": level + 1, "refuri": html.escape(child + suffix + reference["anchorname"]),
                                "text": html.escape(reference.astext())})
            add(child, level + 1)

    add(root, 1)
    return entries


def finish_epub(builder, address: str) -> None:
    """Patch the builder's last step (packing the EPUB): see the module's docstring."""
    handle_finish = builder.handle_finish

    def get_book_toc() -> None:
        builder.refnodes = book_refnodes(builder.env, builder.config.root_doc, builder.out_suffix)
        builder.toc_add_files(builder.refnodes)

    def finish() -> None:
        outdir = pathlib.Path(builder.outdir)
        present = {path.relative_to(outdir).as_posix() for path in outdir.rglob("*") if path.is_file()}
        for path in sorted(outdir.rglob("*.xhtml")):
            page = path.relative_to(outdir).as_posix()
            path.write_text(clean_page(path.read_text(encoding="utf-8"), page, present, address), encoding="utf-8")
        for path in sorted((outdir / "_static").glob("*.css")):
            css = CSS_COMMENT.sub("", path.read_text(encoding="utf-8"))
            kept = FONT_FACE_RULE.sub("", SCREEN_SELECTOR_RULE.sub("", css))
            if path.name == "epub.css":
                kept += READING_CSS
            if kept != css:
                path.write_text(kept, encoding="utf-8")
        handle_finish()

    builder.get_toc, builder.handle_finish = get_book_toc, finish


def build(source: pathlib.Path, build_dir: pathlib.Path, config: pathlib.Path, toc: pathlib.Path, name: str) -> int:
    from jupyter_book.config import get_final_config
    from sphinx.application import Sphinx
    from sphinx.util.docutils import docutils_namespace, patch_docutils

    version, date = release_of(source)
    book = yaml.safe_load(config.read_text(encoding="utf-8"))
    language = book.get("sphinx", {}).get("config", {}).get("language", "en")
    settings, _ = get_final_config(user_yaml=config, cli_config={"external_toc_path": toc.as_posix(),
                                                                    "latex_individualpages": False,
                                                                    "nitpicky": True},
                                   sourcedir=source, use_external_toc=True)
    settings.update(epub_settings(book, version, language, name.removesuffix(".epub")))
    if date is not None:
        # Sphinx dates the EPUB (dcterms:modified) from SOURCE_DATE_EPOCH when it is set: a release's
        # EPUB carries its release date, and two builds of it are the same.
        os.environ["SOURCE_DATE_EPOCH"] = str(int(dt.datetime(date.year, date.month, date.day,
                                                              tzinfo=dt.UTC).timestamp()))
    # A fresh folder each time (the doctrees are kept): files that other extensions write after a build
    # (the data package, robots.txt, a redirect page) would otherwise land in the next EPUB.
    shutil.rmtree(build_dir / "epub", ignore_errors=True)
    with patch_docutils(None), docutils_namespace():
        app = Sphinx(srcdir=str(source), confdir=None, outdir=str(build_dir / "epub"),
                     doctreedir=str(build_dir / ".doctrees-epub"), buildername="epub",
                     confoverrides=settings, status=sys.stdout, warning=sys.stderr,
                     warningiserror=True, keep_going=True)
        # `{only} html` marks what only a screen can do (point at an interactive figure, unfold its table):
        # an EPUB is read as print is. (Sphinx gives the epub builder the tags "html" and "epub".)
        app.tags.remove("html")
        finish_epub(app.builder, version_address(book, version, language))
        app.build()
        return app.statuscode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=pathlib.Path)
    parser.add_argument("--build", type=pathlib.Path, required=True, help="the edition's build folder (_build)")
    parser.add_argument("--config", type=pathlib.Path, required=True)
    parser.add_argument("--toc", type=pathlib.Path, required=True)
    parser.add_argument("--name", required=True, help="the EPUB's file name")
    arguments = parser.parse_args()
    status = build(arguments.source.resolve(), arguments.build.resolve(), arguments.config.resolve(),
                   arguments.toc.resolve(), arguments.name)
    epub = arguments.build / "epub" / arguments.name
    if status or not epub.exists():
        raise SystemExit(f"epub: the build of {epub} failed")
    print(f"EPUB: {epub}")


if __name__ == "__main__":
    main()
