"""How the two documents are built: counts of their blocks by kind."""
from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from malibook.analysis.figures import DOCUMENT_STYLES
from malibook.analysis.labels import label
from malibook.data.language import book_language, localized

# Reading order of block kinds: page furniture first, then structure, then body text.
KIND_ORDER = ["title", "kicker", "standfirst", "caption", "heading", "question",
              "paragraph", "recommendation", "pull_quote", "signoff"]
BODY_KINDS = {"paragraph", "recommendation"}


def block_counts(paragraphs: pd.DataFrame) -> pd.DataFrame:
    """Blocks per kind (rows, in reading order) and document (columns), with zeros kept."""
    unknown = set(paragraphs["kind"]) - set(KIND_ORDER)
    if unknown:
        raise ValueError(f"kinds missing from KIND_ORDER: {sorted(unknown)}")
    counts = pd.crosstab(paragraphs["kind"], paragraphs["document_id"])
    counts = counts.reindex(index=KIND_ORDER, fill_value=0)
    counts = counts.reindex(columns=sorted(counts.columns), fill_value=0)
    counts.index.name, counts.columns.name = "kind", "document"
    return counts.astype("int64")


def body_blocks(paragraphs: pd.DataFrame, language: str | None = None) -> pd.DataFrame:
    """The blocks that carry the argument (paragraphs and recommendations), in document order;
    ``gist`` is the gist in the language of the edition."""
    body = paragraphs[paragraphs["kind"].isin(BODY_KINDS)].copy()
    body["gist"] = localized(body, "gist", language)
    return body.sort_values(["document_id", "order"]).reset_index(drop=True)


def plot_block_counts(counts: pd.DataFrame, ax: plt.Axes, language: str | None = None) -> plt.Axes:
    """Horizontal grouped bars, one group per kind; colour and hatching both tell the documents apart."""
    language = book_language(language)
    kinds = list(counts.index)[::-1]  # first kind at the top
    height = 0.8 / len(counts.columns)
    for offset, document in enumerate(counts.columns):
        style = DOCUMENT_STYLES[document]
        # The first document's bar sits on top within each group, as in the legend.
        positions = [k - (offset - (len(counts.columns) - 1) / 2) * height for k in range(len(kinds))]
        ax.barh(positions, [counts.loc[kind, document] for kind in kinds], height=height,
                color=style["color"], hatch=style["hatch"], edgecolor="black", linewidth=0.6,
                label=label(style["label"], language))
    ax.set_yticks(range(len(kinds)), [label(kind.replace("_", " "), language) for kind in kinds])
    ax.set_xlabel(label("number of blocks", language))
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.legend(loc="lower right", frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return ax
