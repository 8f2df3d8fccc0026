"""The timeline of a ledger as Arrow tables (zero copy from its arrays) for an Ibis backend.

Dates are epoch days (int64), as in `kit.kpis.timeline`: no backend has to subtract dates or
fetch intervals, and Spark, DuckDB and every warehouse compare integers alike.
"""

from __future__ import annotations

from dataclasses import dataclass

import ibis
import ibis.expr.types as ir
import numpy as np
import pyarrow as pa

from kit.kpis.credits import group_of
from kit.kpis.timeline import NEVER, Timeline, date_days, positions

__all__ = ["PAID_COLUMNS", "SCHEMAS", "Tables", "arrow_tables", "named_tables", "tables"]

_I64 = np.dtype(np.int64)


@dataclass(frozen=True)
class Tables:
    """Ibis tables of one timeline with group codes; `groups` = number of groups."""

    invoices: ir.Table  # pos, grp, issue, due, amount, sale, settled, month, flag
    events: ir.Table  # inv, day, amount: settlement events (payments, paid_date, applied notes)
    credits: ir.Table  # grp, kind (0 cash, 1 credit note), day, amount, unapplied, cleared
    disputes: ir.Table  # inv, grp, opened, resolved
    groups: int
    first_day: int
    has_disputes: bool  # a disputed flag or a disputes table
    has_resolved: bool  # the disputes table has resolved_date
    #: (T, T − P) in epoch days when `invoices` also holds `paid_t` and `paid_s`, each invoice's
    #: settlement events summed up to T and up to T − P (as `queries.per_invoice` sums them), so
    #: the aggregates at that T need not group the events again; None: they group them.
    paid_at: tuple[int, int] | None = None


def _months(days: np.ndarray) -> np.ndarray:
    """Return months since 1970-01 of epoch days."""
    return days.astype("datetime64[D]").astype("datetime64[M]").astype(_I64)


def arrow_tables(tl: Timeline, codes: np.ndarray, groups: int) -> dict[str, pa.Table]:
    """Return the timeline's invoices, events, credits and disputes as Arrow tables.

    Long because each Arrow table is built column by column from the same timeline arrays.
    """
    n = tl.size
    inv = tl.ledger.invoices
    flag = (
        inv["disputed"].fillna(False).astype(bool).to_numpy()
        if "disputed" in inv.columns
        else np.zeros(n, dtype=bool)
    )
    invoices = pa.table(
        {
            "pos": np.arange(n, dtype=_I64),
            "grp": np.asarray(codes, dtype=_I64),
            "issue": tl.issue,
            "due": tl.due,
            "amount": tl.amount,
            "sale": np.asarray(tl.sale, dtype=bool),
            "settled": tl.settled,
            "month": _months(tl.issue),
            "flag": flag,
        }
    )
    events = pa.table({"inv": tl.pay_inv, "day": tl.pay_date, "amount": tl.pay_amount})
    cr = tl.credits
    if cr is None:
        cash_grp = group_of(tl.pay_inv, codes, groups)
        parts = [(cash_grp, 0, tl.pay_date, tl.pay_amount, np.zeros(cash_grp.size, bool),
                  np.full(cash_grp.size, NEVER, _I64))]  # fmt: skip
    else:
        parts = [
            (group_of(cr.cash_inv, codes, groups), 0, cr.cash_date, cr.cash_amount,
             cr.cash_unapplied, cr.cash_cleared),
            (group_of(cr.note_inv, codes, groups), 1, cr.note_date, cr.note_amount,
             cr.note_unapplied, cr.note_cleared),
        ]  # fmt: skip
    credits = pa.table(
        {
            "grp": np.concatenate([p[0] for p in parts]).astype(_I64),
            "kind": np.concatenate([np.full(p[0].size, p[1], _I64) for p in parts]),
            "day": np.concatenate([p[2] for p in parts]).astype(_I64),
            "amount": np.concatenate([p[3] for p in parts]).astype(np.float64),
            "unapplied": np.concatenate([p[4] for p in parts]).astype(bool),
            "cleared": np.concatenate([p[5] for p in parts]).astype(_I64),
        }
    )
    table = tl.ledger.disputes
    if table is not None and len(table.columns):
        pos = positions(tl, table["invoice_id"])
        opened = date_days(table, "opened_date", "disputes", allow_missing=False)
        resolved = (
            date_days(table, "resolved_date", "disputes", allow_missing=True)
            if "resolved_date" in table.columns
            else np.full(len(table), NEVER, dtype=_I64)
        )
        known = pos >= 0
        pos, opened, resolved = pos[known], opened[known], resolved[known]
    else:
        pos = opened = resolved = np.empty(0, _I64)
    disputes = pa.table(
        {
            "inv": pos.astype(_I64),
            "grp": np.asarray(codes, dtype=_I64)[pos] if pos.size else pos.astype(_I64),
            "opened": opened.astype(_I64),
            "resolved": resolved.astype(_I64),
        }
    )
    return {"invoices": invoices, "events": events, "credits": credits, "disputes": disputes}


def tables(tl: Timeline, codes: np.ndarray, groups: int) -> Tables:
    """Return the timeline as Ibis memtables (registered by the backend that runs them)."""
    arrow = arrow_tables(tl, codes, groups)
    ledger = tl.ledger
    table = ledger.disputes
    return Tables(
        invoices=ibis.memtable(arrow["invoices"]),
        events=ibis.memtable(arrow["events"]),
        credits=ibis.memtable(arrow["credits"]),
        disputes=ibis.memtable(arrow["disputes"]),
        groups=groups,
        first_day=tl.first_day,
        has_disputes="disputed" in ledger.invoices.columns or table is not None,
        has_resolved=table is not None and "resolved_date" in table.columns,
    )


#: Column types of the four tables (what a warehouse view of the ledger must provide).
SCHEMAS: dict[str, dict[str, str]] = {
    "invoices": {
        "pos": "int64",
        "grp": "int64",
        "issue": "int64",
        "due": "int64",
        "amount": "float64",
        "sale": "boolean",
        "settled": "int64",
        "month": "int64",
        "flag": "boolean",
    },
    "events": {"inv": "int64", "day": "int64", "amount": "float64"},
    "credits": {
        "grp": "int64",
        "kind": "int64",
        "day": "int64",
        "amount": "float64",
        "unapplied": "boolean",
        "cleared": "int64",
    },
    "disputes": {"inv": "int64", "grp": "int64", "opened": "int64", "resolved": "int64"},
}


#: The columns kit_invoices also holds when `Tables.paid_at` is set: paid up to T and T − P.
PAID_COLUMNS = {"paid_t": "float64", "paid_s": "float64"}


def named_tables(
    names: dict[str, str] | None = None,
    *,
    groups: int = 1,
    first_day: int = 0,
    has_disputes: bool = True,
    has_resolved: bool = True,
    paid_at: tuple[int, int] | None = None,
) -> Tables:
    """Return unbound tables by name (a warehouse's tables, or for compiling SQL without data).

    With `paid_at`, the invoices also have `PAID_COLUMNS` (the tables `native` materialises).
    """
    names = names or {key: f"kit_{key}" for key in SCHEMAS}
    schemas = dict(SCHEMAS)
    if paid_at is not None:
        schemas["invoices"] = {**SCHEMAS["invoices"], **PAID_COLUMNS}
    bound = {key: ibis.table(schema, name=names[key]) for key, schema in schemas.items()}
    return Tables(
        invoices=bound["invoices"],
        events=bound["events"],
        credits=bound["credits"],
        disputes=bound["disputes"],
        groups=groups,
        first_day=first_day,
        has_disputes=has_disputes,
        has_resolved=has_resolved,
        paid_at=paid_at,
    )
