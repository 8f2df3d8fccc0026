"""Payment-date prediction for the invoices open at T: the baseline and a gradient-boosted model.

Both give, per open invoice, an expected payment day (never before T + 1), an 80 % interval and
the probability of being paid more than 30 days after the due date (`p_late_30`).

- **Baseline**: due date + the customer's mean days late so far (customers without history: the
  portfolio mean); interval from the portfolio's spread around the customers' means; p_late_30
  from the customer's share of invoices paid more than 30 days late, pulled towards the
  portfolio's share for customers with few invoices.
- **Model**: scikit-learn `HistGradientBoostingRegressor` with quantile losses (10 %, 50 %, 90 %)
  for the days from T to payment *beyond the baseline's* (the trees start from the baseline and
  learn where it is wrong: disputes, amount, days past due, the spread of the history), and a
  `HistGradientBoostingClassifier` for p_late_30. It is trained on weekly snapshots before T:
  every invoice open at a past date T', with its features as of T' and the days it then took to
  be settled as far as known at T. An invoice still open at T enters with the days up to T (a
  lower bound); snapshots of the last `gap_days` are left out, because most of their outcomes
  are not known yet. The snapshots mirror what is predicted: the invoices open at one date,
  long-open invoices included.
- **Survival analysis** was compared and not chosen. lifelines' Weibull AFT and Cox PH models,
  fitted per as-of date on the same snapshots (invoices still open at T censored) with the same
  features plus the baseline's days, scored by `kit.forecast.backtest` on the IBM ledger at the
  four quarter-ends 2012-12-31 … 2013-09-30 (84–99 open invoices each; `pip install -e
  ".[survival]"`, then `python benchmarks/forecast_survival.py`): mean MAE 5.06 days for this
  model, 5.60 for Cox PH, 6.10 for Weibull AFT, 6.03 for the baseline; 80 % coverage 0.79 /
  0.85 / 0.79 / 0.77; 13-week WAPE 0.19 / 0.24 / 0.32 / 0.24. The quantile model is better on
  every date's MAE and WAPE; it already takes the invoices open at T as lower bounds, and
  lifelines would add autograd and formulaic (its newest release pins pandas < 3). Cox PH
  beats the baseline's MAE on average (not on every date) with intervals too wide (coverage
  0.85, 0.92 on 2013-06-30); Weibull AFT does not beat the baseline.

Thin data never reaches the model: with fewer than `min_settled` settled invoices by T or fewer
than `min_rows` training rows, the baseline is used and the reason says why; with no settled
invoice at all there is no prediction ("not enough history"). Everything is seeded.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from kit.forecast.book import Book
from kit.forecast.features import (
    LATE_DAYS,
    MODEL_FEATURES,
    History,
    customer_history,
    features_at,
    open_at,
)

__all__ = [
    "DEFAULT",
    "Prediction",
    "Prepared",
    "Settings",
    "predict_baseline",
    "predict_model",
    "prediction_at",
    "prepare",
    "training_set",
    "training_snapshots",
]


@dataclass(frozen=True)
class Settings:
    """Knobs of the forecast; the defaults are what the kit uses."""

    seed: int = 0
    min_settled: int = 50  # settled invoices by T before a model is trained
    min_rows: int = 300  # training rows (invoice × snapshot) before a model is trained
    step_days: int = 7  # distance between training snapshots
    lookback_days: int = 730  # oldest training snapshot before T
    gap_days: int = 14  # newest training snapshot before T
    max_rows: int = 200_000  # training rows kept (seeded sample beyond)
    coverage: float = 0.8  # width of the interval


#: The settings the kit uses.
DEFAULT = Settings()


@dataclass(frozen=True)
class Prediction:
    """Predictions for the invoices open at one as-of day (day numbers since 1970-01-01)."""

    day: int  # the as-of day T
    rows: np.ndarray  # invoice positions in the book
    open_amount: np.ndarray  # float64 open at T
    expected: np.ndarray  # int64 expected payment day, ≥ T + 1
    low: np.ndarray  # int64 interval start, ≥ T + 1
    high: np.ndarray  # int64 interval end, ≥ expected
    p_late_30: np.ndarray  # float64 in 0..1
    method: str  # "model" | "baseline"


def _open_amount(book: Book, day: int, rows: np.ndarray) -> np.ndarray:
    amount: np.ndarray = np.clip(book.amount[rows] - book.paid_by(day)[rows], 0.0, None)
    return amount


def _ordered(
    day: int, mid: np.ndarray, low: np.ndarray, high: np.ndarray
) -> tuple[np.ndarray, ...]:
    floor = day + 1
    mid = np.maximum(np.rint(mid).astype(np.int64), floor)
    low = np.minimum(np.maximum(np.floor(low).astype(np.int64), floor), mid)
    high = np.maximum(np.ceil(high).astype(np.int64), mid)
    return mid, low, high


def _p_late_known(book: Book, day: int, rows: np.ndarray, p: np.ndarray) -> np.ndarray:
    """Return p with certainty where it is known at T: open T − due ≥ 30 days means late > 30."""
    known: np.ndarray = np.where(day - book.due[rows] >= LATE_DAYS, 1.0, np.clip(p, 0.0, 1.0))
    return known


def prediction_at(
    book: Book,
    day: int,
    rows: np.ndarray,
    *,
    days: tuple[np.ndarray, np.ndarray, np.ndarray],
    p_late: np.ndarray,
    method: str,
) -> Prediction:
    """Return the Prediction of the invoices `rows` open at `day` from a model's raw output.

    `days` are the expected, earliest and latest payment days (day numbers, unrounded): they are
    rounded, ordered (earliest ≤ expected ≤ latest) and kept after `day`. `p_late` is the model's
    probability of payment more than 30 days late; it becomes 1 where that is known at `day`.
    """
    mid, low, high = _ordered(day, *days)
    return Prediction(
        day=day,
        rows=rows,
        open_amount=_open_amount(book, day, rows),
        expected=mid,
        low=low,
        high=high,
        p_late_30=_p_late_known(book, day, rows, p_late),
        method=method,
    )


def predict_baseline(
    book: Book, day: int, *, history: History | None = None, settings: Settings = DEFAULT
) -> Prediction:
    """Return the baseline prediction (due + customer mean days late) for invoices open at `day`.

    Needs at least one settled invoice by `day` (the portfolio mean); raises ValueError without.
    """
    hist = history or customer_history(book, day)
    if hist.settled == 0:
        raise ValueError("no invoice settled by the as-of date")
    rows = open_at(book, day)
    cust = book.customer[rows]
    has = hist.count[cust] > 0
    mean = np.where(has, hist.mean[cust], hist.portfolio_mean)
    done = np.flatnonzero(book.settled <= day)
    resid = (book.settled[done] - book.due[done]) - hist.mean[book.customer[done]]
    tail = (1.0 - settings.coverage) / 2.0
    q_low, q_high = np.quantile(resid, [tail, 1.0 - tail])
    centre = book.due[rows] + mean
    prior = 2.0
    over = np.nan_to_num(hist.late30[cust]) * hist.count[cust]
    p = (over + prior * hist.portfolio_late30) / (hist.count[cust] + prior)
    days = (centre, centre + q_low, centre + q_high)
    return prediction_at(book, day, rows, days=days, p_late=p, method="baseline")


@dataclass(frozen=True)
class TrainingSet:
    """Snapshot rows before T: features, days to payment (or lower bound), lateness label."""

    features: pd.DataFrame
    days_to_pay: np.ndarray  # float64: days from T' to payment minus the baseline's days
    late30: np.ndarray  # float64 1/0, NaN where not known at T


def training_snapshots(
    book: Book, day: int, *, settings: Settings = DEFAULT
) -> Iterator[tuple[int, np.ndarray, pd.DataFrame]]:
    """Yield (T', open rows, their features) of the weekly snapshots gap to lookback days back.

    Only snapshots with open invoices and at least one settled invoice in the history count.
    """
    first = int(book.issue.min(initial=day))
    snap = day - settings.gap_days
    while snap >= max(day - settings.lookback_days, first + settings.step_days):
        rows = open_at(book, snap)
        hist = customer_history(book, snap)
        if rows.size and hist.settled:
            yield snap, rows, features_at(book, snap, rows, hist)
        snap -= settings.step_days


def training_set(book: Book, day: int, *, settings: Settings = DEFAULT) -> TrainingSet:
    """Return the training rows known at `day`: weekly snapshots T' from gap to lookback days back.

    Outcomes are read only up to `day`: an invoice settled after `day` counts as still open then.
    """
    frames: list[pd.DataFrame] = []
    targets: list[np.ndarray] = []
    labels: list[np.ndarray] = []
    for snap, rows, frame in training_snapshots(book, day, settings=settings):
        frames.append(frame)
        settled = book.settled[rows]
        known = settled <= day
        days = np.where(known, settled - snap, day - snap + 1).astype(np.float64)
        targets.append(days - _baseline_offset(frame))
        late = np.where(known, settled - book.due[rows], day - book.due[rows])
        labels.append(
            np.where(known | (late > LATE_DAYS), (late > LATE_DAYS).astype(float), np.nan)
        )
    if not frames:
        return TrainingSet(pd.DataFrame(columns=list(MODEL_FEATURES)), np.empty(0), np.empty(0))
    features = pd.concat(frames, ignore_index=True)
    y, lab = np.concatenate(targets), np.concatenate(labels)
    if len(y) > settings.max_rows:
        keep = np.sort(
            np.random.default_rng(settings.seed).choice(len(y), settings.max_rows, replace=False)
        )
        features, y, lab = features.iloc[keep].reset_index(drop=True), y[keep], lab[keep]
    return TrainingSet(features, y, lab)


def _baseline_offset(frame: pd.DataFrame) -> np.ndarray:
    """Return the baseline's days from T to payment: due − T + customer mean (unclipped)."""
    offset: np.ndarray = (-frame["dpd"] + frame["hist_mean"]).to_numpy(np.float64)
    return offset


#: The tree settings the payment-day quantiles and the late-payment classifier share.
_TREES: dict[str, Any] = {
    "learning_rate": 0.05,
    "max_leaf_nodes": 15,
    "l2_regularization": 1.0,
    "early_stopping": False,
}


def _regressor(quantile: float, seed: int, categorical: list[bool]) -> object:
    from sklearn.ensemble import HistGradientBoostingRegressor

    return HistGradientBoostingRegressor(
        loss="quantile",
        quantile=quantile,
        max_iter=200,
        min_samples_leaf=100,
        categorical_features=categorical,
        random_state=seed,
        **_TREES,
    )


def _matrix(features: pd.DataFrame) -> np.ndarray:
    x = features[list(MODEL_FEATURES)].to_numpy(dtype=np.float64, copy=True)
    seg = list(MODEL_FEATURES).index("segment")
    x[x[:, seg] < 0, seg] = np.nan
    return x


def model_ready(book: Book, day: int, train: TrainingSet, settings: Settings) -> str | None:
    """Return why no model can be trained at `day` (None when one can)."""
    settled = int((book.settled <= day).sum())
    if settled < settings.min_settled:
        return (
            f"only {settled} invoices settled by the as-of date "
            f"(a model needs {settings.min_settled})"
        )
    if len(train.days_to_pay) < settings.min_rows:
        return (
            f"only {len(train.days_to_pay)} training rows before the as-of date "
            f"(a model needs {settings.min_rows})"
        )
    return None


@dataclass(frozen=True)
class Prepared:
    """What both the forecast and the backtest start from at one as-of day."""

    baseline: Prediction  # the baseline prediction of the invoices open at the day
    train: TrainingSet  # the training rows a model would be fitted on
    model_reason: str | None  # why no model can be trained (None when one can)


def prepare(book: Book, day: int, *, history: History, settings: Settings = DEFAULT) -> Prepared:
    """Return the baseline prediction at `day`, the model's training set and `model_ready`."""
    baseline = predict_baseline(book, day, history=history, settings=settings)
    train = training_set(book, day, settings=settings)
    return Prepared(baseline, train, model_ready(book, day, train, settings))


def predict_model(
    book: Book, day: int, train: TrainingSet, *, settings: Settings = DEFAULT
) -> Prediction:
    """Return the gradient-boosted prediction for the invoices open at `day`, trained on `train`.

    The caller checks `model_ready` first; the model is fitted here, seeded, on `train` only,
    on one thread: on a busy machine OpenMP's threads slow the small fits down tenfold.
    """
    import sklearn.ensemble  # noqa: F401  (load OpenMP before limiting its threads)
    from threadpoolctl import threadpool_limits

    with threadpool_limits(1):
        return _predict_model(book, day, train, settings)


def _predict_model(book: Book, day: int, train: TrainingSet, settings: Settings) -> Prediction:
    from sklearn.ensemble import HistGradientBoostingClassifier

    rows = open_at(book, day)
    hist = customer_history(book, day)
    new = features_at(book, day, rows, hist)
    x_new = _matrix(new)
    offset = _baseline_offset(new)
    x = _matrix(train.features)
    categorical = [name == "segment" for name in MODEL_FEATURES]
    tail = (1.0 - settings.coverage) / 2.0
    preds = {}
    for q in (tail, 0.5, 1.0 - tail):
        reg = _regressor(q, settings.seed, categorical)
        reg.fit(x, train.days_to_pay)  # type: ignore[attr-defined]
        preds[q] = reg.predict(x_new) if rows.size else np.empty(0)  # type: ignore[attr-defined]
    q_low, q_mid, q_high = np.sort(np.vstack([preds[tail], preds[0.5], preds[1.0 - tail]]), axis=0)
    base = day + offset
    known = ~np.isnan(train.late30)
    labels = train.late30[known]
    if not rows.size:
        p = np.empty(0)
    elif labels.size and 0.0 < labels.mean() < 1.0:
        clf = HistGradientBoostingClassifier(
            max_iter=150,
            min_samples_leaf=40,
            categorical_features=categorical,
            random_state=settings.seed,
            **_TREES,
        )
        clf.fit(x[known], labels.astype(int))
        p = clf.predict_proba(x_new)[:, 1]
    else:
        p = np.full(rows.size, float(labels.mean()) if labels.size else 0.0)
    days = (base + q_mid, base + q_low, base + q_high)
    return prediction_at(book, day, rows, days=days, p_late=p, method="model")
