"""Hand-over list for a collection agency, for manual review first (seed 000).

An invoice is handed over when at as_of it is open, at least `days_overdue` days past due, its
open amount is at least `min_amount`, it is not flagged as disputed and no dispute is open on it.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from kit.errors import ConfigError
from kit.ledger import CANONICAL, Ledger
from kit.strategy._facts import CENT, as_timestamp, invoice_facts, require_columns

__all__ = ["HANDOVER_COLUMNS", "agency_handover"]

HANDOVER_COLUMNS = [
    "customer_id",
    "customer_name",
    "invoice_id",
    "issue_date",
    "due_date",
    "amount",
    "open_amount",
    "days_overdue",
    "reminders_sent",
    "last_channel",
    "last_reminder_date",
]


def agency_handover(
    ledger: Ledger, *, as_of: date, days_overdue: int = 90, min_amount: float = 0.0
) -> pd.DataFrame:
    """Return the invoices to hand over (amounts in currency, days overdue), largest open first."""
    if days_overdue < 1:
        raise ConfigError(
            "days overdue must be at least 1",
            key="strategy.agency_days_overdue",
            value=days_overdue,
            expected="a whole number of days >= 1",
        )
    if min_amount < 0:
        raise ConfigError(
            "minimum amount must not be negative",
            key="strategy.agency_min_amount",
            value=min_amount,
            expected="an amount >= 0",
        )
    facts = invoice_facts(ledger, as_of=as_of)
    chosen = facts[
        (facts["open_amount"] > CENT)
        & (facts["open_amount"] >= min_amount)
        & (facts["dpd"] >= days_overdue)
        & ~facts["flagged"]
        & ~facts["dispute_open"]
    ].copy()
    chosen["days_overdue"] = chosen["dpd"].astype(int)
    names = ledger.customers
    if names is not None and "name" in names.columns:
        by_id = pd.Series(names["name"].to_numpy(), index=names["customer_id"].astype(str))
        chosen["customer_name"] = chosen["customer_id"].map(by_id[~by_id.index.duplicated()])
    else:
        chosen["customer_name"] = None
    history = _reminders(ledger, as_of=as_of)
    chosen = chosen.merge(history, on="invoice_id", how="left")
    chosen["reminders_sent"] = chosen["reminders_sent"].fillna(0).astype(int)
    chosen = chosen.sort_values(
        ["open_amount", "days_overdue", "invoice_id"],
        ascending=[False, False, True],
        kind="stable",
    )
    return chosen[HANDOVER_COLUMNS].reset_index(drop=True)


def _reminders(ledger: Ledger, *, as_of: date) -> pd.DataFrame:
    """Return per invoice the count of reminders sent by as_of, last channel and date."""
    columns = ["invoice_id", "reminders_sent", "last_channel", "last_reminder_date"]
    events = ledger.dunning_events
    if events is None or not len(events):
        return pd.DataFrame(columns=columns).astype({"last_reminder_date": "datetime64[ns]"})
    require_columns(events, "dunning_events", CANONICAL["dunning_events"][0])
    end = as_timestamp(as_of) + pd.Timedelta(days=1)
    sent = events[(events["event"] == "sent") & (events["timestamp"] < end)].copy()
    sent["invoice_id"] = sent["invoice_id"].astype(str)
    key = ["invoice_id", "channel", "timestamp"]
    if "message_id" in sent.columns:
        key.append("message_id")
    sent = sent.drop_duplicates(key).sort_values(["invoice_id", "timestamp"], kind="stable")
    grouped = sent.groupby("invoice_id")
    out = pd.DataFrame(
        {
            "reminders_sent": grouped.size(),
            "last_channel": grouped["channel"].last(),
            "last_reminder_date": grouped["timestamp"].last().dt.normalize(),
        }
    )
    return out.reset_index()
