"""The actor networks: relations, co-mentions, centrality and the mention matrix."""
import itertools

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.text import Text

from malibook import load
from malibook.analysis import network
from malibook.analysis.annotations import actors_by_document


@pytest.fixture(scope="module")
def tables():
    return load()


def test_relation_graph_has_one_edge_per_relation(tables):
    graph = network.relation_graph(tables)
    assert graph.number_of_edges() == len(tables["relations"])
    assert graph.nodes["cnsp"]["label"] == "CNSP" and graph.nodes["cnsp"]["group"] == "Juntas, army and state"


def test_comention_weights_count_shared_paragraphs(tables):
    graph = network.comention_graph(tables)
    mentions = tables["mentions"].dropna(subset=["actor_id"])
    shared = set(mentions[mentions["actor_id"] == "bah-ndaw"]["paragraph_id"]) & \
        set(mentions[mentions["actor_id"] == "moctar-ouane"]["paragraph_id"])
    assert graph.edges["bah-ndaw", "moctar-ouane"]["weight"] == len(shared) >= 2


def test_comention_by_document_keeps_to_that_document(tables):
    graph_2015 = network.comention_graph(tables, "b115")
    assert "cnsp" not in graph_2015 and "cma" in graph_2015
    assert set(network.comention_graph(tables, "qa2021")) >= {"cnsp", "cma"}


def test_centrality_ranks_the_cnsp_first_in_the_qa(tables):
    table = network.centrality_table(network.comention_graph(tables, "qa2021"))
    assert table.iloc[0]["actor_id"] == "cnsp"
    assert list(table["neighbours"]) == sorted(table["neighbours"], reverse=True)


def test_split_components_keeps_the_largest_group(tables):
    main, others = network.split_components(network.relation_graph(tables))
    assert "cnsp" in main and ["AQIM", "Al-Mourabitoun"] in others
    in_groups = main.number_of_nodes() + sum(len(group) for group in others)
    assert in_groups == network.relation_graph(tables).number_of_nodes()


def test_mention_matrix_rows_are_most_mentioned_first(tables):
    matrix = network.mention_matrix(tables, min_paragraphs=2)
    totals = list(matrix.sum(axis=1))
    assert totals == sorted(totals, reverse=True) and min(totals) >= 2
    assert list(matrix.columns[:3]) == ["b115-caption", "b115-standfirst", "b115-p1"]


def test_layout_is_the_same_on_every_run(tables):
    graph = network.comention_graph(tables, "b115")
    first_nodes, first_edges = network.network_frames(graph)
    second_nodes, second_edges = network.network_frames(graph)
    assert first_nodes.equals(second_nodes) and first_edges.equals(second_edges)
    ax = network.draw_network(plt.subplots()[1], first_nodes, first_edges)
    plt.close("all")
    assert len(ax.texts) == len(first_nodes) == graph.number_of_nodes()


def test_network_frames_join_positions_and_paragraphs(tables):
    nodes, edges = network.network_frames(network.comention_graph(tables, "b115"))
    at = nodes.set_index("actor_id")
    # each edge starts and ends at its actors' positions, so the two drawings cannot disagree
    for edge in edges.itertuples():
        assert (edge.x, edge.y) == (at.loc[edge.source, "x"], at.loc[edge.source, "y"])
        assert (edge.x2, edge.y2) == (at.loc[edge.target, "x"], at.loc[edge.target, "y"])
    # only the Briefing's paragraphs count in the Briefing's network, in reading order
    assert all(paragraph.startswith("b115-") for ids in nodes["paragraph_ids"] for paragraph in ids)
    assert at.loc["cma", "paragraph_ids"][:3] == ("b115-caption", "b115-standfirst", "b115-p1")


def test_actors_by_document_partitions_the_mentioned_actors(tables):
    groups = actors_by_document(tables)
    mentioned = set(tables["mentions"]["actor_id"].dropna())
    assert sum(len(names) for names in groups.values()) == len(mentioned)
    assert "Coordination of Azawad Movements" in groups["both"]
    # the Q&A never names the Platform, but its "armed groups that signed the agreement" include it (qa2021-p13)
    assert "Algiers Platform" in groups["both"] and "Bah N’Daw" in groups["qa2021"]
    assert groups["b115"] == ["International mediation team", "Nomad communities of the Kidal region"]


# --------------------------------------------------------------------------- the drawn figures

@pytest.fixture(scope="module")
def drawn(tables):
    """The three network figures of notebooks/actors.ipynb, drawn at their size: {name: (figure, nodes)}."""
    graphs = {"relations": network.relation_graph(tables), "b115": network.comention_graph(tables, "b115"),
              "qa2021": network.comention_graph(tables, "qa2021")}
    figures = {}
    for name, graph in graphs.items():
        nodes, edges = network.network_frames(network.split_components(graph)[0])
        figure, ax = plt.subplots(figsize=network.FIGURE_SIZES[name], dpi=144)
        network.draw_network(ax, nodes, edges, name)
        figures[name] = (figure, nodes)
    yield figures
    plt.close("all")


def _drawn_groups(figure, nodes) -> dict[str, str]:
    """{actor_id: the legend label of the markers drawn at its position}."""
    ax = figure.axes[0]
    at = {(round(x, 4), round(y, 4)): actor for actor, x, y in zip(nodes["actor_id"], nodes["x"], nodes["y"])}
    groups = {}
    for collection in ax.collections:
        if collection.get_label().startswith("_"):
            continue  # the edges
        for x, y in collection.get_offsets():
            groups[at[(round(float(x), 4), round(float(y), 4))]] = collection.get_label()
    return groups


# What the actors are, whatever their row says: the editors' reading of each (issue 21).
NATURE = {"jihadist-groups": "Armed groups and coalitions", "aqim": "Armed groups and coalitions",
          "al-mourabitoun": "Armed groups and coalitions", "international-partners": "International",
          "transition-authorities": "Juntas, army and state", "cnt": "Juntas, army and state"}
ACLED_GROUPS = {"Rebel Groups": "Armed groups and coalitions", "Political Militias": "Armed groups and coalitions",
                "Identity Militias": "Armed groups and coalitions", "State Forces": "Juntas, army and state",
                "Protesters": "Political and social groups", "External/Other Forces": "International"}


def test_each_actor_is_drawn_in_the_legend_group_its_nature_says(tables, drawn):
    kinds = tables["actors"].set_index("actor_id")
    for name, (figure, nodes) in drawn.items():
        groups = _drawn_groups(figure, nodes)
        assert set(groups) == set(nodes["actor_id"]), name
        for actor, group in groups.items():
            assert group == network.kind_group(kinds.loc[actor, "kind"]), (name, actor)
            assert group == NATURE.get(actor, group), (name, actor, group)
            acled = kinds.loc[actor, "acled_actor_type"]
            assert pd.isna(acled) or group == ACLED_GROUPS[acled], (name, actor, group, acled)
            # communities are not armed groups (issue 21)
            assert actor != "nomad-communities" or group != "Armed groups and coalitions", name
    assert "collective" not in set(kinds["kind"]), "a kind that says nothing of what the actor is"


@pytest.mark.parametrize("dpi", [144, 300])
def test_no_two_labels_overlap_in_any_network_figure(drawn, dpi):
    """The label boxes as drawn, on screen (144 ppi) and in print (300 ppi), and the legend's."""
    for name, (figure, nodes) in drawn.items():
        figure.set_dpi(dpi)
        figure.canvas.draw()
        renderer = figure.canvas.get_renderer()
        ax = figure.axes[0]
        labels = [text for text in ax.texts if text.get_text()]
        assert sorted(text.get_text() for text in labels) == sorted(nodes["label"]), name
        boxes = [(text.get_text(), Text.get_window_extent(text, renderer)) for text in labels]
        if ax.get_legend() is not None:
            boxes.append(("legend", ax.get_legend().get_window_extent(renderer)))
        clashes = [(first, second) for (first, one), (second, other) in itertools.combinations(boxes, 2)
                   if one.overlaps(other)]
        assert not clashes, (name, dpi, clashes)
        assert ax.get_legend() is not None, f"{name}: every network figure has its legend (for print)"
        inside = figure.bbox
        assert all(inside.x0 <= box.x0 and box.x1 <= inside.x1 and inside.y0 <= box.y0 and box.y1 <= inside.y1
                   for _, box in boxes), name
