"""Swimlane diagrams and a network overview of maps, drawn with matplotlib only."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from itertools import combinations

import networkx as nx
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch, Patch, Polygon, Rectangle
from matplotlib.patches import Patch as PatchBase

from kit.process.analysis import ProcessAnalysis
from kit.process.duplicates import DuplicateGroup
from kit.process.model import ProcessMap
from kit.report.format import fmt_number
from kit.report.i18n import t

__all__ = ["OKABE_ITO", "draw_overview", "draw_swimlane", "layout_columns"]

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
_TASK, _DUP, _REWORK = "#FFFFFF", OKABE_ITO["orange"], OKABE_ITO["vermillion"]
_PER_ROW = 20  # columns per block; longer maps continue in a block below
_COL_W, _BOX_W, _BOX_H, _ROW_H = 1.5, 1.3, 0.62, 0.9


def _back_edges(graph: nx.DiGraph) -> set[tuple[str, str]]:
    """Return flows that go back to earlier work (removing them leaves a DAG)."""
    order: dict[str, int] = {}
    starts = [n for n, k in graph.nodes(data="kind") if k == "start"]
    for source in [*starts, *(n for n in graph if graph.in_degree(n) == 0), *graph.nodes]:
        if source not in order:
            for node in nx.dfs_preorder_nodes(graph, source):
                order.setdefault(node, len(order))
    back = {(u, v) for u, v in graph.edges if order[v] <= order[u] and nx.has_path(graph, v, u)}
    dag = nx.DiGraph(graph)
    dag.remove_edges_from(back)
    while not nx.is_directed_acyclic_graph(dag):
        u, v = nx.find_cycle(dag)[-1][:2]
        dag.remove_edge(u, v)
        back.add((u, v))
    return back


def layout_columns(pmap: ProcessMap) -> dict[str, int]:
    """Return each activity's column: its topological generation once back-flows are removed."""
    dag = nx.DiGraph(pmap.graph)
    dag.remove_edges_from(_back_edges(pmap.graph))
    return {
        str(node): col
        for col, generation in enumerate(nx.topological_generations(dag))
        for node in generation
    }


def _highlights(pmap: ProcessMap, highlight: ProcessAnalysis | None) -> tuple[set[str], set[str]]:
    if highlight is None:
        return set(), set()
    dups = {m.id for g in highlight.groups for m in g.members if m.map == pmap.id}
    loops = {a for r in highlight.rework if r.map == pmap.id for a in r.activities}
    return dups, loops


def draw_swimlane(
    pmap: ProcessMap, *, highlight: ProcessAnalysis | None = None, language: str = "de"
) -> Figure:
    """Return a swimlane Figure of the map, duplicates and rework loops highlighted."""
    cols = layout_columns(pmap)
    lanes = pmap.lanes()
    lane_of = {str(n): (d["lane"] or "") for n, d in pmap.graph.nodes(data=True)}
    stack: dict[tuple[int, str], list[str]] = {}
    for node in sorted(cols, key=lambda n: (cols[n], n)):
        stack.setdefault((cols[node], lane_of[node]), []).append(node)
    rows_in_lane = {
        lane: max([len(v) for (c, ln), v in stack.items() if ln == lane] or [1]) for lane in lanes
    }
    lane_top: dict[str, float] = {}
    y = 0.0
    for lane in lanes:
        lane_top[lane] = y
        y += rows_in_lane[lane] * _ROW_H
    block_h = y + 0.6
    n_cols = max(cols.values(), default=0) + 1
    n_blocks = (n_cols - 1) // _PER_ROW + 1
    width_cols = min(n_cols, _PER_ROW)
    pos: dict[str, tuple[float, float]] = {}
    for (col, lane), nodes in stack.items():
        for k, node in enumerate(nodes):
            block = col // _PER_ROW
            pos[node] = (
                1.2 + (col % _PER_ROW + 0.5) * _COL_W,
                -(block * block_h + lane_top[lane] + (k + 0.5) * _ROW_H),
            )
    fig = Figure(figsize=(1.2 + width_cols * _COL_W * 0.95 + 0.8, block_h * n_blocks * 0.95 + 1.2))
    ax = fig.add_subplot()
    dups, loops = _highlights(pmap, highlight)
    band_colours = ("#F4F4F4", "#FFFFFF")
    for block in range(n_blocks):
        for i, lane in enumerate(lanes):
            top = -(block * block_h + lane_top[lane])
            height = rows_in_lane[lane] * _ROW_H
            ax.add_patch(
                Rectangle(
                    (0, top - height),
                    1.2 + width_cols * _COL_W,
                    height,
                    facecolor=band_colours[i % 2],
                    edgecolor="#BBBBBB",
                    lw=0.6,
                )
            )
            ax.text(
                0.6,
                top - height / 2,
                "\n".join(textwrap.wrap(lane or "–", 13, break_long_words=False)),
                ha="center",
                va="center",
                fontsize=7,
                fontweight="bold",
                rotation=0,
            )
    back = _back_edges(pmap.graph)
    for u, v in pmap.graph.edges:
        (x1, y1), (x2, y2) = pos[str(u)], pos[str(v)]
        is_back = (u, v) in back
        colour = _REWORK if is_back or (str(u) in loops and str(v) in loops) else "#555555"
        ax.add_patch(
            FancyArrowPatch(
                (x1, y1),
                (x2, y2),
                arrowstyle="-|>",
                mutation_scale=8,
                lw=0.8,
                color=colour,
                linestyle="--" if is_back else "-",
                shrinkA=14,
                shrinkB=14,
                connectionstyle="arc3,rad=-0.35" if is_back else "arc3,rad=0.0",
                zorder=1,
            )
        )
    for node, data in pmap.graph.nodes(data=True):
        x, yy = pos[str(node)]
        _node_patch(ax, data["kind"], x, yy, str(node) in dups, str(node) in loops)
        label = "\n".join(textwrap.wrap(data["name"] or "", 18)[:3])
        hours = pmap.hours(node)
        if hours > 0:
            label += "\n" + t(
                "process.swimlane.hours", language, hours=fmt_number(hours, language, digits=0)
            )
        dy = -0.3 if data["kind"] in ("start", "end", "decision") else 0.0
        ax.text(
            x,
            yy + dy,
            label,
            ha="center",
            va="top" if dy else "center",
            fontsize=5.5,
            zorder=4,
            gid=f"label:{node}",
        )
    ax.set_xlim(0, 1.2 + width_cols * _COL_W)
    ax.set_ylim(-block_h * n_blocks, 0.2)
    ax.set_aspect("auto")
    ax.axis("off")
    ax.set_title(pmap.name, fontsize=10, loc="left")
    ax.legend(
        handles=_legend(language),
        loc="upper left",
        bbox_to_anchor=(0, -0.01),
        ncol=4,
        fontsize=7,
        frameon=False,
    )
    fig.tight_layout()
    return fig


def _node_patch(ax: Axes, kind: str, x: float, y: float, dup: bool, loop: bool) -> PatchBase:
    edge = _REWORK if loop else "#333333"
    lw = 1.6 if loop else 0.8
    if kind in ("start", "end"):
        patch: PatchBase = Circle(
            (x, y), 0.13, facecolor="#FFFFFF", edgecolor="#333333", lw=2.0 if kind == "end" else 0.8
        )
    elif kind == "decision":
        patch = Polygon(
            [(x, y + 0.22), (x + 0.22, y), (x, y - 0.22), (x - 0.22, y)],
            facecolor=OKABE_ITO["yellow"],
            edgecolor=edge,
            lw=lw,
        )
    else:
        face = _DUP if dup else (OKABE_ITO["sky"] if kind == "wait" else _TASK)
        patch = FancyBboxPatch(
            (x - _BOX_W / 2, y - _BOX_H / 2),
            _BOX_W,
            _BOX_H,
            boxstyle="round,pad=0.02,rounding_size=0.08",
            facecolor=face,
            edgecolor=edge,
            lw=lw,
            hatch="/" if kind == "wait" else None,
        )
    ax.add_patch(patch)
    return patch


def _legend(language: str) -> list[Patch | Line2D]:
    return [
        Patch(facecolor=_TASK, edgecolor="#333333", label=t("process.legend.task", language)),
        Patch(facecolor=_DUP, edgecolor="#333333", label=t("process.legend.duplicate", language)),
        Line2D(
            [0],
            [0],
            color=_REWORK,
            lw=1.6,
            linestyle="--",
            label=t("process.legend.rework", language),
        ),
        Patch(
            facecolor=OKABE_ITO["yellow"],
            edgecolor="#333333",
            label=t("process.legend.decision", language),
        ),
        Patch(
            facecolor=OKABE_ITO["sky"],
            edgecolor="#333333",
            hatch="//",
            label=t("process.legend.wait", language),
        ),
    ]


def draw_overview(
    maps: Sequence[ProcessMap], groups: Sequence[DuplicateGroup], *, language: str = "de"
) -> Figure:
    """Return a network Figure: one node per map, duplicate links with width = hours per month."""
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
        )
    ax.set_xlim(-1.5, 1.5)
    ax.set_ylim(-1.6, 1.4)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(t("process.overview.title", language), fontsize=10, loc="left")
    fig.tight_layout()
    return fig
