"""Weekly cash-in: the distribution of one invoice, totals, and actual weeks."""

from __future__ import annotations

import numpy as np
import pytest
from forecast_builders import ledger

from kit.forecast.book import build_book
from kit.forecast.cashin import actual_weeks, weekly_cash_in
from kit.forecast.predict import Prediction
from kit.kpis.timeline import day_number

T = day_number("2024-05-31")


def _one(expected: int, low: int, high: int, amount: float = 1000.0) -> Prediction:
    return Prediction(
        day=T,
        rows=np.array([0]),
        open_amount=np.array([amount]),
        expected=np.array([T + expected]),
        low=np.array([T + low]),
        high=np.array([T + high]),
        p_late_30=np.array([0.1]),
        method="baseline",
    )


def test_one_invoice_spreads_its_amount_over_the_interval() -> None:
    # interval T+8 … T+13, expected T+10: 10 % in T+1…T+8 (week 0 holds T+1…T+7, week 1 from T+8),
    # 40 % between T+8 and T+10, 40 % between T+10 and T+13, 10 % over T+13 … T+16
    weeks = weekly_cash_in(_one(10, 8, 13), weeks=4)
    assert weeks["start"].tolist() == [T + 1, T + 8, T + 15, T + 22]
    # CDF at T + 7.5 (end of week 0): knots T+.5→0, T+8.5→.1: 0.1 × 7/8 = 0.0875
    assert weeks["expected"][0] == pytest.approx(87.5)
    # CDF at T + 14.5: past T+13.5 (0.9) by 1 of 3 tail days: 0.9 + 0.1/3
    assert weeks["expected"][1] == pytest.approx(1000 * (0.9 + 0.1 / 3 - 0.0875))
    assert weeks["expected"].sum() == pytest.approx(1000.0)
    assert (weeks["low"] <= weeks["expected"]).all() and (weeks["expected"] <= weeks["high"]).all()


def test_actual_weeks_sum_payments_of_the_invoices_open_at_t() -> None:
    rows = [
        ("A", "c", "2024-05-01", "2024-05-31", 100.0, "2024-06-03"),  # week 0
        ("B", "c", "2024-05-01", "2024-05-31", 50.0, "2024-06-10"),  # week 1
        ("C", "c", "2024-06-05", "2024-07-05", 70.0, "2024-06-06"),  # issued after T: not counted
    ]
    book = build_book(ledger(rows))
    pred = Prediction(
        day=T,
        rows=np.array([0, 1]),
        open_amount=np.array([100.0, 50.0]),
        expected=np.array([T + 3, T + 10]),
        low=np.array([T + 1, T + 8]),
        high=np.array([T + 5, T + 12]),
        p_late_30=np.zeros(2),
        method="baseline",
    )
    assert actual_weeks(book, pred, weeks=3).tolist() == [100.0, 50.0, 0.0]
