"""Baseline and model predictions: hand-worked baseline, floors, thin data, determinism."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd
from forecast_builders import ROWS, T, ledger, synthetic

from kit.forecast import build_book, forecast
from kit.forecast.predict import (
    Settings,
    model_ready,
    predict_baseline,
    predict_model,
    training_set,
)
from kit.kpis.timeline import day_number


def _by_id(book, pred):  # type: ignore[no-untyped-def]
    return {book.invoice_id[r]: i for i, r in enumerate(pred.rows)}


def test_baseline_is_due_plus_customer_mean_never_before_t_plus_1() -> None:
    book = build_book(ledger(ROWS))
    day = day_number(T)
    pred = predict_baseline(book, day)
    at = _by_id(book, pred)
    # B1: due 2024-05-15 + portfolio mean 6 = 2024-05-21, before T → T + 1 = 2024-06-01
    assert pred.expected[at["B1"]] == day_number("2024-06-01")
    # A4: due 2024-05-01 + 6 = 2024-05-07 → T + 1 as well; it is 30 days past due: p = 1
    assert pred.expected[at["A4"]] == day + 1
    assert pred.p_late_30[at["A4"]] == 1.0
    assert (pred.low >= day + 1).all() and (pred.low <= pred.expected).all()
    assert (pred.expected <= pred.high).all()


def test_baseline_p_late_30_shrinks_towards_the_portfolio() -> None:
    rows = [*ROWS, ("A6", "A", "2024-05-20", "2024-06-19", 50.0, None)]
    book = build_book(ledger(rows))
    pred = predict_baseline(book, day_number(T))
    at = _by_id(book, pred)
    # A has 0 of 3 invoices > 30 days late, the portfolio 0 of 3: (0 + 2·0) / (3 + 2) = 0
    assert pred.p_late_30[at["A6"]] == 0.0
    # not yet due: the expected date is due + 6 = 2024-06-25
    assert pred.expected[at["A6"]] == day_number("2024-06-25")


def test_thin_history_gives_the_baseline_with_a_reason() -> None:
    result = forecast(ledger(ROWS), as_of=date.fromisoformat(T), weeks=13)
    assert result.method == "baseline"
    assert result.reason == "thin_history"
    assert result.reason_detail is not None and "settled" in result.reason_detail
    assert list(result.invoices["invoice_id"].sort_values()) == ["A4", "A5", "B1"]
    assert len(result.weeks) == 13


def test_open_items_only_gives_not_enough_history() -> None:
    rows = [(*r[:5], None) for r in ROWS]
    result = forecast(ledger(rows), as_of=date.fromisoformat(T), weeks=13)
    assert result.method is None and result.reason == "no_history"
    assert result.invoices.empty and result.weeks.empty


def test_model_needs_enough_training_rows() -> None:
    book = build_book(ledger(ROWS))
    day = day_number(T)
    train = training_set(book, day)
    assert model_ready(book, day, train, Settings()) is not None


def test_model_is_seeded_and_respects_the_floor() -> None:
    book = build_book(synthetic())
    day = day_number("2025-06-30")
    train = training_set(book, day)
    assert model_ready(book, day, train, Settings()) is None
    first = predict_model(book, day, train)
    again = predict_model(book, day, training_set(book, day))
    np.testing.assert_array_equal(first.expected, again.expected)
    np.testing.assert_array_equal(first.p_late_30, again.p_late_30)
    assert (first.low >= day + 1).all() and (first.expected <= first.high).all()
    assert ((first.p_late_30 >= 0) & (first.p_late_30 <= 1)).all()


def test_forecast_on_a_steady_ledger_uses_a_checked_method() -> None:
    result = forecast(synthetic(), as_of=date(2025, 6, 30), weeks=13)
    assert result.method in ("model", "baseline")
    assert result.backtest.rows, "past quarter-ends with history are backtested"
    if result.method == "baseline":
        assert result.reason == "model_not_better"
    assert (result.invoices["expected_payment_date"] > pd.Timestamp("2025-06-30")).all()
    assert list(result.invoices["rank"]) == list(range(1, len(result.invoices) + 1))


def test_the_baseline_is_kept_when_the_model_is_not_better() -> None:
    from kit.forecast import Backtest, BacktestRow

    def row(day: int, model: float, base: float) -> BacktestRow:
        return BacktestRow(day, 10, 10, model, base, 0.8, 0.7, 0.2, 0.3, None)

    # mean model error (5 + 7) / 2 = 6 against the baseline's (6 + 6) / 2 = 6: not better
    assert not Backtest([row(1, 5.0, 6.0), row(2, 7.0, 6.0)]).model_better
    # (5 + 6.9) / 2 = 5.95 < 6: better
    assert Backtest([row(1, 5.0, 6.0), row(2, 6.9, 6.0)]).model_better
    # a date without a model (too little history) does not count for either side
    thin = BacktestRow(3, 10, 10, None, 1.0, None, 0.7, None, 0.3, "only 3 invoices settled")
    assert Backtest([row(1, 5.0, 6.0), thin]).model_better
    assert not Backtest([thin]).model_better
