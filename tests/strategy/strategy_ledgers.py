"""Small hand-built ledgers for the strategy tests (canonical columns and dtypes)."""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from kit.ledger import Ledger

AS_OF = pd.Timestamp("2026-06-30")
#: Due dates inside the 365-day lookback: two in the earlier half, two in the recent half
#: (the halves split at as_of - 182.5 days = 2025-12-29 12:00).
DUES = ("2025-09-30", "2025-11-30", "2026-02-28", "2026-04-30")


def invoice(
    invoice_id: str,
    customer_id: str,
    due: str,
    amount: float = 1000.0,
    *,
    late: int | None = 0,
    disputed: bool = False,
    terms: int = 30,
) -> dict[str, object]:
    """Return one invoice row; `late` = days after due it is paid (None = still open)."""
    due_ts = pd.Timestamp(due)
    return {
        "invoice_id": invoice_id,
        "customer_id": customer_id,
        "issue_date": due_ts - pd.Timedelta(days=terms),
        "due_date": due_ts,
        "amount": float(amount),
        "disputed": disputed,
        "late": late,
    }


def ledger_from(
    rows: Iterable[dict[str, object]],
    *,
    customers: pd.DataFrame | None = None,
    disputes: pd.DataFrame | None = None,
    dunning_events: pd.DataFrame | None = None,
) -> Ledger:
    """Return a Ledger whose payments settle each invoice `late` days after its due date."""
    frame = pd.DataFrame(list(rows))
    paid = frame[frame["late"].notna()]
    payments = pd.DataFrame(
        {
            "invoice_id": paid["invoice_id"].astype(str),
            "payment_date": paid["due_date"] + pd.to_timedelta(paid["late"].astype(int), unit="D"),
            "amount": paid["amount"].astype(float),
        }
    ).reset_index(drop=True)
    invoices = frame.drop(columns="late").reset_index(drop=True)
    invoices["disputed"] = invoices["disputed"].astype(bool)
    return Ledger(
        invoices=invoices,
        payments=payments,
        customers=customers,
        disputes=disputes,
        dunning_events=dunning_events,
    )
