"""The aggregate rows of the KPI queries as the dataclasses `formulas.evaluate` takes.

Whoever ran the queries (an Ibis backend, or DuckDB running their compiled SQL) hands over the
rows; nothing here imports Ibis, so the DuckDB path of `kit kpis` need not load it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from kit.kpis.aggregates import Receivables, month_index, slice_lengths
from kit.kpis.aging import BUCKETS
from kit.kpis.disputes import Disputes

__all__ = ["Rows", "by_group", "receivables_and_disputes"]

_I64 = np.dtype(np.int64)


@dataclass(frozen=True)
class Rows:
    """The rows of one aggregate query and the names of its columns."""

    columns: Sequence[str]
    rows: Sequence[Sequence[Any]]


def _number(value: Any) -> float:
    """Return a fetched cell as float: NULL (a group without such rows) counts as 0."""
    number = 0.0 if value is None else float(value)
    return 0.0 if number != number else number  # NaN (a NULL some drivers hand over so) too


def by_group(result: Rows, groups: int) -> dict[str, np.ndarray]:
    """Return each aggregate column as an array of length `groups` (0 for absent groups)."""
    at = list(result.columns).index("grp")
    out = {str(c): np.zeros(groups) for c in result.columns if c != "grp"}
    for row in result.rows:
        code = int(row[at])
        for column, value in zip(result.columns, row, strict=True):
            if column != "grp":
                out[str(column)][code] = _number(value)
    return out


def receivables_and_disputes(
    inv: dict[str, np.ndarray],
    cred: dict[str, np.ndarray],
    res: dict[str, np.ndarray],
    sales: Rows,
    *,
    groups: int,
    day: int,
    first_day: int,
    has_disputes: bool,
    has_resolved: bool,
) -> tuple[Receivables, Disputes]:
    """Return the receivables and dispute aggregates per group from the query results.

    `inv`, `cred`, `res`: the per-group columns of `queries.invoice_totals`, `credit_totals` and
    `resolved_totals`; `sales`: the rows (grp, back, sales) of `queries.monthly_sales`.
    """
    t_month = int(month_index(day))
    first_month = int(month_index(min(first_day, day)))
    months = t_month - first_month + 1
    monthly = np.zeros((groups, months))
    names = list(sales.columns)
    g, back, amount = names.index("grp"), names.index("back"), names.index("sales")
    for row in sales.rows:
        monthly[int(row[g]), int(row[back])] += _number(row[amount])
    k = len(BUCKETS)
    aging_amount = np.stack([inv[f"aging_amount_{b}"] for b in range(k)], axis=1)
    aging_count = np.stack([inv[f"aging_count_{b}"] for b in range(k)], axis=1)
    notes_in_w = cred["notes_in_w"]

    def ints(name: str, frame: dict[str, np.ndarray] = inv) -> np.ndarray:
        return np.asarray(frame[name]).astype(_I64)

    rec = Receivables(
        aging_amount=aging_amount,
        aging_count=aging_count.astype(_I64),
        ar_start=inv["ar_start"],
        credit_sales=inv["credit_sales"] - notes_in_w,
        issued_count=ints("issued_count"),
        paid_in_w=cred["paid_in_w"],
        due_in_w=inv["due_in_w"],
        settled_count=ints("settled_count"),
        settled_amount=inv["settled_amount"],
        settled_amount_x_days_to_pay=inv["settled_amount_x_days_to_pay"],
        settled_amount_x_days_late=inv["settled_amount_x_days_late"],
        on_time_count=ints("on_time_count"),
        within_goal_count=ints("within_goal_count"),
        monthly_sales=monthly,
        slice_days=slice_lengths(day, t_month, months),
        overpaid_count=int(inv["overpaid_count"].sum()),
        overpaid_amount=float(inv["overpaid_amount"].sum()),
        open_credits=cred["open_credits"],
        credit_notes_in_w=notes_in_w,
    )
    dis = Disputes(
        available=has_disputes,
        resolution_available=has_resolved,
        issued_disputed_count=ints("issued_disputed_count"),
        disputed_ar=inv["disputed_ar"],
        resolved_count=ints("resolved_count", res),
        resolved_days_sum=res["resolved_days_sum"].astype(np.float64),
    )
    return rec, dis
