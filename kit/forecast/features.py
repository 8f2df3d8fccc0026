"""Features of the invoices open at an as-of date T, computed only from what was known at T.

Known at T: invoices issued up to T; settlements on or before T (an invoice settled later is
simply "still open"); payments dated up to T; disputes opened, and resolved, up to T; reminders
and responses up to T; the customer master (segment). Nothing later is read, so changing any
settlement after T cannot move a feature (a test checks this).

The customer's history is the days late (settled − due) of the customer's invoices settled by T:
count, mean, spread (standard deviation), trend (mean of the last three minus the mean), share
paid more than 30 days late. Customers without history get the portfolio's values and count 0.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from kit.forecast.book import Book

__all__ = [
    "FEATURES",
    "LATE_DAYS",
    "MODEL_FEATURES",
    "History",
    "customer_history",
    "features_at",
    "open_at",
]

#: "Paid late" for p_late_30: more than this many days after the due date.
LATE_DAYS = 30

#: The features the model is trained on.
MODEL_FEATURES = (
    "log_amount",
    "terms",
    "dpd",
    "disputed",
    "reminders",
    "responded",
    "segment",
    "hist_count",
    "hist_mean",
    "hist_std",
)

#: The features the model is not trained on. They (age, trend, recent mean, the customer's open
#: and overdue counts, the portfolio mean) made the backtest on the IBM ledger worse or no
#: better; they stay in the frame for the worklist's reasons and for other ledgers' experiments.
_NOT_TRAINED = (
    "age",
    "hist_trend",
    "hist_late30",
    "hist_recent",
    "cust_open",
    "cust_overdue",
    "portfolio_mean",
)

#: Every feature, in column order: those the model is trained on first.
FEATURES = (*MODEL_FEATURES, *_NOT_TRAINED)


@dataclass(frozen=True)
class History:
    """Per customer code, the days-late history of invoices settled by T."""

    count: np.ndarray  # int64
    mean: np.ndarray  # float64 days, NaN without history
    std: np.ndarray  # float64 days, NaN with fewer than two
    trend: np.ndarray  # float64 days (last three − mean), NaN without history
    late30: np.ndarray  # float64 share in 0..1, NaN without history
    recent: np.ndarray  # float64 days: mean of the last three, NaN without history
    portfolio_mean: float  # NaN when nothing is settled
    portfolio_late30: float  # NaN when nothing is settled
    settled: int  # invoices settled by T


def customer_history(book: Book, day: int) -> History:
    """Return the customers' days-late history from the invoices settled on or before `day`."""
    n_cust = len(book.customers)
    done = np.flatnonzero(book.settled <= day)
    late = (book.settled[done] - book.due[done]).astype(np.float64)
    cust = book.customer[done]
    count = np.bincount(cust, minlength=n_cust).astype(np.int64)
    total = np.bincount(cust, weights=late, minlength=n_cust)
    squares = np.bincount(cust, weights=late * late, minlength=n_cust)
    over = np.bincount(cust, weights=(late > LATE_DAYS).astype(float), minlength=n_cust)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(count > 0, total / count, np.nan)
        var = np.where(count > 1, (squares - count * mean * mean) / (count - 1), np.nan)
        std = np.sqrt(np.clip(var, 0.0, None))
        late30 = np.where(count > 0, over / count, np.nan)
    recent = np.full(n_cust, np.nan)
    if done.size:
        order = np.lexsort((book.settled[done], cust))
        frame = pd.DataFrame({"c": cust[order], "late": late[order]})
        last = frame.groupby("c", sort=False)["late"].apply(lambda s: float(s.iloc[-3:].mean()))
        recent[last.index.to_numpy()] = last.to_numpy()
    return History(
        count=count,
        mean=mean,
        std=std,
        trend=recent - mean,
        late30=late30,
        recent=recent,
        portfolio_mean=float(late.mean()) if late.size else float("nan"),
        portfolio_late30=float((late > LATE_DAYS).mean()) if late.size else float("nan"),
        settled=int(done.size),
    )


def open_at(book: Book, day: int) -> np.ndarray:
    """Return the positions of invoices open at the end of `day` (issued, not settled by then)."""
    return np.flatnonzero((book.issue <= day) & (book.settled > day))


def _counts_by_invoice(inv: np.ndarray, days: np.ndarray, day: int, size: int) -> np.ndarray:
    if not inv.size:
        return np.zeros(size, dtype=np.float64)
    return np.bincount(inv[days <= day], minlength=size).astype(np.float64)


def features_at(book: Book, day: int, rows: np.ndarray, history: History) -> pd.DataFrame:
    """Return one row of FEATURES per invoice position in `rows`, as known at the end of `day`."""
    cust = book.customer[rows]
    due, issue = book.due[rows], book.issue[rows]
    dispute_now = (book.dispute_opened[rows] <= day) & (book.dispute_resolved[rows] > day)
    disputed = book.flagged[rows] | dispute_now
    reminders = _counts_by_invoice(book.sent_inv, book.sent_day, day, book.size)[rows]
    responded = _counts_by_invoice(book.response_inv, book.response_day, day, book.size)[rows]
    pm = history.portfolio_mean
    hist_mean = history.mean[cust]
    has = history.count[cust] > 0
    open_now = open_at(book, day)
    n_cust = len(book.customers)
    cust_open = np.bincount(book.customer[open_now], minlength=n_cust)
    overdue = open_now[book.due[open_now] < day]
    cust_overdue = np.bincount(book.customer[overdue], minlength=n_cust)
    paid = book.paid_by(day)[rows]
    open_amount = np.clip(book.amount[rows] - paid, 0.0, None)
    return pd.DataFrame(
        {
            "log_amount": np.log1p(open_amount),
            "terms": (due - issue).astype(np.float64),
            "dpd": (day - due).astype(np.float64),
            "age": (day - issue).astype(np.float64),
            "disputed": disputed.astype(np.float64),
            "reminders": reminders,
            "responded": (responded > 0).astype(np.float64),
            "segment": book.segment[rows].astype(np.float64),
            "hist_count": history.count[cust].astype(np.float64),
            "hist_mean": np.where(has, hist_mean, pm),
            "hist_std": history.std[cust],
            "hist_trend": np.where(has, history.trend[cust], 0.0),
            "hist_late30": np.where(has, history.late30[cust], history.portfolio_late30),
            "hist_recent": np.where(has, history.recent[cust], pm),
            "cust_open": cust_open[cust].astype(np.float64),
            "cust_overdue": cust_overdue[cust].astype(np.float64),
            "portfolio_mean": np.full(rows.shape[0], pm),
        },
        columns=list(FEATURES),
    )
