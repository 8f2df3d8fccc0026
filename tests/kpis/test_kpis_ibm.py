"""The IBM accounts-receivable sample: engine against an independent row-by-row computation."""

from __future__ import annotations

import csv
from datetime import date, datetime, timedelta

import pytest
from shared_builders import IBM, ibm_ledger

from kit.kpis import compute_kpis

FILE = IBM
pytestmark = pytest.mark.skipif(
    not FILE.exists(), reason=f"shared data folder absent: {FILE.parent}"
)
P = 91


def _by_loop(t: date) -> dict[str, float]:
    """Plain-Python KPIs at T from the CSV rows (SettledDate = full settlement)."""
    start = t - timedelta(days=P)
    ar = cur = ar_start = sales = paid_w = due_w = 0.0
    s_amt = s_dtp = 0.0
    s_n = s_45 = 0

    def d(text: str) -> date:
        return datetime.strptime(text, "%m/%d/%Y").date()

    with FILE.open(newline="") as fh:
        for row in csv.DictReader(fh):
            issue, due, settled = d(row["InvoiceDate"]), d(row["DueDate"]), d(row["SettledDate"])
            amount = float(row["InvoiceAmount"])
            if issue <= t and settled > t:
                ar += amount
                if due >= t:
                    cur += amount
            if issue <= start and settled > start:
                ar_start += amount
            if start < issue <= t:
                sales += amount
            if start < settled <= t:
                paid_w += amount
                s_amt += amount
                s_dtp += amount * (settled - issue).days
                s_n += 1
                s_45 += (settled - issue).days <= 45
            if start < due <= t and issue <= t:
                due_w += amount
    dso = ar / sales * P
    bpdso = cur / sales * P
    return {
        "ar_total": ar,
        "dso": dso,
        "bpdso": bpdso,
        "add": dso - bpdso,
        "cei": (ar_start + sales - ar) / (ar_start + sales - cur) * 100,
        "collection_rate": paid_w / due_w * 100,
        "days_to_pay": s_dtp / s_amt,
        "paid_within_45_rate": s_45 / s_n * 100,
    }


@pytest.mark.parametrize("t", [date(2012, 6, 30), date(2013, 6, 30)])
def test_engine_matches_row_loop(t: date) -> None:
    expected = _by_loop(t)
    got = compute_kpis(ibm_ledger(), as_of=t, period_days=P).values
    for kpi, value in expected.items():
        assert got[kpi] == pytest.approx(value, rel=1e-9), kpi


def test_readme_facts() -> None:
    # Whole file (T after the last settlement, window longer than the history): every invoice
    # is settled in W, so 100 − on_time_rate is the share paid late and paid_within_45_rate the
    # share settled within 45 days of the invoice date.
    v = compute_kpis(ibm_ledger(), as_of=date(2014, 12, 31), period_days=2000).values
    assert round(100 - v["on_time_rate"], 1) == 35.6
    assert round(v["paid_within_45_rate"], 1) == 92.9
    assert round(v["dispute_rate"], 1) == 22.7
    assert v["ar_total"] == 0.0
