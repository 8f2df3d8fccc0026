"""Customer history and features at T, against hand-worked numbers."""

from __future__ import annotations

import math

import numpy as np
from forecast_builders import ROWS, T, ledger

from kit.forecast.book import build_book
from kit.forecast.features import customer_history, features_at, open_at
from kit.kpis.timeline import day_number


def test_history_counts_only_invoices_settled_by_t() -> None:
    book = build_book(ledger(ROWS))
    hist = customer_history(book, day_number(T))
    a = list(book.customers).index("A")
    b = list(book.customers).index("B")
    assert hist.count[a] == 3 and hist.count[b] == 0
    assert hist.mean[a] == (2 + 10 + 6) / 3  # 6
    # sample std of 2, 10, 6: deviations -4, 4, 0 → (16 + 16 + 0) / 2 = 16 → 4
    assert math.isclose(hist.std[a], 4.0)
    # last three in settlement order are all three: recent mean 6, trend 0
    assert hist.recent[a] == 6.0 and hist.trend[a] == 0.0
    assert math.isnan(hist.mean[b])
    assert hist.portfolio_mean == 6.0 and hist.settled == 3


def test_features_at_t() -> None:
    book = build_book(ledger(ROWS))
    day = day_number(T)
    rows = open_at(book, day)
    assert sorted(book.invoice_id[rows]) == ["A4", "A5", "B1"]
    f = features_at(book, day, rows, customer_history(book, day))
    f.index = book.invoice_id[rows]
    assert f.loc["A4", "dpd"] == 30  # 2024-05-31 − 2024-05-01
    assert f.loc["A4", "terms"] == 30
    assert f.loc["A4", "hist_mean"] == 6.0 and f.loc["A4", "hist_count"] == 3
    # the new customer gets the portfolio mean and count 0
    assert f.loc["B1", "hist_mean"] == 6.0 and f.loc["B1", "hist_count"] == 0
    assert np.isclose(f.loc["A5", "log_amount"], np.log1p(300.0))
    # customer A has two open invoices at T, one of them overdue (A4; A5 is due 2024-05-10 too)
    assert f.loc["A4", "cust_open"] == 2 and f.loc["A4", "cust_overdue"] == 2
