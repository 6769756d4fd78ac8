"""Two builds of the same commit give the same book: the same notebook outputs and the same text and
images on every page. The first is `make book`'s (from scratch in a fresh clone, its notebooks
executed), the second a clean build of a copy that renders the outputs committed with the notebooks
instead of running them: equal pages prove that a fresh run gives the committed outputs and that the
rest of the build depends on nothing but the sources. Only the build date could differ, and it is
excluded."""
import html
import json
import re

import pytest

from conftest import build_html, copy_book

pytestmark = pytest.mark.build

# What may differ between two builds of one commit: nothing the reader reads, only build metadata
# (the build date, asset checksums in URLs). The execution-statistics page, a report on the build's
# own notebook runs, is left out of the comparison.
VOLATILE = [re.compile(r"Last updated on [^<]*"), re.compile(r"\?v=[0-9a-f]+"), re.compile(r"\?digest=[0-9a-f]+")]


def page_text(path):
    """The reader's view of a page: its article's text and the images it shows."""
    source = path.read_text(encoding="utf-8")
    for pattern in VOLATILE:
        source = pattern.sub("", source)
    article = re.search(r"<article\b.*?</article>", source, re.S)
    body = article.group(0) if article else source
    images = re.findall(r'<img\b[^>]*src="([^"]+)"', body)
    without_scripts = re.sub(r"<script\b.*?</script>", "", body, flags=re.S)
    text = html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", without_scripts)))
    return text.strip(), images


def is_glue_record(output):
    """myst-nb's record of a glued value: kept in jupyter_execute/ by a build that ran the notebook, not
    by one that rendered its committed outputs. What it records reaches the pages, compared above."""
    return any(mime.startswith("application/papermill.record/") for mime in output.get("data", {}))


def notebook_outputs(build_root):
    outputs = {}
    for path in sorted((build_root / "_build" / "jupyter_execute").rglob("*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        outputs[path.name] = [[output for output in cell.get("outputs", []) if not is_glue_record(output)]
                              for cell in cells if cell["cell_type"] == "code"]
    return outputs


def test_two_clean_builds_give_the_same_book(built_html, tmp_path):
    book = copy_book(tmp_path / "book", execute=False)
    result = build_html(book, tmp_path / "second")
    assert result.returncode == 0, result.stdout[-3000:]
    second = tmp_path / "second" / "_build" / "html"
    # `make book` also mirrors the French edition into fr/; this test compares the English edition.
    pages = sorted(path.relative_to(built_html) for path in built_html.rglob("*.html")
                   if not path.relative_to(built_html).as_posix().startswith(("_static/", "fr/")))
    assert len(pages) >= 16
    assert pages == sorted(path.relative_to(second) for path in second.rglob("*.html")
                           if not path.relative_to(second).as_posix().startswith("_static/"))
    for page in pages:
        if page.name == "execution-statistics.html":
            continue  # it reports the build's own run of the notebooks, and the second build runs none
        if page.name.endswith("-parallel.html"):
            continue  # composed from both editions after their builds; tests/test_parallel.py checks that
        assert page_text(built_html / page) == page_text(second / page), page
    first_outputs = notebook_outputs(built_html.parent.parent)
    assert first_outputs and first_outputs == notebook_outputs(tmp_path / "second")


def test_a_changed_page_would_be_caught(built_html, tmp_path):
    page = built_html / "chapters" / "context.html"
    changed = tmp_path / "context.html"
    changed.write_text(page.read_text(encoding="utf-8").replace("Neither document", "No document", 1),
                       encoding="utf-8")
    assert page_text(page) != page_text(changed)
