"""Swimlane diagrams of one process map, drawn with matplotlib only."""

from __future__ import annotations

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch, Patch, Polygon, Rectangle

from kit.charts.labels import FONT_PT, text_width
from kit.charts.process_overview import OKABE_ITO
from kit.charts.swimlane_layout import (
    BOX_W,
    COL_W,
    CONNECTOR,
    DIAMOND,
    LANE_W,
    MARGIN,
    RADIUS,
    Node,
    back_edges,
    lane_header,
    node_sizes,
    place,
    route,
)
from kit.i18n import Language, tr
from kit.process.analysis import ProcessAnalysis
from kit.process.model import ProcessMap

__all__ = ["plot_swimlane"]

_TASK, _DUP, _REWORK = "#FFFFFF", OKABE_ITO["orange"], OKABE_ITO["vermillion"]
_FLOW = "#555555"
_HALO = {"boxstyle": "round,pad=0.08", "fc": "#FFFFFF", "ec": "none", "alpha": 0.8}
_Handle = Artist | tuple[Artist, ...]


def _highlights(pmap: ProcessMap, highlight: ProcessAnalysis | None) -> tuple[set[str], set[str]]:
    if highlight is None:
        return set(), set()
    dups = {m.id for g in highlight.groups for m in g.members if m.map == pmap.id}
    loops = {a for r in highlight.rework if r.map == pmap.id for a in r.activities}
    return dups, loops


def plot_swimlane(
    pmap: ProcessMap, *, highlight: ProcessAnalysis | None = None, language: Language = "de"
) -> Figure:
    """Return a swimlane Figure of the map, duplicates and rework loops highlighted.

    Long because the lanes, boxes, flows and legend are drawn in order on one axes with one layout.
    """
    nodes = node_sizes(pmap, language)
    bands, bottoms, per_block = place(pmap, nodes)
    width = LANE_W + 2 * MARGIN + per_block * COL_W
    crosses = any(nodes[str(u)].block != nodes[str(v)].block for u, v in pmap.graph.edges)
    entries = _legend(language, connector=crosses)
    spans = [text_width(label) + 0.55 for _, label in entries]
    ncol = len(entries) if sum(spans) < width - 0.1 else -(-len(entries) // 2)
    legend_h = 0.12 + -(-len(entries) // ncol) * 0.26
    height = -bottoms[-1] + legend_h
    fig = Figure(figsize=(width, height))
    ax = fig.add_axes((0.0, 0.0, 1.0, 1.0))
    ax.set_xlim(0, width)
    ax.set_ylim(-height, 0)
    ax.axis("off")
    ax.text(
        0.02,
        -0.06,
        pmap.name,
        fontsize=11,
        fontweight="bold",
        va="top",
        ha="left",
        parse_math=False,
    )
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
        ax.plot([LANE_W, LANE_W], [top, top - band_h], color="#BBBBBB", lw=0.6)
        ax.text(
            0.09,
            top - band_h / 2,
            "\n".join(lane_header(lane)),
            ha="left",
            va="center",
            fontsize=FONT_PT,
            fontweight="bold",
            parse_math=False,
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
            fontsize=FONT_PT,
            zorder=4,
            gid=f"label:{node}",
            bbox=None if n.kind == "task" else _HALO,
            parse_math=False,  # an activity name with `$…$` is text, not a formula
        )
    ax.legend(
        [handle for handle, _ in entries],
        [label for _, label in entries],
        loc="upper left",
        bbox_to_anchor=(0.02, bottoms[-1] - 0.08),
        bbox_transform=ax.transData,
        ncol=ncol,
        fontsize=FONT_PT,
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
    nodes: dict[str, Node],
    patches: dict[str, Patch],
    loops: set[str],
    width: float,
) -> None:
    """Draw the flows; flows into another block end at lettered connectors (A … A).

    Long because each flow is routed by what lies between its ends; the two drawing functions are
    nested to share that state.
    """
    back = back_edges(pmap.graph)
    boxes = {node: n.box(0.03) for node, n in nodes.items()}
    used: list[tuple[int, float, float]] = []
    letters = iter("ABCDEFGHIJKLMNOPQRSTUVWXYZ")

    def connector(block: int, right: bool, y: float, letter: str, colour: str) -> Circle:
        x = width - MARGIN / 2 if right else LANE_W + MARGIN / 2
        while any(b == block and ux == x and abs(uy - y) < 2.2 * CONNECTOR for b, ux, uy in used):
            y -= 2.4 * CONNECTOR
        used.append((block, x, y))
        circle = Circle((x, y), CONNECTOR, facecolor="#FFFFFF", edgecolor=colour, lw=1.2, zorder=3)
        ax.add_patch(circle)
        ax.text(x, y, letter, ha="center", va="center", fontsize=8, fontweight="bold", zorder=4)
        return circle

    def arrow(
        a: Patch,
        b: Patch,
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
                connectionstyle=f"arc3,rad={route(pa, pb, obstacles, back=is_back)}",
                zorder=1,
            )
        )

    for u, v in sorted(pmap.graph.edges):
        su, sv = str(u), str(v)
        nu, nv = nodes[su], nodes[sv]
        is_back = (u, v) in back
        colour = _REWORK if is_back or (su in loops and sv in loops) else _FLOW
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
) -> Patch:
    edge = _REWORK if loop else "#333333"
    lw = 1.6 if loop else 0.8
    if kind in ("start", "end"):
        patch: Patch = Circle(
            (x, y),
            RADIUS,
            facecolor="#FFFFFF",
            edgecolor="#333333",
            lw=2.0 if kind == "end" else 0.8,
        )
    elif kind == "decision":
        d = DIAMOND
        patch = Polygon(
            [(x, y + d), (x + d, y), (x, y - d), (x - d, y)],
            facecolor=OKABE_ITO["yellow"],
            edgecolor=edge,
            lw=lw,
        )
    else:
        face = _DUP if dup else (OKABE_ITO["sky"] if kind == "wait" else _TASK)
        patch = FancyBboxPatch(
            (x - BOX_W / 2, y - half),
            BOX_W,
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


def _legend(language: Language, *, connector: bool) -> list[tuple[_Handle, str]]:
    """Return (handle, label) legend entries; the connector entry only when one is drawn."""
    edge = "#333333"
    entries: list[tuple[_Handle, str]] = [
        (Patch(facecolor=_TASK, edgecolor=edge), tr("Activity", language)),
        (Patch(facecolor=_DUP, edgecolor=edge), tr("Duplicate work", language)),
        (
            Line2D([0], [0], color=_REWORK, lw=1.6, linestyle="--"),
            tr("Rework loop", language),
        ),
        (
            Patch(facecolor=OKABE_ITO["yellow"], edgecolor=edge),
            tr("Decision", language),
        ),
        (
            Patch(facecolor=OKABE_ITO["sky"], edgecolor=edge, hatch="//"),
            tr("Waiting", language),
        ),
        (
            Line2D(
                [0],
                [0],
                marker="o",
                color="none",
                markerfacecolor="#FFFFFF",
                markeredgecolor=edge,
                markersize=8,
            ),
            tr("Start/end", language),
        ),
    ]
    if connector:
        circle = Line2D(
            [0],
            [0],
            marker="o",
            color="none",
            markerfacecolor="#FFFFFF",
            markeredgecolor=_FLOW,
            markeredgewidth=1.2,
            markersize=12,
        )
        letter = Line2D([0], [0], marker="$A$", color="none", markerfacecolor="#000000")
        letter.set_markeredgecolor("#000000")
        letter.set_markersize(6)
        entries.append(((circle, letter), tr("Continues (A → A)", language)))
    return entries
