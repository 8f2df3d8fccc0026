"""Per-invoice settlement facts at an as-of date (private to the strategy package).

The definitions follow kpis.md: paid(i, t) sums payments up to t (or the full amount when
`paid_date <= t` and there is no payments table); the settlement date is the first date on which
the open amount reaches 0; days late = settled - due; dpd = as_of - due.
"""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from kit.errors import DataError
from kit.ledger import Ledger

#: Amounts below this are treated as fully paid (rounding of split payments).
_CENT = 0.005


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
    """
    t = as_timestamp(as_of)
    inv = ledger.invoices
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
    cols = ["invoice_id", "customer_id", "issue_date", "due_date", "amount"]
    facts = inv.loc[inv["issue_date"] <= t, cols].copy()
    facts["invoice_id"] = facts["invoice_id"].astype(str)
    facts["customer_id"] = facts["customer_id"].astype(str)
    facts["amount"] = facts["amount"].astype(float)
    facts = facts.set_index("invoice_id", drop=False)

    paid, settled = _paid_and_settled(ledger, facts, t)
    facts["paid"] = paid.reindex(facts.index).fillna(0.0).astype(float)
    facts["settled"] = pd.to_datetime(settled.reindex(facts.index))
    facts["open_amount"] = (facts["amount"] - facts["paid"]).clip(lower=0.0)
    facts.loc[facts["settled"].notna(), "open_amount"] = 0.0
    facts["days_late"] = (facts["settled"] - facts["due_date"]).dt.days.astype(float)
    facts["dpd"] = (t - facts["due_date"]).dt.days.astype(float)

    flag = (
        inv.set_index(inv["invoice_id"].astype(str))["disputed"].reindex(facts.index)
        if "disputed" in inv.columns
        else pd.Series(False, index=facts.index)
    )
    flag = flag.fillna(False).astype(bool)
    in_table = np.zeros(len(facts), dtype=bool)
    table_open = np.zeros(len(facts), dtype=bool)
    if ledger.disputes is not None and len(ledger.disputes):
        dis = ledger.disputes
        opened = dis[dis["opened_date"] <= t]
        in_table = facts.index.isin(opened["invoice_id"].astype(str))
        resolved = (
            opened["resolved_date"]
            if "resolved_date" in opened.columns
            else pd.Series(pd.NaT, index=opened.index)
        )
        still_open = opened[resolved.isna() | (resolved > t)]
        table_open = facts.index.isin(still_open["invoice_id"].astype(str))
    facts["flagged"] = flag.to_numpy()
    facts["disputed"] = flag.to_numpy() | in_table
    facts["dispute_open"] = table_open | (
        flag.to_numpy() & (facts["open_amount"] > _CENT).to_numpy()
    )
    return facts.reset_index(drop=True)


def _paid_and_settled(
    ledger: Ledger, facts: pd.DataFrame, t: pd.Timestamp
) -> tuple[pd.Series, pd.Series]:
    """Return paid amount up to t and settlement date per invoice id (index)."""
    if ledger.payments is not None:
        pay = ledger.payments
        pay = pay.loc[pay["payment_date"] <= t, ["invoice_id", "payment_date", "amount"]].copy()
        pay["invoice_id"] = pay["invoice_id"].astype(str)
        pay = pay[pay["invoice_id"].isin(facts.index)]
        daily = pay.groupby(["invoice_id", "payment_date"])["amount"].sum().reset_index()
        daily = daily.sort_values(["invoice_id", "payment_date"], kind="stable")
        daily["cum"] = daily.groupby("invoice_id")["amount"].cumsum()
        daily["due_amount"] = daily["invoice_id"].map(facts["amount"])
        reached = daily[daily["cum"] >= daily["due_amount"] - _CENT]
        settled = reached.groupby("invoice_id")["payment_date"].min()
        paid = daily.groupby("invoice_id")["amount"].sum()
        return paid, settled
    inv = facts
    if "paid_date" in ledger.invoices.columns:
        paid_date = ledger.invoices.set_index(ledger.invoices["invoice_id"].astype(str))[
            "paid_date"
        ].reindex(inv.index)
        settled = paid_date[paid_date.notna() & (paid_date <= t)]
        return inv.loc[settled.index, "amount"], settled
    empty = pd.Series(dtype="datetime64[ns]")
    return pd.Series(dtype=float), empty


def weighted_mean(values: pd.Series, weights: pd.Series) -> float:
    """Return the weighted mean of values (NaN when the weights sum to 0)."""
    total = float(weights.sum())
    if total <= 0:
        return float("nan")
    return float((values * weights).sum() / total)
