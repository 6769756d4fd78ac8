"""The versioned PDFs that `make pdf` builds, English and French: name, title page, fonts, bookmarks."""
import html
import json
import pathlib
import re
import shutil
import subprocess

import pytest
import yaml

from conftest import ROOT
from malibook.publishing.version import current_release

pytestmark = pytest.mark.pdf

RELEASE = current_release()
# Each edition: its LaTeX folder, its title, and the folder of its HTML (which links to its PDF).
EDITIONS = {
    "en": (ROOT / "_build" / "latex", "Pacts and Putsches: Mali 2015–2021", ROOT / "_build" / "html"),
    "fr": (ROOT / "_build" / "fr" / "_build" / "latex", "Pactes et putschs : le Mali de 2015 à 2021",
           ROOT / "_build" / "html" / "fr"),
}


@pytest.fixture(scope="module", params=sorted(EDITIONS))
def edition(request):
    return request.param


@pytest.fixture(scope="module")
def pdf(edition):
    path = EDITIONS[edition][0] / RELEASE.pdf_name_in(edition)
    if not path.exists():
        pytest.skip(f"{path.relative_to(ROOT)} is not built: `make test` builds it (TeX from Debian needed)")
    for tool in ("pdffonts", "pdftotext", "pdfinfo"):
        assert shutil.which(tool), f"{tool} (Debian package poppler-utils) is needed to check the PDF"
    return path


def pdf_text(path, first=None, last=None):
    pages = [] if first is None else ["-f", str(first), "-l", str(last)]
    return subprocess.run(["pdftotext", "-enc", "UTF-8", *pages, str(path), "-"],
                          capture_output=True, text=True, check=True).stdout


def translated(text, catalogue, edition):
    """``text`` as the edition prints it: the French catalogue's translation, while there is one."""
    if edition == "en" or not catalogue.exists():
        return text
    from babel.messages.pofile import read_po

    with catalogue.open("rb") as handle:
        message = read_po(handle).get(text)
    return message.string if message is not None and message.string and "fuzzy" not in message.flags else text


def page_title(page, edition="en"):
    """The first heading of a page of the book, .md or .ipynb, in the edition's language."""
    markdown = page.with_suffix(".md")
    if markdown.exists():
        text = markdown.read_text(encoding="utf-8")
    else:
        cells = json.loads(page.with_suffix(".ipynb").read_text(encoding="utf-8"))["cells"]
        text = "".join(next(cell for cell in cells if cell["cell_type"] == "markdown")["source"])
    title = re.search(r"^# (.+)$", text, re.M).group(1)
    catalogue = ROOT / "locales" / "fr" / "LC_MESSAGES" / page.relative_to(ROOT).with_suffix(".po")
    return translated(title, catalogue, edition).replace("*", "")


def chapter_titles(edition):
    """The part captions (their translations are in the root page's catalogue) and chapter titles."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    root_catalogue = ROOT / "locales" / "fr" / "LC_MESSAGES" / f"{toc['root']}.po"
    from malibook.sphinxext.print_edition import SCREEN_ONLY_PAGES

    parts = [translated(part["caption"], root_catalogue, edition) for part in toc["parts"]]
    chapters = [page_title(ROOT / chapter["file"], edition) for part in toc["parts"] for chapter in part["chapters"]
                if chapter["file"] not in SCREEN_ONLY_PAGES]
    return parts, chapters


def test_title_page_shows_version_and_date(pdf, edition):
    title_page = re.sub(r"\s+", " ", pdf_text(pdf, 1, 1))
    assert EDITIONS[edition][1] in title_page
    assert f"Version {RELEASE.version}" in title_page
    assert RELEASE.date_label_in(edition) in title_page


def font_rows(path):
    """(row, embedded?) for every font pdffonts lists."""
    listing = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    # Columns: name, type (1-3 words), encoding, then emb sub uni as yes/no.
    return [(row, re.findall(r"\b(yes|no)\b", row)[0] == "yes") for row in listing.splitlines()[2:]]


def test_every_font_is_embedded(pdf):
    rows = font_rows(pdf)
    assert rows, "pdffonts listed no font"
    assert [row for row, embedded in rows if not embedded] == []


def minimal_pdf_with_a_standard_font() -> bytes:
    """A one-page PDF whose text uses Helvetica without embedding it, as a careless build would."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R "
               b"/Resources << /Font << /F1 5 0 R >> >> >>",
               None,
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    stream = b"BT /F1 12 Tf 20 50 Td (Kati) Tj ET"
    objects[3] = b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream"
    body, offsets = b"%PDF-1.4\n", []
    for number, content in enumerate(objects, start=1):
        offsets.append(len(body))
        body += b"%d 0 obj\n" % number + content + b"\nendobj\n"
    xref = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    body += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    body += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return body


def test_a_font_that_is_not_embedded_is_caught(tmp_path):
    path = tmp_path / "careless.pdf"
    path.write_bytes(minimal_pdf_with_a_standard_font())
    rows = font_rows(path)
    assert rows and [row for row, embedded in rows if not embedded], rows


def test_text_holds_every_chapter_title_and_the_page_count_is_recorded(pdf, edition):
    text = re.sub(r"\s+", " ", pdf_text(pdf)).casefold()
    _, titles = chapter_titles(edition)
    for title in titles:
        assert re.sub(r"\s+", " ", title).casefold() in text, title
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    report = {"pdf": pdf.name, "pages": pages, "fonts": [row for row, _ in font_rows(pdf)],
              "chapters": titles}
    name = "pdf-report.json" if edition == "en" else f"pdf-report-{edition}.json"
    (ROOT / "_build" / name).write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    assert pages > 50


def test_no_missing_glyphs_and_accented_names_survive(pdf, edition):
    log = pdf.with_suffix(".log").read_text(encoding="utf-8", errors="replace")
    assert "Missing character" not in log
    text = pdf_text(pdf)
    for word in ("Goïta", "N’Daw", "Keïta", "Koné", "«", "»", "–", "—"):
        assert word in text, word


def bookmark_titles(out_file: pathlib.Path) -> list[str]:
    """The titles of hyperref's bookmarks file: octal escapes, UTF-16 (marked by a BOM) for non-ASCII."""
    titles = []
    bookmark = re.compile(r"^\\BOOKMARK \[[^]]*\]\[[^]]*\]\{[^}]*\}\{(.*)\}\{[^}]*\}%", re.M)
    for raw in bookmark.findall(out_file.read_text(encoding="latin-1")):
        data = re.sub(rb"\\([0-7]{3})", lambda match: bytes([int(match.group(1), 8)]), raw.encode("latin-1"))
        data = data.replace(b"\\(", b"(").replace(b"\\)", b")")
        titles.append(data[2:].decode("utf-16-be") if data.startswith(b"\xfe\xff") else data.decode("latin-1"))
    return titles


def test_bookmarks_list_every_chapter(pdf, edition):
    bookmarks = "\n".join(bookmark_titles(pdf.with_suffix(".out")))
    parts, chapters = chapter_titles(edition)
    for title in parts + chapters:
        assert title in bookmarks, (title, bookmarks)


def test_html_links_to_this_pdf(pdf, edition):
    html_copy = EDITIONS[edition][2] / pdf.name
    assert html_copy.exists() and html_copy.read_bytes() == pdf.read_bytes()


# --- Print that loses nothing: text inside the text block, every table row printed, no overfull box. ---

OVERFULL_TOLERANCE_PT = 3.0  # LaTeX's own \hfuzz is 0.1pt; a few points are invisible
BLOCK_TOLERANCE_PT = 3.0  # glyph side bearings around the text block
BELOW_BLOCK_TOLERANCE_PT = 8.0  # descenders of the last line, on a page LaTeX let run a few points long


def text_block(log_text: str) -> dict[str, float]:
    """The page geometry that malibook-print.sty writes into the LaTeX log, in PDF points (bp)."""
    # TeX wraps its log at 79 characters.
    line = re.search(r"malibook-text-block: (.*?)paperheight=([\d.]+)pt", log_text.replace("\n", ""))
    assert line, "the LaTeX log lacks the text block that _latex/malibook-print.sty writes"
    values = dict(re.findall(r"(\w+)=(-?[\d.]+)pt", line.group(0)))
    return {name: float(value) * 72 / 72.27 for name, value in values.items()}


def words_by_page(path: pathlib.Path) -> list[tuple[float, float, list[tuple[float, float, float, float, str]]]]:
    """Every page's size and words with their boxes (xMin, yMin, xMax, yMax from the top left)."""
    listing = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True,
                             check=True).stdout
    pages = []
    for match in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', listing, re.S):
        words = [(float(x0), float(y0), float(x1), float(y1), html.unescape(text)) for x0, y0, x1, y1, text in
                 re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>',
                            match.group(3))]
        pages.append((float(match.group(1)), float(match.group(2)), words))
    return pages


def words_outside_the_text_block(pages, block: dict[str, float]) -> list[str]:
    """Words past the side margins, or between the text and the running foot, or outside head and foot.

    The running head sits above the text block and the running foot on one line at ``footskip`` below
    it; any other word outside the block (a table row under the footer, a column past the margin) is lost
    to the reader."""
    inch = 72.0
    top = inch + block["voffset"] + block["topmargin"] + block["headheight"] + block["headsep"]
    bottom = top + block["textheight"]
    foot = bottom + block["footskip"]  # baseline of the running foot
    head_top = top - block["headsep"] - block["headheight"]
    found = []
    for number, (_, _, words) in enumerate(pages, start=1):
        margin = block["oddsidemargin"] if number % 2 else block["evensidemargin"]
        left = inch + block["hoffset"] + margin
        right = left + block["textwidth"]
        for x0, y0, x1, y1, text in words:
            sideways = x0 < left - BLOCK_TOLERANCE_PT or x1 > right + BLOCK_TOLERANCE_PT
            in_text = top - BLOCK_TOLERANCE_PT <= y0 and y1 <= bottom + BELOW_BLOCK_TOLERANCE_PT
            in_head = head_top - BLOCK_TOLERANCE_PT <= y0 and y1 <= top
            in_foot = foot - 12 <= y0 and y1 <= foot + 5
            if sideways or not (in_text or in_head or in_foot):
                found.append(f"page {number}: {text!r} at x {x0:.0f}–{x1:.0f}, y {y0:.0f}–{y1:.0f} "
                             f"(text block x {left:.0f}–{right:.0f}, y {top:.0f}–{bottom:.0f}, foot {foot:.0f})")
    return found


def test_no_text_leaves_the_text_block(pdf, edition):
    block = text_block(pdf.with_suffix(".log").read_text(encoding="utf-8", errors="replace"))
    outside = words_outside_the_text_block(words_by_page(pdf), block)
    assert outside == [], f"{len(outside)} words outside the text block:\n" + "\n".join(outside[:40])


def text_block_bounds(block: dict[str, float]) -> tuple[float, float]:
    """The top and bottom of the text block, in points from the top of the page."""
    top = 72.0 + block["voffset"] + block["topmargin"] + block["headheight"] + block["headsep"]
    return top, top + block["textheight"]


def gaps_before(pages, block: dict[str, float], openings: list[str], blank: float = 0.4) -> list[str]:
    """Pages left more than ``blank`` empty at their foot whose next page begins with one of ``openings``."""
    top, bottom = text_block_bounds(block)
    found = []
    for number, ((_, _, words), (_, _, following)) in enumerate(zip(pages, pages[1:]), start=1):
        lows = [y1 for _, y0, _, y1, _ in words if top - 2 <= y0 and y1 <= bottom + 2]
        start = squeezed(" ".join(text for _, y0, _, _, text in following if top - 2 <= y0)[:80])
        empty = (bottom - max(lows)) / block["textheight"] if lows else 0
        if empty > blank and any(start.startswith(squeezed(opening)) for opening in openings):
            found.append(f"page {number}: {empty:.0%} blank, then page {number + 1} opens with {start[:40]!r}")
    return found


def test_no_synopsis_pair_leaves_a_gap_before_it(pdf, edition):
    """The synopsis's pairs are printed in columns that break across pages: as two minipages, a pair too
    tall for what was left of a page moved whole to the next, leaving up to two thirds of a page blank
    (the French PDF, page 52 of 0.3.1)."""
    from malibook import load
    from malibook.analysis import meeting_points

    tables = load()
    rows = meeting_points.events_side_by_side(tables, edition) + \
        meeting_points.recommendations_side_by_side(tables, edition)
    openings = sorted({heading for row in rows for heading in row["headings"]})
    block = text_block(pdf.with_suffix(".log").read_text(encoding="utf-8", errors="replace"))
    assert gaps_before(words_by_page(pdf), block, openings) == []


def test_a_gap_before_a_synopsis_pair_is_caught():
    block = {"voffset": 0, "topmargin": 0, "headheight": 0, "headsep": 0, "textheight": 600}
    full = (600.0, 800.0, [(72.0, 80.0, 300.0, 660.0, "text")])
    half = (600.0, 800.0, [(72.0, 80.0, 300.0, 300.0, "text")])
    pair = (600.0, 800.0, [(72.0, 80.0, 160.0, 92.0, "Le"), (162.0, 80.0, 200.0, 92.0, "Q&A"),
                           (202.0, 80.0, 250.0, 92.0, "(2021)")])
    assert gaps_before([full, pair, half, pair], block, ["Le Q&A (2021)"]) == [
        "page 3: 62% blank, then page 4 opens with 'leq&a(2021)'"]


def test_a_word_past_the_margin_or_in_the_footer_is_caught():
    block = {"voffset": 0.0, "topmargin": 0.0, "headheight": 12.0, "headsep": 20.0, "textheight": 600.0,
             "footskip": 30.0, "hoffset": 0.0, "oddsidemargin": 0.0, "evensidemargin": 0.0, "textwidth": 450.0}
    # Text block: x 72–522, y 104–704; running foot's baseline at 734.
    fine = [(72, 110, 300, 121, "text"), (80, 80, 200, 92, "head"), (72, 724, 90, 735, "12")]
    past_margin = (480, 300, 540, 311, "qa2021-p13")
    in_footer = (72, 712, 130, 723, "qa2021-p9")
    assert words_outside_the_text_block([(595, 842, fine)], block) == []
    found = words_outside_the_text_block([(595, 842, [*fine, past_margin, in_footer])], block)
    assert [line.split("'")[1] for line in found] == ["qa2021-p13", "qa2021-p9"]


def overfull_boxes(log_text: str, tolerance: float = OVERFULL_TOLERANCE_PT) -> list[str]:
    """LaTeX's reports of lines wider than their box by more than ``tolerance`` points."""
    reports = re.findall(r"^Overfull \\hbox \(([\d.]+)pt too wide\) (.*)\n(.*)", log_text, re.M)
    return [f"{width}pt {where}: {content[:80]}" for width, where, content in reports if float(width) > tolerance]


def test_no_overfull_box_wider_than_a_few_points(pdf):
    found = overfull_boxes(pdf.with_suffix(".log").read_text(encoding="utf-8", errors="replace"))
    assert found == [], f"{len(found)} overfull boxes:\n" + "\n".join(found[:40])


def test_an_overfull_box_is_caught():
    log_text = ("Overfull \\hbox (0.5pt too wide) in paragraph at lines 1--2\n[]\\TU/FreeSerif a\n"
                "Overfull \\hbox (42.1pt too wide) in alignment at lines 3--9\n []\n")
    assert overfull_boxes(log_text) == ["42.1pt in alignment at lines 3--9:  []"]


def split_names(text: str, names: list[str]) -> list[str]:
    """The names that the text prints only cut across lines ("pacts-and-putsches-0.\\n3.0.pdf")."""
    return [name for name in names if name not in text and name in text.replace("\n", "")]


def test_this_version_s_file_names_are_never_split(pdf, edition):
    """The how-to-cite page names this version's PDF; inline code may break at any dot, which cut
    "pacts-and-putsches-0.3.0.pdf" after "0." (malibook.sphinxext.print_edition keeps file names whole)."""
    names = [RELEASE.pdf_name_in(edition)]
    text = pdf_text(pdf)
    assert any(name in text.replace("\n", "") for name in names)
    assert split_names(text, names) == []


def test_a_split_file_name_is_caught():
    assert split_names("the PDF is pacts-and-putsches-0.\n3.0.pdf, at", ["pacts-and-putsches-0.3.0.pdf"])
    assert not split_names("the PDF is pacts-and-putsches-0.3.0.pdf, at", ["pacts-and-putsches-0.3.0.pdf"])


def html_table_first_cells(html_folder: pathlib.Path) -> dict[str, list[str]]:
    """The first cell of every body row of every printed table of the book's pages, page by page.

    The charts' table views (``details.book-chart-table``) are the data of a figure, which the PDF prints
    as the figure; the pages left out of print (SCREEN_ONLY_PAGES) are not looked at."""
    from bs4 import BeautifulSoup

    from malibook.sphinxext.print_edition import SCREEN_ONLY_PAGES

    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    pages = [toc["root"]] + [chapter["file"] for part in toc["parts"] for chapter in part["chapters"]]
    cells = {}
    for page in pages:
        if page in SCREEN_ONLY_PAGES:
            continue
        soup = BeautifulSoup((html_folder / f"{page}.html").read_text(encoding="utf-8"), "html.parser")
        article = soup.find("article") or soup
        for table in article.find_all("table"):
            if table.find_parent("details", class_="book-chart-table"):
                continue
            for row in table.select("tbody > tr"):
                first = row.find(["td", "th"])
                if first is not None and first.get_text(strip=True):
                    cells.setdefault(page, []).append(re.sub(r"\s+", " ", first.get_text(" ", strip=True)))
    return cells


def squeezed(text: str) -> str:
    """Text without spaces, line-break hyphens and the typographic variants TeX prints."""
    text = text.replace("\u00ad", "").replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"[\s\-‐]+", "", text).casefold()


def rows_missing_from(pdf_words: str, cells: dict[str, list[str]]) -> list[str]:
    """The cells not printed in their order: a row lost from a table is missed even if its ID appears
    elsewhere in the book (in a heading before the table, say). A first cell that several rows of a page
    share ("Premier ministre") is counted instead: the PDF's text runs a table's wrapped cells column by
    column, so the same words of another column could stand in for it in the order."""
    printed, position, missing = squeezed(pdf_words), 0, []
    for page, page_cells in cells.items():
        repeated = {cell for cell in page_cells if page_cells.count(cell) > 1}
        for cell in page_cells:
            if cell in repeated:
                continue
            found = printed.find(squeezed(cell), position)
            if found < 0:
                missing.append(f"{page}: {cell}")
            else:
                position = found + len(squeezed(cell))
        missing += [f"{page}: {cell} (printed fewer times than the {page_cells.count(cell)} rows it heads)"
                    for cell in sorted(repeated) if printed.count(squeezed(cell)) < page_cells.count(cell)]
    return missing


def test_every_html_table_row_is_in_the_pdf(pdf, edition):
    html_folder = EDITIONS[edition][2]
    if not (html_folder / "index.html").exists():
        pytest.skip(f"{html_folder.relative_to(ROOT)} is not built")
    cells = html_table_first_cells(html_folder)
    assert sum(map(len, cells.values())) > 100, "the book's tables hold more rows than that"
    missing = rows_missing_from(pdf_text(pdf), cells)
    assert missing == [], f"{len(missing)} table rows of the HTML are not in the PDF:\n" + "\n".join(missing[:40])


def test_a_missing_row_of_repeated_first_cells_is_caught():
    cells = {"notebooks/timeline": ["Chef de l’État", "Chef de l’État", "Premier ministre", "Vice-président"]}
    assert rows_missing_from("Chef de l'État Touré Chef de l'État Traoré Vice-président", cells) == [
        "notebooks/timeline: Premier ministre"]
    assert rows_missing_from("Chef de l'État Touré Premier ministre Vice-président", cells) == [
        "notebooks/timeline: Chef de l’État (printed fewer times than the 2 rows it heads)"]


def test_a_missing_row_is_caught():
    cells = {"notebooks/document-structure": ["qa2021-p8", "qa2021-p9"]}
    assert rows_missing_from("qa2021-p8 Jezequel qa2021-p9", cells) == []
    # The row of qa2021-p9 is lost; its ID is printed only before the table, in a heading.
    printed = "qa2021-p9 Pressure | qa2021-\np8 Jezequel"
    assert rows_missing_from(printed, cells) == ["notebooks/document-structure: qa2021-p9"]


def test_ids_and_dates_of_tables_are_never_split(pdf, edition):
    """An ID or a day date of a table cell is printed as one word, never broken over two lines."""
    html_folder = EDITIONS[edition][2]
    if not (html_folder / "index.html").exists():
        pytest.skip(f"{html_folder.relative_to(ROOT)} is not built")
    tokens = {token for page_cells in html_table_first_cells(html_folder).values() for cell in page_cells
              for token in re.findall(r"\b(?:b115|qa2021)-[a-z0-9]+\b|\b\d{4}-\d{2}-\d{2}\b", cell)}
    assert tokens
    words = {text.strip(".,;:()[]") for _, _, page_words in words_by_page(pdf) for *_, text in page_words}
    assert sorted(tokens - words) == []


MIN_LABEL_PT = 7.0  # the smallest type a reader can read on paper
MIN_RASTER_PPI = 300
OUTPUT_LINE_WIDTH_PT = 433.0  # a notebook output's line (the text block less its 20pt indent), in TeX points


def printed_images(tex: str) -> list[str]:
    """The image files the LaTeX document includes."""
    return re.findall(r"\\sphinxincludegraphics(?:\[[^]]*\])?\{\{([^}]+)\}(\.\w+)\}", tex)


def pdf_font_sizes(path: pathlib.Path) -> list[float]:
    """The sizes of every text run (the operands of Tf) in a PDF's content streams."""
    import zlib

    data = path.read_bytes()
    sizes = []
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            content = zlib.decompress(stream)
        except zlib.error:
            content = stream
        sizes += [float(size) for size in re.findall(rb"/\w+ ([\d.]+) Tf", content)]
    return sizes


def page_size(path: pathlib.Path) -> tuple[float, float]:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    width, height = re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups()
    return float(width), float(height)


def illegible_figures(latex_folder: pathlib.Path, tex: str) -> list[str]:
    """Figures printed as raster under MIN_RASTER_PPI, or with labels under MIN_LABEL_PT at print size.

    A figure wider than the line is scaled down to it (``\\sphinxincludegraphics``), and its type with it."""
    from PIL import Image

    line = OUTPUT_LINE_WIDTH_PT * 72 / 72.27
    found = []
    for stem, suffix in printed_images(tex):
        path = latex_folder / (stem + suffix)
        if suffix == ".pdf":
            width, _ = page_size(path)
            scale = min(1.0, line / width)
            sizes = pdf_font_sizes(path)
            if sizes and min(sizes) * scale < MIN_LABEL_PT - 0.05:
                found.append(f"{path.name}: labels of {min(sizes):g} pt print at {min(sizes) * scale:.1f} pt")
        else:
            with Image.open(path) as image:
                pixels = image.size[0]
                dpi = image.info.get("dpi", (72, 72))[0] or 72
            printed_inches = min(pixels / dpi * 72, line) / 72
            if pixels / printed_inches < MIN_RASTER_PPI:
                found.append(f"{path.name}: raster at {pixels / printed_inches:.0f} ppi")
    return found


def test_figures_are_printed_as_vector_graphics(pdf):
    images = printed_images(pdf.with_suffix(".tex").read_text(encoding="utf-8"))
    assert images, "the PDF prints no figure"
    assert [stem + suffix for stem, suffix in images if suffix != ".pdf"] == []


def test_figure_labels_are_at_least_7_pt_in_print(pdf, edition):
    latex_folder = EDITIONS[edition][0]
    tex = pdf.with_suffix(".tex").read_text(encoding="utf-8")
    assert illegible_figures(latex_folder, tex) == []


def test_a_raster_or_a_small_label_is_caught(tmp_path):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(figsize=(8, 3))
    axes.set_title("Kati", fontsize=6)
    figure.savefig(tmp_path / "small.pdf")
    figure.savefig(tmp_path / "coarse.png", dpi=100)
    plt.close(figure)
    tex = "\\sphinxincludegraphics{{small}.pdf}\n\\sphinxincludegraphics[width=1in]{{coarse}.png}"
    found = illegible_figures(tmp_path, tex)
    assert [line.split(":")[0] for line in found] == ["small.pdf", "coarse.png"], found


# --- The back matter and the introduction, as a printed book has them. ---

def test_introduction_and_bibliography_are_chapters_of_the_contents(pdf, edition):
    from malibook.sphinxext.print_edition import PRINT_WORDS, SCREEN_ONLY_PAGES

    bookmarks = bookmark_titles(pdf.with_suffix(".out"))
    bibliography = page_title(ROOT / "chapters" / "bibliography", edition)
    assert bookmarks[0] == PRINT_WORDS[edition]["introduction"], bookmarks[:3]
    assert bookmarks.count(bibliography) == 1 and bookmarks[-1] == bibliography, bookmarks[-3:]
    for page in SCREEN_ONLY_PAGES:
        assert page_title(ROOT / page, edition) not in bookmarks
    tex = pdf.with_suffix(".tex").read_text(encoding="utf-8")
    chapter = tex.index(f"\\chapter{{{bibliography}}}")
    # The list itself is in the chapter: no chapter between its heading and the list.
    assert "\\chapter" not in tex[chapter + 1:tex.index("\\begin{sphinxthebibliography}")]


def running_feet(path: pathlib.Path, block: dict[str, float]) -> list[str]:
    """The text under the text block of every page: its running foot."""
    top = 72.0 + block["voffset"] + block["topmargin"] + block["headheight"] + block["headsep"]
    bottom = top + block["textheight"] + BLOCK_TOLERANCE_PT
    crop = ["-x", "0", "-y", str(int(bottom)), "-W", "2000", "-H", "200"]
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", *crop, str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    return [re.sub(r"\s+", " ", foot).strip() for foot in text.split("\f")]


def test_the_introduction_has_its_own_running_foot(pdf, edition):
    """The introduction's pages say "Introduction" at their foot, not the contents' name."""
    from malibook.sphinxext.print_edition import PRINT_WORDS

    feet = running_feet(pdf, text_block(pdf.with_suffix(".log").read_text(encoding="utf-8", errors="replace")))
    assert any(PRINT_WORDS[edition]["introduction"] in foot for foot in feet), feet[:12]
    # Numbered in Arabic figures, a page is past the contents (numbered i, ii, ...).
    past_contents = [foot for foot in feet if re.search(r"(^|\s)\d+($|\s)", foot)]
    assert not [foot for foot in past_contents if re.search(r"contents|table des matières", foot, re.I)]


def test_screen_only_sentences_are_not_printed(pdf):
    text = re.sub(r"\s+", " ", pdf_text(pdf))
    for sentence in ("point at a mark", "pointez une marque", "Table view", "Vue en tableau"):
        assert sentence not in text


def test_each_figure_is_printed_once(pdf):
    images = printed_images(pdf.with_suffix(".tex").read_text(encoding="utf-8"))
    repeated = sorted({image for image in images if images.count(image) > 1})
    assert images and repeated == []


def test_every_cross_reference_resolves(pdf):
    """A reference LaTeX cannot resolve prints as "??"."""
    log = pdf.with_suffix(".log").read_text(encoding="utf-8", errors="replace").replace("\n", "")
    assert re.findall(r"Reference `([^']*)' on page \d+ undefined", log) == []


def test_the_contents_are_headed_contents(pdf, edition):
    """Not by the first part's caption ("Background", "Repères"), as Sphinx names them."""
    heading = {"en": "CONTENTS", "fr": "Table des matières"}[edition]
    contents_page = next(page for page in pdf_text(pdf).split("\f") if "Introduction" in page)
    assert heading.casefold() in contents_page.casefold()
    parts, _ = chapter_titles(edition)
    assert not re.search(rf"^\s*{re.escape(parts[0])}\s*$", contents_page.split("Introduction")[0], re.M | re.I)
