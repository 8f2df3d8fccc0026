"""Look ahead: payment date per open invoice, 13-week cash-in, collector worklist, backtest.

Data in, data out: frames and dataclasses, no plotting, no labels, no HTML. Everything at an
as-of date T is computed only from what was known at T (see `kit.forecast.features`).
"""

from __future__ import annotations

from kit.forecast.api import Forecast, forecast, forecast_book
from kit.forecast.backtest import Backtest, BacktestRow, backtest, backtest_days
from kit.forecast.book import Book, build_book
from kit.forecast.predict import Settings
from kit.forecast.worklist import worklist

__all__ = [
    "Backtest",
    "BacktestRow",
    "Book",
    "Forecast",
    "Settings",
    "backtest",
    "backtest_days",
    "build_book",
    "forecast",
    "forecast_book",
    "worklist",
]
