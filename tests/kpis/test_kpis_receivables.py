"""Receivables KPIs on the hand-built ledger of kpis_builders (T = 2024-03-31, P = 90).

W = (2024-01-01, 2024-03-31]. Open at T: A 1000−300−200 = 500 (the 500 of 2024-04-05 is after T),
C 1500−500 = 1000 (due on T: current), G 600 (dpd 1); B, F settled; E overpaid (open −50 → 0);
D issued after T. Open at T−P = 2024-01-01: A 700, F 800.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from kpis_builders import T, base_ledger, invoices, payments

from kit.kpis import REGISTRY, compute_kpis
from kit.ledger import Ledger


def test_receivables_by_hand() -> None:
    r = compute_kpis(base_ledger(), as_of=T, period_days=90)
    v = r.values
    assert v["ar_total"] == pytest.approx(2100.0)  # 500 + 1000 + 600
    assert v["ar_current"] == pytest.approx(1000.0)  # C only (dpd 0)
    assert v["ar_overdue"] == pytest.approx(1100.0)  # 2100 − 1000
    assert v["pct_current"] == pytest.approx(1000 / 2100 * 100)  # 47.62
    assert v["credit_sales"] == pytest.approx(4500.0)  # B 2000 + C 1500 + E 400 + G 600
    assert v["dso"] == pytest.approx(42.0)  # 2100 / 4500 × 90
    assert v["bpdso"] == pytest.approx(20.0)  # 1000 / 4500 × 90
    assert v["add"] == pytest.approx(22.0)  # 42 − 20
    # (1500 + 4500 − 2100) / (1500 + 4500 − 1000) × 100 = 3900 / 5000 × 100
    assert v["cei"] == pytest.approx(78.0)
    # Mar slice (31 days): sales C 1500 + G 600 = 2100 = R → 2100/2100 × 31
    assert v["dso_countback"] == pytest.approx(31.0)
    # payments in W: A 200 + B 2000 + C 500 + E 450 + F 800 = 3950;
    # due in W: B 2000 + C 1500 + E 400 + G 600 = 4500
    assert v["collection_rate"] == pytest.approx(3950 / 4500 * 100)
    # settled in W: B (2000, 36 days to pay, 6 late), E (400, 24, −6), F (800, 70, 40)
    assert v["days_to_pay"] == pytest.approx((2000 * 36 + 400 * 24 + 800 * 70) / 3200)  # 43
    assert v["days_late"] == pytest.approx((2000 * 6 - 400 * 6 + 800 * 40) / 3200)  # 13
    assert v["on_time_rate"] == pytest.approx(100 / 3)  # E only
    assert v["paid_within_45_rate"] == pytest.approx(200 / 3)  # B 36, E 24 ≤ 45; F 70 not
    assert set(v) == set(REGISTRY)


def test_aging_by_due_date() -> None:
    r = compute_kpis(base_ledger(), as_of=T)
    # C dpd 0 → current; G dpd 1 → 1-30; A dpd 91 → 91-180
    assert r.aging["amount"].to_dict() == {
        "current": 1000.0, "1-30": 600.0, "31-60": 0.0, "61-90": 0.0, "91-180": 500.0, ">180": 0.0
    }  # fmt: skip
    assert r.aging["count"].tolist() == [1, 1, 0, 0, 1, 0]
    assert r.aging["amount"].sum() == r.values["ar_total"]


_EDGES = [(30, "1-30"), (31, "31-60"), (60, "31-60"), (61, "61-90"), (90, "61-90"),
          (91, "91-180"), (180, "91-180"), (181, ">180"), (0, "current")]  # fmt: skip


@pytest.mark.parametrize(("dpd", "bucket"), _EDGES)
def test_aging_edges_inclusive(dpd: int, bucket: str) -> None:
    due = pd.Timestamp(T) - pd.Timedelta(days=dpd)
    inv = invoices([("X", "c", "2020-01-01", due.strftime("%Y-%m-%d"), 10)])
    r = compute_kpis(Ledger(invoices=inv), as_of=T)
    assert r.aging.loc[bucket, "amount"] == 10.0
    assert r.aging["amount"].sum() == 10.0


def test_overpayment_is_clipped_and_warned() -> None:
    r = compute_kpis(base_ledger(), as_of=T)
    assert any("1 invoices overpaid" in w and "50.00" in w for w in r.warnings)
    assert "ar_total" in r.notes


def test_payment_after_t_and_invoice_after_t_change_nothing() -> None:
    base = compute_kpis(base_ledger(), as_of=T).values
    more = base_ledger()
    assert more.payments is not None
    extra = payments([("G", "2024-04-01", 600), ("C", "2024-04-15", 1000)])
    more.payments = pd.concat([more.payments, extra], ignore_index=True)
    more.invoices = pd.concat(
        [more.invoices, invoices([("Z", "c9", "2024-04-01", "2024-04-30", 5000)])],
        ignore_index=True,
    )
    assert compute_kpis(more, as_of=T).values == base


def test_partial_payments_settle_on_last_date() -> None:
    inv = invoices([("P", "c", "2024-01-10", "2024-02-09", 100)])
    pay = payments(
        [("P", "2024-02-01", 33.33), ("P", "2024-02-05", 33.33), ("P", "2024-02-12", 33.34)]
    )
    r = compute_kpis(Ledger(invoices=inv, payments=pay), as_of=T)
    # settled 2024-02-12 (sum reaches 100 up to float noise): 33 days to pay, 3 days late
    assert r.values["days_to_pay"] == pytest.approx(33.0)
    assert r.values["days_late"] == pytest.approx(3.0)
    assert r.values["ar_total"] == 0.0
    assert r.warnings == []
    mid = compute_kpis(Ledger(invoices=inv, payments=pay), as_of=date(2024, 2, 6)).values
    assert mid["ar_total"] == pytest.approx(33.34)  # 100 − 33.33 − 33.33


def test_paid_date_without_payments_table() -> None:
    inv = invoices(
        [("Q", "c", "2024-01-10", "2024-02-09", 100), ("R", "c", "2024-03-01", "2024-03-31", 50)]
    )
    inv["paid_date"] = pd.to_datetime(["2024-02-01", None])
    r = compute_kpis(Ledger(invoices=inv), as_of=T)
    assert r.values["ar_total"] == 50.0  # R open; Q paid in full on 2024-02-01
    assert r.values["days_to_pay"] == pytest.approx(22.0)  # 2024-01-10 → 2024-02-01
    assert r.values["collection_rate"] == pytest.approx(100 / 150 * 100)  # 100 paid / 150 due


def test_empty_window_gives_nulls_with_notes() -> None:
    # T = 2025-12-31: nothing issued, due or settled in W; C 1000 and G 600 still open.
    r = compute_kpis(base_ledger(), as_of=date(2025, 12, 31))
    for kpi in ("dso", "bpdso", "add", "dispute_rate"):
        assert r.values.get(kpi) is None
    assert r.notes["dso"] == "no invoices issued in window"
    assert r.values["collection_rate"] is None
    assert r.notes["collection_rate"] == "no invoices due in window"
    assert (
        r.values["days_to_pay"] is None
        and r.notes["days_to_pay"] == "no invoices settled in window"
    )
    assert r.values["credit_sales"] == 0.0
    assert r.values["ar_total"] == pytest.approx(1600.0)
    # CEI: (1600 + 0 − 1600) / (1600 + 0 − 0) × 100 = 0
    assert r.values["cei"] == 0.0
    assert r.notes["email_open_rate"] == "no dunning_events data"


def test_empty_ledger() -> None:
    r = compute_kpis(Ledger(invoices=invoices([])), as_of=T)
    assert r.values["ar_total"] == 0.0
    assert r.values["pct_current"] is None
    assert r.notes["pct_current"] == "no open receivables at as-of date"
    assert r.values["dso_countback"] == 0.0
    assert r.aging["amount"].sum() == 0.0


def test_missing_column_is_a_data_error() -> None:
    from kit.errors import DataError

    inv = invoices([("Q", "c", "2024-01-10", "2024-02-09", 100)]).drop(columns="due_date")
    with pytest.raises(DataError, match="due_date"):
        compute_kpis(Ledger(invoices=inv), as_of=T)


def test_bad_period_is_a_config_error() -> None:
    from kit.errors import ConfigError

    with pytest.raises(ConfigError, match="period_days"):
        compute_kpis(base_ledger(), as_of=T, period_days=0)


def test_duplicate_invoice_id_is_a_data_error() -> None:
    from kit.errors import DataError

    inv = invoices(
        [("Q", "c", "2024-01-10", "2024-02-09", 100), ("Q", "c", "2024-01-11", "2024-02-10", 5)]
    )
    with pytest.raises(DataError, match="not unique"):
        compute_kpis(Ledger(invoices=inv), as_of=T)
