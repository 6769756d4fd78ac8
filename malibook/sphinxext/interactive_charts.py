"""Interactive charts in the HTML: each figure whose notebook output carries a Vega-Lite spec
(``malibook.analysis.charts.BookFigure``) gets that chart over its static image, and a table view.

- The post-transform ``InteractiveCharts`` finds those images in notebook pages and in chapters'
  ``{glued-figure}`` alike: myst-nb names an output's image by the SHA-256 of its PNG, and the glue
  cache of each notebook (``<name>.glue.json``) holds the PNG and the spec together. The image stays
  in the page, so a chart that cannot render leaves the static figure; the PDF never sees the chart.
- Under the image goes a collapsed ``<details>`` "table view": the rows of the chart's data, with
  the columns its spec names in ``usermeta.table`` (the keyboard and screen-reader alternative).
- ``book-vega.js`` (vega, vega-lite and vega-embed, from the pinned PyPI package vl-convert-python,
  which bundles them) is written to ``_static/`` by an HTML build that has a page with a chart. Only
  the pages that show a chart load ``book-charts.js``, which fetches the bundle when a chart nears the viewport (its
  address, with a checksum for caches, in the script's ``data-vega``). Nothing comes from another host.
"""
from __future__ import annotations

import base64
import functools
import hashlib
import html
import json
import os
import pathlib

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

from malibook.analysis.labels import label
from malibook.data.markup import json_in_script

STATIC = pathlib.Path(__file__).resolve().parent / "static"
BUNDLE_NAME = "book-vega.js"
VEGA_LITE_VERSION = "6.4"  # the Vega-Lite that altair 6 writes (schema v6.4.1)
# The bundle assigns the three libraries to window, where book-charts.js finds them.
BUNDLE_SNIPPET = "window.vega = vega; window.vegaLite = vegaLite; window.vegaEmbed = vegaEmbed;"


def bundle_header() -> str:
    import vl_convert

    return (f"/* book-vega 2: vega {vl_convert.get_vega_version()}, vega-lite {VEGA_LITE_VERSION}, vega-embed "
            f"{vl_convert.get_vega_embed_version()}: bundled by vl-convert-python (BSD-3-Clause) */\n")


def write_bundle(static_dir: pathlib.Path) -> pathlib.Path:
    """Write the JavaScript bundle unless the one there is of the same versions (it takes seconds)."""
    path = static_dir / BUNDLE_NAME
    header = bundle_header()
    if path.exists() and path.read_text(encoding="utf-8").startswith(header):
        return path
    static_dir.mkdir(parents=True, exist_ok=True)
    # Whole or not at all: a reader of the folder never finds half a bundle.
    partial = path.with_name(f"{path.name}.{os.getpid()}.part")
    partial.write_text(_bundle(header), encoding="utf-8")
    partial.replace(path)
    return path


@functools.cache
def _bundle(header: str) -> str:
    """The bundle's text, made once per process: several builds in one process (the extension's
    tests) would otherwise each spend seconds making the same one."""
    import vl_convert

    # The bundle declares top-level constants (one named `_`, like Sphinx's own): a function scope
    # keeps them out of the page's global scope.
    bundle = vl_convert.javascript_bundle(BUNDLE_SNIPPET, vl_version=VEGA_LITE_VERSION)
    return f"{header}(function () {{\n{bundle}\n}})();\n"


@functools.lru_cache(maxsize=4)
def _charts_in(folder: str, stamp: tuple) -> dict[str, dict]:
    from malibook.analysis import CHART_MIMETYPE

    charts = {}
    for path in sorted(pathlib.Path(folder).rglob("*.glue.json")):
        for output in json.loads(path.read_text(encoding="utf-8")).values():
            data = output.get("data", {})
            if CHART_MIMETYPE in data and "image/png" in data:
                charts[hashlib.sha256(base64.b64decode(data["image/png"])).hexdigest()] = data[CHART_MIMETYPE]
    return charts


def charts_by_image(folder: str) -> dict[str, dict]:
    """{SHA-256 of a glued PNG: the spec glued with it}, from every notebook's glue cache."""
    paths = sorted(pathlib.Path(folder).rglob("*.glue.json"))
    return _charts_in(folder, tuple((str(path), path.stat().st_mtime_ns) for path in paths))


def table_rows(spec: dict) -> tuple[list[list[str]], list[dict]]:
    """The table view of a spec: its ``usermeta.table`` columns ([field, header], ...) and the rows of
    the first data (inline or named) that has every one of those fields."""
    columns = spec["usermeta"]["table"]
    fields = {field for field, _ in columns}
    candidates = [spec.get("data")] + [layer.get("data") for layer in spec.get("layer", [])]
    for data in candidates:
        if not data:
            continue
        rows = data.get("values") or spec.get("datasets", {}).get(data.get("name"), [])
        if rows and all(fields <= set(row) for row in rows):
            return columns, rows
    raise ValueError(f"no data in the chart has all the table's fields {sorted(fields)}")


def table_view_html(spec: dict, language: str = "en") -> str:
    columns, rows = table_rows(spec)
    head = "".join(f'<th scope="col">{html.escape(header)}</th>' for _, header in columns)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(str(row[field]))}</td>" for field, _ in columns) + "</tr>"
                   for row in rows)
    summary = label("Table view: the data of this chart ({rows} rows)", language, rows=str(len(rows)))
    return (f'<details class="book-chart-table"><summary>{summary}</summary>'
            '<div class="table-wrapper"><table class="table">'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div></details>")


def chart_html(spec: dict, chart_id: str) -> str:
    """The chart's placeholder, which book-charts.js fills, and its spec (escaped for a script element)."""
    text = json_in_script(spec, sort_keys=True, separators=(",", ":"))
    return (f'<div class="book-chart-view" id="{chart_id}"></div>'
            f'<script type="application/json" class="book-chart-spec">{text}</script>')


class ChartMimeRenderer:
    """myst-nb's renderer for the chart's MIME type: the chart becomes no node of its own, since
    ``InteractiveCharts`` puts it beside its image; without this, myst-nb warns of an unknown MIME
    type, and warnings fail the build. Registered by ``setup`` below, not as a package entry point:
    an entry point would be loaded by every build that uses this environment, including the builds
    of old releases (``make site``), whose own ``malibook`` has no such module."""

    mime_priority_overrides = ()

    @staticmethod
    def handle_mime(renderer, data, inline):
        from malibook.analysis import CHART_MIMETYPE

        return [] if data.mime_type == CHART_MIMETYPE else None


class InteractiveCharts(SphinxPostTransform):
    """Put each glued figure's chart and table view beside its image, in the HTML only (not the EPUB)."""

    default_priority = 7  # after myst-nb's glue (5) and the glued figures' alt text (6)
    formats = ("html",)

    def run(self, **kwargs) -> None:
        if self.app.builder.name == "epub":
            return  # an EPUB has no scripts: its figures stay images, with their captions and alt text
        charts = charts_by_image(self.env.mystnb_config.output_folder)
        number = 0
        for image in list(self.document.findall(nodes.image)):
            digest = pathlib.PurePosixPath(image["uri"]).stem
            if digest not in charts:
                continue
            # The chart's accessible name is the figure's alt text, written once, with its caption.
            spec = dict(charts[digest], description=image.get("alt") or charts[digest]["description"])
            box = nodes.container(classes=["book-chart"])
            image.replace_self(box)
            # Numbered in page order, not by image: both editions give a chart the same anchor.
            number += 1
            box += nodes.raw("", chart_html(spec, f"chart-{number}"), format="html")
            box += image
            box += nodes.raw("", table_view_html(spec, self.config.language or "en"), format="html")


def bundle_address(app: Sphinx) -> str:
    """The bundle's address relative to ``_static/``, with a checksum of its content as Sphinx gives its
    own files, so that a browser's cache never keeps an old bundle. The bundle is written once per
    build, when the first page that shows a chart is written (before its link is): a build without a
    chart, as most of the extension's tests are, never spends the seconds it takes."""
    if getattr(app, "book_vega_address", None) is None:
        path = write_bundle(pathlib.Path(app.outdir) / "_static")
        app.book_vega_address = f"{BUNDLE_NAME}?v={hashlib.sha256(path.read_bytes()).hexdigest()[:8]}"
    return app.book_vega_address


def _add_chart_scripts(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if doctree is not None and any("book-chart" in node["classes"] for node in doctree.findall(nodes.container)):
        app.add_js_file("book-charts.js", **{"data-vega": bundle_address(app)})
        app.add_css_file("book-charts.css")


def _static_path(app: Sphinx, config) -> None:
    config.html_static_path = [*config.html_static_path, str(STATIC)]


def _register_mime_renderer() -> None:
    # myst-nb reads its renderer plugins once from entry points and caches the list it returns
    # (functools.lru_cache): adding to that list registers the plugin for this process only.
    from myst_nb.core.render import load_mime_renders

    plugins = load_mime_renders()
    if ChartMimeRenderer not in plugins:
        plugins.append(ChartMimeRenderer)


def setup(app: Sphinx) -> None:
    _register_mime_renderer()
    app.connect("config-inited", _static_path)
    app.add_post_transform(InteractiveCharts)
    # Before theme._clean_page (priority 1), which rebuilds the page's list of scripts.
    app.connect("html-page-context", _add_chart_scripts, priority=0)
