"""Swimlane diagrams and a network overview of maps, drawn with matplotlib only."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Any, cast

import networkx as nx
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
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
# Sizes in inches (one data unit = one inch) and points. At the report's ~900 px content width a
# block of 7 columns (~10.7 in, 110 dpi) is scaled by ~0.8, so 9 pt labels render ~11 px high.
_PER_BLOCK = 7  # columns per block; longer maps continue in balanced blocks below
_FONT, _LINE = 9.0, 12.2 / 72  # label size (pt) and line pitch (in)
_LANE_W, _MARGIN, _COL_W, _BOX_W = 1.3, 0.32, 1.26, 1.12
_PAD, _GAP, _LANE_PAD, _BLOCK_GAP, _TITLE_H = 0.06, 0.14, 0.1, 0.3, 0.38
_RADIUS, _DIAMOND, _CONNECTOR = 0.12, 0.2, 0.11
_MAX_LINES = 4
_HALO = {"boxstyle": "round,pad=0.08", "fc": "#FFFFFF", "ec": "none", "alpha": 0.8}
_VOWELS = set("aeiouyäöüAEIOUYÄÖÜ")
_DIGRAPHS = {"ch", "ck", "sc", "ph", "th"}
# Heads after which German compounds break well: "Zahlungs|eingang", "Debitoren|buchhaltung".
_JOINTS = ("ungs", "ions", "heits", "keits", "täts", "ings", "ebs", "kredit", "kunden", "debitoren")
_MEASURE: Any = cast(Any, RendererAgg)(1, 1, 72)  # 72 dpi: widths come back in points


@dataclass
class _Node:
    kind: str
    lines: list[str]
    up: float  # extent above the anchor (in)
    down: float  # extent below the anchor, label included (in)
    x: float = 0.0
    y: float = 0.0
    block: int = 0

    def box(self, margin: float = 0.0) -> tuple[float, float, float, float]:
        """Return (x0, y0, x1, y1) of the shape and its label."""
        half = (_BOX_W if self.kind in ("task", "wait") else _COL_W - 0.12) / 2
        return (
            self.x - half - margin,
            self.y - self.down - margin,
            self.x + half + margin,
            self.y + self.up + margin,
        )


def _width(text: str, *, bold: bool = False) -> float:
    """Return the rendered width of one line at the label size, in inches."""
    prop = FontProperties(size=_FONT, weight="bold" if bold else "normal")
    return float(_MEASURE.get_text_width_height_descent(text, prop, ismath=False)[0]) / 72


def _split_word(word: str, width: float, bold: bool) -> tuple[str, str]:
    """Return (head ending in a hyphen, rest): a syllable-like break that fits `width`."""
    fits = [k for k in range(3, len(word) - 3) if _width(word[:k] + "-", bold=bold) <= width]
    if not fits:
        return word[:1], word[1:]
    low = word.lower()
    joints = [  # compound joints: "Zahlungs|eingang", "Inkasso|übergabe"
        k for k in fits if low[:k].endswith(_JOINTS) or (low[k - 1] in "aeiou" and low[k] in "äöü")
    ]
    syllables = [
        k
        for k in fits
        if low[k] not in _VOWELS and low[k + 1] in _VOWELS and low[k - 1 : k + 1] not in _DIGRAPHS
    ]
    k = max(joints or syllables or fits)
    return word[:k] + "-", word[k:]


def _wrap(text: str, width: float, *, bold: bool = False, max_lines: int = _MAX_LINES) -> list[str]:
    """Return `text` wrapped into lines that fit `width` inches; long words are hyphenated."""
    tokens = re.findall(r"\S+?-(?=\w)|\S+\s*", text.strip())
    lines: list[str] = []
    line = ""
    for raw in tokens:
        token = raw.rstrip()
        glue = "" if line.endswith("-") or not line else " "
        if _width(line + glue + token, bold=bold) <= width:
            line += glue + token
            continue
        if line:
            lines.append(line)
            line = ""
        while _width(token, bold=bold) > width:
            head, token = _split_word(token, width, bold)
            lines.append(head)
        line = token
    if line:
        lines.append(line)
    if len(lines) > max_lines:
        last = lines[max_lines - 1]
        while last and _width(last + "…", bold=bold) > width:
            last = last[:-1]
        lines = [*lines[: max_lines - 1], last.rstrip(" -") + "…"]
    return lines or [""]


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


def _nodes(pmap: ProcessMap, language: str) -> dict[str, _Node]:
    """Return every activity with its wrapped label and vertical extents."""
    nodes: dict[str, _Node] = {}
    for node, data in pmap.graph.nodes(data=True):
        kind = str(data["kind"])
        boxed = kind not in ("start", "end", "decision")
        lines = _wrap(str(data["name"] or ""), (_BOX_W - 2 * _PAD) if boxed else _COL_W - 0.12)
        hours = pmap.hours(node)
        if hours > 0:
            lines.append(
                t("process.swimlane.hours", language, hours=fmt_number(hours, language, digits=0))
            )
        text_h = len(lines) * _LINE
        if boxed:
            nodes[str(node)] = _Node(kind, lines, text_h / 2 + _PAD, text_h / 2 + _PAD)
        else:
            half = _RADIUS if kind != "decision" else _DIAMOND
            nodes[str(node)] = _Node(kind, lines, half, half + 0.05 + text_h)
    return nodes


def _place(
    pmap: ProcessMap, nodes: dict[str, _Node]
) -> tuple[list[tuple[int, str, float, float]], list[float], int]:
    """Set node positions; return lane bands (block, lane, top, height), block bottoms, columns."""
    cols = layout_columns(pmap)
    n_cols = max(cols.values(), default=0) + 1
    n_blocks = -(-n_cols // _PER_BLOCK)
    per_block = -(-n_cols // n_blocks)
    stacks: dict[tuple[int, str], list[str]] = {}
    for node in sorted(cols, key=lambda n: (cols[n], n)):
        stacks.setdefault((cols[node], pmap.graph.nodes[node]["lane"] or ""), []).append(node)
    bands: list[tuple[int, str, float, float]] = []
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
            header = _wrap(lane or "–", _LANE_W - 0.22, bold=True)
            height = max(needed, len(header) * _LINE, 0.3) + 2 * _LANE_PAD
            anchor = y - (height - needed) / 2 - reach
            for col, ids in here.items():
                yy = anchor
                for k, node in enumerate(ids):
                    if k:
                        yy -= nodes[ids[k - 1]].down + _GAP + nodes[node].up
                    nodes[node].x = _LANE_W + _MARGIN + (col % per_block + 0.5) * _COL_W
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


def _route(
    a: tuple[float, float],
    b: tuple[float, float],
    obstacles: list[tuple[float, float, float, float]],
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


def draw_swimlane(
    pmap: ProcessMap, *, highlight: ProcessAnalysis | None = None, language: str = "de"
) -> Figure:
    """Return a swimlane Figure of the map, duplicates and rework loops highlighted."""
    nodes = _nodes(pmap, language)
    bands, bottoms, per_block = _place(pmap, nodes)
    width = _LANE_W + 2 * _MARGIN + per_block * _COL_W
    entries = _legend(language)
    spans = [_width(str(e.get_label())) + 0.55 for e in entries]
    ncol = len(entries) if sum(spans) < width - 0.1 else -(-len(entries) // 2)
    legend_h = 0.12 + -(-len(entries) // ncol) * 0.26
    height = -bottoms[-1] + legend_h
    fig = Figure(figsize=(width, height))
    ax = fig.add_axes((0.0, 0.0, 1.0, 1.0))
    ax.set_xlim(0, width)
    ax.set_ylim(-height, 0)
    ax.axis("off")
    ax.text(0.02, -0.06, pmap.name, fontsize=11, fontweight="bold", va="top", ha="left")
    for i, (_block, lane, top, band_h) in enumerate(bands):
        ax.add_patch(
            Rectangle(
                (0.01, top - band_h),
                width - 0.02,
                band_h,
                facecolor=("#F4F4F4", "#FFFFFF")[i % len(pmap.lanes()) % 2],
                edgecolor="#BBBBBB",
                lw=0.6,
            )
        )
        ax.plot([_LANE_W, _LANE_W], [top, top - band_h], color="#BBBBBB", lw=0.6)
        ax.text(
            0.09,
            top - band_h / 2,
            "\n".join(_wrap(lane or "–", _LANE_W - 0.22, bold=True)),
            ha="left",
            va="center",
            fontsize=_FONT,
            fontweight="bold",
        )
    dups, loops = _highlights(pmap, highlight)
    patches = {
        node: _node_patch(ax, n.kind, n.x, n.y, node in dups, node in loops, n.up)
        for node, n in nodes.items()
    }
    _edges(ax, pmap, nodes, patches, loops, width)
    for node, n in nodes.items():
        boxed = n.kind not in ("start", "end", "decision")
        ax.text(
            n.x,
            n.y if boxed else n.y - n.up - 0.05,
            "\n".join(n.lines),
            ha="center",
            va="center" if boxed else "top",
            fontsize=_FONT,
            zorder=4,
            gid=f"label:{node}",
            bbox=None if n.kind == "task" else _HALO,
        )
    ax.legend(
        handles=entries,
        loc="upper left",
        bbox_to_anchor=(0.02, bottoms[-1] - 0.08),
        bbox_transform=ax.transData,
        ncol=ncol,
        fontsize=_FONT,
        frameon=False,
        borderaxespad=0.0,
        borderpad=0.0,
        handlelength=1.5,
        columnspacing=1.4,
    )
    return fig


def _edges(
    ax: Axes,
    pmap: ProcessMap,
    nodes: dict[str, _Node],
    patches: dict[str, PatchBase],
    loops: set[str],
    width: float,
) -> None:
    """Draw the flows; flows into another block end at lettered connectors (A … A)."""
    back = _back_edges(pmap.graph)
    boxes = {node: n.box(0.03) for node, n in nodes.items()}
    used: list[tuple[int, float, float]] = []
    letters = iter("ABCDEFGHIJKLMNOPQRSTUVWXYZ")

    def connector(block: int, right: bool, y: float, letter: str, colour: str) -> Circle:
        x = width - _MARGIN / 2 if right else _LANE_W + _MARGIN / 2
        while any(b == block and ux == x and abs(uy - y) < 2.2 * _CONNECTOR for b, ux, uy in used):
            y -= 2.4 * _CONNECTOR
        used.append((block, x, y))
        circle = Circle((x, y), _CONNECTOR, facecolor="#FFFFFF", edgecolor=colour, lw=1.2, zorder=3)
        ax.add_patch(circle)
        ax.text(x, y, letter, ha="center", va="center", fontsize=8, fontweight="bold", zorder=4)
        return circle

    def arrow(
        a: PatchBase,
        b: PatchBase,
        pa: tuple[float, float],
        pb: tuple[float, float],
        skip: set[str],
        is_back: bool,
        colour: str,
    ) -> None:
        obstacles = [box for node, box in boxes.items() if node not in skip]
        ax.add_patch(
            FancyArrowPatch(
                pa,
                pb,
                patchA=a,
                patchB=b,
                arrowstyle="-|>",
                mutation_scale=9,
                lw=0.9,
                color=colour,
                linestyle="--" if is_back else "-",
                shrinkA=1,
                shrinkB=1,
                connectionstyle=f"arc3,rad={_route(pa, pb, obstacles, is_back)}",
                zorder=1,
            )
        )

    for u, v in sorted(pmap.graph.edges):
        su, sv = str(u), str(v)
        nu, nv = nodes[su], nodes[sv]
        is_back = (u, v) in back
        colour = _REWORK if is_back or (su in loops and sv in loops) else "#555555"
        if nu.block == nv.block:
            arrow(patches[su], patches[sv], (nu.x, nu.y), (nv.x, nv.y), {su, sv}, is_back, colour)
            continue
        letter = next(letters, "*")
        ahead = nv.block > nu.block
        out = connector(nu.block, ahead, nu.y, letter, colour)
        arrow(patches[su], out, (nu.x, nu.y), out.center, {su}, is_back, colour)
        inn = connector(nv.block, not ahead, nv.y, letter, colour)
        arrow(inn, patches[sv], inn.center, (nv.x, nv.y), {sv}, is_back, colour)


def _node_patch(
    ax: Axes, kind: str, x: float, y: float, dup: bool, loop: bool, half: float
) -> PatchBase:
    edge = _REWORK if loop else "#333333"
    lw = 1.6 if loop else 0.8
    if kind in ("start", "end"):
        patch: PatchBase = Circle(
            (x, y),
            _RADIUS,
            facecolor="#FFFFFF",
            edgecolor="#333333",
            lw=2.0 if kind == "end" else 0.8,
        )
    elif kind == "decision":
        d = _DIAMOND
        patch = Polygon(
            [(x, y + d), (x + d, y), (x, y - d), (x - d, y)],
            facecolor=OKABE_ITO["yellow"],
            edgecolor=edge,
            lw=lw,
        )
    else:
        face = _DUP if dup else (OKABE_ITO["sky"] if kind == "wait" else _TASK)
        patch = FancyBboxPatch(
            (x - _BOX_W / 2, y - half),
            _BOX_W,
            2 * half,
            boxstyle="round,pad=0.0,rounding_size=0.06",
            facecolor=face,
            edgecolor=edge,
            lw=lw,
            hatch="//" if kind == "wait" else None,
            zorder=2,
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
        Line2D(
            [0],
            [0],
            marker="o",
            color="none",
            markerfacecolor="#FFFFFF",
            markeredgecolor="#333333",
            markersize=8,
            label=t("process.legend.event", language),
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
