"""Waste in a map: rework loops, handoffs between lanes and systems, waiting steps."""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kit.process.model import ProcessMap

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["ReworkLoop", "handoff_rows", "handoffs", "rework_loops", "wait_rows", "waits"]

HANDOFF_COLUMNS = ("map", "name", "flows", "lane_handoffs", "system_handoffs")
WAIT_COLUMNS = ("map", "id", "name", "lane", "hours_per_month")

LENGTH_BOUND = 12


@dataclass(frozen=True)
class ReworkLoop:
    """A loop back to earlier work: each activity on it runs 1 ÷ (1 − p) times on average."""

    map: str
    activities: tuple[str, ...]
    trigger: tuple[str, str]  # the back-flow
    probability: float  # chance of going round once more (product of the loop's flows)
    hours_per_month: float  # extra hours = Σ hours × p ÷ (1 − p)


def _preorder(pmap: ProcessMap) -> dict[str, int]:
    """Return each node's position in a depth-first walk from the starts (then from the rest)."""
    succ = pmap.succ
    reached = {dst for out in succ.values() for dst in out}
    starts = [n for n, d in pmap.nodes.items() if d["kind"] == "start"]
    first = set(starts)
    starts += [n for n in pmap.nodes if n not in reached and n not in first]
    order: dict[str, int] = {}
    for source in [*starts, *pmap.nodes]:
        if source in order:
            continue
        # nx.dfs_preorder_nodes(graph, source), written out: one walk per map with a loop
        order[source] = len(order)
        visited = {source}
        stack = [iter(succ[source])]
        while stack:
            for child in stack[-1]:
                if child not in visited:
                    visited.add(child)
                    order.setdefault(child, len(order))
                    stack.append(iter(succ[child]))
                    break
            else:
                stack.pop()
    return order


def _ring(members: set[str], succ: Any) -> list[str] | None:
    """Return the nodes of a component that is one plain cycle, in flow order, else None."""
    nxt: dict[str, str] = {}
    for node in members:
        inside = [v for v in succ[node] if v in members]
        if len(inside) != 1 or inside[0] == node:
            return None
        nxt[node] = inside[0]
    start = node = min(members)
    ring = [start]
    while (node := nxt[node]) != start:
        ring.append(node)
    return ring if len(ring) == len(members) else None


def _cycles(pmap: ProcessMap, length_bound: int) -> Iterator[list[str]]:
    """Yield the simple cycles of the map with at most `length_bound` flows.

    Every cycle lies within one strongly connected component. Most loops of a process map are
    one plain ring (rework goes back once); those are read off directly, the others are left to
    networkx's bounded cycle search on their component alone.
    """
    succ = pmap.succ
    for members in pmap.components():
        if len(members) == 1:
            (node,) = members
            if node in succ[node] and length_bound >= 1:
                yield [node]
            continue
        ring = _ring(members, succ)
        if ring is not None:
            if len(ring) <= length_bound:
                yield ring
            continue
        import networkx as nx  # only for a loop that is not one plain ring

        part = nx.DiGraph()
        part.add_nodes_from(n for n in pmap.nodes if n in members)
        part.add_edges_from((u, v) for u in part for v in succ[u] if v in members)
        yield from nx.simple_cycles(part, length_bound=length_bound)


def rework_loops(pmap: ProcessMap, *, length_bound: int = LENGTH_BOUND) -> list[ReworkLoop]:
    """Return the map's rework loops (cycles up to `length_bound` flows whose chance is < 1).

    Each loop starts at the target of its trigger (the back-flow, the least likely flow of the
    loop); its chance and hours are summed in that order, so they do not depend on where the
    cycle search happened to enter the loop.
    """
    succ = pmap.succ
    order: dict[str, int] | None = None
    loops: list[ReworkLoop] = []
    for cycle in _cycles(pmap, length_bound):
        edges = list(zip(cycle, [*cycle[1:], cycle[0]], strict=True))
        probs = [float(succ[u][v]) for u, v in edges]
        chance = math.prod(probs)
        if chance >= 1.0 or chance <= 0.0:
            continue
        if order is None:
            order = _preorder(pmap)
        back = [e for e in edges if order[e[1]] <= order[e[0]]]
        trigger = min(back or edges, key=lambda e: (succ[e[0]][e[1]], -order[e[0]]))
        start = cycle.index(trigger[1])
        ordered = tuple(str(n) for n in cycle[start:] + cycle[:start])
        chance = math.prod(probs[start:] + probs[:start])
        extra = sum(pmap.hours(n) for n in ordered) * chance / (1.0 - chance)
        loops.append(
            ReworkLoop(pmap.id, ordered, (str(trigger[0]), str(trigger[1])), chance, extra)
        )
    return loops


def handoff_rows(maps: Sequence[ProcessMap]) -> list[dict[str, Any]]:
    """Return per map the flows and how many cross lanes or systems (handoffs), as rows."""
    rows = []
    for pmap in maps:
        nodes = pmap.nodes
        lanes = systems = flows = 0
        for src, out in pmap.succ.items():
            flows += len(out)
            here = nodes[src]
            for dst in out:
                there = nodes[dst]
                a, b = here["lane"], there["lane"]
                lanes += bool(a and b and a != b)
                a, b = here["system"], there["system"]
                systems += bool(a and b and a != b)
        rows.append(
            {
                "map": pmap.id,
                "name": pmap.name,
                "flows": flows,
                "lane_handoffs": lanes,
                "system_handoffs": systems,
            }
        )
    return rows


def handoffs(maps: Sequence[ProcessMap]) -> pd.DataFrame:
    """Return per map the flows and how many cross lanes or systems (handoffs)."""
    import pandas as pd

    return pd.DataFrame(handoff_rows(maps), columns=list(HANDOFF_COLUMNS))


def wait_rows(maps: Sequence[ProcessMap]) -> list[dict[str, Any]]:
    """Return the waiting steps (`kind: wait`) of all maps with their hours per month, as rows."""
    return [
        {
            "map": pmap.id,
            "id": str(n),
            "name": d["name"],
            "lane": d["lane"],
            "hours_per_month": pmap.hours(n),
        }
        for pmap in maps
        for n, d in pmap.nodes.items()
        if d["kind"] == "wait"
    ]


def waits(maps: Sequence[ProcessMap]) -> pd.DataFrame:
    """Return the waiting steps (`kind: wait`) of all maps with their hours per month."""
    import pandas as pd

    return pd.DataFrame(wait_rows(maps), columns=list(WAIT_COLUMNS))
