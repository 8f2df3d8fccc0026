"""Dispute aggregates per group at T: disputed invoices issued in W, disputed AR, resolve days."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from kit.kpis.aggregates import Snapshot
from kit.kpis.timeline import NEVER, Timeline, date_days, positions

__all__ = ["DisputeFlags", "Disputes", "dispute_flags", "disputes"]


@dataclass(frozen=True)
class DisputeFlags:
    """Per-invoice dispute state at T (arrays of length = invoices)."""

    available: bool  # a disputed flag or a disputes table exists
    resolution_available: bool  # the disputes table has resolved_date
    disputed_by_t: np.ndarray  # bool: flagged, or a dispute opened ≤ T
    open_at_t: np.ndarray  # bool: a dispute open at T (flag without table row counts as open)
    reason: np.ndarray  # object: reason of the dispute open at T ("" when none)
    resolved_code_rows: np.ndarray  # invoice position of each dispute resolved in W
    resolved_days: np.ndarray  # resolved − opened of each dispute resolved in W


@dataclass(frozen=True)
class Disputes:
    """Dispute aggregates per group (arrays of length G)."""

    available: bool
    resolution_available: bool
    issued_disputed_count: np.ndarray  # count where issued_in_w and disputed_by_t
    disputed_ar: np.ndarray  # Σ open_t where open_at_t
    resolved_count: np.ndarray  # disputes resolved in W
    resolved_days_sum: np.ndarray  # Σ (resolved − opened) over those


def dispute_flags(tl: Timeline, *, day: int, period_days: int) -> DisputeFlags:
    """Return the per-invoice dispute state at T from the disputed flag and the disputes table."""
    n = tl.size
    inv = tl.ledger.invoices
    flag = np.zeros(n, dtype=bool)
    has_flag = "disputed" in inv.columns
    if has_flag:
        flag = inv["disputed"].fillna(False).astype(bool).to_numpy()
    table = tl.ledger.disputes
    by_table = np.zeros(n, dtype=bool)
    open_table = np.zeros(n, dtype=bool)
    in_table = np.zeros(n, dtype=bool)
    reason = np.full(n, "", dtype=object)
    res_rows = np.empty(0, dtype=np.int64)
    res_days = np.empty(0, dtype=np.int64)
    has_resolved = False
    if table is not None and len(table.columns):
        pos = positions(tl, table["invoice_id"])
        known = pos >= 0
        opened = date_days(table, "opened_date", "disputes", allow_missing=False)
        has_resolved = "resolved_date" in table.columns
        resolved = (
            date_days(table, "resolved_date", "disputes", allow_missing=True)
            if has_resolved
            else np.full(len(table), NEVER, dtype=np.int64)
        )
        in_table[pos[known]] = True
        seen = known & (opened <= day)
        by_table[pos[seen]] = True
        is_open = seen & (resolved > day)
        open_table[pos[is_open]] = True
        if "reason" in table.columns:
            reasons = table["reason"].astype(object).where(table["reason"].notna(), "").to_numpy()
            reason[pos[is_open]] = reasons[is_open]
        done = known & (resolved > day - period_days) & (resolved <= day)
        res_rows = pos[done].astype(np.int64)
        res_days = (resolved[done] - opened[done]).astype(np.int64)
    flag_open = flag & ~in_table
    return DisputeFlags(
        available=has_flag or table is not None,
        resolution_available=has_resolved,
        disputed_by_t=flag | by_table,
        open_at_t=open_table | flag_open,
        reason=reason,
        resolved_code_rows=res_rows,
        resolved_days=res_days,
    )


def disputes(flags: DisputeFlags, snap: Snapshot, *, codes: np.ndarray, groups: int) -> Disputes:
    """Return the dispute aggregates per group code."""
    issued = snap.issued_in_w & flags.disputed_by_t
    rc = codes[flags.resolved_code_rows]
    return Disputes(
        available=flags.available,
        resolution_available=flags.resolution_available,
        issued_disputed_count=np.bincount(codes[issued], minlength=groups),
        disputed_ar=np.bincount(
            codes, weights=np.where(flags.open_at_t, snap.open_t, 0.0), minlength=groups
        ),
        resolved_count=np.bincount(rc, minlength=groups),
        resolved_days_sum=np.bincount(
            rc, weights=flags.resolved_days.astype(np.float64), minlength=groups
        ),
    )
