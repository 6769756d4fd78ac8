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

BOOK_RCPARAMS = {
    "figure.figsize": (7.0, 4.0),
    "figure.dpi": 144,  # sharp enough for the PDF, which embeds the notebook's PNG
    "font.size": 10,
    "axes.titlesize": 11,
    "hatch.linewidth": 0.8,
    "svg.hashsalt": "pacts-and-putsches",
}


def use_book_style() -> None:
    """Apply the book's matplotlib settings; call once at the top of a notebook."""
    mpl.rcParams.update(BOOK_RCPARAMS)
    try:
        from IPython import get_ipython
    except ImportError:
        return
    if get_ipython() is not None:
        from matplotlib_inline.backend_inline import set_matplotlib_formats
        # Matplotlib writes its version into every PNG; leave it out so outputs do not
        # change when only the library does.
        set_matplotlib_formats("png", bbox_inches="tight", metadata={"Software": None})
