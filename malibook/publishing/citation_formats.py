"""Ready citations of the book, or of one block of it, in one version: author-date text, BibTeX and RIS.

Everything in a citation comes from the release (version, date), the book's configuration (title,
authors, site address) and the page that holds the block (its heading and anchor); nothing is typed
by hand in the chapters. ``malibook.sphinxext.citation`` prints these under every block and on the
how-to-cite page.

A citation points at the version's own folder of the site (``<site>/v0.2.0/chapters/qa-2021.html#qa2021-p5``),
which stays online when later versions are released, and names the version, so that a reader who
follows it reads the text that was cited. A build of a version not yet released says so, gives no
year, and points where that working version is served: the ``dev/`` folder of the site (README, "The
versioned site"), since ``vX.Y.Z/`` exists only once the version is released. Those addresses are the
versioned site's (``malibook.publishing.versioned_site``).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re

from malibook.publishing.versioned_site import served_url

# Characters that BibTeX reads as commands or groups, and what stands for them in a field.
_BIBTEX_ESCAPES = {"\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%", "$": r"\$",
                   "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}", "–": "--",
                   "—": "---"}


@dataclasses.dataclass(frozen=True)
class Citable:
    """The book in one version, or one block of it (``block_id`` and ``block_title`` set)."""

    authors: str                  # an organisation, printed as it is ("The editors of ...")
    book_title: str
    version: str
    date: dt.date | None          # None while the version is unreleased
    url: str                      # the version's address of the book, or of the block's anchor
    language: str = "en"
    block_id: str | None = None
    block_title: str | None = None
    doi: str | None = None

    @property
    def released(self) -> bool:
        return self.date is not None

    @property
    def is_block(self) -> bool:
        return self.block_id is not None

    @property
    def title(self) -> str:
        """The block's title, 'qa2021-p5: heading' (its heading says 'qa2021-p5 · heading'), or the book's."""
        if not self.is_block:
            return self.book_title
        heading = self.block_title or self.block_id
        block_id, separator, rest = heading.partition(" · ")
        if separator and block_id == self.block_id:
            heading = rest
        if heading == self.block_id:
            return heading
        return f"{self.block_id}{WORDS[self.language]['colon']}{heading}"


# What the citations say in each edition's language.
WORDS = {
    "en": {"working": "working version {version}, not yet released", "version": "version {version}",
           "in": "In", "colon": ": ", "open": "“", "close": "”"},
    "fr": {"working": "version de travail {version}, non encore publiée", "version": "version {version}",
           "in": "Dans", "colon": "\u00a0: ", "open": "«\u00a0", "close": "\u00a0»"},
}


def _words(citable: Citable) -> dict[str, str]:
    return WORDS.get(citable.language, WORDS["en"])


def block_url(site_url: str, version: str, page: str, block_id: str, released: bool = True) -> str:
    """The address of a block in one version: ``<site>/vX.Y.Z/<page>.html#<block ID>`` (``dev/`` if unreleased)."""
    return f"{served_url(site_url, version, released)}{page}.html#{block_id}"


def version_statement(citable: Citable) -> str:
    """'version 0.2.0', or 'working version 0.2.1, not yet released'."""
    words = _words(citable)
    return words["version" if citable.released else "working"].format(version=citable.version)


def bibtex_key(citable: Citable) -> str:
    """``pactsandputsches_0_2_0`` for the book, ``pactsandputsches_0_2_0_qa2021_p5`` for a block."""
    stem = re.sub(r"[^a-z0-9]", "", citable.book_title.split(":")[0].lower())
    parts = [stem, citable.version, *([citable.block_id] if citable.block_id else [])]
    return "_".join(re.sub(r"[^A-Za-z0-9]", "_", part) for part in parts)


def _bibtex_text(text: str) -> str:
    return "".join(_BIBTEX_ESCAPES.get(character, character) for character in text)


def author_date(citable: Citable) -> str:
    """One line, as a reference list in author-date style prints it; an unreleased version has no year."""
    words = _words(citable)
    doi = f" https://doi.org/{citable.doi}" if citable.doi else ""
    when = str(citable.date.year) if citable.date else version_statement(citable)
    version = f", {version_statement(citable)}" if citable.released else ""
    if citable.is_block:
        return (f"{citable.authors} ({when}). {words['open']}{citable.title}{words['close']}. {words['in']} "
                f"{citable.book_title}{version}. {citable.url}{doi}")
    return f"{citable.authors} ({when}). {citable.book_title}{version}. {citable.url}{doi}"


def bibtex(citable: Citable) -> str:
    """A BibTeX entry: ``@incollection`` for a block (the book is its collection), ``@book`` for the book;
    ``@misc`` for either in a working version, which is not published and so has no year.

    Titles are braced so that no style lowercases them; the version goes in ``version`` (biblatex) and
    in ``note`` (BibTeX), never ``edition``."""
    authors = "{" + _bibtex_text(citable.authors) + "}"
    fields = [("author", authors), ("title", "{" + _bibtex_text(citable.title) + "}")]
    if citable.is_block:
        fields.append(("booktitle" if citable.released else "howpublished",
                       "{" + _bibtex_text(citable.book_title) + "}"))
    if citable.date:
        fields += [("publisher", authors), ("year", str(citable.date.year)), ("date", citable.date.isoformat())]
    fields += [("version", _bibtex_text(citable.version)),
               ("note", _bibtex_text(version_statement(citable)[:1].upper() + version_statement(citable)[1:])),
               ("url", citable.url)]
    if citable.doi:
        fields.append(("doi", citable.doi))
    fields.append(("language", citable.language))
    width = max(len(name) for name, _ in fields)
    body = ",\n".join(f"  {name.ljust(width)} = {{{value}}}" for name, value in fields)
    kind = ("incollection" if citable.is_block else "book") if citable.released else "misc"
    return f"@{kind}{{{bibtex_key(citable)},\n{body}\n}}"


def ris(citable: Citable) -> str:
    """An RIS record (the format of Zotero, EndNote and Mendeley imports): ``CHAP`` for a block, ``BOOK``.

    The version is a note (``N1``): RIS's edition tag would print "version 0.2.1 ed."."""
    lines = [("TY", "CHAP" if citable.is_block else "BOOK"), ("AU", citable.authors), ("TI", citable.title)]
    if citable.is_block:
        lines.append(("T2", citable.book_title))
    if citable.date:  # an unreleased version has no year yet
        lines += [("PY", str(citable.date.year)), ("DA", f"{citable.date:%Y/%m/%d}")]
    statement = version_statement(citable)
    lines += [("N1", statement[:1].upper() + statement[1:]), ("UR", citable.url), ("LA", citable.language)]
    if citable.doi:
        lines.append(("DO", citable.doi))
    lines.append(("ER", ""))
    return "\n".join(f"{tag}  - {value}" for tag, value in lines)


FORMATS = {"Author-date": author_date, "BibTeX": bibtex, "RIS": ris}
