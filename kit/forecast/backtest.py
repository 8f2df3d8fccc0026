"""Backtest on the client's own history: predict at past as-of dates, compare with what happened.

At each past date T_b the forecast is made exactly as it would have been then (trained only on
what was known at T_b) and compared with what was known at the engagement's as-of date T
(`known_until`): the payment dates of the invoices open at T_b that were settled by T, and the
cash that came in on them in the weeks after T_b. Invoices still open at T are not scored.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from kit.forecast.book import Book
from kit.forecast.cashin import actual_weeks, weekly_cash_in
from kit.forecast.features import customer_history
from kit.forecast.predict import DEFAULT, Prediction, Settings, predict_model, prepare

__all__ = ["Backtest", "BacktestRow", "backtest", "backtest_days"]


@dataclass(frozen=True)
class BacktestRow:
    """The backtest at one past as-of day; None where nothing could be scored."""

    day: int  # as-of day T_b
    invoices: int  # open at T_b
    scored: int  # of these, settled by known_until
    mae_days: float | None  # model: mean |expected − actual| payment day, days
    baseline_mae_days: float | None
    coverage_80: float | None  # model: share of actual days inside the interval, 0..1
    baseline_coverage_80: float | None
    wape_13w: float | None  # model: Σ|forecast − actual| / Σ actual over the weeks, 0..
    baseline_wape_13w: float | None
    model_reason: str | None  # why no model was trained at T_b (None when it was)
    band_coverage_13w: float | None = None  # model: share of weeks with actual cash in the band
    baseline_band_coverage_13w: float | None = None


def _mean(values: list[float | None]) -> float | None:
    kept = [v for v in values if v is not None]
    return float(np.mean(kept)) if kept else None


@dataclass(frozen=True)
class Backtest:
    """Backtest rows and their means (the figures the report and the JSON show)."""

    rows: list[BacktestRow] = field(default_factory=list)
    weeks: int = 13

    def mean(self, name: str) -> float | None:
        """Return the mean of one BacktestRow field over the rows that have it."""
        return _mean([getattr(r, name) for r in self.rows])

    @property
    def model_better(self) -> bool:
        """Return whether the model's mean MAE is below the baseline's on the same dates."""
        pairs = [
            (r.mae_days, r.baseline_mae_days)
            for r in self.rows
            if r.mae_days is not None and r.baseline_mae_days is not None
        ]
        if not pairs:
            return False
        model, base = (float(np.mean(v)) for v in zip(*pairs, strict=True))
        return model < base

    def frame(self) -> pd.DataFrame:
        """Return one row per as-of date (as_of as a Timestamp) with every figure."""
        records = [{**r.__dict__, "as_of": pd.Timestamp(int(r.day), unit="D")} for r in self.rows]
        return pd.DataFrame(records)


def backtest_days(
    book: Book, day: int, *, weeks: int, count: int = 4, settings: Settings = DEFAULT
) -> list[int]:
    """Return up to `count` past quarter-end days T_b ≤ day − 7·weeks with settled history."""
    latest = pd.Timestamp(int(day - 7 * weeks), unit="D")
    ends = pd.date_range(end=latest, periods=count + 8, freq="QE")
    out = []
    for end in ends:
        d = int((end - pd.Timestamp(0)).days)
        if d > day - 7 * weeks:
            continue
        if int((book.settled <= d).sum()) >= max(1, settings.min_settled // 5) and int(
            ((book.issue <= d) & (book.settled > d)).sum()
        ):
            out.append(d)
    return out[-count:]


def _scores(
    pred: Prediction, book: Book, known_until: int
) -> tuple[int, float | None, float | None]:
    actual = book.settled[pred.rows]
    done = actual <= known_until
    if not done.any():
        return 0, None, None
    err = np.abs(pred.expected[done] - actual[done]).astype(float)
    inside = (pred.low[done] <= actual[done]) & (actual[done] <= pred.high[done])
    return int(done.sum()), float(err.mean()), float(inside.mean())


def _wape(pred: Prediction, actual: np.ndarray, weeks: int) -> float | None:
    total = float(actual.sum())
    if total <= 0:
        return None
    expected = weekly_cash_in(pred, weeks=weeks)["expected"].to_numpy()
    return float(np.abs(expected - actual).sum() / total)


def _band(pred: Prediction, actual: np.ndarray, weeks: int) -> float:
    table = weekly_cash_in(pred, weeks=weeks)
    inside = (table["low"].to_numpy() <= actual) & (actual <= table["high"].to_numpy())
    return float(inside.mean())


def backtest(
    book: Book,
    days: list[int],
    *,
    known_until: int,
    weeks: int = 13,
    settings: Settings = DEFAULT,
) -> Backtest:
    """Return the backtest of model and baseline at each day of `days` (see the module text).

    The WAPE is left out (None) for a date whose weeks reach beyond `known_until`.
    """
    rows = []
    for day in days:
        hist = customer_history(book, day)
        if hist.settled == 0:
            continue
        prepared = prepare(book, day, history=hist, settings=settings)
        base, reason = prepared.baseline, prepared.model_reason
        model: Prediction | None = None
        if reason is None:
            model = predict_model(book, day, prepared.train, settings=settings)
        full = day + 7 * weeks <= known_until
        actual = actual_weeks(book, base, weeks=weeks) if full else np.zeros(weeks)
        scored, b_mae, b_cov = _scores(base, book, known_until)
        _, m_mae, m_cov = _scores(model, book, known_until) if model else (0, None, None)
        rows.append(
            BacktestRow(
                day=day,
                invoices=int(base.rows.size),
                scored=scored,
                mae_days=m_mae,
                baseline_mae_days=b_mae,
                coverage_80=m_cov,
                baseline_coverage_80=b_cov,
                wape_13w=_wape(model, actual, weeks) if model and full else None,
                baseline_wape_13w=_wape(base, actual, weeks) if full else None,
                model_reason=reason,
                band_coverage_13w=_band(model, actual, weeks) if model and full else None,
                baseline_band_coverage_13w=_band(base, actual, weeks) if full else None,
            )
        )
    return Backtest(rows, weeks)
