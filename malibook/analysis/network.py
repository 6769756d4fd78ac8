"""Actor networks: the relations between actors, and the actors named together in a paragraph.

``notebooks/actors.ipynb`` builds and draws these graphs with the functions below;
the layouts are seeded so that every run draws the same picture.
"""
from __future__ import annotations

import itertools

import matplotlib.pyplot as plt
import networkx as nx
import pandas as pd

from malibook.analysis.figures import TOL_BRIGHT
from malibook.analysis.labels import label
from malibook.data.language import book_language, localized
from malibook.data.mentions import mentions_with_documents, paragraphs_by

# Actor kinds, grouped for the drawings: each group has a colour and a node shape (for print).
KIND_GROUPS = {
    "Armed groups and coalitions": ["armed_coalition", "armed_group", "jihadist_group", "community"],
    "Juntas, army and state": ["junta", "government", "state_institution", "state_security_force"],
    "People": ["person"],
    "Parties, movements, unions": ["political_movement", "religious_movement", "political_party",
                                   "civil_society", "trade_union", "collective"],
    "International": ["regional_organisation", "international_organisation", "peacekeeping_mission",
                      "foreign_state", "foreign_military_operation", "mediation_team"],
}
GROUP_STYLES = {
    "Armed groups and coalitions": {"color": TOL_BRIGHT["red"], "shape": "^"},
    "Juntas, army and state": {"color": TOL_BRIGHT["purple"], "shape": "s"},
    "People": {"color": TOL_BRIGHT["yellow"], "shape": "o"},
    "Parties, movements, unions": {"color": TOL_BRIGHT["green"], "shape": "D"},
    "International": {"color": TOL_BRIGHT["cyan"], "shape": "h"},
}
LAYOUT_SEED = 20151214  # the Briefing's date: any fixed number would do


def kind_group(kind: str) -> str:
    for group, kinds in KIND_GROUPS.items():
        if kind in kinds:
            return group
    raise ValueError(f"actor kind {kind!r} is in no group of malibook.analysis.network.KIND_GROUPS")


def _add_actor_nodes(graph: nx.Graph, actors: pd.DataFrame, actor_ids, paragraphs: pd.Series, language: str) -> None:
    """One node per actor, with the paragraphs (``paragraphs_by``) that mention it."""
    for actor_id in sorted(actor_ids):
        actor = actors.loc[actor_id]
        graph.add_node(actor_id, label=localized(actor, "short_name", language),
                       name=localized(actor, "name", language), kind=actor["kind"],
                       group=kind_group(actor["kind"]), paragraph_ids=paragraphs.get(actor_id, ()))


def relation_graph(tables: dict[str, pd.DataFrame], language: str | None = None) -> nx.MultiDiGraph:
    """Actors joined by the relations table: one directed edge per relation, typed."""
    actors = tables["actors"].set_index("actor_id")
    relations = tables["relations"].sort_values("relation_id")
    graph = nx.MultiDiGraph()
    _add_actor_nodes(graph, actors, set(relations["subject_id"]) | set(relations["object_id"]),
                     paragraphs_by(tables, "actor_id"), book_language(language))
    for relation in relations.itertuples():
        graph.add_edge(relation.subject_id, relation.object_id, key=relation.relation_id,
                       relation_type=relation.relation_type)
    return graph


def comention_graph(tables: dict[str, pd.DataFrame], document_id: str | None = None,
                    language: str | None = None) -> nx.Graph:
    """Actors joined when one paragraph mentions both; the weight counts such paragraphs.

    With ``document_id``, only that document's paragraphs count.
    """
    actors = tables["actors"].set_index("actor_id")
    mentions = mentions_with_documents(tables, "actor_id")
    if document_id is not None:
        mentions = mentions[mentions["document_id"] == document_id]
    graph = nx.Graph()
    paragraphs = paragraphs_by(tables, "actor_id")
    if document_id is not None:
        kept = set(mentions["paragraph_id"])
        paragraphs = paragraphs.map(lambda ids: tuple(paragraph for paragraph in ids if paragraph in kept))
    _add_actor_nodes(graph, actors, set(mentions["actor_id"]), paragraphs, book_language(language))
    for _, group in mentions.groupby("paragraph_id", sort=True):
        for first, second in itertools.combinations(sorted(set(group["actor_id"])), 2):
            weight = graph.edges[first, second]["weight"] + 1 if graph.has_edge(first, second) else 1
            graph.add_edge(first, second, weight=weight)
    return graph


def centrality_table(graph: nx.Graph) -> pd.DataFrame:
    """Degree (number of distinct neighbours) and betweenness of each actor, most central first."""
    simple = nx.Graph(graph)  # one edge per pair of actors, whatever its direction or multiplicity
    betweenness = nx.betweenness_centrality(simple)
    rows = [(node, simple.nodes[node]["name"], simple.degree(node), round(betweenness[node], 3))
            for node in simple.nodes]
    table = pd.DataFrame(rows, columns=["actor_id", "actor", "neighbours", "betweenness"])
    return table.sort_values(["neighbours", "betweenness", "actor_id"], ascending=[False, False, True]) \
        .reset_index(drop=True)


def mention_matrix(tables: dict[str, pd.DataFrame], min_paragraphs: int = 1) -> pd.DataFrame:
    """Actors (rows, by number of paragraphs) by paragraphs (columns, in document order): 1 if mentioned."""
    mentions = tables["mentions"].dropna(subset=["actor_id"])
    paragraphs = tables["paragraphs"].sort_values(["document_id", "order"])
    matrix = pd.crosstab(mentions["actor_id"], mentions["paragraph_id"]).clip(upper=1)
    matrix = matrix.reindex(columns=[p for p in paragraphs["paragraph_id"] if p in matrix.columns])
    matrix = matrix[matrix.sum(axis=1) >= min_paragraphs]
    order = matrix.sum(axis=1).sort_values(ascending=False, kind="stable")
    order = order.groupby(order, sort=False).apply(lambda group: group.sort_index()).droplevel(0)
    return matrix.loc[order.index].astype("int64")


def split_components(graph: nx.Graph) -> tuple[nx.Graph, list[list[str]]]:
    """The largest connected group of actors, and the labels of every smaller group (sorted)."""
    simple = nx.Graph(graph)
    components = sorted((sorted(component) for component in nx.connected_components(simple)),
                        key=lambda component: (-len(component), component))
    others = [sorted(simple.nodes[node]["label"] for node in component) for component in components[1:]]
    return simple.subgraph(components[0]).copy(), others


def network_frames(graph: nx.Graph, seed: int = LAYOUT_SEED) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The drawing of a network as two frames: nodes (actor, kind group, paragraphs, position) and
    edges (both ends' positions, weight, line width).

    The spring layout is seeded, so it is the same on every run; draw one connected component at a
    time (see split_components) so that it fills the space. Positions are rounded so that the
    interactive chart's data is the same on every machine."""
    simple = nx.Graph(graph)
    positions = nx.spring_layout(simple, seed=seed, k=2.2 / max(1, len(simple)) ** 0.5, iterations=500)
    nodes = pd.DataFrame([{"actor_id": node, **{key: simple.nodes[node][key] for key in ("label", "name", "group")},
                           "neighbours": simple.degree(node), "paragraph_ids": simple.nodes[node]["paragraph_ids"],
                           "x": round(float(positions[node][0]), 4), "y": round(float(positions[node][1]), 4)}
                          for node in simple.nodes])
    at = nodes.set_index("actor_id")
    edges = pd.DataFrame([{"source": first, "target": second, "weight": simple.edges[first, second].get("weight", 1),
                           "x": at.loc[first, "x"], "y": at.loc[first, "y"],
                           "x2": at.loc[second, "x"], "y2": at.loc[second, "y"]} for first, second in simple.edges],
                         columns=["source", "target", "weight", "x", "y", "x2", "y2"])
    edges["width"] = 0.5 + 0.6 * (edges["weight"] - 1)
    return nodes, edges


def draw_network(ax: plt.Axes, nodes: pd.DataFrame, edges: pd.DataFrame, title: str | None = None,
                 language: str | None = None) -> plt.Axes:
    """The frames of ``network_frames``: nodes shaped and coloured by kind group, labelled with short names."""
    graph = nx.Graph()
    graph.add_nodes_from(nodes["actor_id"])
    graph.add_edges_from(zip(edges["source"], edges["target"]))
    positions = {node: (x, y) for node, x, y in zip(nodes["actor_id"], nodes["x"], nodes["y"])}
    width_of = {(first, second): width
                for first, second, width in zip(edges["source"], edges["target"], edges["width"])}
    widths = [width_of.get(edge, width_of.get(edge[::-1])) for edge in graph.edges]
    nx.draw_networkx_edges(graph, positions, ax=ax, width=widths, edge_color="0.55", alpha=0.8)
    for group, style in GROUP_STYLES.items():
        members = list(nodes.loc[nodes["group"] == group, "actor_id"])
        if members:
            nx.draw_networkx_nodes(graph, positions, nodelist=members, ax=ax, node_color=style["color"],
                                   node_shape=style["shape"], node_size=220, edgecolors="black", linewidths=0.7,
                                   label=label(group, language))
    nx.draw_networkx_labels(graph, {node: (x, y - 0.075) for node, (x, y) in positions.items()}, ax=ax,
                            labels=dict(zip(nodes["actor_id"], nodes["label"])), font_size=6.5,
                            verticalalignment="top")
    ax.set_axis_off()
    if title:
        ax.set_title(title)
    return ax


def plot_mention_matrix(ax: plt.Axes, matrix: pd.DataFrame, actors: pd.DataFrame, language: str | None = None
                        ) -> plt.Axes:
    """Black squares where a paragraph (column) mentions an actor (row); a line between the documents."""
    labels = localized(actors.set_index("actor_id").loc[matrix.index], "short_name", language)
    ax.imshow(matrix.to_numpy(), cmap="Greys", vmin=0, vmax=1, aspect="auto", interpolation="nearest")
    ax.set_yticks(range(len(matrix.index)), labels, fontsize=7)
    ax.set_xticks(range(len(matrix.columns)), matrix.columns, rotation=90, fontsize=6.5)
    split = sum(1 for column in matrix.columns if column.startswith("b115-"))
    ax.axvline(split - 0.5, color=TOL_BRIGHT["red"], linewidth=1.5, linestyle="--")
    ax.set_xticks([x - 0.5 for x in range(len(matrix.columns) + 1)], minor=True)
    ax.set_yticks([y - 0.5 for y in range(len(matrix.index) + 1)], minor=True)
    ax.grid(which="minor", color="0.85", linewidth=0.4)
    ax.tick_params(which="minor", length=0)
    return ax
