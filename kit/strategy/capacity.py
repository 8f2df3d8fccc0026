"""Collection-team capacity against workload: how much volume growth the team can carry.

Workload scales linearly with invoice volume: ``workload(g) = W0 × (1 + g) × (1 − a)`` hours a
month, W0 = today's workload (from the process maps: minutes × per month ÷ 60, summed), g =
volume growth (0.1 = +10 %), a = share of the work automated. Capacity = FTE × productive hours
per FTE and month. Break-even growth solves ``workload(g) = capacity``:
``g* = capacity ÷ (W0 × (1 − a)) − 1``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from kit.errors import ConfigError
from kit.message import Figure, Msg, msg, wording

__all__ = ["DEFAULT_GROWTH", "CapacityPlan", "capacity_plan"]

DEFAULT_GROWTH: tuple[float, ...] = tuple(round(0.1 * i, 1) for i in range(11))


@dataclass(frozen=True)
class CapacityPlan:
    """Workload against team hours per growth step, the break-even growth and a verdict."""

    table: pd.DataFrame
    workload_hours_per_month: float
    invoices_per_month: float
    capacity_hours_per_month: float
    fte: float
    hours_per_fte_month: float
    automation_share: float
    break_even_growth: float | None
    max_growth: float

    def workload_at(self, growth: float) -> float:
        """Return the workload in hours a month at a volume growth (0.1 = +10 %)."""
        return self.workload_hours_per_month * (1.0 + growth) * (1.0 - self.automation_share)

    def verdict(self) -> Msg:
        """Return the plain-words verdict: how much more volume the team can carry."""
        hours = self.hours_per_fte_month
        common = {
            "fte": Figure(self.fte, digits=1),
            "capacity": Figure(self.capacity_hours_per_month, digits=0),
            "max_growth": Figure(self.max_growth * 100.0, "percent", 0),
        }
        at_max = self.workload_at(self.max_growth)
        g = self.break_even_growth
        if g is None:
            spare = self.capacity_hours_per_month - at_max
            return wording(
                "The team ({fte} FTE, {capacity} hours a month) can carry the "
                "whole range tested, up to {max_growth} more invoice volume, "
                "and still has {spare} hours a month to spare.",
                **common,
                spare=Figure(spare, digits=0),
            )
        if g >= 0:
            extra = max(at_max - self.capacity_hours_per_month, 0.0) / hours
            return wording(
                "The team ({fte} FTE, {capacity} hours a month) can carry "
                "{growth} more invoice volume before it needs people or "
                "automation; at {max_growth} more volume it would need "
                "{extra_fte} more FTE.",
                **common,
                growth=Figure(g * 100.0, "percent", 0),
                extra_fte=Figure(extra, digits=1),
            )
        today = self.workload_at(0.0)
        short = today - self.capacity_hours_per_month
        raw = self.workload_hours_per_month
        needed = 1.0 - self.capacity_hours_per_month / raw if raw > 0 else 1.0
        return wording(
            "The team ({fte} FTE, {capacity} hours a month) is already "
            "{short} hours a month short today: it needs {extra_fte} more "
            "FTE or {automation} of the work automated.",
            **common,
            short=Figure(short, digits=0),
            extra_fte=Figure(short / hours, digits=1),
            automation=Figure(needed * 100.0, "percent", 0),
        )


def _check(
    name: str,
    value: float,
    *,
    low: float,
    high: float = math.inf,
    low_open: bool = False,
    expected: str,
) -> None:
    bad = not math.isfinite(value) or value < low or value > high or (low_open and value == low)
    if bad:
        raise ConfigError(
            msg("{name} is out of range", name=name), key=name, value=value, expected=expected
        )


def capacity_plan(
    *,
    workload_hours_per_month: float,
    invoices_per_month: float,
    fte: float,
    hours_per_fte_month: float,
    growth: Sequence[float] = DEFAULT_GROWTH,
    automation_share: float = 0.0,
) -> CapacityPlan:
    """Return the plan: per growth step workload, capacity and gap (hours a month), FTE needed.

    Long because the inputs are checked one by one (each with its own message) before the plan is
    computed.
    """
    _check(
        "workload_hours_per_month", workload_hours_per_month, low=0.0, expected="hours a month >= 0"
    )
    _check("invoices_per_month", invoices_per_month, low=0.0, expected="a count >= 0")
    _check("team.fte", fte, low=0.0, expected="FTE >= 0")
    _check(
        "team.hours_per_fte_month",
        hours_per_fte_month,
        low=0.0,
        low_open=True,
        expected="productive hours per FTE and month > 0",
    )
    _check(
        "automation_share",
        automation_share,
        low=0.0,
        high=1.0,
        expected="a share from 0 to 1 (0.25 = a quarter of the work automated)",
    )
    steps = sorted({float(g) for g in growth})
    if not steps:
        raise ConfigError("no growth steps given", key="growth", expected="e.g. 0, 0.1, ..., 1.0")
    for g in steps:
        _check("growth", g, low=-1.0, expected="growth as a share >= -1 (0.1 = +10 %)")
    capacity = fte * hours_per_fte_month
    g_arr = np.array(steps)
    workload = workload_hours_per_month * (1.0 + g_arr) * (1.0 - automation_share)
    table = pd.DataFrame(
        {
            "growth": g_arr,
            "invoices_per_month": invoices_per_month * (1.0 + g_arr),
            "workload_hours": workload,
            "capacity_hours": capacity,
            "gap_hours": workload - capacity,
            "fte_needed": workload / hours_per_fte_month,
        }
    )
    table["extra_fte"] = (table["fte_needed"] - fte).clip(lower=0.0)
    per_volume = workload_hours_per_month * (1.0 - automation_share)
    break_even: float | None = None
    if per_volume > 0:
        solved = capacity / per_volume - 1.0
        break_even = solved if solved <= steps[-1] else None
    return CapacityPlan(
        table=table,
        workload_hours_per_month=float(workload_hours_per_month),
        invoices_per_month=float(invoices_per_month),
        capacity_hours_per_month=float(capacity),
        fte=float(fte),
        hours_per_fte_month=float(hours_per_fte_month),
        automation_share=float(automation_share),
        break_even_growth=break_even,
        max_growth=steps[-1],
    )
