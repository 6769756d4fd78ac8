"""Counting the blocks of the two documents."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import pandas as pd
import pytest

from malibook import load
from malibook.analysis.documents import KIND_ORDER, block_counts, body_blocks, plot_block_counts


def test_block_counts_are_complete_and_ordered():
    paragraphs = load()["paragraphs"]
    counts = block_counts(paragraphs)
    assert list(counts.index) == KIND_ORDER
    assert list(counts.columns) == ["b115", "qa2021"]
    assert counts.to_numpy().sum() == len(paragraphs)
    assert counts.loc["recommendation", "b115"] == 4
    assert counts.loc["question", "qa2021"] == 4
    assert counts.loc["recommendation", "qa2021"] == 0  # zeros are kept, not dropped


def test_block_counts_refuses_unknown_kind():
    frame = pd.DataFrame({"kind": ["paragraph", "footnote"], "document_id": ["b115", "b115"]})
    with pytest.raises(ValueError, match="footnote"):
        block_counts(frame)


def test_body_blocks_are_paragraphs_and_recommendations_in_order():
    body = body_blocks(load()["paragraphs"])
    assert set(body["kind"]) == {"paragraph", "recommendation"}
    briefing_body = ["b115-p1", "b115-p2", "b115-p3", "b115-r1", "b115-r2", "b115-r3", "b115-r4"]
    assert list(body["paragraph_id"][:7]) == briefing_body
    assert len(body) == 3 + 4 + 13


def test_plot_draws_one_bar_per_kind_and_document():
    counts = block_counts(load()["paragraphs"])
    fig, ax = plt.subplots()
    plot_block_counts(counts, ax)
    assert len(ax.patches) == counts.size
    assert [text.get_text() for text in ax.get_legend().get_texts()] == ["Briefing 115 (2015)", "Q&A (May 2021)"]
    hatches = {patch.get_hatch() for patch in ax.patches}
    assert len(hatches) == 2, "documents must differ by hatch too, for black-and-white print"
    plt.close(fig)
