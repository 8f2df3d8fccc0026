from __future__ import annotations

import random

import networkx as nx
import pytest

from kit.errors import ProcessMapError
from kit.process.model import Activity, ProcessMap, _strongly_connected, hours_per_month


def _acts(*ids: str, kind: str = "task") -> list[Activity]:
    return [Activity(id=i, name=f"Schritt {i}", kind=kind, minutes=10, per_month=6) for i in ids]


def test_hours_per_month_is_minutes_times_volume_over_60() -> None:
    # 12 min × 300 / 60 = 60 h
    assert hours_per_month(12, 300) == 60.0
    assert hours_per_month(None, 300) == 0.0


def test_build_valid_map_and_hours() -> None:
    pmap = ProcessMap.build(id="m", name="M", activities=_acts("a", "b"), flows=[("a", "b", 1.0)])
    assert pmap.hours("a") == 1.0  # 10 × 6 / 60
    assert pmap.total_hours() == 2.0
    assert pmap.graph.edges["a", "b"]["probability"] == 1.0


@pytest.mark.parametrize(
    ("activities", "flows", "needle"),
    [
        (_acts("a", "a"), [], "duplicate activity id"),
        (_acts("a"), [("a", "zz", 1.0)], "unknown activity"),
        (_acts("a", "b"), [("a", "b", 1.5)], "probability 1.5"),
        ([], [], "no activities"),
        (
            [Activity(id="a", name="x", minutes=-5, per_month=1)],
            [],
            "minutes is -5",
        ),
        (
            [Activity(id="d", name="?", kind="decision"), *_acts("b", "c")],
            [("d", "b", 0.5), ("d", "c", 0.3)],
            "sum to 0.8",
        ),
        (_acts("a", "b", "c"), [("a", "b", 1.0), ("b", "c", 1.0), ("c", "b", 1.0)], "no exit"),
        ([Activity(id="a", name="x", kind="gateway")], [], "unknown kind"),
    ],
)
def test_validation_names_map_and_activity(
    activities: list[Activity], flows: list[tuple[str, str, float]], needle: str
) -> None:
    with pytest.raises(ProcessMapError) as info:
        ProcessMap.build(id="map-x", name="X", activities=activities, flows=flows)
    text = str(info.value)
    assert needle in text
    assert "map 'map-x'" in text


def test_decision_within_tolerance_is_accepted() -> None:
    acts = [Activity(id="d", name="?", kind="decision"), *_acts("b", "c")]
    # 0.333 + 0.662 = 0.995, inside 1 ± 0.01
    ProcessMap.build(
        id="m", name="M", activities=acts, flows=[("d", "b", 0.333), ("d", "c", 0.662)]
    )


def test_unknown_effort_listed() -> None:
    acts = [Activity(id="a", name="x"), Activity(id="s", name="", kind="start")]
    pmap = ProcessMap.build(id="m", name="M", activities=acts, flows=[("s", "a", 1.0)])
    assert pmap.unknown_effort() == ["a"]
    assert pmap.hours("a") == 0.0


@pytest.mark.parametrize("seed", range(20))
def test_components_come_as_networkx_finds_them(seed: int) -> None:
    rng = random.Random(seed)
    ids = [f"n{k}" for k in range(12)]
    flows = [(rng.choice(ids), rng.choice(ids), 0.5) for _ in range(18)]
    graph = nx.DiGraph()
    graph.add_nodes_from(ids)
    graph.add_edges_from((a, b) for a, b, _ in flows)
    succ = {n: dict.fromkeys(graph.succ[n], 0.5) for n in graph}
    assert _strongly_connected(succ) == list(nx.strongly_connected_components(graph))


def test_the_graph_is_built_on_demand_from_the_flows() -> None:
    pmap = ProcessMap.build(
        id="m",
        name="M",
        activities=_acts("a", "b", "c"),
        flows=[("a", "b", 1.0), ("b", "c", 0.75), ("b", "a", 0.25)],
    )
    assert pmap._graph is None  # reading a map builds no networkx graph
    assert list(pmap.graph.edges(data="probability")) == pmap.flows()
    assert pmap.flows() == [("a", "b", 1.0), ("b", "c", 0.75), ("b", "a", 0.25)]
    assert dict(pmap.graph.nodes(data=True)) == pmap.nodes
    assert pmap.graph is pmap.graph
    assert pmap.components() == [{"c"}, {"a", "b"}]
