"""Lighter images for the screen: the HTML edition's figures in an 8-bit palette, and lazy loading.

matplotlib writes the notebooks' figures as 24-bit PNGs at print resolution; on the chart pages the
first figure was the page's largest element and what Lighthouse's mobile run painted last
(docs/performance.md). The figures are flat colours with anti-aliased edges (a few hundred colours),
so a 256-colour palette chosen by Pillow's "maximum coverage" quantiser keeps every pixel within 1 to 3
levels of 255 of the original, invisibly, at a third of the weight, with the same pixel size.

- At the end of an HTML build (the ``html`` builder only: the EPUB and the PDF keep their own full
  images), each opaque PNG of ``_images/`` is re-encoded so, in place, when that makes it smaller. The
  output depends only on the input (no timestamp is written): two builds give the same bytes.
- In each page's body, every image after the first is loaded lazily and decoded off the main thread
  (``loading="lazy" decoding="async"``), so that the figures further down do not compete with the
  first one for a phone's bandwidth; the first gets ``fetchpriority="high"``.
"""
from __future__ import annotations

import io
import pathlib
import re

from sphinx.application import Sphinx

IMG = re.compile(r"(<img\b(?![^>]*\b(?:loading|fetchpriority)=)[^>]*?)(\s*/?>)")


def palette_png(data: bytes) -> bytes | None:
    """The PNG in an 8-bit palette if it is opaque and that makes it smaller, else None."""
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        if image.format != "PNG" or image.mode == "P":
            return None
        if image.mode == "RGBA":
            if image.getchannel("A").getextrema() != (255, 255):
                return None
        elif image.mode != "RGB":
            return None
        rgb = image.convert("RGB")
    colours = rgb.getcolors(256)
    if colours is not None:  # few enough colours: the palette holds them all, exactly
        palette = rgb.quantize(len(colours), method=Image.Quantize.MAXCOVERAGE, dither=Image.Dither.NONE)
    else:
        palette = rgb.quantize(256, method=Image.Quantize.MAXCOVERAGE, dither=Image.Dither.NONE)
    out = io.BytesIO()
    palette.save(out, "PNG", optimize=True)
    return out.getvalue() if out.tell() < len(data) else None


def shrink_images(folder: pathlib.Path) -> None:
    for path in sorted(folder.glob("*.png")):
        smaller = palette_png(path.read_bytes())
        if smaller is not None:
            path.write_bytes(smaller)


def lazy_images(body: str) -> str:
    """``loading="lazy" decoding="async"`` on every image of a page's body after the first,
    ``fetchpriority="high"`` on the first."""
    count = 0

    def mark(match: re.Match) -> str:
        nonlocal count
        count += 1
        extra = ' fetchpriority="high"' if count == 1 else ' loading="lazy" decoding="async"'
        return match.group(1) + extra + match.group(2)

    return IMG.sub(mark, body)


def _lazy_images(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if app.builder.name == "html" and "body" in context:
        context["body"] = lazy_images(context["body"])


def _shrink_images(app: Sphinx, exception) -> None:
    if exception is None and app.builder.name == "html":
        shrink_images(pathlib.Path(app.outdir) / "_images")


def setup(app: Sphinx) -> None:
    app.connect("html-page-context", _lazy_images)
    app.connect("build-finished", _shrink_images)
