"""Waste in a map: rework loops, handoffs between lanes and systems, waiting steps."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import networkx as nx

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


def _preorder(graph: nx.DiGraph) -> dict[str, int]:
    starts = [n for n, k in graph.nodes(data="kind") if k == "start"]
    starts += [n for n in graph if graph.in_degree(n) == 0 and n not in starts]
    order: dict[str, int] = {}
    for source in [*starts, *graph.nodes]:
        if source not in order:
            for node in nx.dfs_preorder_nodes(graph, source):
                order.setdefault(node, len(order))
    return order


def rework_loops(pmap: ProcessMap, *, length_bound: int = LENGTH_BOUND) -> list[ReworkLoop]:
    """Return the map's rework loops (cycles up to `length_bound` flows whose chance is < 1)."""
    graph = pmap.graph
    if all(len(c) == 1 and not graph.has_edge(*c, *c) for c in pmap.components()):
        return []  # no cycle at all (most maps): skip the cycle search
    order = _preorder(graph)
    loops: list[ReworkLoop] = []
    for cycle in nx.simple_cycles(graph, length_bound=length_bound):
        edges = list(zip(cycle, [*cycle[1:], cycle[0]], strict=True))
        probs = [float(graph.edges[e]["probability"]) for e in edges]
        chance = math.prod(probs)
        if chance >= 1.0 or chance <= 0.0:
            continue
        back = [e for e in edges if order[e[1]] <= order[e[0]]]
        trigger = min(back or edges, key=lambda e: (graph.edges[e]["probability"], -order[e[0]]))
        start = cycle.index(trigger[1])
        ordered = tuple(str(n) for n in cycle[start:] + cycle[:start])
        extra = sum(pmap.hours(n) for n in cycle) * chance / (1.0 - chance)
        loops.append(
            ReworkLoop(pmap.id, ordered, (str(trigger[0]), str(trigger[1])), chance, extra)
        )
    return loops


def handoff_rows(maps: Sequence[ProcessMap]) -> list[dict[str, Any]]:
    """Return per map the flows and how many cross lanes or systems (handoffs), as rows."""
    rows = []
    for pmap in maps:
        g = pmap.graph
        lanes = systems = 0
        nodes = g.nodes
        for src, dst in g.edges:
            a, b = nodes[src], nodes[dst]
            lanes += bool(a["lane"] and b["lane"] and a["lane"] != b["lane"])
            systems += bool(a["system"] and b["system"] and a["system"] != b["system"])
        rows.append(
            {
                "map": pmap.id,
                "name": pmap.name,
                "flows": g.number_of_edges(),
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
        for n, d in pmap.graph.nodes(data=True)
        if d["kind"] == "wait"
    ]


def waits(maps: Sequence[ProcessMap]) -> pd.DataFrame:
    """Return the waiting steps (`kind: wait`) of all maps with their hours per month."""
    import pandas as pd

    return pd.DataFrame(wait_rows(maps), columns=list(WAIT_COLUMNS))
