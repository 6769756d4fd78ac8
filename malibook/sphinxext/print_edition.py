"""The PDF as a printed book: what the LaTeX build changes in the one document it assembles.

The HTML pages are made for screens; printed as they are, the book loses rows of tables under the
footer, clips their columns, prints the build report, hides its introduction and shows a figure
twice. This post-transform, run on the LaTeX builder's assembled document only, makes the print:

- every table a ``longtable`` (which breaks across pages) with column widths measured on its content,
  so that no column is narrower than its longest word (an ID or a date is never split; the cell
  style of ``_latex/malibook-print.sty`` forbids breaks at their hyphens), in a smaller type when the
  table needs it;
- the pages of ``SCREEN_ONLY_PAGES`` left out (the execution statistics are a report on the build, the
  parallel views pair the two editions' HTML);
- the introduction (the root page, which Jupyter Book prints without a heading) a chapter of its own,
  in the contents, with its sub-headings as headings;
- the bibliography printed in the bibliography chapter, not after the last chapter;
- a figure printed once: where a chapter already printed it, the notebook that draws it says where.
"""
from __future__ import annotations

import re
import unicodedata

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders.latex.nodes import thebibliography
from sphinx.transforms.post_transforms import SphinxPostTransform

# Pages that are about the build, not the subject: on the site only.
# The parallel views pair the two editions' HTML (malibook.publishing.parallel_pages): the PDF is one language.
SCREEN_ONLY_PAGES = ("chapters/execution-statistics", "chapters/briefing-115-parallel", "chapters/qa-2021-parallel")
BIBLIOGRAPHY_PAGE = "chapters/bibliography"

# Words the print adds, in each edition's language.
PRINT_WORDS = {
    "en": {"introduction": "Introduction",
           "figure_elsewhere": "This figure is printed once, as Figure~{ref}, on page~{page}."},
    "fr": {"introduction": "Introduction",
           "figure_elsewhere": "Cette figure n’est imprimée qu’une fois\u00a0: figure~{ref}, page~{page}."},
}

# The text block of the PDF (A4, Sphinx's 1in margins) and the table type sizes, in TeX points.
TEXT_WIDTH_PT = 453.0
OUTPUT_INDENT_PT = 20.0  # a notebook output is indented (jupyterBook.cls, sphinxVerbatimOutput)
COLUMN_PADDING_PT = 12.0  # 2 \tabcolsep
TYPE_SIZES = (("\\small", 10.0), ("\\footnotesize", 9.0), ("\\scriptsize", 8.0))
# Average advance widths in em of FreeSerif / FreeMono, by kind of character: enough to size columns.
NARROW = set("ijlft.,;:'’()|!")
WIDE = set("mwMW@%")


def text_width_em(text: str, monospace: bool = False, bold: bool = False) -> float:
    """An estimate of the printed width of ``text`` in em."""
    if monospace:
        return 0.6 * len(text)
    width = 0.0
    for char in text:
        if char.isspace():
            width += 0.25
        elif char in NARROW:
            width += 0.28
        elif char in WIDE:
            width += 0.8
        elif char.isupper():
            width += 0.7
        elif char.isdigit():
            width += 0.5
        elif unicodedata.category(char).startswith("L"):
            width += 0.48
        else:
            width += 0.5
    return width * (1.12 if bold else 1.0)


def cell_widths(entry: nodes.Element, header: bool) -> tuple[float, float]:
    """(longest unbreakable word, whole text) of a table cell, in em."""
    longest, whole = 0.0, 0.0
    for text in entry.findall(nodes.Text):
        monospace = any(isinstance(node, nodes.literal) for node in _ancestors(text, entry))
        for word in str(text).split():
            # Code breaks after these characters (malibook-print.sty); prose only at spaces.
            for piece in re.split(r"(?<=[|/.,;?!])", word) if monospace else [word]:
                longest = max(longest, text_width_em(piece, monospace, header))
        whole += text_width_em(str(text).replace("\n", " "), monospace, header)
    return longest, whole


def _ancestors(node: nodes.Node, stop: nodes.Node):
    while node is not None and node is not stop:
        yield node
        node = node.parent


def table_rows(table: nodes.table) -> list[tuple[bool, list[nodes.entry]]]:
    rows = []
    for part in table.findall(lambda node: isinstance(node, (nodes.thead, nodes.tbody))):
        for row in part.findall(nodes.row):
            if row.parent is part:
                rows.append((isinstance(part, nodes.thead), [entry for entry in row.children]))
    return rows


def column_spec(table: nodes.table, line_width: float) -> str:
    """A LaTeX column spec whose columns fit ``line_width`` and hold their longest word."""
    rows = table_rows(table)
    columns = max((len(entries) for _, entries in rows), default=0)
    longest = [0.0] * columns
    whole = [0.0] * columns
    for header, entries in rows:
        for index, entry in enumerate(entries):
            if entry.get("morecols"):
                continue  # a spanning cell does not size one column
            word, text = cell_widths(entry, header)
            longest[index] = max(longest[index], word)
            whole[index] = max(whole[index], text)
    room = line_width - COLUMN_PADDING_PT * columns
    # The largest type in which every column holds its longest word (else the smallest).
    size_command, size = next((choice for choice in TYPE_SIZES
                               if sum((width + 0.4) * choice[1] for width in longest) <= room), TYPE_SIZES[-1])
    need = [(width + 0.4) * size for width in longest]
    natural = [max(n, (width + 0.4) * size) for n, width in zip(need, whole)]
    if sum(natural) <= room:
        widths = natural
    elif sum(need) >= room:  # too many columns even in the smallest type: share the line
        widths = [room * m / sum(need) for m in need]
    else:  # each column its longest word, and the room left to the columns that wrap, by their length
        wanted = [n - m for n, m in zip(natural, need)]
        widths = [m + (room - sum(need)) * w / sum(wanted) for m, w in zip(need, wanted)]
    return "".join(f">{{{size_command}\\malibookcell}}\\Y{{{(width + COLUMN_PADDING_PT) / line_width:.4f}}}"
                   for width in widths)


def _inside(node: nodes.Node, classes: tuple[type, ...] = (), css_class: str | None = None) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, classes):
            return True
        if css_class and isinstance(parent, nodes.Element) and css_class in parent.get("classes", []):
            return True
        parent = parent.parent
    return False


class unnumbered_heading(nodes.Part, nodes.Element):
    """A heading of the introduction, printed as an unnumbered section."""


def _visit_unnumbered_heading(self, node: unnumbered_heading) -> None:
    self.body.append("\n\\section*{")


def _depart_unnumbered_heading(self, node: unnumbered_heading) -> None:
    self.body.append("}\n")


def _skip(self, node: nodes.Node) -> None:
    raise nodes.SkipNode


# A file's name, short enough to fit on a line: kept whole in print.
FILE_NAME = re.compile(r"[\w.-]{1,48}\.(?:pdf|epub|zip|csv|json|md|yml|bib|ipynb|cff|txt)")


class PrintLayout(SphinxPostTransform):
    """The print's own arrangement of the assembled LaTeX document (see the module's docstring)."""

    default_priority = 800  # after Sphinx gathers the bibliography (750) and sphinx-jupyterbook-latex (700)
    formats = ("latex",)

    def run(self, **kwargs) -> None:
        files = {node["docname"]: node for node in self.document.findall(addnodes.start_of_file)
                 if "docname" in node}
        if not files:
            return  # not the assembled document
        words = PRINT_WORDS.get(self.config.language or "en", PRINT_WORDS["en"])
        for docname in SCREEN_ONLY_PAGES:
            if docname in files:
                files[docname].parent.remove(files[docname])
        self.introduction(words)
        self.bibliography_in_its_chapter(files.get(BIBLIOGRAPHY_PAGE))
        self.figures_once(words)
        for table in list(self.document.findall(nodes.table)):
            self.fit(table)
        self.file_names_whole()

    def file_names_whole(self) -> None:
        """A file name in running text (``pacts-and-putsches-0.3.0.pdf``) is never split at a line's end:
        Sphinx lets inline code break after any dot or hyphen, which cut a version in two."""
        from sphinx.util import texescape

        for literal in list(self.document.findall(nodes.literal)):
            text = literal.astext()
            if FILE_NAME.fullmatch(text):
                escaped = texescape.escape(text, latex_engine=self.config.latex_engine)
                literal.replace_self(nodes.raw("", f"\\mbox{{\\sphinxcode{{\\sphinxupquote{{{escaped}}}}}}}",
                                               format="latex"))

    def introduction(self, words: dict) -> None:
        from sphinx_jupyterbook_latex.nodes import RootHeader

        root = self.config.root_doc
        section = next((node for node in self.document.findall(nodes.section) if node.get("docname") == root), None)
        if section is None:
            return
        title = words["introduction"]
        opening = nodes.raw("", f"\\chapter*{{{title}}}\\addcontentsline{{toc}}{{chapter}}{{{title}}}"
                                f"\\markboth{{{title}}}{{{title}}}\n", format="latex")
        position = 1 if section.children and isinstance(section[0], nodes.title) else 0
        section.insert(position, opening)
        for header in list(self.document.findall(RootHeader)):
            heading = unnumbered_heading()
            heading.extend(child.deepcopy() for child in header.children)
            header.replace_self(heading)

    def bibliography_in_its_chapter(self, chapter: addnodes.start_of_file | None) -> None:
        lists = list(self.document.findall(thebibliography))
        if chapter is None or not lists:
            return
        section = next(chapter.findall(nodes.section))
        for bibliography in lists:
            bibliography.parent.remove(bibliography)
            section.append(bibliography)

    def figures_once(self, words: dict) -> None:
        """Keep the first printing of an image (a chapter's captioned figure comes before the notebook
        that draws it); a later one becomes a pointer to it."""
        first, docnames = {}, self._docnames()
        for image in list(self.document.findall(nodes.image)):
            name = image["uri"].rsplit("/", 1)[-1]
            figure = image.parent if isinstance(image.parent, nodes.figure) else None
            if name not in first:
                first[name] = figure
                continue
            shown = first[name]
            if shown is not None and shown["ids"]:
                label = f"\\detokenize{{{docnames[id(shown)]}:{shown['ids'][0]}}}"
                sentence = words["figure_elsewhere"].format(ref=f"\\ref{{{label}}}", page=f"\\pageref{{{label}}}")
                latex = f"\n\\sphinxAtStartPar\n\\sphinxstyleemphasis{{{sentence}}}\n\n"
                pointer = nodes.raw("", latex, format="latex")
            else:
                pointer = nodes.raw("", "", format="latex")
            (figure or image).replace_self(pointer)

    def _docnames(self) -> dict[int, str]:
        """The page each element comes from, as the LaTeX writer sees it (by descent from each
        start_of_file: sphinx-jupyterbook-latex moves children without updating their parent)."""
        docnames = {}

        def walk(node: nodes.Element, docname: str) -> None:
            if isinstance(node, addnodes.start_of_file):
                docname = node.get("docname", docname)
            docnames[id(node)] = docname
            for child in node.children:
                if isinstance(child, nodes.Element):
                    walk(child, docname)

        walk(self.document, "")
        return docnames

    def fit(self, table: nodes.table) -> None:
        if "colwidths-given" in table["classes"]:
            return  # its directive chose the widths for its content (the recommendation tracker)
        framed = _inside(table, (nodes.Admonition, nodes.sidebar, nodes.footnote, nodes.table))
        in_output = _inside(table, css_class="cell_output")
        line_width = TEXT_WIDTH_PT - (OUTPUT_INDENT_PT if in_output else 0.0) - (24.0 if framed else 0.0)
        spec = column_spec(table, line_width)
        if not spec:
            return
        if not framed:  # a longtable cannot sit in a box
            table["classes"].append("longtable")
        table.parent.insert(table.parent.index(table), addnodes.tabular_col_spec(spec=spec))


def setup(app: Sphinx) -> None:
    app.add_node(unnumbered_heading, latex=(_visit_unnumbered_heading, _depart_unnumbered_heading),
                 html=(_skip, None), text=(_skip, None), man=(_skip, None), texinfo=(_skip, None))
    app.add_post_transform(PrintLayout)
