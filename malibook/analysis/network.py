"""Actor networks: the relations between actors, and the actors named together in a paragraph.

``notebooks/actors.ipynb`` builds and draws these graphs with the functions below;
the layouts are seeded so that every run draws the same picture.
"""
from __future__ import annotations

import itertools

import matplotlib.pyplot as plt
import networkx as nx
import pandas as pd
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from malibook.analysis.figures import PRINT_FIGURE_WIDTH, SMALL_TEXT, TOL_BRIGHT
from malibook.analysis.labels import label
from malibook.data.language import book_language, localized
from malibook.data.mentions import mentions_with_documents, paragraphs_by

# Actor kinds, grouped for the drawings: each group has a colour and a node shape (for print). A group
# says what an actor is: jihadist groups are armed groups, the civilian-led transitional authorities
# belong with the state, the communities with society (they are not armed groups).
KIND_GROUPS = {
    "Armed groups and coalitions": ["armed_coalition", "armed_group", "jihadist_group"],
    "Juntas, army and state": ["junta", "government", "state_institution", "state_security_force",
                               "transitional_authority"],
    "People": ["person"],
    "Political and social groups": ["political_movement", "religious_movement", "political_party",
                                    "civil_society", "trade_union", "community"],
    "International": ["regional_organisation", "international_organisation", "peacekeeping_mission",
                      "foreign_state", "foreign_military_operation", "mediation_team", "international_partners"],
}
GROUP_STYLES = {
    "Armed groups and coalitions": {"color": TOL_BRIGHT["red"], "shape": "^"},
    "Juntas, army and state": {"color": TOL_BRIGHT["purple"], "shape": "s"},
    "People": {"color": TOL_BRIGHT["yellow"], "shape": "o"},
    "Political and social groups": {"color": TOL_BRIGHT["green"], "shape": "D"},
    "International": {"color": TOL_BRIGHT["cyan"], "shape": "h"},
}
# The size of each network figure of notebooks/actors.ipynb, in inches (the tests draw them at this size).
FIGURE_SIZES = {"relations": (PRINT_FIGURE_WIDTH, 6.6), "b115": (PRINT_FIGURE_WIDTH, 4.4),
                "qa2021": (PRINT_FIGURE_WIDTH, 6.4)}
NODE_SIZE = 220  # points squared, as matplotlib's scatter takes it
LABEL_SIZE = SMALL_TEXT  # points
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
    positions = nx.spring_layout(simple, seed=seed, k=3.0 / max(1, len(simple)) ** 0.5, iterations=500)
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
    """The frames of ``network_frames``: nodes shaped and coloured by kind group, labelled with short
    names placed where no two labels overlap, and a legend of the kind groups below the drawing."""
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
                                   node_shape=style["shape"], node_size=NODE_SIZE, edgecolors="black",
                                   linewidths=0.7, label=label(group, language))
    ax.set_axis_off()
    if title:
        ax.set_title(title)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, 0.0), ncol=3, fontsize=LABEL_SIZE, frameon=False,
              markerscale=0.7)
    order = nodes.sort_values(["neighbours", "actor_id"], ascending=[False, True])
    place_labels(ax, list(zip(order["x"], order["y"], order["label"])))
    return ax


# Where a label may go around its node, nearest first: (x, y) direction and the text's alignment.
LABEL_SPOTS = [((0, -1), "center", "top"), ((0, 1), "center", "bottom"), ((1, 0), "left", "center"),
               ((-1, 0), "right", "center"), ((1, -1), "left", "top"), ((-1, -1), "right", "top"),
               ((1, 1), "left", "bottom"), ((-1, 1), "right", "bottom")]
LABEL_RINGS = [1.0, 1.8, 2.8, 4.0, 5.5]  # distances from the node, in node radii; beyond the first, a leader line
LABEL_GAP = 2.5  # points between a node and a label beside it


def place_labels(ax: plt.Axes, labelled: list[tuple[float, float, str]]) -> list:
    """Label each (x, y, text) beside its point, in the first spot (LABEL_SPOTS, ring after ring) where
    the label overlaps no label placed before it, no node, no legend and stays in the figure; the
    labels listed first get the nearest spots. Spots are measured in points, so a figure saved at
    another resolution or scaled as a whole keeps its labels apart."""
    figure = ax.figure
    ax.autoscale_view()
    ax.set_xlim(ax.get_xlim())  # freeze the limits: the labels must not move the nodes
    ax.set_ylim(ax.get_ylim())
    renderer = figure.canvas.get_renderer()
    to_pixels = figure.dpi / 72
    radius = (NODE_SIZE ** 0.5) / 2 + 1  # points
    centres = ax.transData.transform([(x, y) for x, y, _ in labelled])
    obstacles = [Bbox.from_bounds(cx - radius * to_pixels, cy - radius * to_pixels, 2 * radius * to_pixels,
                                  2 * radius * to_pixels) for cx, cy in centres]
    legend = ax.get_legend()
    if legend is not None:
        obstacles.append(legend.get_window_extent(renderer))
    frame = figure.bbox
    pad = 1.0 * to_pixels  # keep a point of white between two labels
    texts = []
    for x, y, text in labelled:
        annotation = ax.annotate(text, (x, y), xytext=(0, 0), textcoords="offset points", fontsize=LABEL_SIZE,
                                 bbox={"boxstyle": "square,pad=0.05", "facecolor": "white", "edgecolor": "none",
                                       "alpha": 0.8}, zorder=4,
                                 arrowprops={"arrowstyle": "-", "color": "0.35", "linewidth": 0.5, "shrinkA": 0,
                                             "shrinkB": radius * 0.8})
        best = None
        for ring in LABEL_RINGS:
            for (dx, dy), horizontal, vertical in LABEL_SPOTS:
                offset = (dx * (radius * ring + LABEL_GAP), dy * (radius * ring + LABEL_GAP))
                annotation.set_position(offset)
                annotation.set_horizontalalignment(horizontal)
                annotation.set_verticalalignment(vertical)
                box = _text_box(annotation, renderer).padded(pad)
                clash = sum(_overlap(box, other) for other in obstacles) + _outside(box, frame)
                if best is None or clash < best[0]:
                    best = (clash, offset, horizontal, vertical, ring)
                if clash == 0:
                    break
            if best[0] == 0:
                break
        _, offset, horizontal, vertical, ring = best
        annotation.set_position(offset)
        annotation.set_horizontalalignment(horizontal)
        annotation.set_verticalalignment(vertical)
        # A leader line only for a label set away from its node.
        annotation.arrow_patch.set_visible(ring > LABEL_RINGS[0])
        obstacles.append(_text_box(annotation, renderer).padded(pad))
        texts.append(annotation)
    return texts


def _text_box(annotation, renderer) -> Bbox:
    """The box of a label's text on the canvas, without its leader line."""
    annotation.update_positions(renderer)
    return Text.get_window_extent(annotation, renderer)


def _overlap(first: Bbox, second: Bbox) -> float:
    """The area two boxes share (0 if they do not touch)."""
    width = min(first.x1, second.x1) - max(first.x0, second.x0)
    height = min(first.y1, second.y1) - max(first.y0, second.y0)
    return width * height if width > 0 and height > 0 else 0.0


def _outside(box: Bbox, frame: Bbox) -> float:
    """How far a box passes the edges of the figure, weighted so that any overflow is worse than a clash."""
    overflow = max(0, frame.x0 - box.x0) + max(0, box.x1 - frame.x1) + max(0, frame.y0 - box.y0) + \
        max(0, box.y1 - frame.y1)
    return overflow * 1e4


def plot_mention_matrix(ax: plt.Axes, matrix: pd.DataFrame, actors: pd.DataFrame, language: str | None = None
                        ) -> plt.Axes:
    """Black squares where a paragraph (column) mentions an actor (row); a line between the documents."""
    labels = localized(actors.set_index("actor_id").loc[matrix.index], "short_name", language)
    ax.imshow(matrix.to_numpy(), cmap="Greys", vmin=0, vmax=1, aspect="auto", interpolation="nearest")
    ax.set_yticks(range(len(matrix.index)), labels, fontsize=SMALL_TEXT)
    ax.set_xticks(range(len(matrix.columns)), matrix.columns, rotation=90, fontsize=SMALL_TEXT)
    split = sum(1 for column in matrix.columns if column.startswith("b115-"))
    ax.axvline(split - 0.5, color=TOL_BRIGHT["red"], linewidth=1.5, linestyle="--")
    ax.set_xticks([x - 0.5 for x in range(len(matrix.columns) + 1)], minor=True)
    ax.set_yticks([y - 0.5 for y in range(len(matrix.index) + 1)], minor=True)
    ax.grid(which="minor", color="0.85", linewidth=0.4)
    ax.tick_params(which="minor", length=0)
    return ax
