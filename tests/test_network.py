"""The actor networks: relations, co-mentions, centrality and the mention matrix."""
import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import pytest

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
