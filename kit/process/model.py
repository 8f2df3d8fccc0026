"""The process map: activities and flows (a networkx DiGraph on demand), with validation."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kit.errors import Problem, ProcessMapError
from kit.message import literal, msg

if TYPE_CHECKING:  # networkx is imported when a graph is asked for, not to read maps
    import networkx as nx

__all__ = ["KINDS", "Activity", "ProcessMap", "hours_per_month"]

KINDS = ("task", "decision", "wait", "start", "end")
_TOLERANCE = 0.01


@dataclass(frozen=True)
class Activity:
    """One activity of a map as read from a file (before it becomes a graph node)."""

    id: str
    name: str
    lane: str | None = None
    system: str | None = None
    object: str | None = None
    minutes: float | None = None
    per_month: float | None = None
    kind: str = "task"
    row: int | None = None  # where the user sees it (CSV row, YAML list position)


#: The fields of an Activity kept as attributes of its graph node (the id is the node itself).
_NODE_FIELDS = ("name", "lane", "system", "object", "minutes", "per_month", "kind")


def hours_per_month(minutes: float | None, per_month: float | None) -> float:
    """Return hours per month = minutes × executions per month ÷ 60 (0 when effort is unknown)."""
    if minutes is None or per_month is None:
        return 0.0
    return float(minutes) * float(per_month) / 60.0


@dataclass(eq=False)
class ProcessMap:
    """A process map: `nodes` maps activity ids to attributes, `succ` flows to probabilities.

    `succ[a][b]` is the probability of the flow a → b (in the order the flows were given);
    `graph` is the same map as a networkx DiGraph (nodes with attributes, edges with
    `probability`), built when first asked for.
    """

    id: str
    name: str
    nodes: dict[str, dict[str, Any]]
    succ: dict[str, dict[str, float]]
    owner: str | None = None
    source: Path | None = None
    warnings: list[Problem] = field(default_factory=list)
    _components: list[set[str]] | None = field(default=None, init=False, repr=False)
    _graph: nx.DiGraph | None = field(default=None, init=False, repr=False)

    @property
    def graph(self) -> nx.DiGraph:
        """Return the map as a networkx DiGraph (built once, on first use)."""
        if self._graph is None:
            import networkx as nx

            graph = nx.DiGraph()
            graph.add_nodes_from(self.nodes.items())
            graph.add_edges_from(
                (src, dst, {"probability": prob})
                for src, out in self.succ.items()
                for dst, prob in out.items()
            )
            self._graph = graph
        return self._graph

    def flows(self) -> list[tuple[str, str, float]]:
        """Return the flows as (from, to, probability), in the order of `graph.edges`."""
        return [(src, dst, prob) for src, out in self.succ.items() for dst, prob in out.items()]

    def components(self) -> list[set[str]]:
        """Return the strongly connected components (computed once per map).

        In the order networkx's `strongly_connected_components` yields them (the same
        algorithm, on the plain flows): rework loops are reported in this order.
        """
        if self._components is None:
            self._components = _strongly_connected(self.succ)
        return self._components

    @classmethod
    def build(
        cls,
        *,
        id: str,
        name: str,
        activities: list[Activity],
        flows: list[tuple[str, str, float]],
        owner: str | None = None,
        source: Path | None = None,
        warnings: list[Problem] | None = None,
    ) -> ProcessMap:
        """Return a validated map built from activities and (from, to, probability) flows.

        Long because each field of an activity and each flow is checked with its own message.
        """
        nodes: dict[str, dict[str, Any]] = {}
        succ: dict[str, dict[str, float]] = {}
        problems: list[Problem] = []
        where = str(source) if source else None
        for act in activities:
            if act.id in nodes:
                problems.append(_problem(where, id, act.id, "duplicate activity id", row=act.row))
                continue
            nodes[act.id] = {name: getattr(act, name) for name in _NODE_FIELDS}
            succ[act.id] = {}
        for src, dst, prob in flows:
            for end in (src, dst):
                if end not in nodes:
                    problems.append(
                        _problem(
                            where,
                            id,
                            end,
                            msg("flow {src} → {dst} names an unknown activity", src=src, dst=dst),
                        )
                    )
            if not (isinstance(prob, float | int) and 0.0 <= prob <= 1.0) or math.isnan(prob):
                problems.append(
                    _problem(
                        where,
                        id,
                        src,
                        msg(
                            "flow {src} → {dst} has probability {prob}", src=src, dst=dst, prob=prob
                        ),
                        expected="a probability between 0 and 1",
                    )
                )
            if src in nodes and dst in nodes:
                succ[src][dst] = float(prob)
        pmap = cls(
            id=id,
            name=name,
            nodes=nodes,
            succ=succ,
            owner=owner,
            source=source,
            warnings=list(warnings or []),
        )
        problems.extend(pmap.problems())
        if problems:
            raise ProcessMapError(
                msg("process map '{map}' is invalid: {cause}", map=id, cause=problems[0].message),
                path=source,
                key=problems[0].key,
                row=problems[0].row,
                expected=problems[0].expected,
                problems=problems[1:],
            )
        return pmap

    def problems(self) -> list[Problem]:
        """Return every rule the graph breaks (kinds, negative effort, decisions, endless loops).

        Long because each graph rule is a few lines, run in the order the problems are reported.
        """
        where = str(self.source) if self.source else None
        out: list[Problem] = []
        if not self.nodes:
            out.append(_problem(where, self.id, None, "the map has no activities"))
            return out
        succ = self.succ
        for node, data in self.nodes.items():
            if data["kind"] not in KINDS:
                out.append(
                    _problem(
                        where,
                        self.id,
                        node,
                        msg("unknown kind '{data}'", data=data["kind"]),
                        expected=literal(", ".join(KINDS)),
                    )
                )
            for attr in ("minutes", "per_month"):
                value = data[attr]
                if value is not None and (math.isnan(value) or value < 0):
                    out.append(
                        _problem(
                            where, self.id, node, f"{attr} is {value}", expected="a number ≥ 0"
                        )
                    )
            if data["kind"] == "decision" and succ[node]:
                total = sum(succ[node].values())
                if abs(total - 1.0) > _TOLERANCE:
                    out.append(
                        _problem(
                            where,
                            self.id,
                            node,
                            msg(
                                "outgoing probabilities of the decision sum to {total}", total=total
                            ),
                            expected="a sum of 1 (± 0.01)",
                        )
                    )
        for members in self.components():
            looping = len(members) > 1 or any(m in succ[m] for m in members)
            if looping and all(nxt in members for m in members for nxt in succ[m]):
                first = sorted(members)[0]
                out.append(
                    _problem(
                        where,
                        self.id,
                        first,
                        msg("the loop {members} has no exit", members=", ".join(sorted(members))),
                        expected="a flow that leaves the loop",
                    )
                )
        return out

    def activity(self, activity_id: str) -> dict[str, Any]:
        """Return the attributes of one activity (name, lane, system, object, minutes, …)."""
        return dict(self.nodes[activity_id])

    def hours(self, activity_id: str) -> float:
        """Return the hours per month one activity costs (0 when its effort is unknown)."""
        data = self.nodes[activity_id]
        return hours_per_month(data["minutes"], data["per_month"])

    def total_hours(self) -> float:
        """Return the hours per month of all activities of the map."""
        return sum(self.hours(n) for n in self.nodes)

    def unknown_effort(self) -> list[str]:
        """Return ids of tasks and waits whose minutes or volume is missing (counted as 0 h)."""
        return [
            n
            for n, d in self.nodes.items()
            if d["kind"] in ("task", "wait") and (d["minutes"] is None or d["per_month"] is None)
        ]

    def lanes(self) -> list[str]:
        """Return the lanes of the map in the order they first appear."""
        seen: dict[str, None] = {}
        for data in self.nodes.values():
            seen.setdefault(data["lane"] or "", None)
        return list(seen)

    def activities(self) -> list[Activity]:
        """Return the activities as Activity records, in insertion order."""
        return [
            Activity(id=str(n), **{name: d[name] for name in _NODE_FIELDS})
            for n, d in self.nodes.items()
        ]


def _strongly_connected(succ: dict[str, dict[str, float]]) -> list[set[str]]:
    """Return the strongly connected components of the flows `succ`, as networkx orders them.

    Nuutila and Soisalon-Soininen's variant of Tarjan's algorithm, written as in networkx
    (`strongly_connected_components`) so that the components come in the same order.
    """
    preorder: dict[str, int] = {}
    lowlink: dict[str, int] = {}
    found: set[str] = set()
    waiting: list[str] = []
    out: list[set[str]] = []
    neighbours = {v: iter(targets) for v, targets in succ.items()}
    for source in succ:
        if source in found:
            continue
        queue = [source]
        while queue:
            v = queue[-1]
            if v not in preorder:
                preorder[v] = len(preorder) + 1
            done = True
            for w in neighbours[v]:
                if w not in preorder:
                    queue.append(w)
                    done = False
                    break
            if not done:
                continue
            low = preorder[v]
            for w in succ[v]:
                if w not in found:
                    low = min(low, lowlink[w] if preorder[w] > preorder[v] else preorder[w])
            lowlink[v] = low
            queue.pop()
            if low == preorder[v]:
                scc = {v}
                while waiting and preorder[waiting[-1]] > preorder[v]:
                    scc.add(waiting.pop())
                found.update(scc)
                out.append(scc)
            else:
                waiting.append(v)
    return out


def _problem(
    path: str | None,
    map_id: str,
    activity_id: str | None,
    message: str,
    *,
    expected: str | None = None,
    row: int | None = None,
) -> Problem:
    if activity_id:
        text = msg(
            "map '{map}', activity '{activity}': {cause}",
            map=map_id,
            activity=activity_id,
            cause=message,
        )
    else:
        text = msg("map '{map}': {cause}", map=map_id, cause=message)
    return Problem(
        text,
        path=path,
        row=row,
        expected=expected,
        key=f"{map_id}/{activity_id}" if activity_id else map_id,
    )
