"""The forecast of an engagement at T: method chosen by the backtest, predictions, cash-in."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd

from kit.forecast.backtest import Backtest, backtest, backtest_days
from kit.forecast.book import Book, build_book
from kit.forecast.cashin import weekly_cash_in
from kit.forecast.features import customer_history, features_at
from kit.forecast.predict import DEFAULT, Prediction, Settings, predict_model, prepare
from kit.kpis.timeline import day_number
from kit.ledger import Ledger

__all__ = ["Forecast", "forecast", "forecast_book"]


@dataclass(frozen=True)
class Forecast:
    """What the kit predicts at T. `method` is None when there is not enough history.

    `reason` is a code saying why the baseline (or nothing) is used: "no_history" (no invoice
    settled by T), "thin_history" (too little to train a model; `reason_detail` says how much),
    "no_backtest" (no past date to check a model on), "model_not_better" (the model did not beat
    the baseline in the backtest); None when the model is used.
    """

    as_of: date
    method: str | None  # "model" | "baseline" | None
    reason: str | None
    reason_detail: str | None
    invoices: pd.DataFrame  # one row per open invoice, ranked (see _invoices)
    weeks: pd.DataFrame  # start, end (dates), expected, low, high
    backtest: Backtest
    settled: int  # invoices settled by T

    @property
    def open_amount(self) -> float:
        """Return the open amount of the invoices forecast (currency)."""
        return float(self.invoices["open_amount"].sum()) if len(self.invoices) else 0.0


_INVOICE_COLUMNS = [
    "invoice_id",
    "customer_id",
    "open_amount",
    "due_date",
    "expected_payment_date",
    "interval_start",
    "interval_end",
    "p_late_30",
    "expected_overdue",
    "rank",
    "days_overdue",
    "disputed",
    "reminders",
    "segment",
    "hist_count",
    "hist_mean",
    "hist_trend",
]


def _dates(days: np.ndarray) -> pd.Series:
    return pd.Series(pd.to_datetime(np.asarray(days, dtype=np.int64), unit="D"))


def _invoices(book: Book, pred: Prediction | None, day: int) -> pd.DataFrame:
    if pred is None or pred.rows.size == 0:
        return pd.DataFrame(columns=_INVOICE_COLUMNS)
    rows = pred.rows
    feats = features_at(book, day, rows, customer_history(book, day))
    seg = book.segment[rows]
    labels = np.asarray(book.segments, dtype=object)
    frame = pd.DataFrame(
        {
            "invoice_id": book.invoice_id[rows],
            "customer_id": book.customer_id[rows],
            "open_amount": pred.open_amount,
            "due_date": _dates(book.due[rows]),
            "expected_payment_date": _dates(pred.expected),
            "interval_start": _dates(pred.low),
            "interval_end": _dates(pred.high),
            "p_late_30": pred.p_late_30,
            "expected_overdue": pred.open_amount * pred.p_late_30,
            "days_overdue": np.maximum(day - book.due[rows], 0),
            "disputed": feats["disputed"].to_numpy() > 0,
            "reminders": feats["reminders"].to_numpy().astype(np.int64),
            "segment": [labels[s] if s >= 0 else None for s in seg],
            "hist_count": feats["hist_count"].to_numpy().astype(np.int64),
            "hist_mean": np.where(feats["hist_count"] > 0, feats["hist_mean"], np.nan),
            "hist_trend": np.where(feats["hist_count"] > 2, feats["hist_trend"], np.nan),
        }
    )
    frame = frame.sort_values(
        ["expected_overdue", "open_amount", "invoice_id"], ascending=[False, False, True]
    ).reset_index(drop=True)
    frame["rank"] = np.arange(1, len(frame) + 1)
    return frame[_INVOICE_COLUMNS]


def _weeks(pred: Prediction | None, day: int, weeks: int) -> pd.DataFrame:
    if pred is None:
        return pd.DataFrame(columns=["start", "end", "expected", "low", "high"])
    table = weekly_cash_in(pred, weeks=weeks)
    table["start"] = _dates(table["start"].to_numpy())
    table["end"] = _dates(table["end"].to_numpy())
    return table


def forecast_book(
    book: Book, *, as_of: date, weeks: int = 13, settings: Settings = DEFAULT
) -> Forecast:
    """Return the forecast at `as_of` from a book; reads nothing dated after `as_of`."""
    day = day_number(as_of)
    hist = customer_history(book, day)
    bt = backtest(
        book,
        backtest_days(book, day, weeks=weeks, settings=settings),
        known_until=day,
        weeks=weeks,
        settings=settings,
    )
    if hist.settled == 0:
        return Forecast(
            as_of,
            None,
            "no_history",
            None,
            _invoices(book, None, day),
            _weeks(None, day, weeks),
            bt,
            0,
        )
    prepared = prepare(book, day, history=hist, settings=settings)
    pred: Prediction = prepared.baseline
    detail = prepared.model_reason
    reason: str | None
    if detail is not None:
        reason = "thin_history"
    elif not any(r.mae_days is not None for r in bt.rows):
        reason = "no_backtest"
    elif not bt.model_better:
        reason = "model_not_better"
    else:
        reason = None
        pred = predict_model(book, day, prepared.train, settings=settings)
    return Forecast(
        as_of,
        pred.method,
        reason,
        detail,
        _invoices(book, pred, day),
        _weeks(pred, day, weeks),
        bt,
        hist.settled,
    )


def forecast(
    ledger: Ledger, *, as_of: date, weeks: int = 13, settings: Settings = DEFAULT
) -> Forecast:
    """Return the forecast of the ledger's open invoices at `as_of` (see `Forecast`)."""
    return forecast_book(build_book(ledger), as_of=as_of, weeks=weeks, settings=settings)
