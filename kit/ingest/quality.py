"""Data-quality baseline of a ledger: rows and date ranges per table, coverage, anomalies.

Language-neutral column names (reports translate them):

- `tables`: table, rows, date_column, first_date, last_date
- `metrics`: metric, value, unit — metrics are `invoices` (count, issued ≤ as_of),
  `invoices_with_payments_pct` (% of those with a payment or paid_date ≤ as_of), `open_items`
  (count with open amount > 0 at as_of), `open_amount` (currency), `overpaid_invoices` (count),
  `overpaid_amount` (currency), `negative_balance_customers` (count),
  `payments_after_settlement` (count)
- `anomalies`: kind (overpayment | negative_balance | payment_after_settlement), table,
  invoice_id, customer_id, date, amount, detail — one row per finding
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd

from kit.ledger import Ledger

__all__ = ["DATE_COLUMNS", "DataQuality", "data_quality"]

#: The date column whose range describes each table.
DATE_COLUMNS = {
    "invoices": "issue_date",
    "payments": "payment_date",
    "customers": None,
    "disputes": "opened_date",
    "dunning_events": "timestamp",
}
_ANOMALY_COLUMNS = ["kind", "table", "invoice_id", "customer_id", "date", "amount", "detail"]


@dataclass
class DataQuality:
    """The data-quality baseline: per-table overview, headline metrics and anomaly rows."""

    tables: pd.DataFrame
    metrics: pd.DataFrame
    anomalies: pd.DataFrame


def data_quality(ledger: Ledger, *, as_of: dt.date | None = None) -> DataQuality:
    """Return the data-quality baseline at as_of (amounts in the reporting currency)."""
    cutoff = pd.Timestamp(as_of) if as_of is not None else pd.Timestamp.max.normalize()
    invoices = ledger.invoices[ledger.invoices["issue_date"] <= cutoff]
    paid = _paid(ledger, invoices, cutoff)
    open_amount = invoices["amount"] - paid
    has_payment = paid > 0
    overpaid = open_amount < -0.005
    anomalies = [_overpayments(invoices, open_amount, overpaid, cutoff)]
    balances = open_amount.groupby(invoices["customer_id"]).sum()
    negative = balances[balances < -0.005]
    anomalies.append(
        pd.DataFrame(
            {
                "kind": "negative_balance",
                "table": "invoices",
                "invoice_id": None,
                "customer_id": negative.index.astype(str),
                "date": cutoff if as_of is not None else pd.NaT,
                "amount": -negative.to_numpy(),
                "detail": "customer's open items sum below zero",
            }
        )
    )
    late = _payments_after_settlement(ledger, invoices, cutoff)
    anomalies.append(late)
    found = pd.concat(
        [a for a in anomalies if not a.empty] or [pd.DataFrame(columns=_ANOMALY_COLUMNS)]
    )
    count = len(invoices)
    metrics = pd.DataFrame(
        [
            ("invoices", float(count), "count"),
            (
                "invoices_with_payments_pct",
                100.0 * float(has_payment.sum()) / count if count else float("nan"),
                "%",
            ),
            ("open_items", float((open_amount > 0.005).sum()), "count"),
            ("open_amount", float(open_amount.clip(lower=0).sum()), "currency"),
            ("overpaid_invoices", float(overpaid.sum()), "count"),
            ("overpaid_amount", float(-open_amount[overpaid].sum()) + 0.0, "currency"),
            ("negative_balance_customers", float(len(negative)), "count"),
            ("payments_after_settlement", float(len(late)), "count"),
        ],
        columns=["metric", "value", "unit"],
    )
    return DataQuality(
        tables=_overview(ledger), metrics=metrics, anomalies=found.reset_index(drop=True)
    )


def _overview(ledger: Ledger) -> pd.DataFrame:
    rows = []
    for name, frame in ledger.tables().items():
        column = DATE_COLUMNS.get(name)
        dates = frame[column] if column and column in frame.columns else None
        rows.append(
            {
                "table": name,
                "rows": len(frame),
                "date_column": column,
                "first_date": dates.min() if dates is not None else pd.NaT,
                "last_date": dates.max() if dates is not None else pd.NaT,
            }
        )
    return pd.DataFrame(rows, columns=["table", "rows", "date_column", "first_date", "last_date"])


def _paid(ledger: Ledger, invoices: pd.DataFrame, cutoff: pd.Timestamp) -> pd.Series:
    payments = ledger.payments
    if payments is not None:
        upto = payments[payments["payment_date"] <= cutoff]
        sums = upto.groupby("invoice_id")["amount"].sum()
        paid = invoices["invoice_id"].map(sums).fillna(0.0).astype("float64")
        if "paid_date" in invoices.columns:  # no payments of their own: settled on paid_date
            own = invoices["invoice_id"].isin(payments["invoice_id"].dropna())
            settled = ~own & invoices["paid_date"].notna() & (invoices["paid_date"] <= cutoff)
            paid = paid.where(~settled, invoices["amount"])
        return paid
    if "paid_date" in invoices.columns:
        settled = invoices["paid_date"].notna() & (invoices["paid_date"] <= cutoff)
        return invoices["amount"].where(settled, 0.0)
    return pd.Series(0.0, index=invoices.index)


def _overpayments(
    invoices: pd.DataFrame, open_amount: pd.Series, overpaid: pd.Series, cutoff: pd.Timestamp
) -> pd.DataFrame:
    picked = invoices[overpaid]
    return pd.DataFrame(
        {
            "kind": "overpayment",
            "table": "payments",
            "invoice_id": picked["invoice_id"].to_numpy(),
            "customer_id": picked["customer_id"].to_numpy(),
            "date": picked["issue_date"].to_numpy(),
            "amount": (-open_amount[overpaid]).to_numpy(),
            "detail": "payments exceed the invoice amount",
        }
    )


def _payments_after_settlement(
    ledger: Ledger, invoices: pd.DataFrame, cutoff: pd.Timestamp
) -> pd.DataFrame:
    payments = ledger.payments
    if payments is None or payments.empty:
        return pd.DataFrame(columns=_ANOMALY_COLUMNS)
    upto = payments[payments["payment_date"] <= cutoff].sort_values(["invoice_id", "payment_date"])
    if upto.empty or invoices.empty:  # an as-of date before the first payment or invoice
        return pd.DataFrame(columns=_ANOMALY_COLUMNS)
    amount = upto["invoice_id"].map(
        invoices.drop_duplicates("invoice_id").set_index("invoice_id")["amount"]
    )
    before = upto.groupby("invoice_id")["amount"].cumsum() - upto["amount"]
    late = upto[(before >= amount - 0.005) & amount.notna()]
    if "paid_date" in invoices.columns:
        settled = upto["invoice_id"].map(
            invoices.drop_duplicates("invoice_id").set_index("invoice_id")["paid_date"]
        )
        late = pd.concat([late, upto[upto["payment_date"] > settled]])
        late = late[~late.index.duplicated()]
    customers = late["invoice_id"].map(
        invoices.drop_duplicates("invoice_id").set_index("invoice_id")["customer_id"]
    )
    return pd.DataFrame(
        {
            "kind": "payment_after_settlement",
            "table": "payments",
            "invoice_id": late["invoice_id"].to_numpy(),
            "customer_id": customers.to_numpy(),
            "date": late["payment_date"].to_numpy(),
            "amount": late["amount"].to_numpy(),
            "detail": "payment received after the invoice was already settled",
        }
    )
