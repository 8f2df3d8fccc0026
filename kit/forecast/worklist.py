"""Collector worklist: open invoices grouped per customer, ranked by expected overdue amount.

Expected overdue amount = open amount × probability of paying more than 30 days late. One row per
customer (one contact per customer): the sum over the customer's open invoices, with the facts
the reason is worded from (mean days late so far, disputed invoices, trend, reminders).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

__all__ = ["WORKLIST_COLUMNS", "worklist"]

WORKLIST_COLUMNS = [
    "rank",
    "customer_id",
    "segment",
    "invoices",
    "open_amount",
    "expected_overdue",
    "p_late_30",
    "oldest_due_date",
    "days_overdue",
    "disputed",
    "dunning_level",
    "hist_count",
    "hist_mean",
    "hist_trend",
    "invoice_ids",
]


def worklist(invoices: pd.DataFrame) -> pd.DataFrame:
    """Return one row per customer of `Forecast.invoices`, highest expected overdue amount first.

    p_late_30 is the amount-weighted probability; dunning_level the highest number of reminders
    sent on one of the customer's open invoices; invoice_ids the invoices, highest first.
    """
    if invoices.empty:
        return pd.DataFrame(columns=WORKLIST_COLUMNS)
    inv = invoices.sort_values("rank")
    grouped = inv.groupby("customer_id", sort=False)
    out = pd.DataFrame(
        {
            "segment": grouped["segment"].first(),
            "invoices": grouped.size(),
            "open_amount": grouped["open_amount"].sum(),
            "expected_overdue": grouped["expected_overdue"].sum(),
            "oldest_due_date": grouped["due_date"].min(),
            "days_overdue": grouped["days_overdue"].max(),
            "disputed": grouped["disputed"].sum().astype(np.int64),
            "dunning_level": grouped["reminders"].max().astype(np.int64),
            "hist_count": grouped["hist_count"].first(),
            "hist_mean": grouped["hist_mean"].first(),
            "hist_trend": grouped["hist_trend"].first(),
            "invoice_ids": grouped["invoice_id"].agg(lambda s: ", ".join(map(str, s))),
        }
    )
    with np.errstate(invalid="ignore", divide="ignore"):
        out["p_late_30"] = np.where(
            out["open_amount"] > 0, out["expected_overdue"] / out["open_amount"], 0.0
        )
    out = out.reset_index().sort_values(
        ["expected_overdue", "open_amount", "customer_id"], ascending=[False, False, True]
    )
    out["rank"] = np.arange(1, len(out) + 1)
    return out[WORKLIST_COLUMNS].reset_index(drop=True)
