"""The offline editions (malibook.publishing.offline): each edition's EPUB passes epubcheck and reads as a
book (contents, figures, metadata, no scripts or table views), and the zip of the pages works
opened from disk in a browser.

The unmarked tests run in the fast tier; the others read what `make book` built."""
import importlib.util
import re
import shutil
import subprocess
import time
import zipfile

import pytest

from conftest import ROOT, headless_chromium, load_lazy_images
from malibook.publishing.offline import epub_name, offline_zip_name, rooted_urls, write_offline_zip
from malibook.publishing.version import Release, current_release

RELEASE = current_release()
SITE = ROOT / "_build" / "html"
EPUBS = {"en": SITE / epub_name(RELEASE, "en"), "fr": SITE / "fr" / epub_name(RELEASE, "fr")}
TITLES = {"en": "Pacts and Putsches: Mali 2015–2021", "fr": "Pactes et putschs\u00a0: le Mali de 2015 à\u00a02021"}
EPUBCHECK = "/usr/share/java/epubcheck.jar"  # Debian's epubcheck (make test installs it)


def load_build_epub():
    spec = importlib.util.spec_from_file_location("build_epub", ROOT / "scripts" / "build_epub.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# The fast tier: names, the zip and the EPUB pages' clean-up, on small inputs.

def test_epub_and_zip_names_follow_the_pdf_names():
    release = Release("1.2.3", None)
    assert epub_name(release, "en") == "pacts-and-putsches-1.2.3.epub"
    assert epub_name(release, "fr") == "pactes-et-putschs-fr-1.2.3.epub"
    assert offline_zip_name(release) == "pacts-and-putsches-offline-1.2.3.zip"


def test_the_zip_holds_the_folder_once_under_the_version_and_is_reproducible(tmp_path):
    folder = tmp_path / "html"
    (folder / "fr" / "chapters").mkdir(parents=True)
    (folder / "index.html").write_text("<p>en</p>", encoding="utf-8")
    (folder / "fr" / "chapters" / "intro.html").write_text("<p>fr</p>", encoding="utf-8")
    (folder / "pacts-and-putsches-offline-1.2.2.zip").write_bytes(b"an older zip")
    (folder / "_static").mkdir()
    (folder / "_static" / "documentation_options.js").write_text("SHOW_SEARCH_SUMMARY: true,", encoding="utf-8")
    release = Release("1.2.3", None)
    first = write_offline_zip(folder, release).read_bytes()
    time.sleep(1.1)  # a zip that took the files' times would now differ
    (folder / "index.html").touch()
    path = write_offline_zip(folder, release)
    assert path.read_bytes() == first
    with zipfile.ZipFile(path) as archive:
        assert archive.namelist() == ["pacts-and-putsches-1.2.3/_static/documentation_options.js",
                                      "pacts-and-putsches-1.2.3/fr/chapters/intro.html",
                                      "pacts-and-putsches-1.2.3/index.html"]
        # The search lists its results without the summaries it would fetch (nothing is fetched from disk).
        options = archive.read("pacts-and-putsches-1.2.3/_static/documentation_options.js")
        assert b"SHOW_SEARCH_SUMMARY: false" in options


def test_a_rooted_address_is_found(tmp_path):
    (tmp_path / "a.html").write_text('<a href="/v0.3.0/x.html">x</a><img src="_images/y.png">'
                                     '<a href="https://example.org/z">z</a><a href="//cdn.example.org/q">q</a>',
                                     encoding="utf-8")
    assert rooted_urls(tmp_path) == [("a.html", "/v0.3.0/x.html")]


def test_epub_pages_lose_scripts_and_send_missing_files_to_the_site():
    clean_page = load_build_epub().clean_page
    page = ('<head><link rel="alternate" hreflang="fr" href="https://x.org/fr/a.html" />'
            '<link rel="stylesheet" type="text/css" href="../_static/mystnb.0a1b.css" />'
            '<link rel="stylesheet" type="text/css" href="../_static/book.css" /></head>'
            '<body><script>kernelName = "python3"</script><p><a href="context.xhtml#x">in</a> '
            '<a class="data-zip" href="../data.zip">data</a> <a href="../../all.zip">all</a> '
            '<a href="https://example.org/">out</a></p>'
            '<script type="application/json">{"a": 1}</script>'
            '<span class="bibtex-citation" id="id16">a</span><span class="bibtex-citation" id="id16">b</span></body>')
    cleaned = clean_page(page, "chapters/intro.xhtml", {"chapters/context.xhtml", "_static/book.css"},
                         "https://site.org/v1.0.0/fr/")
    assert "<script" not in cleaned and "hreflang" not in cleaned and "mystnb" not in cleaned
    assert 'href="../_static/book.css"' in cleaned and 'href="context.xhtml#x"' in cleaned
    assert 'href="https://site.org/v1.0.0/fr/data.zip"' in cleaned
    assert 'href="https://site.org/v1.0.0/all.zip"' in cleaned  # the zip of both editions, above fr/
    assert 'href="https://example.org/"' in cleaned
    assert 'id="id16">a' in cleaned and 'id="id16-2">b' in cleaned  # ids made unique


# What `make book` built.

@pytest.fixture(scope="module", params=sorted(EPUBS))
def epub(request):
    path = EPUBS[request.param]
    assert path.exists(), f"{path} missing: `make book` (or `make epub`) builds it"
    with zipfile.ZipFile(path) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    return request.param, path, files


@pytest.mark.epub
def test_epubcheck_finds_no_error(epub):
    language, path, _ = epub
    assert shutil.which("java") and (ROOT / EPUBCHECK).exists(), "`make epubcheck` installs epubcheck and Java"
    result = subprocess.run(["java", "-jar", EPUBCHECK, str(path)], capture_output=True, text=True, timeout=600)
    report = result.stdout + result.stderr
    problems = [line for line in report.splitlines() if line.startswith(("ERROR", "FATAL"))]
    assert result.returncode == 0 and problems == [], "\n".join(problems[:20]) or report[-2000:]
    assert "Messages: 0 fatals / 0 errors" in report


@pytest.mark.epub
def test_epub_metadata_names_the_book_its_version_and_language(epub):
    language, path, files = epub
    opf = files["OEBPS/content.opf" if "OEBPS/content.opf" in files else "content.opf"].decode()
    assert f"<dc:title>{TITLES[language]} (version {RELEASE.version})</dc:title>" in opf
    assert f"<dc:language>{language}</dc:language>" in opf
    assert f">{path.stem}</dc:identifier>" in opf  # the file's name: book, edition and version
    assert re.search(r"<dc:creator[^>]*>[^<]+</dc:creator>", opf)
    assert re.search(r'<meta property="dcterms:modified">\d{4}-\d\d-\d\dT', opf)
    if RELEASE.date is not None:  # a release's EPUB carries its release date
        assert f'<meta property="dcterms:modified">{RELEASE.date.isoformat()}T00:00:00Z' in opf


@pytest.mark.epub
def test_epub_contents_list_every_page_of_the_book_in_order(epub):
    _, _, files = epub
    nav = files["nav.xhtml"].decode()
    pages = re.findall(r'<a href="([^"#]+)">', nav)
    toc = (ROOT / "_toc.yml").read_text(encoding="utf-8")
    expected = ["chapters/intro.xhtml"] + [f"{name}.xhtml" for name in re.findall(r"- file: (\S+)", toc)]
    assert pages == expected
    assert len(re.findall(r'<a href="chapters/briefing-115.xhtml#b115-', nav)) >= 10  # the blocks, one level down


@pytest.mark.epub
def test_epub_pages_have_their_figures_and_no_screen_widgets(epub):
    _, _, files = epub
    pages = {name: data.decode() for name, data in files.items() if name.endswith(".xhtml") and name != "nav.xhtml"}
    images = 0
    for name, text in pages.items():
        assert "<script" not in text, f"{name}: a script"
        assert "book-chart-table" not in text and "book-chart-spec" not in text, f"{name}: a chart's table or spec"
        for source in re.findall(r'<img[^>]*\bsrc="([^"]+)"', text):
            target = re.sub(r"[^/]+/\.\./", "", f"{name.rpartition('/')[0]}/{source}")
            assert target in files and len(files[target]) > 1000, f"{name}: image {source} missing"
            images += 1
    assert images >= 15  # the notebooks' figures, and the glued ones in the chapters
    assert '<img alt="' in pages["chapters/context.xhtml"]  # glued figures keep their alt text


# What an e-reader's page cannot show: a page wider than the screen, and blocks of code wider than their
# box (an e-reader does not scroll them sideways), at an e-reader's width and at a phone's.
OVERFLOW = """
return [document.documentElement.scrollWidth - document.documentElement.clientWidth,
        Array.from(document.querySelectorAll('pre')).filter(p => p.scrollWidth > p.clientWidth + 1).length];
"""


@pytest.mark.epub
@pytest.mark.browser
def test_epub_pages_fit_an_e_reader_and_their_code_wraps_on_a_phone(epub, tmp_path):
    """Unpacked, every page of the EPUB in Chromium, at 600 px (an e-reader) and 390 px (a phone): nothing
    wider than the page, and no block of code wider than its box. Long code lines once ran past the edge
    of every notebook page and of the how-to-cite page's BibTeX; at 390 px tables of four to seven
    columns made nine pages wider than the screen (a wide table now scrolls in its own box)."""
    from qa.lighthouse import serve

    language, path, files = epub
    with zipfile.ZipFile(path) as archive:
        archive.extractall(tmp_path)
    pages = sorted(name for name in files if name.endswith(".xhtml") and name not in ("nav.xhtml", "genindex.xhtml"))
    driver = headless_chromium()
    found = {}
    try:
        with serve(tmp_path) as base:
            for width in (600, 390):
                driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                       {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 500})
                for page in pages:
                    driver.get(f"{base}/{page}")
                    wider, code = driver.execute_script(OVERFLOW)
                    if code or wider > 0:
                        found[f"{width} px {page}"] = (wider, code)
    finally:
        driver.quit()
    assert found == {}, f"{language}: {found}"


@pytest.mark.build
def test_the_pages_link_to_the_offline_editions_and_the_zip_exists():
    zip_path = SITE / offline_zip_name(RELEASE)
    assert zip_path.exists(), "`make book` (make offline) writes the zip of the pages"
    for edition, depth in (("", 0), ("fr/", 1)):
        for page in ("chapters/intro.html", "chapters/how-to-cite.html"):
            text = (SITE / edition / page).read_text(encoding="utf-8")
            assert f'href="../{epub_name(RELEASE, "fr" if edition else "en")}"' in text, f"{edition}{page}"
            assert f'href="{"../" * (1 + depth)}{offline_zip_name(RELEASE)}"' in text, f"{edition}{page}"
    assert rooted_urls(SITE) == []


@pytest.mark.build
@pytest.mark.browser
def test_the_zip_works_opened_from_disk(tmp_path):
    """Unzipped, the pages work from file://: a chapter, the French edition, an image, the search."""
    from selenium.webdriver.common.by import By

    with zipfile.ZipFile(SITE / offline_zip_name(RELEASE)) as archive:
        archive.extractall(tmp_path)
    folder = tmp_path / f"pacts-and-putsches-{RELEASE.version}"
    driver = headless_chromium()
    try:
        def visit(url):
            driver.get(url)
            for _ in range(100):
                if driver.execute_script("return document.readyState") == "complete":
                    break
                time.sleep(0.1)
            time.sleep(0.5)

        def errors():
            return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]

        visit((folder / "index.html").as_uri())
        assert driver.current_url.endswith("/chapters/intro.html")  # the root page redirects to the intro
        visit(driver.find_element(By.CSS_SELECTOR, 'nav a[href="context.html"]').get_attribute("href"))
        assert driver.current_url.startswith("file://") and driver.current_url.endswith("/chapters/context.html")
        load_lazy_images(driver)  # the figures below the first load as the reader scrolls to them
        loaded = driver.execute_script("return [...document.images].filter(i => i.src.includes('_images/'))"
                                       ".map(i => i.complete && i.naturalWidth)")
        assert loaded and all(loaded), "the chapter's figures load from disk"
        visit(driver.find_element(By.CSS_SELECTOR, "a.book-language-switcher").get_attribute("href"))
        assert driver.current_url.endswith("/fr/chapters/context.html")
        assert driver.find_element(By.TAG_NAME, "html").get_attribute("lang") == "fr"
        visit((folder / "search.html").as_uri() + "?q=Anefis")
        for _ in range(50):
            results = driver.find_elements(By.CSS_SELECTOR, "#search-results li")
            if results:
                break
            time.sleep(0.2)
        assert results, "the search finds pages from disk"
        assert errors() == []
    finally:
        driver.quit()
