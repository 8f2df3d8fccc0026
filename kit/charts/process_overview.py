"""Drawing palette and the network overview of process maps, drawn with matplotlib only."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from itertools import combinations

import networkx as nx
from matplotlib.figure import Figure
from matplotlib.patches import Circle

from kit.i18n import Language, fmt_number, tr
from kit.process.duplicates import DuplicateGroup
from kit.process.model import ProcessMap

__all__ = ["OKABE_ITO", "plot_process_overview"]

# Okabe–Ito: a palette that colour-blind readers tell apart.
OKABE_ITO = {
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "grey": "#999999",
}
_DUP = OKABE_ITO["orange"]


def plot_process_overview(
    maps: Sequence[ProcessMap], groups: Sequence[DuplicateGroup], *, language: Language = "de"
) -> Figure:
    """Return a network Figure: one node per map, duplicate links with width = hours per month.

    Long because the graph, its layout and its drawing share every node position; split, they would
    pass them all along.
    """
    graph = nx.Graph()
    for pmap in maps:
        graph.add_node(pmap.id, label=pmap.name, hours=pmap.total_hours())
    for group in groups:
        per_map: dict[str, float] = {}
        for m in group.members:
            per_map[m.map] = per_map.get(m.map, 0.0) + m.hours_per_month
        for a, b in combinations(sorted(per_map), 2):
            shared = min(per_map[a], per_map[b])
            old = graph.get_edge_data(a, b, default={"hours": 0.0})["hours"]
            graph.add_edge(a, b, hours=old + shared)
    pos = nx.circular_layout(graph) if len(graph) > 1 else {n: (0.0, 0.0) for n in graph}
    fig = Figure(figsize=(8, 6.5))
    ax = fig.add_subplot()
    top = max([d["hours"] for _, _, d in graph.edges(data=True)] or [1.0])
    for a, b, data in graph.edges(data=True):
        (x1, y1), (x2, y2) = pos[a], pos[b]
        ax.plot(
            [x1, x2],
            [y1, y2],
            color=_DUP,
            lw=1 + 9 * data["hours"] / top,
            alpha=0.85,
            zorder=1,
            solid_capstyle="round",
        )
        ax.text(
            (x1 + x2) / 2,
            (y1 + y2) / 2,
            fmt_number(data["hours"], language, digits=0) + " h",
            fontsize=8,
            ha="center",
            va="center",
            zorder=3,
            bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none"},
        )
    biggest = max([d["hours"] for _, d in graph.nodes(data=True)] or [1.0]) or 1.0
    for node, data in graph.nodes(data=True):
        x, y = pos[node]
        ax.add_patch(
            Circle(
                (x, y),
                0.08 + 0.1 * data["hours"] / biggest,
                facecolor=OKABE_ITO["sky"],
                edgecolor=OKABE_ITO["blue"],
                zorder=2,
            )
        )
        ax.text(
            x,
            y - 0.24,
            "\n".join(textwrap.wrap(data["label"], 22, break_long_words=False)),
            ha="center",
            va="top",
            fontsize=8,
            zorder=4,
            parse_math=False,  # a map name with `$…$` is text, not a formula
        )
    ax.set_xlim(-1.5, 1.5)
    ax.set_ylim(-1.6, 1.4)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(
        tr("Process maps and duplicate work (hours per month)", language), fontsize=10, loc="left"
    )
    fig.tight_layout()
    return fig
