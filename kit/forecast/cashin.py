"""Weekly cash-in of the receivables open at T, from each invoice's predicted payment interval.

Each invoice's payment day is spread over a piecewise-linear distribution through its interval:
10 % of the probability between T + 1 and the interval's start, 40 % from there to the expected
day, 40 % from the expected day to the interval's end, and the last 10 % over as many days again
after it (the 80 % interval leaves 10 % on each side). A week's expected cash is the sum of open
amounts times the probability of paying in that week; its band (10 % to 90 %) treats invoices as
paying independently (normal approximation of the sum, floored at 0).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from kit.forecast.book import Book
from kit.forecast.predict import Prediction

__all__ = ["Z80", "actual_weeks", "weekly_cash_in"]

#: Standard normal quantile for a central 80 % band.
Z80 = 1.2815515655446004


def _cdf(x: np.ndarray, knots: np.ndarray) -> np.ndarray:
    """Return per invoice (rows of knots) the CDF at x; knots: days at 0, .1, .5, .9, 1."""
    probs = np.array([0.0, 0.1, 0.5, 0.9, 1.0])
    out = np.empty((knots.shape[0], x.shape[0]))
    for i, row in enumerate(knots):
        out[i] = np.interp(x, row, probs, left=0.0, right=1.0)
    return out


def weekly_cash_in(prediction: Prediction, *, weeks: int) -> pd.DataFrame:
    """Return `weeks` rows: start and end (day numbers), expected, low and high cash-in (currency).

    Week i covers the days T + 1 + 7i … T + 7 + 7i. What is expected after the last week is not
    in the table (the sum of expected is at most the open amount).
    """
    day = prediction.day
    starts = day + 1 + 7 * np.arange(weeks, dtype=np.int64)
    if prediction.rows.size == 0:
        zeros = np.zeros(weeks)
        return pd.DataFrame(
            {"start": starts, "end": starts + 6, "expected": zeros, "low": zeros, "high": zeros}
        )
    first = np.full(prediction.rows.size, day + 0.5)
    low = prediction.low + 0.5
    mid = np.maximum(prediction.expected + 0.5, low + 1e-6)
    high = np.maximum(prediction.high + 0.5, mid + 1e-6)
    tail = high + np.maximum(high - mid, 1.0)
    lowk = np.maximum(low, first + 1e-6)
    knots = np.column_stack([first, lowk, np.maximum(mid, lowk + 1e-6), high, tail])
    knots = np.maximum.accumulate(knots + np.arange(5) * 1e-7, axis=1)
    edges = np.append(starts - 0.5, starts[-1] + 6.5)
    cdf = _cdf(edges, knots)
    share = np.diff(cdf, axis=1)  # invoices × weeks
    amount = prediction.open_amount[:, None]
    expected = (share * amount).sum(axis=0)
    spread = np.sqrt((share * (1 - share) * amount**2).sum(axis=0))
    return pd.DataFrame(
        {
            "start": starts,
            "end": starts + 6,
            "expected": expected,
            "low": np.clip(expected - Z80 * spread, 0.0, None),
            "high": expected + Z80 * spread,
        }
    )


def actual_weeks(book: Book, prediction: Prediction, *, weeks: int) -> np.ndarray:
    """Return per week the cash that actually came in on the invoices open at T (currency).

    Payments dated in the week on those invoices count (an overpayment counts in full);
    without a payments table, an invoice's open amount counts in the week it was settled.
    """
    tl = book.timeline
    day = prediction.day
    out = np.zeros(weeks)
    if prediction.rows.size == 0:
        return out
    mark = np.zeros(book.size, dtype=bool)
    mark[prediction.rows] = True
    end = day + 7 * weeks
    take = mark[tl.pay_inv] & (tl.pay_date > day) & (tl.pay_date <= end)
    week = (tl.pay_date[take] - day - 1) // 7
    np.add.at(out, week, tl.pay_amount[take])
    return out
