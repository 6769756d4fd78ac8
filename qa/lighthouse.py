"""Lighthouse on the built book: scores, failing audits, page weight, and proof that nothing remote loads.

``scripts/lighthouse.mjs`` runs Lighthouse (npm, pinned in ``package-lock.json``, installed by
``make browser``) in Debian's headless Chromium, whose resolver knows only this machine. This module
serves a folder on 127.0.0.1, runs it over a list of pages and reads the reports:
``tests/test_lighthouse.py`` requires accessibility, best practices and SEO at 100 on every page, and
``make bench`` records each page's performance score and transferred weight.
"""
from __future__ import annotations

import contextlib
import dataclasses
import functools
import gzip
import http.server
import json
import pathlib
import subprocess
import threading
import urllib.parse

from malibook.paths import PROJECT_ROOT

RUNNER = PROJECT_ROOT / "scripts" / "lighthouse.mjs"
LIGHTHOUSE = PROJECT_ROOT / "node_modules" / "lighthouse" / "package.json"
LOCAL_HOSTS = {"127.0.0.1", "localhost"}


@dataclasses.dataclass(frozen=True)
class PageReport:
    page: str
    scores: dict[str, float]              # category → 0..1
    failing: dict[str, list[str]]         # category → audits that scored below 1 and weigh in the score
    transferred_bytes: int
    requests: list[str]                   # every URL the page loaded

    @property
    def remote_requests(self) -> list[str]:
        return [url for url in self.requests
                if urllib.parse.urlsplit(url).scheme in ("http", "https")
                and urllib.parse.urlsplit(url).hostname not in LOCAL_HOSTS]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extra_pages: dict[str, bytes] = {}  # URL path → HTML served besides the folder (a test's probe page)

    def log_message(self, *args):
        pass

    def do_GET(self):
        page = self.extra_pages.get(urllib.parse.urlsplit(self.path).path)
        if page is None:
            return super().do_GET()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(page)))
        self.end_headers()
        self.wfile.write(page)


class _CompressingHandler(_QuietHandler):
    """Text files gzipped for a browser that accepts it, as most web hosts serve them."""

    TEXT = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")

    def do_GET(self):
        path = pathlib.Path(self.translate_path(self.path))
        extra = urllib.parse.urlsplit(self.path).path in self.extra_pages
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if extra or not (path.is_file() and path.suffix in self.TEXT and accepts_gzip):
            return super().do_GET()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextlib.contextmanager
def serve(folder: pathlib.Path, compress: bool = False, extra_pages: dict[str, str] | None = None):
    """The folder served on 127.0.0.1 (a free port), its text gzipped if ``compress``, and each of
    ``extra_pages`` (a path under the root → its HTML) besides; yields the base URL."""
    base = _CompressingHandler if compress else _QuietHandler
    pages = {f"/{path}": html.encode("utf-8") for path, html in (extra_pages or {}).items()}
    handler = type("Handler", (base,), {"extra_pages": pages})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def book_pages(root: pathlib.Path = PROJECT_ROOT) -> list[str]:
    """Every page a reader can open: those of ``_toc.yml``, then the index and the search page."""
    import yaml

    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    docs = [toc["root"]] + [chapter["file"] for part in toc["parts"] for chapter in part["chapters"]]
    return [f"{doc}.html" for doc in docs] + ["genindex.html", "search.html"]


def read_report(page: str, report: dict) -> PageReport:
    if report.get("runtimeError"):
        raise RuntimeError(f"Lighthouse could not audit {page}: {report['runtimeError']}")
    scores, failing = {}, {}
    for category in report["categories"].values():
        scores[category["id"]] = category["score"]
        failing[category["id"]] = sorted(
            reference["id"] for reference in category["auditRefs"]
            if reference["weight"] > 0 and (report["audits"][reference["id"]]["score"] or 0) < 1
            and report["audits"][reference["id"]]["scoreDisplayMode"] in ("binary", "numeric"))
    requests = [item["url"] for item in report["audits"]["network-requests"]["details"]["items"]]
    weight = int(report["audits"]["total-byte-weight"]["numericValue"])
    return PageReport(page, scores, failing, weight, requests)


def audit(site: pathlib.Path, pages: list[str], output: pathlib.Path, categories: list[str],
          form_factor: str = "mobile", compress: bool = False, timeout: int = 1800,
          extra_pages: dict[str, str] | None = None, settle: str = "default") -> list[PageReport]:
    """Lighthouse over each page of a built site (paths relative to it, or keys of ``extra_pages``,
    served besides); reports kept in ``output``. With ``compress``, the server gzips text as most web
    hosts do (Python's own server does not). ``settle="short"`` waits 0.1 s after load and 0.25 s of
    network and CPU quiet instead of 1 s each: enough for scores that do not time the page (not for
    performance), and 1.5 s less per page."""
    if settle not in ("default", "short"):
        raise ValueError(f"settle must be 'default' or 'short', not {settle!r}")
    if not LIGHTHOUSE.exists():
        raise RuntimeError("Lighthouse is missing: `make browser` installs it from package-lock.json")
    output.mkdir(parents=True, exist_ok=True)
    with serve(site, compress, extra_pages) as base:
        command = ["node", str(RUNNER), str(output), ",".join(categories), form_factor, settle,
                   *(f"{base}/{page}" for page in pages)]
        result = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    if result.returncode != 0:
        raise RuntimeError(f"Lighthouse failed:\n{result.stdout[-2000:]}{result.stderr[-2000:]}")
    reports = []
    for number, page in enumerate(pages):
        report = json.loads((output / f"{number}.json").read_text(encoding="utf-8"))
        (output / f"{number}.json").replace(output / (page.replace("/", "__") + ".json"))
        reports.append(read_report(page, report))
    return reports
