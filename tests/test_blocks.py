"""The three layers of every block (malibook.sphinxext.blocks): the retelling, the annotations and
the data box each in an element of its own class, in both editions, and each set apart in the PDF."""
import re

import pytest

from conftest import ROOT

pytestmark = pytest.mark.build

CHAPTERS = ["briefing-115", "qa-2021"]
EDITIONS = {"en": ROOT / "_build" / "html", "fr": ROOT / "_build" / "html" / "fr"}
LATEX = {"en": ROOT / "_build" / "latex", "fr": ROOT / "_build" / "fr" / "_build" / "latex"}


def source_blocks(chapter: str) -> dict[str, set[str]]:
    """{block ID: the layers its source section has}, from the chapter's Markdown."""
    text = (ROOT / "chapters" / f"{chapter}.md").read_text(encoding="utf-8")
    blocks = {}
    for match in re.finditer(r"^\((\w+-\w+)\)=\n(.*?)(?=^\(\w+-\w+\)=\n|\Z)", text, re.S | re.M):
        body = match.group(2)
        if "```{block-data}" not in body:
            continue
        layers = {"block-data"}
        layers |= {"retelling"} if re.search(r"^\*\*Retelling\.\*\*", body, re.M) else set()
        layers |= {"annotation"} if re.search(r"^\*\*Annotations\.\*\*", body, re.M) else set()
        blocks[match.group(1)] = layers
    return blocks


def page_blocks(html: str) -> dict[str, list[str]]:
    """{block ID: the classes of the block section's direct children that are layers, in order}."""
    blocks = {}
    for section in re.split(r'(?=<section class="book-block")', html)[1:]:
        block_id = re.match(r'<section class="book-block" id="[^"]*">\s*<span id="([^"]+)">', section).group(1)
        # Direct children only: the layers' own contents hold no further layer.
        blocks[block_id] = re.findall(r'<div class="(retelling|annotation|block-data) docutils container">', section)
    return blocks


@pytest.mark.parametrize("edition", sorted(EDITIONS))
@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_block_has_its_layers_in_order_with_stable_classes(edition, chapter):
    path = EDITIONS[edition] / "chapters" / f"{chapter}.html"
    assert path.exists(), "run `make html` first"
    expected = source_blocks(chapter)
    assert len(expected) >= 10 and all("retelling" in layers for layers in expected.values())
    found = page_blocks(path.read_text(encoding="utf-8"))
    order = ["retelling", "annotation", "block-data"]
    assert found == {block: [layer for layer in order if layer in layers] for block, layers in expected.items()}


@pytest.mark.pdf
@pytest.mark.parametrize("edition", sorted(LATEX))
def test_the_pdf_sets_each_layer_apart(edition):
    sources = sorted(LATEX[edition].glob("*.tex"))
    if not sources:
        pytest.skip(f"{LATEX[edition].relative_to(ROOT)} holds no LaTeX: `make pdf` builds it")
    tex = sources[0].read_text(encoding="utf-8")
    # The retelling sits behind a rule, the data in a smaller type: environments the preamble defines.
    assert re.search(r"\\newenvironment\{sphinxclassretelling\}.*?\\vrule", tex, re.S)
    assert re.search(r"\\newenvironment\{sphinxclassblock-data\}\{\\par\\small\}", tex)
    blocks = sum(len(source_blocks(chapter)) for chapter in CHAPTERS)
    for layer in ("retelling", "block-data"):
        assert tex.count(f"\\begin{{sphinxuseclass}}{{{layer}}}") == blocks, layer
