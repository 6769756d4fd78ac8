"""The versioned PDFs that `make pdf` builds, English and French: name, title page, fonts, bookmarks."""
import json
import pathlib
import re
import shutil
import subprocess

import pytest
import yaml

from conftest import ROOT
from malibook.site.release import current_release

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
    parts = [translated(part["caption"], root_catalogue, edition) for part in toc["parts"]]
    chapters = [page_title(ROOT / chapter["file"], edition) for part in toc["parts"] for chapter in part["chapters"]]
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
