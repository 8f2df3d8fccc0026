"""Survival models against the kit's forecast: baseline, gradient-boosted model, lifelines.

    .venv/bin/pip install -e ".[survival]"   # lifelines; the kit itself never imports it
    .venv/bin/python benchmarks/forecast_survival.py [--engagement data/samples/ibm-ar]
        [--dates 2012-12-31,2013-03-31,2013-06-30,2013-09-30] [--weeks 13] [--no-cox]

At each as-of date T every model learns only what was known at T, from the same weekly
snapshots T' before T as the kit's model (`kit.forecast.predict.training_set`: every invoice
open at T', its features as of T'). For the survival models the duration is the days from T' to
payment; an invoice still open at T enters as censored at T − T'. Covariates are the kit's
MODEL_FEATURES (constant columns dropped, a missing spread filled with the training rows' mean) plus
the log of the baseline's days to payment. For the invoices open at T the fitted survival curve
gives the median payment day (never before T + 1), the 10 % and 90 % quantiles (the 80 %
interval) and P(paid > due + 30) = S(due + 30 − T). All three methods are scored with the
kit's own backtest scoring (`kit.forecast.backtest`) against what the ledger shows afterwards.
Timings are wall-clock seconds per date on a shared machine: they are noisy.
"""

from __future__ import annotations

import argparse
import sys
import time
import warnings
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from kit.engagement import load_engagement
from kit.forecast import build_book
from kit.forecast.backtest import _scores, _wape
from kit.forecast.book import Book
from kit.forecast.cashin import actual_weeks
from kit.forecast.features import (
    LATE_DAYS,
    MODEL_FEATURES,
    customer_history,
    features_at,
    open_at,
)
from kit.forecast.predict import (
    DEFAULT,
    Prediction,
    model_ready,
    predict_baseline,
    predict_model,
    prediction_at,
    training_set,
    training_snapshots,
)
from kit.ingest import load_ledger
from kit.kpis.timeline import day_number

ROOT = Path(__file__).resolve().parents[1]
DATES = "2012-12-31,2013-03-31,2013-06-30,2013-09-30"
GRID = np.arange(1, 1101, dtype=np.float64)  # days after T the survival curves are read at


def _covariates(frame: pd.DataFrame) -> pd.DataFrame:
    """Return the survival covariates: MODEL_FEATURES plus the log of the baseline's days."""
    cov = frame[list(MODEL_FEATURES)].astype(np.float64).copy()
    cov["hist_count"] = np.log1p(cov["hist_count"])
    cov["log_base_days"] = np.log(np.clip(frame["hist_mean"] - frame["dpd"], 1.0, None))
    return cov


def survival_rows(book: Book, day: int) -> pd.DataFrame:
    """Return covariates, duration (days from T') and event (paid by T) of the snapshots before T.

    Same snapshots as the kit's `training_set` (weekly, gap_days to lookback_days back).
    """
    s = DEFAULT
    frames = []
    for snap, rows, features in training_snapshots(book, day, settings=s):
        cov = _covariates(features)
        settled = book.settled[rows]
        known = settled <= day
        cov["duration"] = np.where(known, settled - snap, day - snap).astype(np.float64)
        cov["event"] = known.astype(int)
        frames.append(cov)
    data = pd.concat(frames, ignore_index=True)
    data["hist_std"] = data["hist_std"].fillna(float(data["hist_std"].mean()))
    bad = [c for c in data.columns if data[c].isna().any()]
    if bad:
        raise SystemExit(f"missing values in {bad} at day {day}")
    if len(data) > s.max_rows:
        keep = np.random.default_rng(s.seed).choice(len(data), s.max_rows, replace=False)
        data = data.iloc[np.sort(keep)].reset_index(drop=True)
    return data


def _quantile_days(surv: np.ndarray, q: float) -> np.ndarray:
    """Return per column the first grid day where S ≤ 1 − q (the grid's end when never)."""
    below = surv <= 1.0 - q
    idx = np.where(below.any(axis=0), below.argmax(axis=0), len(GRID) - 1)
    out: np.ndarray = GRID[idx]
    return out


def predict_survival(book: Book, day: int, kind: str) -> Prediction:
    """Return the lifelines prediction (kind "weibull" or "cox") for the invoices open at `day`."""
    from lifelines import CoxPHFitter, WeibullAFTFitter

    data = survival_rows(book, day)
    covs = [c for c in data.columns if c not in ("duration", "event") and data[c].std() > 0]
    rows = open_at(book, day)
    new = _covariates(features_at(book, day, rows, customer_history(book, day)))[covs]
    new["hist_std"] = new["hist_std"].fillna(float(data["hist_std"].mean()))
    # Standardise with the training rows' mean and spread (helps both optimisers converge).
    mu, sd = data[covs].mean(), data[covs].std()
    train = (data[covs] - mu) / sd
    train["duration"], train["event"] = data["duration"], data["event"]
    new = (new - mu) / sd
    fitter = WeibullAFTFitter(penalizer=0.01) if kind == "weibull" else CoxPHFitter(penalizer=0.01)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        fitter.fit(train, duration_col="duration", event_col="event")
        surv = fitter.predict_survival_function(new, times=GRID).to_numpy()  # grid × invoices
    # lifelines calls pandas with positional arguments pandas 4 will refuse: not shown.
    shown = {str(w.message).splitlines()[0] for w in caught}
    for w in sorted(m for m in shown if not m.startswith("Starting with pandas version 4.0")):
        print(f"note: {kind} at {pd.Timestamp(day, unit='D').date()}: {w}")
    q10, q50, q90 = (_quantile_days(surv, q) for q in (0.1, 0.5, 0.9))
    late_at = book.due[rows] + LATE_DAYS - day  # days after T from which the invoice is late
    col = np.clip(late_at, 1, len(GRID)).astype(int) - 1
    p = surv[col, np.arange(rows.size)]
    days = (day + q50, day + q10, day + q90)
    return prediction_at(book, day, rows, days=days, p_late=p, method=kind)


def _gbm(book: Book, day: int) -> Prediction:
    train = training_set(book, day)
    reason = model_ready(book, day, train, DEFAULT)
    if reason is not None:
        raise SystemExit(f"no model at {day}: {reason}")
    return predict_model(book, day, train)


def main() -> int:
    """Run the comparison of the survival models with the forecast; return the exit code.

    Long because it reads the options, runs each model and prints the table in one script.
    """
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--engagement", default=str(ROOT / "data" / "samples" / "ibm-ar"))
    parser.add_argument("--dates", default=DATES)
    parser.add_argument("--weeks", type=int, default=13)
    parser.add_argument("--no-cox", action="store_true", help="skip the Cox PH model")
    args = parser.parse_args()
    book = build_book(load_ledger(load_engagement(args.engagement)))
    known_until = book.last_day()
    days = [day_number(d.strip()) for d in args.dates.split(",") if d.strip()]
    methods: dict[str, Callable[[Book, int], Prediction]] = {
        "baseline": lambda b, d: predict_baseline(b, d),
        "gradient-boosted (kit)": _gbm,
        "Weibull AFT": lambda b, d: predict_survival(b, d, "weibull"),
    }
    if not args.no_cox:
        methods["Cox PH"] = lambda b, d: predict_survival(b, d, "cox")
    records = []
    for day in days:
        for name, method in methods.items():
            started = time.perf_counter()
            pred = method(book, day)
            seconds = time.perf_counter() - started
            scored, mae, cov = _scores(pred, book, known_until)
            full = day + 7 * args.weeks <= known_until
            actual = actual_weeks(book, pred, weeks=args.weeks)
            records.append(
                {
                    "as of": str(pd.Timestamp(day, unit="D").date()),
                    "method": name,
                    "open": int(pred.rows.size),
                    "scored": scored,
                    "MAE (d)": mae,
                    "coverage 80 %": cov,
                    "WAPE 13w": _wape(pred, actual, args.weeks) if full else None,
                    "mean p_late_30": float(pred.p_late_30.mean()) if pred.rows.size else None,
                    "time (s)": seconds,
                }
            )
    table = pd.DataFrame(records)
    mean = (
        table.drop(columns=["as of"])
        .groupby("method", sort=False)
        .mean(numeric_only=True)
        .reset_index()
    )
    mean.insert(0, "as of", "mean")
    shown = pd.concat([table, mean], ignore_index=True)
    for col in ("open", "scored"):
        shown[col] = shown[col].round().astype(int)
    print(shown.to_string(index=False, float_format=lambda v: f"{v:.3f}"))
    print("(time: wall-clock seconds per date, shared 2-core machine — noisy)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
