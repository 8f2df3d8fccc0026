"""Data-quality baseline on a hand-built ledger."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from kit.ingest import data_quality
from kit.ledger import Ledger


def _ledger() -> Ledger:
    invoices = pd.DataFrame(
        {
            "invoice_id": ["1", "2", "3", "4"],
            "customer_id": ["A", "A", "B", "C"],
            "issue_date": pd.to_datetime(["2026-01-01", "2026-02-01", "2026-03-01", "2026-08-01"]),
            "due_date": pd.to_datetime(["2026-01-31", "2026-03-03", "2026-03-31", "2026-08-31"]),
            "amount": [100.0, 50.0, 80.0, 10.0],
        }
    )
    payments = pd.DataFrame(
        {
            "invoice_id": ["1", "1", "2", "3", "3"],
            "payment_date": pd.to_datetime(
                ["2026-01-20", "2026-02-10", "2026-02-15", "2026-03-05", "2026-07-15"]
            ),
            "amount": [100.0, 20.0, 50.0, 30.0, 50.0],
        }
    )
    return Ledger(invoices=invoices, payments=payments)


def test_quality_at_as_of() -> None:
    quality = data_quality(_ledger(), as_of=dt.date(2026, 6, 30))
    metrics = dict(zip(quality.metrics["metric"], quality.metrics["value"], strict=True))
    # invoice 4 is issued after as_of; of 1..3 all have payments by 30.06.
    assert metrics["invoices"] == 3
    assert metrics["invoices_with_payments_pct"] == pytest.approx(100.0)
    # open: 1 → 100-120 = -20 (overpaid), 2 → 0, 3 → 80-30 = 50 (payment of 15.07 is after as_of)
    assert metrics["open_items"] == 1
    assert metrics["open_amount"] == pytest.approx(50.0)
    assert metrics["overpaid_invoices"] == 1 and metrics["overpaid_amount"] == pytest.approx(20.0)
    # customer A: -20 + 0 = -20 < 0 → one negative balance
    assert metrics["negative_balance_customers"] == 1
    # invoice 1 was settled on 20.01 by the first payment; the 20.00 of 10.02 came after
    assert metrics["payments_after_settlement"] == 1
    late = quality.anomalies[quality.anomalies["kind"] == "payment_after_settlement"]
    assert late["invoice_id"].tolist() == ["1"] and late["amount"].tolist() == [20.0]
    tables = quality.tables.set_index("table")
    assert tables.loc["payments", "rows"] == 5
    assert tables.loc["invoices", "last_date"] == pd.Timestamp("2026-08-01")


def test_quality_with_paid_date_only() -> None:
    ledger = _ledger()
    ledger.payments = None
    ledger.invoices["paid_date"] = pd.to_datetime(["2026-01-20", None, None, None])
    quality = data_quality(ledger, as_of=dt.date(2026, 6, 30))
    metrics = dict(zip(quality.metrics["metric"], quality.metrics["value"], strict=True))
    # 1 of the 3 invoices issued by as_of is settled: 33.3 %; open 50 + 80 = 130
    assert metrics["invoices_with_payments_pct"] == pytest.approx(100 / 3)
    assert metrics["open_amount"] == pytest.approx(130.0)
    assert quality.anomalies.empty
