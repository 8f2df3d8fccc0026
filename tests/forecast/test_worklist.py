"""Worklist: one row per customer, ranked by expected overdue amount."""

from __future__ import annotations

import pandas as pd
import pytest

from kit.forecast.worklist import worklist


def test_customers_are_summed_and_ranked() -> None:
    inv = pd.DataFrame(
        {
            "invoice_id": ["a1", "a2", "b1"],
            "customer_id": ["A", "A", "B"],
            "open_amount": [1000.0, 500.0, 3000.0],
            "due_date": pd.to_datetime(["2024-04-01", "2024-05-01", "2024-05-20"]),
            "p_late_30": [0.5, 0.2, 0.1],
            "expected_overdue": [500.0, 100.0, 300.0],
            "rank": [1, 3, 2],
            "days_overdue": [60, 30, 11],
            "disputed": [True, False, True],
            "reminders": [3, 1, 0],
            "segment": ["S", "S", None],
            "hist_count": [5, 5, 0],
            "hist_mean": [12.0, 12.0, float("nan")],
            "hist_trend": [1.0, 1.0, float("nan")],
        }
    )
    wl = worklist(inv)
    assert wl["customer_id"].tolist() == ["A", "B"]  # 500 + 100 = 600 > 300
    a = wl.iloc[0]
    assert a["expected_overdue"] == 600.0 and a["open_amount"] == 1500.0
    assert a["p_late_30"] == pytest.approx(600 / 1500)
    assert a["disputed"] == 1 and a["dunning_level"] == 3 and a["days_overdue"] == 60
    assert a["invoice_ids"] == "a1, a2"
    assert wl["rank"].tolist() == [1, 2]


def test_empty_invoices_give_an_empty_worklist() -> None:
    assert worklist(pd.DataFrame()).empty
