"""Small hand-built ledgers for the forecast tests."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd
from shared_builders import IBM, ibm_ledger

from kit.ledger import Ledger

__all__ = ["IBM", "ROWS", "T", "ibm_ledger", "ledger", "synthetic"]

ROWS = [
    # customer A: settled 2, 10, 6 days late (by T); one open; one settled after T
    ("A1", "A", "2024-01-01", "2024-01-31", 100.0, "2024-02-02"),  # late 2
    ("A2", "A", "2024-02-01", "2024-03-02", 100.0, "2024-03-12"),  # late 10
    ("A3", "A", "2024-03-01", "2024-03-31", 100.0, "2024-04-06"),  # late 6
    ("A4", "A", "2024-04-01", "2024-05-01", 250.0, None),  # open at T
    ("A5", "A", "2024-04-10", "2024-05-10", 300.0, "2024-06-20"),  # settled after T: open at T
    ("B1", "B", "2024-04-15", "2024-05-15", 80.0, None),  # new customer, open
]
T = "2024-05-31"


def ledger(rows: list[tuple[str, str, str, str, float, str | None]]) -> Ledger:
    """Return a ledger from (invoice, customer, issue, due, amount, paid_date or None) rows."""
    frame = pd.DataFrame(
        rows, columns=["invoice_id", "customer_id", "issue_date", "due_date", "amount", "paid_date"]
    )
    for col in ("issue_date", "due_date", "paid_date"):
        frame[col] = pd.to_datetime(frame[col])
    frame["amount"] = frame["amount"].astype(float)
    return Ledger(invoices=frame)


def synthetic(n_customers: int = 30, per_customer: int = 30, seed: int = 1) -> Ledger:
    """Return a seeded ledger: each customer pays a steady number of days late, with noise."""
    rng = np.random.default_rng(seed)
    rows = []
    start = date(2024, 1, 1)
    for c in range(n_customers):
        habit = int(rng.integers(-5, 40))
        for k in range(per_customer):
            issue = start + timedelta(days=int(k * 24 + rng.integers(0, 10)))
            due = issue + timedelta(days=30)
            paid = due + timedelta(days=max(-20, habit + int(rng.integers(-6, 7))))
            amount = float(rng.integers(100, 5000))
            rows.append(
                (
                    f"I{c:02d}{k:03d}",
                    f"C{c:02d}",
                    issue.isoformat(),
                    due.isoformat(),
                    amount,
                    paid.isoformat(),
                )
            )
    return ledger(rows)
