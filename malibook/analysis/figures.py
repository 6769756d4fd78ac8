"""One visual style for every figure of the book.

Colours come from Paul Tol's colour-blind-safe "bright" scheme; every series also
gets a hatch or marker so that figures stay readable in a black-and-white print.
Image metadata is fixed so that a re-run gives the same bytes.
"""
from __future__ import annotations

import matplotlib as mpl

TOL_BRIGHT = {"blue": "#4477AA", "cyan": "#66CCEE", "green": "#228833", "yellow": "#CCBB44",
              "red": "#EE6677", "purple": "#AA3377", "grey": "#BBBBBB"}

DOCUMENT_STYLES = {
    "b115": {"label": "Briefing 115 (2015)", "color": TOL_BRIGHT["blue"], "hatch": ""},
    "qa2021": {"label": "Q&A (May 2021)", "color": TOL_BRIGHT["yellow"], "hatch": "//"},
}

# The PDF prints a figure at most the text's width (6 in); a wider one is scaled down. Drawn at most
# PRINT_FIGURE_WIDTH wide with no text under SMALL_TEXT, every label prints at 7 pt or more, even once
# a tight bounding box has added its margins (tests/test_pdf.py measures the printed sizes).
PRINT_FIGURE_WIDTH = 6.5  # inches
SMALL_TEXT = 9  # points

BOOK_RCPARAMS = {
    "figure.figsize": (7.0, 4.0),
    "figure.dpi": 144,  # the screen's PNG; the PDF prints the vector copy (see use_book_style)
    "font.size": 10,
    "axes.titlesize": 11,
    "hatch.linewidth": 0.8,
    "svg.hashsalt": "pacts-and-putsches",
    "pdf.fonttype": 42,  # TrueType glyphs, embedded and searchable in the book's PDF
}
# Matplotlib writes its version and the time into every file; leave them out so that outputs do not
# change when only the library or the clock does.
PNG_METADATA = {"Software": None}
PDF_METADATA = {"Creator": None, "Producer": None, "CreationDate": None}


def vector_copy(figure) -> bytes:
    """The figure as a PDF, which the book's PDF prints instead of the PNG (sharp at any size)."""
    from IPython.core.pylabtools import print_figure

    return print_figure(figure, "pdf", bbox_inches="tight", metadata=PDF_METADATA)


def use_book_style() -> None:
    """Apply the book's matplotlib settings; call once at the top of a notebook."""
    mpl.rcParams.update(BOOK_RCPARAMS)
    try:
        from IPython import get_ipython
    except ImportError:
        return
    if get_ipython() is not None:
        from matplotlib.figure import Figure
        from matplotlib_inline.backend_inline import set_matplotlib_formats

        set_matplotlib_formats("png", bbox_inches="tight", metadata=PNG_METADATA)
        # Every figure also carries its vector copy: myst-nb gives the LaTeX build application/pdf
        # before image/png, and the HTML build the PNG.
        pdf = get_ipython().display_formatter.formatters["application/pdf"]
        pdf.for_type(Figure, vector_copy)
        pdf.enabled = True
