"""The parallel view: a document chapter's blocks in English and in French, side by side.

The two editions are two Sphinx builds (docs/french-edition.md), so neither build alone holds both
texts. The page of a parallel view (``chapters/briefing-115-parallel.md``) holds a placeholder that
the directive ``{parallel-view}`` writes (``malibook.sphinxext.parallel``); once both editions are
built and the French one is mirrored into ``html/fr/``, ``make html`` runs this module, which fills
the placeholder of each edition's page with one row per block: the English section on the left and
the French one on the right, paired by paragraph ID (the editions share them). The book also ships
as a zip opened from disk, so the page carries both texts: nothing is fetched when it is read.

Each cell keeps the block's heading, retelling and annotations; the data box stays in the chapter,
which each cell links to. Element IDs inside the cells are dropped (the two copies would repeat
them); each row has the block's ID, so ``briefing-115-parallel.html#b115-p2`` opens that row, and
links inside the cells are rewritten to work from the page they land on.

Usage: python -m malibook.publishing.parallel_pages _build/html
"""
from __future__ import annotations

import argparse
import copy
import pathlib
import posixpath
import re
import sys
from urllib.parse import urlsplit

PLACEHOLDER_CLASS = "parallel-view"
SOURCE_ATTRIBUTE = "data-parallel-source"
START, END = "<!-- parallel-view:start -->", "<!-- parallel-view:end -->"
PLACEHOLDER = re.compile(
    r'(<div class="' + PLACEHOLDER_CLASS + r'" ' + SOURCE_ATTRIBUTE + r'="(?P<source>[^"]+)">\s*'
    + re.escape(START) + r").*?(" + re.escape(END) + r")", re.S)
BLOCK_CLASS = "book-block"  # malibook.sphinxext.blocks marks every block section so
DATA_CLASS = "block-data"
LANGUAGES = ("en", "fr")  # left, right
# Words each cell adds, in the cell's own language.
CELL_WORDS = {"en": {"label": "English", "back": "This block in the English chapter"},
              "fr": {"label": "Français", "back": "Ce bloc dans le chapitre français"}}


class ParallelError(ValueError):
    """The two editions of a document chapter do not have the same blocks, or a page is missing."""


def placeholder(source: str) -> str:
    """The markup the directive writes: filled in place by ``fill_page`` (again on every build)."""
    return f'<div class="{PLACEHOLDER_CLASS}" {SOURCE_ATTRIBUTE}="{source}">\n{START}\n{END}\n</div>'


def block_sections(page: pathlib.Path) -> dict:
    """The block sections of a built chapter page, by paragraph ID, in their order."""
    from bs4 import BeautifulSoup

    if not page.is_file():
        raise ParallelError(f"{page}: no such page (build both editions first)")
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    blocks = {}
    for section in soup.find_all("section", class_=BLOCK_CLASS):
        anchor = section.find("span", id=True, recursive=False)  # the (b115-p2)= target, before the heading
        blocks[anchor["id"] if anchor else section["id"]] = section
    if not blocks:
        raise ParallelError(f"{page}: no block sections (class {BLOCK_CLASS!r})")
    return blocks


def rebase(url: str, source_page: str, target_page: str, row_ids: set) -> str:
    """``url`` as written in ``source_page``, rewritten for ``target_page`` (paths relative to the site)."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith("/"):
        return url
    if not parts.path:  # an anchor of the chapter itself
        if parts.fragment in row_ids:
            return url  # the row of that block, on the parallel page
        resolved = source_page
    else:
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(source_page), parts.path))
    relative = posixpath.relpath(resolved, posixpath.dirname(target_page) or ".")
    return relative + (f"#{parts.fragment}" if parts.fragment else "")


def cell(section, language: str, block_id: str, source_page: str, target_page: str, row_ids: set):
    """One edition's copy of a block, for the parallel page ``target_page``."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup("", "html.parser")
    box = soup.new_tag("div", attrs={"class": f"parallel-cell {BLOCK_CLASS}", "lang": language})
    label = soup.new_tag("p", attrs={"class": "parallel-label"})
    label.string = CELL_WORDS[language]["label"]
    box.append(label)
    for child in list(section.children):
        if getattr(child, "name", None) is None:
            continue
        if child.name == "span" or DATA_CLASS in (child.get("class") or []):
            continue  # the anchor (the row has it) and the data box (the chapter has it)
        box.append(copy.copy(child))
    for link in box.find_all("a", class_="headerlink"):
        link.decompose()
    for element in box.find_all(True):
        element.attrs.pop("id", None)
        for attribute in ("href", "src"):
            if element.get(attribute):
                element[attribute] = rebase(element[attribute], source_page, target_page, row_ids)
    back = soup.new_tag("p", attrs={"class": "parallel-back"})
    link = soup.new_tag("a", href=rebase(f"{posixpath.basename(source_page)}#{block_id}", source_page,
                                         target_page, set()))
    link.string = CELL_WORDS[language]["back"]
    back.append(link)
    box.append(back)
    return box


def rows(site: pathlib.Path, source: str, target_page: str) -> str:
    """The rows of the parallel view of the chapter ``source`` (e.g. ``chapters/briefing-115``), as
    markup for the page ``target_page`` (its path under ``site``)."""
    pages = {language: f"{'fr/' if language == 'fr' else ''}{source}.html" for language in LANGUAGES}
    blocks = {language: block_sections(site / pages[language]) for language in LANGUAGES}
    english, french = list(blocks["en"]), list(blocks["fr"])
    if english != french:
        missing = sorted(set(english) ^ set(french))
        raise ParallelError(f"{source}: the English and French editions differ in their blocks "
                            f"({', '.join(missing) or 'order'})")
    row_ids = set(english)
    markup = []
    for block_id in english:
        cells = "".join(str(cell(blocks[language][block_id], language, block_id, pages[language], target_page,
                                 row_ids)) for language in LANGUAGES)
        markup.append(f'<div class="parallel-row" id="{block_id}">{cells}</div>')
    return "\n".join(markup)


def fill_page(site: pathlib.Path, page: pathlib.Path) -> int:
    """Fill every placeholder of ``page``; return how many rows it now has."""
    target = page.relative_to(site).as_posix()
    text = page.read_text(encoding="utf-8")
    count = 0

    def replace(match: re.Match) -> str:
        nonlocal count
        markup = rows(site, match["source"], target)
        count += markup.count('class="parallel-row"')
        return f"{match[1]}\n{markup}\n{match[3]}"

    filled = PLACEHOLDER.sub(replace, text)
    if filled != text:
        page.write_text(filled, encoding="utf-8")
    return count


def fill_site(site: pathlib.Path) -> dict:
    """Fill the parallel views of both editions of the built site; return the rows of each page."""
    filled = {}
    for page in sorted(site.rglob("*.html")):
        relative = page.relative_to(site).parts
        if relative[0].startswith("_") or SOURCE_ATTRIBUTE not in page.read_text(encoding="utf-8"):
            continue
        filled[page.relative_to(site).as_posix()] = fill_page(site, page)
    return filled


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m malibook.publishing.parallel_pages",
                                     description="Fill the parallel views of both editions of a built site.")
    parser.add_argument("html_folder", type=pathlib.Path, help="the built HTML (the English edition, fr/ inside)")
    arguments = parser.parse_args(argv)
    try:
        filled = fill_site(arguments.html_folder)
    except ParallelError as exc:
        print(f"parallel view: {exc}", file=sys.stderr)
        return 1
    for page, count in filled.items():
        print(f"parallel view: {page}, {count} blocks side by side")
    return 0


if __name__ == "__main__":
    sys.exit(main())
