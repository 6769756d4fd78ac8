"""The versioned PDF that `make pdf` builds: name, title page, fonts, bookmarks."""
import json
import pathlib
import re
import shutil
import subprocess

import pytest
import yaml

from malibook.release import current_release

from conftest import ROOT

pytestmark = pytest.mark.pdf

LATEX_DIR = ROOT / "_build" / "latex"
RELEASE = current_release()
PDF = LATEX_DIR / RELEASE.pdf_name


@pytest.fixture(scope="module")
def pdf():
    if not PDF.exists():
        pytest.skip(f"{PDF.relative_to(ROOT)} is not built: `make test` builds it (TeX from Debian needed)")
    for tool in ("pdffonts", "pdftotext"):
        assert shutil.which(tool), f"{tool} (Debian package poppler-utils) is needed to check the PDF"
    return PDF


def pdf_text(path, first=None, last=None):
    pages = [] if first is None else ["-f", str(first), "-l", str(last)]
    return subprocess.run(["pdftotext", "-enc", "UTF-8", *pages, str(path), "-"],
                          capture_output=True, text=True, check=True).stdout


def page_title(page):
    """The first heading of a page of the book, .md or .ipynb."""
    markdown = page.with_suffix(".md")
    if markdown.exists():
        text = markdown.read_text(encoding="utf-8")
    else:
        cells = json.loads(page.with_suffix(".ipynb").read_text(encoding="utf-8"))["cells"]
        text = "".join(next(cell for cell in cells if cell["cell_type"] == "markdown")["source"])
    return re.search(r"^# (.+)$", text, re.M).group(1).replace("*", "")


def test_title_page_shows_version_and_date(pdf):
    title_page = pdf_text(pdf, 1, 1)
    assert "Pacts and Putsches: Mali 2015–2021" in title_page
    assert f"Version {RELEASE.version}" in title_page
    assert RELEASE.date_label in title_page


def test_every_font_is_embedded(pdf):
    listing = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    rows = listing.splitlines()[2:]
    assert rows, "pdffonts listed no font"
    for row in rows:
        # Columns: name, type (1-3 words), encoding, then emb sub uni as yes/no.
        flags = re.findall(r"\b(yes|no)\b", row)
        assert flags[0] == "yes", f"font not embedded: {row}"


def test_no_missing_glyphs_and_accented_names_survive(pdf):
    log = (LATEX_DIR / f"{RELEASE.pdf_stem}.log").read_text(encoding="utf-8", errors="replace")
    assert "Missing character" not in log
    text = pdf_text(pdf)
    for word in ("Goïta", "N’Daw", "Keïta", "Koné", "«", "»", "–", "—"):
        assert word in text, word


def bookmark_titles(out_file: pathlib.Path) -> list[str]:
    """The titles of hyperref's bookmarks file: octal escapes, UTF-16 (marked by a BOM) for non-ASCII."""
    titles = []
    for raw in re.findall(r"^\\BOOKMARK \[[^]]*\]\[[^]]*\]\{[^}]*\}\{(.*)\}\{[^}]*\}%", out_file.read_text(encoding="latin-1"), re.M):
        data = re.sub(rb"\\([0-7]{3})", lambda match: bytes([int(match.group(1), 8)]), raw.encode("latin-1"))
        data = data.replace(b"\\(", b"(").replace(b"\\)", b")")
        titles.append(data[2:].decode("utf-16-be") if data.startswith(b"\xfe\xff") else data.decode("latin-1"))
    return titles


def test_bookmarks_list_every_chapter(pdf):
    bookmarks = "\n".join(bookmark_titles(LATEX_DIR / f"{RELEASE.pdf_stem}.out"))
    titles = []
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    for part in toc["parts"]:
        titles.append(part["caption"])
        for chapter in part["chapters"]:
            titles.append(page_title(ROOT / chapter["file"]))
    for title in titles:
        assert title in bookmarks, (title, bookmarks)


def test_html_links_to_this_pdf():
    html_copy = ROOT / "_build" / "html" / RELEASE.pdf_name
    if not PDF.exists():
        pytest.skip("PDF not built")
    assert html_copy.exists() and html_copy.read_bytes() == PDF.read_bytes()
