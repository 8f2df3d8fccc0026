"""Hand-built ledgers for the KPI tests (T = 2024-03-31, P = 90, so W = 2024-01-02 … 2024-03-31)."""

from __future__ import annotations

import math
from datetime import date

import pandas as pd

from kit.ledger import Ledger

T = date(2024, 3, 31)


def invoices(rows: list[tuple[str, str, str, str, float]]) -> pd.DataFrame:
    """Return a canonical invoices table from (id, customer, issue, due, amount) rows."""
    frame = pd.DataFrame(
        rows, columns=["invoice_id", "customer_id", "issue_date", "due_date", "amount"]
    )
    for col in ("issue_date", "due_date"):
        frame[col] = pd.to_datetime(frame[col])
    frame["amount"] = frame["amount"].astype(float)
    return frame


def payments(rows: list[tuple[str, str, float]]) -> pd.DataFrame:
    """Return a canonical payments table from (invoice, date, amount) rows."""
    frame = pd.DataFrame(rows, columns=["invoice_id", "payment_date", "amount"])
    frame["payment_date"] = pd.to_datetime(frame["payment_date"])
    frame["amount"] = frame["amount"].astype(float)
    return frame


def base_ledger() -> Ledger:
    """Return the receivables ledger whose KPIs are worked out by hand in test_kpis_receivables."""
    inv = invoices(
        [
            ("A", "c1", "2023-12-01", "2023-12-31", 1000),  # partly paid before/in/after W
            ("B", "c2", "2024-01-15", "2024-02-14", 2000),  # settled 2024-02-20, 6 days late
            ("C", "c1", "2024-03-01", "2024-03-31", 1500),  # due exactly on T: current
            ("D", "c3", "2024-04-02", "2024-05-02", 999),  # issued after T: ignored
            ("E", "c2", "2024-02-01", "2024-03-02", 400),  # overpaid by 50
            ("F", "c3", "2023-11-01", "2023-12-01", 800),  # settled 2024-01-10
            ("G", "c3", "2024-03-20", "2024-03-30", 600),  # 1 day past due at T
        ]
    )
    pay = payments(
        [
            ("A", "2023-12-20", 300),
            ("A", "2024-02-10", 200),
            ("A", "2024-04-05", 500),  # after T: must not count
            ("B", "2024-02-20", 2000),
            ("C", "2024-03-15", 500),
            ("D", "2024-04-03", 999),
            ("E", "2024-02-25", 450),
            ("F", "2024-01-10", 800),
        ]
    )
    return Ledger(invoices=inv, payments=pay)


def same(a: float | None, b: float | None) -> bool:
    """Return True when two KPI values agree to 1e-9 (both null counts as agreeing)."""
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)
