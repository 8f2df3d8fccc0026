"""Per-invoice columns at T and their sums per group: the only inputs of the KPI formulas.

Each field of `Receivables` is one aggregate expression over per-invoice columns, e.g.
`credit_sales = SUM(amount) FILTER (WHERE issued_in_w)`; `formulas.py` turns them into KPIs.
The same columns and sums translate one to one into SQL (see benchmarks/kpis_vs_duckdb.py).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from kit.kpis.aging import BUCKETS, bucket_codes
from kit.kpis.credits import group_of
from kit.kpis.timeline import Timeline, open_at

__all__ = ["Receivables", "Snapshot", "month_index", "receivables", "slice_lengths", "snapshot"]

_I64 = np.dtype(np.int64)


@dataclass(frozen=True)
class Snapshot:
    """Per-invoice columns at T (length = invoices): open amounts, buckets, window flags."""

    day: int  # T as day number
    period_days: int
    open_t: np.ndarray  # open(i,T) clipped at 0
    open_start: np.ndarray  # open(i,T−P) clipped at 0
    overpaid: np.ndarray  # bool: open(i,T) < 0 before clipping
    overpaid_amount: float
    bucket: np.ndarray  # aging bucket of dpd(i,T)
    issued_in_w: np.ndarray  # bool: T−P < issue ≤ T
    due_in_w: np.ndarray  # bool: T−P < due ≤ T (issued by T)
    settled_in_w: np.ndarray  # bool: T−P < settled ≤ T
    pay_in_w: np.ndarray  # per payment: amount if T−P < payment_date ≤ T else 0


def snapshot(tl: Timeline, *, day: int, period_days: int) -> Snapshot:
    """Return the per-invoice columns of the timeline at T = `day` with window length P."""
    start = day - period_days
    raw = open_at(tl, day)
    overpaid = raw < 0
    open_start = np.maximum(open_at(tl, start), 0.0)
    pay_in_w = np.where((tl.pay_date > start) & (tl.pay_date <= day), tl.pay_amount, 0.0)
    return Snapshot(
        day=day,
        period_days=period_days,
        open_t=np.maximum(raw, 0.0),
        open_start=open_start,
        overpaid=overpaid,
        overpaid_amount=float(-raw[overpaid].sum()),
        bucket=bucket_codes(day - tl.due),
        issued_in_w=(tl.issue > start) & (tl.issue <= day),
        due_in_w=(tl.due > start) & (tl.due <= day) & (tl.issue <= day),
        settled_in_w=(tl.settled > start) & (tl.settled <= day),
        pay_in_w=pay_in_w,
    )


@dataclass(frozen=True)
class Receivables:
    """Receivables aggregates per group (arrays of length G; aging arrays G × 6)."""

    aging_amount: np.ndarray  # Σ open_t by bucket over open invoices
    aging_count: np.ndarray  # count of invoices with open_t > 0 by bucket
    ar_start: np.ndarray  # Σ open(i, T−P)
    credit_sales: np.ndarray  # Σ amount where issued_in_w
    issued_count: np.ndarray  # count where issued_in_w
    paid_in_w: np.ndarray  # Σ payments with payment_date in W
    due_in_w: np.ndarray  # Σ amount where due_in_w
    settled_count: np.ndarray  # count where settled_in_w
    settled_amount: np.ndarray  # Σ amount where settled_in_w
    settled_amount_x_days_to_pay: np.ndarray  # Σ amount × (settled − issue) where settled_in_w
    settled_amount_x_days_late: np.ndarray  # Σ amount × (settled − due) where settled_in_w
    on_time_count: np.ndarray  # count where settled_in_w and settled ≤ due
    within_goal_count: np.ndarray  # count where settled_in_w and settled − issue ≤ goal_days
    monthly_sales: np.ndarray  # G × M: Σ amount issued in slice k back from T (k=0: T's month)
    slice_days: np.ndarray  # M: days of each slice (slice 0 ends at T)
    overpaid_count: int
    overpaid_amount: float
    open_credits: np.ndarray | None = None  # Σ unapplied credit notes and payments open at T
    credit_notes_in_w: np.ndarray | None = None  # Σ credit notes issued in W


def _sum(codes: np.ndarray, groups: int, weights: np.ndarray | None = None) -> np.ndarray:
    if weights is not None:
        return np.bincount(codes, weights=weights.astype(np.float64), minlength=groups)
    return np.bincount(codes, minlength=groups).astype(_I64)


def receivables(
    tl: Timeline, snap: Snapshot, *, codes: np.ndarray, groups: int, goal_days: int
) -> Receivables:
    """Return the receivables aggregates of the snapshot summed per group code."""
    amount = tl.amount
    is_open = snap.open_t > 0
    cell = codes * len(BUCKETS) + snap.bucket
    aging_amount = np.bincount(
        cell[is_open], weights=snap.open_t[is_open], minlength=groups * len(BUCKETS)
    ).reshape(groups, len(BUCKETS))
    aging_count = np.bincount(cell[is_open], minlength=groups * len(BUCKETS)).reshape(
        groups, len(BUCKETS)
    )
    s_in = snap.settled_in_w
    c_s = codes[s_in]
    a_s = amount[s_in]
    to_pay = (tl.settled[s_in] - tl.issue[s_in]).astype(np.float64)
    late = (tl.settled[s_in] - tl.due[s_in]).astype(np.float64)
    monthly_sales, slice_days = _monthly_sales(tl, snap.day, codes, groups)
    sold = snap.issued_in_w & tl.sale
    paid_in_w, open_credits, notes_in_w = _credits(tl, snap, codes, groups)
    return Receivables(
        aging_amount=aging_amount,
        aging_count=aging_count.astype(_I64),
        ar_start=_sum(codes, groups, snap.open_start),
        credit_sales=_sum(codes[sold], groups, amount[sold]) - notes_in_w,
        issued_count=_sum(codes[sold], groups),
        paid_in_w=paid_in_w,
        due_in_w=_sum(codes[snap.due_in_w], groups, amount[snap.due_in_w]),
        settled_count=_sum(c_s, groups),
        settled_amount=_sum(c_s, groups, a_s),
        settled_amount_x_days_to_pay=_sum(c_s, groups, a_s * to_pay),
        settled_amount_x_days_late=_sum(c_s, groups, a_s * late),
        on_time_count=_sum(c_s[late <= 0], groups),
        within_goal_count=_sum(c_s[to_pay <= goal_days], groups),
        monthly_sales=monthly_sales,
        slice_days=slice_days,
        overpaid_count=int(snap.overpaid.sum()),
        overpaid_amount=snap.overpaid_amount,
        open_credits=open_credits,
        credit_notes_in_w=notes_in_w,
    )


def _credits(
    tl: Timeline, snap: Snapshot, codes: np.ndarray, groups: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return per group: cash received in W, open credits at T, credit notes issued in W."""
    cr = tl.credits
    if cr is None:
        zero = np.zeros(groups)
        return _sum(codes[tl.pay_inv], groups, snap.pay_in_w), zero, zero
    day, start = snap.day, snap.day - snap.period_days

    def total(rows: np.ndarray, mask: np.ndarray, amount: np.ndarray) -> np.ndarray:
        group = group_of(rows, codes, groups)
        keep = mask & (group >= 0)
        return np.bincount(group[keep], weights=amount[keep], minlength=groups)

    cash_in_w = (cr.cash_date > start) & (cr.cash_date <= day)
    cash_open = cr.cash_unapplied & (cr.cash_date <= day) & (cr.cash_cleared > day)
    note_open = cr.note_unapplied & (cr.note_date <= day) & (cr.note_cleared > day)
    notes_in_w = (cr.note_date > start) & (cr.note_date <= day)
    return (
        total(cr.cash_inv, cash_in_w, cr.cash_amount),
        total(cr.cash_inv, cash_open, cr.cash_amount)
        + total(cr.note_inv, note_open, cr.note_amount),
        total(cr.note_inv, notes_in_w, cr.note_amount),
    )


def month_index(days: np.ndarray | int) -> np.ndarray:
    """Return months since 1970-01 of day numbers."""
    return np.asarray(days, dtype=_I64).astype("datetime64[D]").astype("datetime64[M]").astype(_I64)


def _months_of(days: np.ndarray) -> np.ndarray:
    """Return `month_index` of many day numbers via a table over their range (few days)."""
    if days.size == 0:
        return np.empty(0, dtype=_I64)
    low, high = int(days.min()), int(days.max())
    if high - low > days.size:
        return month_index(days)
    table = month_index(np.arange(low, high + 1, dtype=_I64))
    return np.asarray(table[days - low], dtype=_I64)


def _monthly_sales(
    tl: Timeline, day: int, codes: np.ndarray, groups: int
) -> tuple[np.ndarray, np.ndarray]:
    """Return sales per group and calendar-month slice walking back from T, and slice lengths."""
    t_month = int(month_index(day))
    first_month = int(month_index(min(tl.first_day, day)))
    months = t_month - first_month + 1
    known = (tl.issue <= day) & tl.sale
    back = t_month - _months_of(tl.issue[known])
    sales = np.bincount(
        codes[known] * months + back, weights=tl.amount[known], minlength=groups * months
    ).reshape(groups, months)
    return sales, slice_lengths(day, t_month, months)


def slice_lengths(day: int, t_month: int, months: int) -> np.ndarray:
    """Return the days of each countback slice back from T (slice 0: first of T's month to T)."""
    starts = (t_month - np.arange(months, dtype=_I64)).astype("datetime64[M]")
    ends = (starts + 1).astype("datetime64[D]").astype(_I64)  # first day of the next month
    lengths = ends - starts.astype("datetime64[D]").astype(_I64)
    month_start = int(
        np.asarray(t_month, dtype=_I64).astype("datetime64[M]").astype("datetime64[D]").astype(_I64)
    )
    lengths[0] = day - month_start + 1  # partial slice: first day of T's month to T
    return lengths
