"""Credit notes, unapplied cash and residual items (kpis.md, ledgers.md), worked by hand.

T = 2024-03-31, P = 90, W = 2024-01-02 … 2024-03-31.
"""

from __future__ import annotations

import pandas as pd
import pytest
from kpis_builders import T, invoices, payments

from kit.kpis import compute_kpis, kpis_by
from kit.ledger import Ledger


def _ledger() -> Ledger:
    inv = invoices(
        [
            ("A", "c1", "2024-02-01", "2024-03-02", 1000),  # credited 200 (applied), open 800
            ("B", "c2", "2024-03-01", "2024-03-31", 500),  # paid 500 on 2024-03-10
            ("R", "c1", "2024-03-15", "2024-02-15", 300),  # residual item: not a sale
        ]
    )
    inv["residual"] = [False, False, True]
    pay = payments([("B", "2024-03-10", 500), (None, "2024-03-20", 120), (None, "2024-02-05", 80)])
    pay["customer_id"] = [None, "c2", "c1"]
    pay["cleared_date"] = pd.to_datetime([None, None, "2024-02-28"])  # the 80 cleared before T
    notes = pd.DataFrame(
        {
            "credit_note_id": ["G1", "G2", "G3"],
            "customer_id": ["c1", "c2", "c2"],
            "issue_date": pd.to_datetime(["2024-02-10", "2024-03-05", "2023-12-20"]),
            "amount": [200.0, 50.0, 40.0],
            "invoice_id": ["A", None, None],
            "cleared_date": pd.to_datetime([None, None, None]),
        }
    )
    return Ledger(invoices=inv, payments=pay, credit_notes=notes)


def test_credits_unapplied_cash_and_residual_items() -> None:
    r = compute_kpis(_ledger(), as_of=T, period_days=90)
    v = r.values
    # open(A) = 1000 − 200 credited = 800 (dpd 29); B paid; R 300 open (dpd 45): AR = 1100.
    assert v["ar_total"] == pytest.approx(800 + 300)
    assert r.aging["amount"].to_dict()["1-30"] == pytest.approx(800.0)
    assert r.aging["amount"].to_dict()["31-60"] == pytest.approx(300.0)
    # Open credits: unapplied G2 50 + G3 40 (issued before W, still open) + payment 120
    # (the 80 cleared on 2024-02-28) = 210.
    assert v["open_credits"] == pytest.approx(50 + 40 + 120)
    assert v["ar_net"] == pytest.approx(1100 - 210)
    # Net credit sales: A 1000 + B 500 (R is no sale) − credit notes in W G1 200 + G2 50 = 1250.
    assert v["credit_sales"] == pytest.approx(1000 + 500 - 200 - 50)
    assert v["dso"] == pytest.approx(1100 / 1250 * 90)
    # Cash in W: 500 + 120 + 80 = 700 (credit notes are not cash); due in W: A 1000 + B 500 +
    # R 300 (due 2024-02-15, issued 2024-03-15 ≤ T) = 1800.
    assert v["collection_rate"] == pytest.approx(700 / 1800 * 100)
    # Countback on gross sales: March 500 (R is no sale) < 1100 → 31 d, R 600; February 1000
    # → 600 / 1000 × 29 = 17.4 → 48.4 days.
    assert v["dso_countback"] == pytest.approx(31 + 600 / 1000 * 29)
    # Settled in W: only B (9 days, 21 early).
    assert v["days_to_pay"] == pytest.approx(9.0)
    assert v["days_late"] == pytest.approx(-21.0)


def test_invoice_cleared_by_a_credit_note_alone_is_settled_without_cash() -> None:
    inv = invoices([("A", "c1", "2024-02-01", "2024-03-02", 400)])
    inv["paid_date"] = pd.to_datetime(["2024-03-05"])
    notes = pd.DataFrame(
        {
            "customer_id": ["c1"],
            "issue_date": pd.to_datetime(["2024-03-05"]),
            "amount": [400.0],
            "invoice_id": [None],
            "cleared_date": pd.to_datetime(["2024-03-05"]),
        }
    )
    pay = payments([]).assign(customer_id=pd.Series(dtype=object))
    v = compute_kpis(
        Ledger(invoices=inv, payments=pay, credit_notes=notes), as_of=T, period_days=90
    ).values
    # Settled on its clearing date 2024-03-05: 33 days after issue, 3 days late.
    assert v["ar_total"] == 0.0
    assert v["open_credits"] == 0.0  # the credit note is cleared by T
    assert v["days_to_pay"] == pytest.approx(33.0)
    assert v["days_late"] == pytest.approx(3.0)
    # No cash in W; the 400 due on 2024-03-02 is due in W: 0 / 400 = 0 %.
    assert v["collection_rate"] == pytest.approx(0.0)
    # Net credit sales 400 − 400 = 0: DSO has no denominator.
    assert v["credit_sales"] == 0.0
    assert v["dso"] is None


def test_credits_by_customer() -> None:
    frame = kpis_by(_ledger(), "customer_id", as_of=T, period_days=90)
    # c1: G1 is applied and the 80 cleared: 0; c2: G2 50 + G3 40 + payment 120 = 210.
    assert frame.loc["c1", "open_credits"] == pytest.approx(0.0)
    assert frame.loc["c2", "open_credits"] == pytest.approx(210.0)
    assert frame.loc["c1", "credit_sales"] == pytest.approx(1000 - 200)
    assert frame.loc["c2", "credit_sales"] == pytest.approx(500 - 50)


def test_residual_item_cleared_in_the_window() -> None:
    # Invoice A 1000 (issued 2024-01-10, due 2024-02-09) cleared on 2024-02-20 by a partial
    # payment of 600; its residual item R 400 (document date 2024-02-20, due 2024-02-09) is
    # cleared on 2024-03-10.
    inv = invoices(
        [
            ("A", "c1", "2024-01-10", "2024-02-09", 1000),
            ("R", "c1", "2024-02-20", "2024-02-09", 400),
        ]
    )
    inv["residual"] = [False, True]
    inv["paid_date"] = pd.to_datetime(["2024-02-20", "2024-03-10"])
    pay = payments([(None, "2024-02-20", 600), (None, "2024-03-10", 400)])
    pay["customer_id"] = ["c1", "c1"]
    pay["cleared_date"] = pay["payment_date"]
    v = compute_kpis(Ledger(invoices=inv, payments=pay), as_of=T, period_days=90).values
    # Sales: A only (1000); the residual is not a sale. Cash in W: 600 + 400 = 1000; due in W:
    # A 1000 + R 400 = 1400.
    assert v["credit_sales"] == pytest.approx(1000.0)
    assert v["collection_rate"] == pytest.approx(1000 / 1400 * 100)
    # Settled in W: A after 41 days (11 late), R after 19 days from its own document date
    # (30 days after its due date): (1000 × 41 + 400 × 19) / 1400 and (1000 × 11 + 400 × 30) / 1400.
    assert v["days_to_pay"] == pytest.approx((1000 * 41 + 400 * 19) / 1400)
    assert v["days_late"] == pytest.approx((1000 * 11 + 400 * 30) / 1400)
    assert v["ar_total"] == 0.0 and v["open_credits"] == 0.0
