"""Fixes to the theme's HTML that a browser or axe-core reports, and the book's template overrides.

``templates/`` holds the templates that replace or add to sphinx-book-theme's:

- ``book-version.html``: the footer item with the book's version, date and a link to the PDF of
  the same version (its context comes from ``malibook.sphinxext.printed_version``);
- ``theme-switcher.html`` and ``search-button-field.html``: pydata-sphinx-theme's colour-mode and
  search buttons, rewritten so that their accessible names match their visible content, as
  axe-core requires (each template says what it changes);
- ``search.html``: the theme's search page, with its search scripts deferred (below);
- ``layout.html``: the theme's page layout without its icon script and, but on the search page, without
  the search index and its scripts (below).

The icon script: pydata-sphinx-theme loads Font Awesome's JavaScript (``scripts/fontawesome.js``,
1.5 MB, more than half of what a page weighed) to turn each ``<i class="fa-...">`` into an inline
SVG. Its own stylesheet already carries Font Awesome's web fonts and classes, which draw the same
icons from those ``<i>`` elements; so the script is dropped and every icon stays. ``static/book.css``
styles the book's own additions.

Nothing in the head holds up the first paint but the stylesheets (docs/performance.md): every script
with a ``src`` given to Sphinx, by any extension, the book's own included, is loaded with ``defer`` (in
the page's order, once the page is parsed; none writes into the page as it loads, and those waiting
for the page check ``document.readyState``); inline scripts, which only set variables, stay. The theme
also loads Sphinx's search tools and the whole search index (``searchindex.js``) in every page's head,
for a search-as-you-type it does not have enabled (its search button opens a form that goes to the
search page): they are left to the search page, which loads its own, deferred too
(``templates/search.html``), after Sphinx's ``doctools.js``, which they need.
"""
from __future__ import annotations

import json
import pathlib
import re

from jinja2 import FileSystemBytecodeCache
from sphinx.application import Sphinx

TEMPLATES = pathlib.Path(__file__).resolve().parent / "templates"
STATIC = pathlib.Path(__file__).resolve().parent / "static"
ICON_SCRIPT = re.compile(r'\s*<script\b[^>]*\bsrc="[^"]*/scripts/fontawesome\.js[^"]*"[^>]*>\s*</script>')
SEARCH_SCRIPTS = re.compile(
    r'\s*<script\b[^>]*\bsrc="[^"]*(?:/searchtools\.js|/language_data\.js|searchindex\.js)[^"]*"[^>]*>\s*</script>')


# The theme's styles/theme.css holds only `@import "../basic.css"`: a second round trip before the
# first paint, which a link to basic.css itself saves.
THEME_CSS = re.compile(r'href="([^"]*/)styles/theme\.css[^"]*"')


def without_icon_script(markup: str) -> str:
    """The head's markup without the script element that loads Font Awesome's JavaScript, and with
    Sphinx's basic.css linked directly instead of through the theme's one-line theme.css."""
    return THEME_CSS.sub(r'href="\1basic.css"', ICON_SCRIPT.sub("", str(markup)))


def without_search_scripts(markup: str) -> str:
    """The head's markup without Sphinx's search tools and the search index."""
    return SEARCH_SCRIPTS.sub("", str(markup))


SYNC_SCRIPT = re.compile(r'<script\b(?![^>]*\b(?:defer|async)\b)(?=[^>]*\bsrc=)')


def with_deferred_scripts(markup: str) -> str:
    """The markup with ``defer`` on every script element that has a ``src`` and neither ``defer`` nor
    ``async``."""
    return SYNC_SCRIPT.sub("<script defer", str(markup))


def _set_up_templates(app: Sphinx) -> None:
    templates = getattr(app.builder, "templates", None)
    if templates is None:
        return
    templates.environment.filters["without_icon_script"] = without_icon_script
    templates.environment.filters["without_search_scripts"] = without_search_scripts
    templates.environment.filters["with_deferred_scripts"] = with_deferred_scripts
    # The theme's templates compiled once, not by every build (a tenth of an edit's rebuild). Jinja keys
    # the cache by template file and compiles again any template whose source has changed.
    cache = build_cache(app) / "templates"
    cache.mkdir(parents=True, exist_ok=True)
    templates.environment.bytecode_cache = FileSystemBytecodeCache(str(cache))


def build_cache(app: Sphinx) -> pathlib.Path:
    """Where builds keep what the next one can reuse as it is (compiled templates, the social card):
    ``book_build_cache``, or the doctree folder."""
    return pathlib.Path(app.config.book_build_cache or app.doctreedir)


def deferred(script):
    """A script Sphinx is given (``_JavaScript``) loaded with ``defer``, unless it is inline or is already
    ``async`` or ``defer``."""
    attributes = getattr(script, "attributes", {})
    if not getattr(script, "filename", script) or "async" in attributes or "defer" in attributes:
        return script
    return type(script)(script.filename, priority=script.priority, **attributes, defer="defer")


def _clean_page(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Fix two defects of the stack's HTML that a browser or axe-core reports on every page.

    sphinx-thebe and sphinx-togglebutton each get their inline scripts added twice under Jupyter
    Book 1.0.4, and a repeated `const` declaration is a console error; the repeats are dropped. Every
    script with a file is then deferred (module docstring)."""
    seen, unique = set(), []
    for script in context.get("script_files", []):
        # The copies differ only in an empty file name given as None or as "".
        key = (getattr(script, "filename", script) or "",
               tuple(sorted((name, str(value)) for name, value in getattr(script, "attributes", {}).items())))
        if key not in seen:
            seen.add(key)
            unique.append(script)
    context["script_files"] = [deferred(script) for script in unique]
    # docutils marks the bibliography as a list (role="list") whose entries use the deprecated role
    # doc-biblioentry, and puts anchors directly inside it: axe-core rates that a critical error.
    # Plain blocks are what the entries are.
    if "body" in context and "citation-list" in context["body"]:
        context["body"] = (context["body"]
                           .replace('<div role="list" class="citation-list">', '<div class="citation-list">')
                           .replace(' role="doc-biblioentry"', ""))


def _add_static(app: Sphinx, config) -> None:
    config.html_static_path = [*config.html_static_path, str(STATIC)]


def _static_stamp(app: Sphinx) -> list:
    """Every static file of the build (``html_static_path``) with its size and time."""
    stamp = []
    for folder in app.config.html_static_path:
        root = pathlib.Path(app.confdir, folder)
        files = sorted(root.rglob("*")) if root.is_dir() else [root] if root.exists() else []
        stamp += [[str(path), path.stat().st_size, path.stat().st_mtime_ns] for path in files if path.is_file()]
    return stamp


def _pages_after_a_static_change(app: Sphinx, env, added, changed, removed) -> list[str]:
    """Every page, when a static file changed: Sphinx copies static files only in a build that writes a
    page (an edit of book.css alone left the old one in _build/html), and each page links its
    stylesheets and scripts with a checksum of their content."""
    stamp = _static_stamp(app)
    if getattr(env, "book_static_stamp", None) == stamp:
        return []
    env.book_static_stamp = stamp
    return sorted(env.found_docs - added - changed - removed)


def setup(app: Sphinx) -> None:
    app.connect("config-inited", _add_static)
    app.connect("env-get-outdated", _pages_after_a_static_change)
    # The extension's tests give their fixture builds one cache (build_cache).
    app.add_config_value("book_build_cache", "", "")
    app.connect("builder-inited", _set_up_templates)
    app.add_css_file("book.css")
    # Early: html-page-context stops at the first handler that returns a template, so a late one may never run.
    app.connect("html-page-context", _clean_page, priority=1)
    app.connect("html-page-context", _count_page)
    app.connect("build-finished", _write_icon_subsets)


def _count_page(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    # Pages of the book's sources only: the index and the search page are written by every build.
    if doctree is not None:
        app.book_pages_written = getattr(app, "book_pages_written", 0) + 1


# Font Awesome's web fonts, as the theme ships them (_static/vendor/fontawesome/webfonts/, read as TTF:
# WOFF2 needs brotli), each cut to the icons of the theme's classes that the site's pages and scripts
# name and every glyph its stylesheets name otherwise (admonitions, dropdowns); static/book.css
# declares the cuts, _static/book-<font>.woff, after the theme's fonts.
ICON_FONTS = ("fa-solid-900", "fa-regular-400", "fa-brands-400")
# A rule's selectors start after a brace or at the start: anchored there, the search is linear (unanchored,
# it retried from every character of the theme's 300 kB stylesheet, 1.5 s of every build). Font Awesome 6
# (Jupyter Book 1's theme) writes `.fa-sun:before{content:"\f185"}`; Font Awesome 7 (the Sphinx 8 road)
# `.fa-sun{--fa:"\f185"}`.
ICON_RULE = re.compile(r'(?:(?<=[{}])|^)([^{}]+)\{(?:content|--fa):"\\([0-9a-f]{4})"\}')
ICON_SELECTOR = re.compile(r"\.(fa-[a-z0-9-]+)(?::+before)?\s*(?:,|$)")
ICON_CLASS = re.compile(r"\bfa-[a-z0-9-]+")
PRIVATE_USE = re.compile(r"[\ue000-\uf8ff]|\\([ef][0-9a-f]{3})\b")


def icon_codepoints(static: pathlib.Path, pages: list[pathlib.Path], kept: dict | None = None) -> set[int]:
    """The icons' code points the site can show. ``kept`` ({file: [its size and time, what it holds]},
    from the last build) spares reading again the files that have not changed (an edit rewrites a page
    or two of the fifty, and none of the stylesheets); it is left holding the files read this time."""
    kept = {} if kept is None else kept
    last, kept_now = dict(kept), {}
    named = set()
    for path in [*pages, *static.rglob("*.js")]:
        named.update(_read_once(path, last, kept_now, lambda text: sorted(set(ICON_CLASS.findall(text)))))
    codepoints = set()
    for path in static.rglob("*.css"):
        rules, loose = _read_once(path, last, kept_now, _icon_rules)
        for classes, code in rules:
            if not classes or named.intersection(classes):
                codepoints.add(code)
        codepoints.update(loose)
    kept.clear()
    kept.update(kept_now)
    return codepoints


def _icon_rules(text: str) -> tuple[list, list[int]]:
    """A stylesheet's icon rules ([the classes each names, or [] if it names anything else; its code
    point]) and the code points it names outside them (an admonition's ::before)."""
    rules = []
    for selectors, code in ICON_RULE.findall(text):
        classes = ICON_SELECTOR.findall(selectors)
        rules.append([classes if len(classes) == selectors.count(",") + 1 else [], int(code, 16)])
    loose = {int(match.group(1), 16) if match.group(1) else ord(match.group(0))
             for match in PRIVATE_USE.finditer(ICON_RULE.sub("", text))}
    return rules, sorted(loose)


def _read_once(path: pathlib.Path, last: dict, now: dict, read):
    """``read`` of the file's text, or what it gave last time if the file has the same size and time."""
    stat = path.stat()
    stamp = [stat.st_size, stat.st_mtime_ns]
    entry = last.get(str(path))
    if entry is None or entry[0] != stamp:
        entry = [stamp, read(path.read_text(encoding="utf-8", errors="replace"))]
    now[str(path)] = entry
    return entry[1]


def _write_icon_subsets(app: Sphinx, exception) -> None:
    """Each icon font cut to the icons the site uses (a few kB instead of 275 kB), as WOFF; book.css
    declares them after the theme's, so that browsers fetch these instead (docs/performance.md)."""
    if exception is not None or app.builder.format != "html":
        return
    outdir = pathlib.Path(app.outdir)
    static = outdir / "_static"
    webfonts = static / "vendor" / "fontawesome" / "webfonts"
    if not webfonts.is_dir():
        return  # another theme (sphinx.testing's builds): no icon fonts to cut
    cut = [static / f"book-{name}.woff" for name in ICON_FONTS]
    if not getattr(app, "book_pages_written", 0) and all(path.exists() for path in cut):
        return  # a build that wrote no page: the cuts are those of the pages there
    # What each file held at the last build, and the icons cut then: most edits change no icon.
    record = pathlib.Path(app.doctreedir) / "book-icons.json"
    try:
        last = json.loads(record.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        last = {"files": {}, "codepoints": None}
    pages = [path for path in outdir.rglob("*.html") if "_static" not in path.parts]
    codepoints = sorted(icon_codepoints(static, pages, last["files"]))
    unchanged = codepoints == last["codepoints"] and all(path.exists() for path in cut)
    record.write_text(json.dumps({"files": last["files"], "codepoints": codepoints}), encoding="utf-8")
    if unchanged:
        return
    from fontTools import subset

    options = subset.Options()
    options.flavor = "woff"
    for name in ICON_FONTS:
        # The theme of Jupyter Book 1 ships each font as TrueType too; pydata-sphinx-theme 0.20 (the
        # Sphinx 8 road) as WOFF2 alone, which fontTools reads with Brotli (requirements-sphinx8.txt).
        source = webfonts / f"{name}.ttf"
        font = subset.load_font(str(source if source.exists() else source.with_suffix(".woff2")), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=codepoints)
        subsetter.subset(font)
        subset.save_font(font, str(static / f"book-{name}.woff"), options)
