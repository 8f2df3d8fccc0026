"""Swimlane geometry: flow-order columns, balanced blocks, lane bands, node sizes and arc routes."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from kit.charts.labels import LINE_IN, wrap
from kit.i18n import Language, fmt_number, tr
from kit.process.model import ProcessMap

__all__ = [
    "BOX_W",
    "COL_W",
    "CONNECTOR",
    "DIAMOND",
    "LANE_W",
    "MARGIN",
    "PER_BLOCK",
    "RADIUS",
    "Band",
    "Node",
    "back_edges",
    "lane_header",
    "layout_columns",
    "node_sizes",
    "place",
    "route",
]

# Sizes in inches (one data unit = one inch) and points. At the report's ~900 px content width a
# block of 7 columns (~10.7 in, 110 dpi) is scaled by ~0.8, so 9 pt labels render ~11 px high.
PER_BLOCK = 7  # columns per block; longer maps continue in balanced blocks below
LANE_W, MARGIN, COL_W, BOX_W = 1.3, 0.32, 1.26, 1.12
_PAD, _GAP, _LANE_PAD, _BLOCK_GAP, _TITLE_H = 0.06, 0.14, 0.1, 0.3, 0.38
RADIUS, DIAMOND, CONNECTOR = 0.12, 0.2, 0.11

Band = tuple[int, str, float, float]  # (block, lane, top, height), inches


@dataclass
class Node:
    """One activity as drawn: kind, label lines, vertical extents and position (inches)."""

    kind: str
    lines: list[str]
    up: float  # extent above the anchor (in)
    down: float  # extent below the anchor, label included (in)
    x: float = 0.0
    y: float = 0.0
    block: int = 0

    def box(self, margin: float = 0.0) -> tuple[float, float, float, float]:
        """Return (x0, y0, x1, y1) of the shape and its label."""
        half = (BOX_W if self.kind in ("task", "wait") else COL_W - 0.12) / 2
        return (
            self.x - half - margin,
            self.y - self.down - margin,
            self.x + half + margin,
            self.y + self.up + margin,
        )


def lane_header(lane: str) -> list[str]:
    """Return the lane name wrapped to fit the lane header column, in lines."""
    return wrap(lane or "–", LANE_W - 0.22, bold=True)


def back_edges(graph: nx.DiGraph) -> set[tuple[str, str]]:
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
    dag.remove_edges_from(back_edges(pmap.graph))
    return {
        str(node): col
        for col, generation in enumerate(nx.topological_generations(dag))
        for node in generation
    }


def node_sizes(pmap: ProcessMap, language: Language) -> dict[str, Node]:
    """Return every activity with its wrapped label and vertical extents (not yet placed)."""
    nodes: dict[str, Node] = {}
    for node, data in pmap.graph.nodes(data=True):
        kind = str(data["kind"])
        boxed = kind not in ("start", "end", "decision")
        lines = wrap(str(data["name"] or ""), (BOX_W - 2 * _PAD) if boxed else COL_W - 0.12)
        hours = pmap.hours(node)
        if hours > 0:
            lines.append(
                tr("{hours} h/month", language, hours=fmt_number(hours, language, digits=0))
            )
        text_h = len(lines) * LINE_IN
        if boxed:
            nodes[str(node)] = Node(kind, lines, text_h / 2 + _PAD, text_h / 2 + _PAD)
        else:
            half = RADIUS if kind != "decision" else DIAMOND
            nodes[str(node)] = Node(kind, lines, half, half + 0.05 + text_h)
    return nodes


def place(pmap: ProcessMap, nodes: dict[str, Node]) -> tuple[list[Band], list[float], int]:
    """Set node positions; return lane bands, block bottoms (in, below 0) and columns per block."""
    cols = layout_columns(pmap)
    n_cols = max(cols.values(), default=0) + 1
    n_blocks = -(-n_cols // PER_BLOCK)
    per_block = -(-n_cols // n_blocks)
    stacks: dict[tuple[int, str], list[str]] = {}
    for node in sorted(cols, key=lambda n: (cols[n], n)):
        stacks.setdefault((cols[node], pmap.graph.nodes[node]["lane"] or ""), []).append(node)
    bands: list[Band] = []
    bottoms: list[float] = []
    y = -_TITLE_H
    for block in range(n_blocks):
        for lane in pmap.lanes():
            here = {
                col: ids
                for (col, ln), ids in stacks.items()
                if ln == lane and col // per_block == block
            }
            reach = max([nodes[ids[0]].up for ids in here.values()] or [0.0])
            needed = 0.0
            for ids in here.values():
                depth = reach + nodes[ids[0]].down
                depth += sum(_GAP + nodes[i].up + nodes[i].down for i in ids[1:])
                needed = max(needed, depth)
            header = lane_header(lane)
            height = max(needed, len(header) * LINE_IN, 0.3) + 2 * _LANE_PAD
            anchor = y - (height - needed) / 2 - reach
            for col, ids in here.items():
                yy = anchor
                for k, node in enumerate(ids):
                    if k:
                        yy -= nodes[ids[k - 1]].down + _GAP + nodes[node].up
                    nodes[node].x = LANE_W + MARGIN + (col % per_block + 0.5) * COL_W
                    nodes[node].y = yy
                    nodes[node].block = block
            bands.append((block, lane, y, height))
            y -= height
        bottoms.append(y)
        y -= _BLOCK_GAP
    return bands, bottoms, per_block


def _curve(a: tuple[float, float], b: tuple[float, float], rad: float) -> list[tuple[float, float]]:
    """Return points along matplotlib's arc3 curve from a to b (ends left out)."""
    (x1, y1), (x2, y2) = a, b
    cx, cy = (x1 + x2) / 2 + rad * (y2 - y1), (y1 + y2) / 2 - rad * (x2 - x1)
    steps = [i / 24 for i in range(3, 22)]
    return [
        (
            (1 - s) ** 2 * x1 + 2 * (1 - s) * s * cx + s**2 * x2,
            (1 - s) ** 2 * y1 + 2 * (1 - s) * s * cy + s**2 * y2,
        )
        for s in steps
    ]


def route(
    a: tuple[float, float],
    b: tuple[float, float],
    obstacles: list[tuple[float, float, float, float]],
    *,
    back: bool,
) -> float:
    """Return the arc3 bend whose curve crosses the fewest obstacles (straight when free)."""
    candidates = [0.3, -0.3, 0.45, -0.45, 0.6, -0.6]
    if not back:
        candidates = [0.0, 0.15, -0.15, *candidates]

    def hits(rad: float) -> int:
        return sum(
            x0 < x < x1 and y0 < y < y1
            for x, y in _curve(a, b, rad)
            for x0, y0, x1, y1 in obstacles
        )

    return min(candidates, key=hits)
