"""Dispute KPIs: flag and table, opened after T, resolved in W, absent data."""

from __future__ import annotations

import pandas as pd
import pytest
from kpis_builders import T, base_ledger

from kit.kpis import compute_kpis


def _with_disputes() -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "invoice_id": ["C", "A", "G"],
            "opened_date": pd.to_datetime(["2024-03-05", "2023-12-10", "2024-04-02"]),
            "resolved_date": pd.to_datetime([None, "2024-01-20", None]),
            "reason": ["price", "quantity", "quality"],
        }
    )
    return frame


def test_dispute_kpis_by_hand() -> None:
    ledger = base_ledger()
    ledger.invoices["disputed"] = ledger.invoices["invoice_id"].eq("B")  # B flagged, not in table
    ledger.disputes = _with_disputes()
    v = compute_kpis(ledger, as_of=T, period_days=90).values
    # issued in W: B, C, E, G (4); disputed by T: B (flag), C (opened 03-05); G opened after T
    assert v["dispute_rate"] == pytest.approx(50.0)  # 2 / 4 × 100
    # open disputes at T: C (open 1000); B's flag counts as open but B is settled (open 0);
    # A's dispute was resolved on 2024-01-20
    assert v["disputed_ar"] == pytest.approx(1000.0)
    # resolved in W: A, 2023-12-10 → 2024-01-20 = 21 + 20 = 41 days
    assert v["dispute_days_to_resolve"] == pytest.approx(41.0)


def test_flag_only_counts_while_open() -> None:
    ledger = base_ledger()
    ledger.invoices["disputed"] = ledger.invoices["invoice_id"].isin(["A", "G", "E"])
    r = compute_kpis(ledger, as_of=T)
    # issued in W and flagged: E, G of B, C, E, G → 2 / 4; open: A 500 + G 600 (E overpaid: 0)
    assert r.values["dispute_rate"] == pytest.approx(50.0)
    assert r.values["disputed_ar"] == pytest.approx(1100.0)
    assert r.values["dispute_days_to_resolve"] is None
    assert r.notes["dispute_days_to_resolve"] == "no disputes table with resolved_date"


def test_no_dispute_data() -> None:
    r = compute_kpis(base_ledger(), as_of=T)
    for kpi in ("dispute_rate", "disputed_ar", "dispute_days_to_resolve"):
        assert r.values[kpi] is None
        assert r.notes[kpi].startswith("no dispute data")


def test_nothing_resolved_in_window() -> None:
    ledger = base_ledger()
    ledger.disputes = _with_disputes().iloc[[0]]
    r = compute_kpis(ledger, as_of=T)
    assert r.values["dispute_days_to_resolve"] is None
    assert r.notes["dispute_days_to_resolve"] == "no disputes resolved in window"
