"""Timeline helpers: payments ordered by invoice then date (ties in file order), months of days."""

from __future__ import annotations

import numpy as np

from kit.kpis.aggregates import _months_of
from kit.kpis.timeline import _payment_order


def test_order_equals_a_stable_lexsort_with_ties_and_early_dates() -> None:
    rng = np.random.default_rng(7)
    inv = rng.integers(0, 50, 2_000)
    day = rng.integers(-400, 40, 2_000)  # day numbers before 1970 are negative
    assert _payment_order(inv, day).tolist() == np.lexsort((day, inv)).tolist()


def test_order_with_a_key_wider_than_32_bits() -> None:
    rng = np.random.default_rng(11)
    inv = rng.integers(0, 2**20, 5_000)  # 2**20 invoices x 2**14 days: a 34-bit key, 3 passes
    day = rng.integers(0, 2**14, 5_000)
    inv[:100], day[:100] = inv[0], day[0]  # many ties
    assert _payment_order(inv, day).tolist() == np.lexsort((day, inv)).tolist()


def test_small_case_by_hand() -> None:
    inv = np.array([1, 0, 1, 0, 1])
    day = np.array([5, 9, 5, 3, 2])
    # invoice 0: rows 3 (day 3), 1 (day 9);
    # invoice 1: row 4 (day 2), then rows 0 and 2 (both day 5, in file order)
    assert _payment_order(inv, day).tolist() == [3, 1, 4, 0, 2]


def test_huge_day_span_falls_back_without_overflow() -> None:
    inv = np.array([3, 2, 3], dtype=np.int64)
    day = np.array([2**60, -(2**60), 0], dtype=np.int64)
    assert _payment_order(inv, day).tolist() == [1, 2, 0]
    assert _payment_order(inv[:0], day[:0]).tolist() == []


def test_months_of_many_days_equal_the_calendar_months() -> None:
    days = np.array([-1, 0, 30, 31, 59, 20_000, 19_999, 0], dtype=np.int64)
    # 1969-12-31 -> month -1; 1970-01-01 and 01-31 -> 0; 02-01 -> 1; 03-01 -> 2 (1970 no leap year)
    expected = days.astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)
    assert _months_of(days).tolist() == expected.tolist()
    assert _months_of(days).tolist()[:5] == [-1, 0, 0, 1, 2]
    wide = np.array([0, 10**6], dtype=np.int64)  # range wider than the values: computed directly
    expected_wide = wide.astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)
    assert _months_of(wide).tolist() == expected_wide.tolist()
