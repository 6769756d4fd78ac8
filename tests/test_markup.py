"""Data values in the book's generated Markdown stay text (malibook.data.markup), whatever they hold."""
import html
import re

import pytest
from markdown_it import MarkdownIt

from malibook.data.markup import markdown_text

VALUES = [
    "<script>alert(\"x\")</script>", "a </script> b", "Q&A", "&amp; &#60; &lt;", "\\ { } % & # _ ^ ~",
    "*stars* and _under_ and __double__", "`code` and ``more``", "[a link](https://example.org)", "![img](x.png)",
    "{term}`CNSP` and {cite:p}`key`", "$x^2$", "a | b", "pull_quote", "~~gone~~", "line\nbreak", "<http://x.y>",
]


def rendered_text(markdown: str) -> str:
    """What CommonMark (the core MyST builds on) shows for ``markdown`` in a paragraph, as text."""
    output = MarkdownIt("commonmark").enable(["strikethrough", "table"]).render(markdown).strip()
    match = re.fullmatch(r"<p>(.*)</p>", output, re.S)
    assert match, output
    assert "<" not in match.group(1), output  # no element: only text (markup is escaped as &lt;)
    return html.unescape(match.group(1))


@pytest.mark.parametrize("value", VALUES)
def test_a_value_renders_as_exactly_its_text(value):
    assert rendered_text("Before " + markdown_text(value) + " after") == "Before " + value.replace("\n", " ") + " after"


def test_plain_values_keep_their_plain_markdown():
    """Ordinary data ("pull_quote", "Q&A", "Coup d'état") is written as it is."""
    for value in ("pull_quote", "Q&A", "Coup d'état against President Keïta (18 August 2020)"):
        assert markdown_text(value) == value


def test_a_value_stays_in_its_table_cell():
    table = "| a | b |\n| --- | --- |\n| " + markdown_text("x | y") + " | z |"
    cells = re.findall(r"<td>(.*?)</td>", MarkdownIt("commonmark").enable("table").render(table))
    assert cells == ["x | y", "z"]


@pytest.mark.parametrize("value", ["</script><script>alert(1)</script>", "<!--<script>", "a & b > c", "Q&A"])
def test_json_in_a_script_element_cannot_end_it_and_reads_back_the_same(value):
    import json

    from malibook.data.markup import json_in_script

    text = json_in_script({"name": value})
    assert not set("<>&") & set(text)
    assert json.loads(text) == {"name": value}
