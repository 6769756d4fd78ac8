"""Data is text, never markup: values that hold HTML, quotes, ampersands and LaTeX specials, planted
in a copy of the data, come out as the same text in every place the book prints data.

The copy's names and titles of an event, an actor and a place, and the actor's descriptions (and the
French ones) become ``HOSTILE``. The copy is built in HTML and LaTeX, with the timeline notebook executed on that data
(the other notebooks render their committed outputs), and the test reads: the chapter's data box
(``{block-data}``), the actor lists (``{actors-by-document}``), the notebook's tables, the charts'
tooltips and table views, the JSON-LD and meta tags of every page, and the LaTeX source of the PDF.
"""
from __future__ import annotations

import csv
import html.parser
import json
import os
import pathlib
import re
import subprocess

import pytest

from conftest import JUPYTER_BOOK, STRICT_FLAGS, copy_book

pytestmark = pytest.mark.build

# No hyphen: the LaTeX writer spells it \sphinxhyphen{}, which the check below would have to undo.
HOSTILE = "Evil <script>alert(\"x\")</script> 'q' &amp; & a \\ { } % # _ ^ ~ [b](c) *d* `e` end"
MARKER = "alert("
# The rows that take the value: (file, key column, key, columns).
PLANTED = [
    ("events.csv", "event_id", "2020-coup", ("title", "title_fr")),
    ("actors.csv", "actor_id", "cnsp", ("name", "name_fr", "description", "description_fr")),
    ("places.csv", "place_id", "anefis", ("name", "name_fr")),
]
# Typographic quotes that Sphinx's smartquotes puts in text: the same text for this test.
STRAIGHT = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})


def plant(data: pathlib.Path) -> None:
    for name, key_column, key, columns in PLANTED:
        path = data / name
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            fields, rows = reader.fieldnames, list(reader)
        hits = [row for row in rows if row[key_column] == key]
        assert len(hits) == 1, (name, key)
        for column in columns:
            hits[0][column] = HOSTILE
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
            writer.writeheader()
            writer.writerows(rows)


class Page(html.parser.HTMLParser):
    """A page as a browser reads it: its text, its scripts' contents and its attribute values."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.text, self.scripts, self.attributes, self._script = [], [], [], None
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.attributes += [(tag, name, value or "") for name, value in attrs]
        if tag == "script":
            self._script = [dict(attrs), ""]
            self.scripts.append(self._script)

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None

    def handle_data(self, data):
        if self._script is not None:
            self._script[1] += data
        else:
            self.text.append(data)

    @property
    def visible(self) -> str:
        return re.sub(r"\s+", " ", "".join(self.text)).translate(STRAIGHT)


def json_strings(value) -> list[str]:
    if isinstance(value, dict):
        return [text for item in value.values() for text in json_strings(item)]
    if isinstance(value, list):
        return [text for item in value for text in json_strings(item)]
    return [value] if isinstance(value, str) else []


def build(book: pathlib.Path, output: pathlib.Path, builder: str) -> None:
    # The notebooks' kernels import malibook from the copy, whose data/ is the planted one.
    environment = {**os.environ, "PYTHONPATH": str(book)}
    result = subprocess.run([str(JUPYTER_BOOK), "build", str(book), "--builder", builder, "--path-output",
                             str(output), *STRICT_FLAGS], capture_output=True, text=True, timeout=900,
                            env=environment)
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]


@pytest.fixture(scope="module")
def hostile_book(tmp_path_factory) -> pathlib.Path:
    folder = tmp_path_factory.mktemp("hostile")
    book = copy_book(folder / "book")
    plant(book / "data")
    config = book / "_config.yml"
    others = [f"*/{path.name}" for path in (book / "notebooks").glob("*.ipynb") if path.name != "timeline.ipynb"]
    config.write_text(config.read_text(encoding="utf-8").replace(
        "execute:\n", f"execute:\n  exclude_patterns: {json.dumps(others)}\n", 1), encoding="utf-8")
    build(book, folder / "out", "html")
    build(book, folder / "out", "latex")
    return folder / "out" / "_build"


def page(built: pathlib.Path, name: str) -> Page:
    return Page((built / "html" / f"{name}.html").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", ["chapters/qa-2021", "chapters/reading-together", "notebooks/timeline"])
def test_planted_values_print_as_text_in_prose_data_boxes_and_tables(hostile_book, name):
    shown = page(hostile_book, name)
    assert HOSTILE in shown.visible, name


def test_no_planted_value_becomes_a_script_or_an_element(hostile_book):
    """Anywhere in the site, the planted script exists only as text: in no script element that runs,
    in no attribute it broke out of, and as a string in every JSON block (chart specs, JSON-LD)."""
    pages = sorted((hostile_book / "html").rglob("*.html"))
    assert len(pages) >= 10
    seen_in_json = 0
    for path in pages:
        parsed = Page(path.read_text(encoding="utf-8"))
        for attributes, content in parsed.scripts:
            if MARKER not in content:
                continue
            assert attributes.get("type") in ("application/json", "application/ld+json"), path
            strings = json_strings(json.loads(content))
            assert any(HOSTILE in text for text in strings), path
            seen_in_json += 1
        broken = [(tag, name) for tag, name, value in parsed.attributes if MARKER in value
                  and HOSTILE not in value.translate(STRAIGHT)]
        assert broken == [], path
        assert not [tag for tag, name, _ in parsed.attributes if name in ("x\")", "q'")], path
    assert seen_in_json >= 2  # the timeline's chart specs carry the planted event and place


def test_chart_tooltips_and_table_views_hold_the_planted_values(hostile_book):
    parsed = page(hostile_book, "notebooks/timeline")
    specs = [json.loads(content) for attributes, content in parsed.scripts
             if "book-chart-spec" in (attributes.get("class") or "")]
    assert specs and any(HOSTILE in json_strings(spec) for spec in specs)
    html_text = (hostile_book / "html" / "notebooks" / "timeline.html").read_text(encoding="utf-8")
    tables = re.findall(r'<details class="book-chart-table"[^>]*>.*?</details>', html_text, re.S)
    assert any(HOSTILE in Page(table).visible for table in tables)


def test_latex_source_escapes_the_planted_values(hostile_book):
    from sphinx.util import texescape

    texescape.init()  # as the LaTeX builder does
    tex = next((hostile_book / "latex").glob("*.tex")).read_text(encoding="utf-8").translate(STRAIGHT)
    expected = texescape.escape(HOSTILE, latex_engine="xelatex")
    # The data box of qa2021-p5 and the timeline's table of places, at least.
    assert tex.count(expected) >= 2, [line for line in tex.splitlines() if "Evil" in line][:5]
    assert MARKER + '"x")' not in tex.replace(expected, "")
