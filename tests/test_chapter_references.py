"""The fast tier's check of what editors type: every citation key, paragraph ID, event, dispute, glossary
term, page and glued figure named in a chapter or a notebook's Markdown exists, each problem reported with
its file and line, without building the book (the build would fail on them too, but minutes later)."""
import json
import re

import pytest

from conftest import ROOT
from malibook import load
from malibook.data.sources import read_bibliography

ROLE = re.compile(r"\{(cite(?::[pt])?|para|event-date|dispute|term|doc)\}`([^`]+)`")
DIRECTIVE = re.compile(r"^`{3,}\{(block-data|glued-figure)\}\s+(\S+)", re.MULTILINE)


def glossary_terms(glossary=ROOT / "chapters" / "glossary.md") -> set[str]:
    """The terms of the glossary: the unindented lines of its `{glossary}` block (Sphinx matches them
    without regard to case)."""
    block = glossary.read_text(encoding="utf-8").split("```{glossary}", 1)[1].split("\n```", 1)[0]
    return {line.strip().lower() for line in block.splitlines() if line.strip() and not line[0].isspace()}


def known_names(root=ROOT) -> dict[str, set[str]]:
    tables = load()
    return {
        "cite": set(read_bibliography()),
        "para": set(tables["paragraphs"]["paragraph_id"]),
        "event-date": set(tables["events"]["event_id"]),
        "dispute": set(tables["disputes"]["dispute_id"]),
        "term": glossary_terms(),
    }


SOURCES = sorted((ROOT / "chapters").glob("*.md")) + sorted((ROOT / "notebooks").glob("*.ipynb"))


def markup_of(source):
    """(where, text): a chapter whole, or each Markdown cell of a notebook (named by its number)."""
    if source.suffix == ".md":
        yield source, source.read_text(encoding="utf-8")
        return
    for number, cell in enumerate(json.loads(source.read_text(encoding="utf-8"))["cells"]):
        if cell["cell_type"] == "markdown":
            yield source.with_name(f"{source.name}, cell {number}"), "".join(cell["source"])


def unknown_references(path, text: str, known: dict[str, set[str]]) -> list[str]:
    """Every role or directive of `text` whose target does not exist, as 'file:line: what'."""
    problems = []

    def where(offset: int) -> str:
        return f"{path.relative_to(ROOT) if path.is_relative_to(ROOT) else path.name}:" \
               f"{1 + text.count(chr(10), 0, offset)}"

    for match in ROLE.finditer(text):
        role, target = match.groups()
        kind = role.split(":")[0]
        if kind == "cite":
            missing = [key.strip() for key in target.split(",") if key.strip() not in known["cite"]]
        elif kind == "doc":
            page = (path.parent / target.strip()).with_suffix("")
            missing = [] if any(page.with_suffix(suffix).exists() for suffix in (".md", ".ipynb")) else [target]
        elif kind == "term":
            term = target.rsplit("<", 1)[1].rstrip(">") if target.endswith(">") else target
            missing = [] if term.strip().lower() in known["term"] else [term]
        elif kind == "event-date":
            event = target.split(":")[0]
            missing = [] if event in known["event-date"] else [event]
        else:
            missing = [] if target in known[kind] else [target]
        problems += [f"{where(match.start())}: {{{role}}} names {name!r}, which does not exist" for name in missing]
    for match in DIRECTIVE.finditer(text):
        directive, target = match.groups()
        if directive == "block-data" and target not in known["para"]:
            problems.append(f"{where(match.start())}: {{block-data}} names {target!r}, which is no paragraph ID")
        if directive == "glued-figure":
            notebook, _, name = target.partition("::")
            source = (path.parent / notebook)
            if not source.exists() or f'"{name}"' not in source.read_text(encoding="utf-8"):
                problems.append(f"{where(match.start())}: {{glued-figure}} names {target!r}, which no notebook glues")
    return problems


@pytest.fixture(scope="module")
def known():
    return known_names()


@pytest.mark.parametrize("source", SOURCES, ids=lambda path: path.name)
def test_every_reference_in_the_chapters_and_notebooks_exists(source, known):
    problems = [problem for where, text in markup_of(source) for problem in unknown_references(where, text, known)]
    assert problems == []


def test_each_kind_of_unknown_reference_is_reported_with_its_line(known, tmp_path):
    page = tmp_path / "page.md"
    text = ("# Page\n\nFine {cite:p}`crisisgroup2015peace` and {para}`b115-p1`.\n"
            "A typo {cite:p}`crisisgroup2015peace,reuters1999nothing` and {para}`b115-p9`.\n"
            "{event-date}`2015-anefis-fighting:start` {event-date}`2015-no-such-event:end`\n"
            "{dispute}`no-such-dispute` {term}`CMA` {term}`pacts <no such term>` {doc}`missing-page`\n\n"
            "```{block-data} b115-p99\n```\n\n```{glued-figure} nowhere.ipynb::fig\n```\n")
    page.write_text(text, encoding="utf-8")
    problems = unknown_references(page, text, known)
    assert [problem.split(": ", 1)[0] for problem in problems] == [
        "page.md:4", "page.md:4", "page.md:5", "page.md:6", "page.md:6", "page.md:6", "page.md:8", "page.md:11"]
    assert "'reuters1999nothing'" in problems[0] and "'no such term'" in problems[4]
