"""The book's social card: the image link previews show (``og:image``, ``twitter:image``), drawn by the build.

One card for the whole book, 1200 × 630 pixels (the size OpenGraph and Twitter cards ask for): the
title, what the book is, and the version and its date. matplotlib draws it with the font it ships
(DejaVu Sans), so nothing is fetched. It is written to ``_static/social-card.png`` of the HTML
output, and drawn again only when its text changes (the text is kept in the PNG's metadata), so a
no-change rebuild does not import matplotlib.
"""
from __future__ import annotations

import hashlib
import io
import os
import pathlib
import sys
import types

from sphinx.application import Sphinx

from malibook.sphinxext.theme import build_cache

CARD_FILE = "social-card.png"
CARD_SIZE = (1200, 630)
_DPI = 100
_BACKGROUND, _INK, _ACCENT = "#1d3557", "#ffffff", "#e9c46a"


def card_lines(title: str, version: str, date_label: str) -> list[str]:
    """The card's text: title, subtitle (after the first colon), what the book is, version."""
    name, _, subtitle = title.partition(":")
    return [name.strip(), subtitle.strip(),
            "An annotated, executable companion to two International Crisis Group analyses",
            f"Version {version} · {date_label}"]


def _existing_text(path: pathlib.Path) -> str | None:
    from PIL import Image

    try:
        with Image.open(path) as image:
            return image.text.get("Description")
    except (OSError, AttributeError):
        return None


def draw_card(path: pathlib.Path, lines: list[str], cache: pathlib.Path | None = None) -> bool:
    """Write the card to ``path`` unless it already shows ``lines``; return whether it was written. A card
    drawn before is taken from ``cache`` (the build cache: the extension's tests build many small books,
    and drawing a card costs most of a second)."""
    text = "\n".join(lines)
    if path.exists() and _existing_text(path) == text:
        return False
    kept = cache / f"social-card-{hashlib.sha1(text.encode()).hexdigest()}.png" if cache else None
    if kept is not None and kept.exists():
        png = kept.read_bytes()
    else:
        png = _card_png(tuple(lines))
        if kept is not None:
            kept.parent.mkdir(parents=True, exist_ok=True)
            spare = kept.with_suffix(f".{os.getpid()}.tmp")  # written whole, then renamed: builds run side by side
            spare.write_bytes(png)
            spare.replace(kept)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(png)
    return True


def _card_png(lines: tuple[str, ...]) -> bytes:
    """The card's PNG."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure = plt.figure(figsize=(CARD_SIZE[0] / _DPI, CARD_SIZE[1] / _DPI), dpi=_DPI, facecolor=_BACKGROUND)
    title, subtitle, what, version = lines
    figure.text(0.07, 0.66, title, color=_INK, fontsize=54, fontweight="bold", family="DejaVu Sans")
    figure.text(0.07, 0.53, subtitle, color=_ACCENT, fontsize=36, family="DejaVu Sans")
    figure.text(0.07, 0.36, what, color=_INK, fontsize=19, family="DejaVu Sans", wrap=True)
    figure.add_artist(plt.Line2D([0.07, 0.93], [0.25, 0.25], color=_ACCENT, linewidth=3))
    figure.text(0.07, 0.13, version, color=_INK, fontsize=24, family="DejaVu Sans")
    png = io.BytesIO()
    # No software or date in the metadata: two builds of the same version give the same file.
    figure.savefig(png, format="png", dpi=_DPI, facecolor=_BACKGROUND,
                   metadata={"Software": None, "Description": "\n".join(lines)})
    plt.close(figure)
    return png.getvalue()


def _draw(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and app.builder.format == "html":
        lines = card_lines(app.config.project, app.config.version, app.config.today)
        draw_card(pathlib.Path(app.outdir) / "_static" / CARD_FILE, lines, build_cache(app))


def keep_opengraph_cards_off() -> None:
    """Keep sphinxext-opengraph from importing matplotlib (a second of every build) for its per-page cards.

    It imports its card module as it loads, though the book turns those cards off
    (``ogp_social_cards``, ``malibook.sphinxext.metadata``) and draws its one card itself. Call this
    before sphinxext-opengraph is loaded: in that module's place goes one that offers no card maker,
    which sphinxext-opengraph takes as "no cards" (as it does when matplotlib is missing)."""
    name = "sphinxext.opengraph._social_cards"
    if name in sys.modules:
        return
    cards_off = types.ModuleType(name, "sphinxext-opengraph's social cards, off in this book")
    cards_off.DEFAULT_SOCIAL_CONFIG = {"enable": False}
    cards_off.create_social_card = None
    sys.modules[name] = cards_off


def setup(app: Sphinx) -> None:
    app.connect("build-finished", _draw)
