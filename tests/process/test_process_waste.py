from __future__ import annotations

import pytest

from kit.process.model import Activity, ProcessMap
from kit.process.waste import handoffs, rework_loops, waits


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
    flows = [
        ("s", "a", 1.0),
        ("a", "d", 1.0),
        ("d", "e", 0.7),
        ("d", "r", 0.3),
        ("r", "w", 1.0),
        ("w", "a", 1.0),
    ]
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
