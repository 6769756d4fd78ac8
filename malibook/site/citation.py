"""Ready citations of the book, or of one block of it, in one version: author-date text, BibTeX and RIS.

Everything in a citation comes from the release (version, date), the book's configuration (title,
authors, site address) and the page that holds the block (its heading and anchor); nothing is typed
by hand in the chapters. ``malibook.sphinxext.citation`` prints these under every block and on the
how-to-cite page.

A citation points at the version's own folder of the site (``<site>/v0.2.0/chapters/qa-2021.html#qa2021-p5``),
which stays online when later versions are released, and names the version, so that a reader who
follows it reads the text that was cited.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import re

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
    def year(self) -> str:
        return str(self.date.year) if self.date else "n.d."

    @property
    def is_block(self) -> bool:
        return self.block_id is not None


def version_url(site_url: str, version: str) -> str:
    """The folder of one version in the versioned site: ``<site>/vX.Y.Z/``."""
    if not site_url.endswith("/"):
        raise ValueError(f"the site address {site_url!r} must end with '/'")
    return f"{site_url}v{version}/"


def block_url(site_url: str, version: str, page: str, block_id: str) -> str:
    """The stable address of a block in one version: ``<site>/vX.Y.Z/<page>.html#<block ID>``."""
    return f"{version_url(site_url, version)}{page}.html#{block_id}"


def bibtex_key(citable: Citable) -> str:
    """``pactsandputsches_0_2_0`` for the book, ``pactsandputsches_0_2_0_qa2021_p5`` for a block."""
    stem = re.sub(r"[^a-z0-9]", "", citable.book_title.split(":")[0].lower())
    parts = [stem, citable.version, *([citable.block_id] if citable.block_id else [])]
    return "_".join(re.sub(r"[^A-Za-z0-9]", "_", part) for part in parts)


def _bibtex_text(text: str) -> str:
    return "".join(_BIBTEX_ESCAPES.get(character, character) for character in text)


def author_date(citable: Citable) -> str:
    """One line, as a reference list in author-date style prints it."""
    doi = f" https://doi.org/{citable.doi}" if citable.doi else ""
    if citable.is_block:
        return (f"{citable.authors} ({citable.year}). “{citable.block_title}”. In {citable.book_title}, "
                f"version {citable.version}. {citable.url}{doi}")
    return f"{citable.authors} ({citable.year}). {citable.book_title}, version {citable.version}. {citable.url}{doi}"


def bibtex(citable: Citable) -> str:
    """A BibTeX entry: ``@incollection`` for a block (the book is its collection), ``@book`` for the book."""
    fields = [("author", "{" + _bibtex_text(citable.authors) + "}")]
    if citable.is_block:
        fields += [("title", _bibtex_text(citable.block_title or citable.block_id)),
                   ("booktitle", _bibtex_text(citable.book_title))]
    else:
        fields.append(("title", _bibtex_text(citable.book_title)))
    fields += [("edition", f"version {citable.version}"), ("year", citable.year), ("url", citable.url)]
    if citable.date:
        fields.append(("date", citable.date.isoformat()))
    if citable.doi:
        fields.append(("doi", citable.doi))
    fields.append(("language", citable.language))
    width = max(len(name) for name, _ in fields)
    body = ",\n".join(f"  {name.ljust(width)} = {{{value}}}" for name, value in fields)
    kind = "incollection" if citable.is_block else "book"
    return f"@{kind}{{{bibtex_key(citable)},\n{body}\n}}"


def ris(citable: Citable) -> str:
    """An RIS record (the format of Zotero, EndNote and Mendeley imports): ``CHAP`` for a block, ``BOOK``."""
    lines = [("TY", "CHAP" if citable.is_block else "BOOK"), ("AU", citable.authors)]
    if citable.is_block:
        lines += [("TI", citable.block_title or citable.block_id), ("T2", citable.book_title)]
    else:
        lines.append(("TI", citable.book_title))
    lines.append(("ET", f"version {citable.version}"))
    if citable.date:  # an unreleased draft has no year yet, and RIS has no "n.d."
        lines += [("PY", citable.year), ("DA", f"{citable.date:%Y/%m/%d}")]
    lines += [("UR", citable.url), ("LA", citable.language)]
    if citable.doi:
        lines.append(("DO", citable.doi))
    lines.append(("ER", ""))
    return "\n".join(f"{tag}  - {value}" for tag, value in lines)


FORMATS = {"Author-date": author_date, "BibTeX": bibtex, "RIS": ris}
