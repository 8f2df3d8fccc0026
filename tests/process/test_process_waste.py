from __future__ import annotations

import pytest

from kit.process.model import Activity, ProcessMap
from kit.process.waste import handoffs, rework_loops, waits
from tests.process.conftest import flows_along


def _map() -> ProcessMap:
    acts = [
        Activity(id="s", name="", kind="start", lane="A"),
        Activity(
            id="a", name="Unterlagen prüfen", lane="A", system="SAP", minutes=20, per_month=60
        ),
        Activity(id="d", name="vollständig?", kind="decision", lane="A"),
        Activity(
            id="r", name="Unterlagen anfordern", lane="B", system="Mail", minutes=15, per_month=60
        ),
        Activity(id="w", name="warten", kind="wait", lane="B", minutes=1, per_month=60),
        Activity(id="e", name="", kind="end", lane="A"),
    ]
    flows = flows_along("s a d e", "d r w a", p={"d e": 0.7, "d r": 0.3})
    return ProcessMap.build(id="m", name="M", activities=acts, flows=flows)


def test_rework_hours_follow_p_over_one_minus_p() -> None:
    (loop,) = rework_loops(_map())
    assert loop.probability == pytest.approx(0.3)
    assert loop.trigger == ("w", "a")  # the flow back to earlier work
    # hours on the loop: a 20×60/60 = 20, r 15×60/60 = 15, w 1×60/60 = 1 → 36 h
    # extra = 36 × 0.3 / 0.7 = 15.428…
    assert loop.hours_per_month == pytest.approx(36 * 0.3 / 0.7)


def test_handoffs_and_waits() -> None:
    frame = handoffs([_map()])
    # lane changes: d(A)→r(B), w(B)→a(A) = 2; systems: none between two tasks with systems
    assert frame.loc[0, "lane_handoffs"] == 2
    assert frame.loc[0, "system_handoffs"] == 0
    w = waits([_map()])
    assert list(w["id"]) == ["w"] and w.loc[0, "hours_per_month"] == 1.0


def _nested() -> ProcessMap:
    """Two loops through `a` (a→b→a and a→b→c→a), a self-loop on `c` and a plain ring x→y→x."""
    acts = [
        Activity(id="s", name="", kind="start"),
        *(Activity(id=n, name=f"Schritt {n}", minutes=6, per_month=10) for n in "abcxy"),
        Activity(id="e", name="", kind="end"),
    ]
    flows = flows_along(
        "s a b a",
        "b c a",
        "c c",
        "c x y x",
        "y e",
        p={"b a": 0.2, "b c": 0.8, "c a": 0.5, "c c": 0.1, "c x": 0.4, "y x": 0.25, "y e": 0.75},
    )
    return ProcessMap.build(id="n", name="N", activities=acts, flows=flows)


def test_rework_loops_are_every_simple_cycle_below_one() -> None:
    loops = {loop.activities: loop for loop in rework_loops(_nested())}
    # a→b→a: 1.0 × 0.2 = 0.2; a→b→c→a: 1.0 × 0.8 × 0.5 = 0.4; c→c: 0.1; x→y→x: 1.0 × 0.25
    assert set(loops) == {("a", "b"), ("a", "b", "c"), ("c",), ("x", "y")}
    assert loops[("a", "b")].probability == pytest.approx(0.2)
    assert loops[("a", "b", "c")].probability == pytest.approx(0.4)
    assert loops[("a", "b", "c")].trigger == ("c", "a")
    assert loops[("c",)].trigger == ("c", "c")
    # each step 6 min × 10 / 60 = 1 h; x→y→x: 2 h × 0.25 / 0.75 = 0.666…
    assert loops[("x", "y")].hours_per_month == pytest.approx(2 * 0.25 / 0.75)
    assert loops[("x", "y")].trigger == ("y", "x")


def test_rework_loops_respect_the_length_bound() -> None:
    assert {loop.activities for loop in rework_loops(_nested(), length_bound=1)} == {("c",)}
    assert ("x", "y") in {loop.activities for loop in rework_loops(_nested(), length_bound=2)}
