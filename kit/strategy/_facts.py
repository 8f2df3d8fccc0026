"""Per-invoice settlement facts at an as-of date (private to the strategy package).

The definitions follow kpis.md: paid(i, t) sums payments up to t (or the full amount when
`paid_date <= t` and the invoice has no payments of its own); the settlement date is the first
date on which the open amount reaches 0; days late = settled - due; dpd = as_of - due.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from kit.errors import DataError
from kit.ledger import CANONICAL, Ledger
from kit.message import msg

#: Amounts below this are treated as fully paid (rounding of split payments).
CENT = 0.005


def require_columns(table: pd.DataFrame, name: str, columns: tuple[str, ...]) -> None:
    """Raise DataError when a ledger table lacks canonical columns this package needs."""
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise DataError(
            msg("table '{name}' lacks columns", name=name),
            key=name,
            value=", ".join(missing),
            expected=msg("the canonical columns {columns}", columns=", ".join(CANONICAL[name][0])),
            hint="map the source's headers to the canonical names in engagement.yaml (columns:)",
        )


def as_timestamp(value: date | pd.Timestamp) -> pd.Timestamp:
    """Return the as-of date as a midnight Timestamp."""
    return pd.Timestamp(value).normalize()


def invoice_facts(ledger: Ledger, *, as_of: date) -> pd.DataFrame:
    """Return one row per invoice issued up to as_of with its settlement facts.

    Columns: invoice_id, customer_id, issue_date, due_date, amount, paid, open_amount, settled
    (NaT while not settled by as_of), days_late (settled - due, float days, NaN while open),
    dpd (as_of - due, days), flagged (the invoice's disputed flag), disputed (flag or a dispute
    opened by as_of) and dispute_open
    (a dispute open at as_of, or a flag while the invoice is open).

    Long because each fact column is derived once from the same ledger frames.
    """
    t = as_timestamp(as_of)
    inv = ledger.invoices
    require_columns(inv, "invoices", CANONICAL["invoices"][0])
    if ledger.payments is not None:
        require_columns(ledger.payments, "payments", CANONICAL["payments"][0])
    if ledger.disputes is not None:
        require_columns(ledger.disputes, "disputes", CANONICAL["disputes"][0])
    dup = inv["invoice_id"].duplicated(keep="first")
    if bool(dup.any()):
        first = int(np.flatnonzero(dup.to_numpy())[0])
        raise DataError(
            "invoice id used twice",
            row=first + 2,
            column="invoice_id",
            value=inv["invoice_id"].iloc[first],
            expected="unique invoice ids",
        )
    keep = (inv["issue_date"] <= t).to_numpy()
    cols = ["invoice_id", "customer_id", "issue_date", "due_date", "amount"]
    facts = inv.loc[keep, cols].reset_index(drop=True)
    facts["invoice_id"] = facts["invoice_id"].astype(str)
    facts["customer_id"] = facts["customer_id"].astype(str)
    facts["amount"] = facts["amount"].astype(float)
    index = pd.Index(facts["invoice_id"])
    amount = facts["amount"].to_numpy(float)

    paid, settled = _paid_and_settled(ledger, index, amount, keep, t)
    facts["paid"] = paid
    facts["settled"] = pd.to_datetime(settled)
    open_amount = np.clip(amount - paid, 0.0, None)
    open_amount[~np.isnat(settled)] = 0.0
    facts["open_amount"] = open_amount
    facts["days_late"] = (facts["settled"] - facts["due_date"]).dt.days.astype(float)
    facts["dpd"] = (t - facts["due_date"]).dt.days.astype(float)

    flag = np.zeros(len(facts), dtype=bool)
    if "disputed" in inv.columns:
        flag = inv.loc[keep, "disputed"].fillna(False).astype(bool).to_numpy()
    in_table = np.zeros(len(facts), dtype=bool)
    table_open = np.zeros(len(facts), dtype=bool)
    if ledger.disputes is not None and len(ledger.disputes):
        dis = ledger.disputes
        opened = dis[dis["opened_date"] <= t]
        pos = index.get_indexer(pd.Index(opened["invoice_id"].astype(str)))
        in_table[pos[pos >= 0]] = True
        if "resolved_date" in opened.columns:
            resolved = opened["resolved_date"]
            pos = pos[(resolved.isna() | (resolved > t)).to_numpy()]
        table_open[pos[pos >= 0]] = True
    facts["flagged"] = flag
    facts["disputed"] = flag | in_table
    facts["dispute_open"] = table_open | (flag & (open_amount > CENT))
    return facts


def _paid_and_settled(
    ledger: Ledger, index: pd.Index, amount: np.ndarray, keep: np.ndarray, t: pd.Timestamp
) -> tuple[np.ndarray, np.ndarray]:
    """Return paid amount up to t and settlement date (NaT = not settled) per invoice position."""
    paid = np.zeros(len(index), dtype=float)
    settled = np.full(len(index), np.datetime64("NaT"), dtype="datetime64[ns]")
    own = np.zeros(len(index), dtype=bool)  # invoices with payments of their own
    if ledger.payments is not None:
        pay = ledger.payments
        pay = pay[(pay["payment_date"] <= t).to_numpy()]
        pos = index.get_indexer(pd.Index(pay["invoice_id"].astype(str)))
        known = pos >= 0
        daily = (
            pd.DataFrame(
                {
                    "pos": pos[known],
                    "day": pay["payment_date"].to_numpy()[known],
                    "amount": pay["amount"].to_numpy(float)[known],
                }
            )
            .groupby(["pos", "day"], sort=True)["amount"]
            .sum()
            .reset_index()
        )
        rows = daily["pos"].to_numpy()
        cum = daily.groupby("pos")["amount"].cumsum().to_numpy()
        reached = daily[cum >= amount[rows] - CENT]
        first = reached.groupby("pos")["day"].min()
        settled[first.index.to_numpy()] = first.to_numpy()
        total = daily.groupby("pos")["amount"].sum()
        paid[total.index.to_numpy()] = total.to_numpy()
        own[pos[known]] = True
    if "paid_date" in ledger.invoices.columns:
        # Without payments of its own an invoice is paid in full on paid_date (ledger exports).
        paid_date = pd.to_datetime(ledger.invoices.loc[keep, "paid_date"]).to_numpy()
        done = ~np.isnat(paid_date) & (paid_date <= t.to_datetime64()) & ~own
        settled[done] = paid_date[done]
        paid[done] = amount[done]
    return paid, settled


def weighted_mean(values: pd.Series, weights: pd.Series) -> float:
    """Return the weighted mean of values (NaN when the weights sum to 0)."""
    total = float(weights.sum())
    if total <= 0:
        return float("nan")
    return float((values * weights).sum() / total)
