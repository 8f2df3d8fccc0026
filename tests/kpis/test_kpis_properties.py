"""Properties over random ledgers: aging sums to AR, AR ≥ 0, DSO ≥ BPDSO, later payments ignored."""

from __future__ import annotations

import math
from datetime import date

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from kit.kpis import compute_kpis
from kit.ledger import Ledger

T = date(2024, 6, 30)
_BASE = pd.Timestamp("2023-06-01")

_invoice = st.tuples(
    st.integers(0, 500),  # issue offset (days after 2023-06-01; some after T)
    st.integers(0, 90),  # payment terms
    st.floats(0.01, 10_000, allow_nan=False),  # amount
    st.lists(st.tuples(st.integers(-5, 200), st.floats(0.01, 6_000)), max_size=3),  # payments
)


def _ledger(rows: list[tuple[int, int, float, list[tuple[int, float]]]]) -> Ledger:
    inv = pd.DataFrame(
        {
            "invoice_id": [f"{i:04d}" for i in range(len(rows))],
            "customer_id": [f"c{i % 3}" for i in range(len(rows))],
            "issue_date": [_BASE + pd.Timedelta(days=r[0]) for r in rows],
            "due_date": [_BASE + pd.Timedelta(days=r[0] + r[1]) for r in rows],
            "amount": [float(r[2]) for r in rows],
        },
    )
    inv["issue_date"] = pd.to_datetime(inv["issue_date"])
    inv["due_date"] = pd.to_datetime(inv["due_date"])
    pays = [
        (f"{i:04d}", _BASE + pd.Timedelta(days=r[0] + off), float(amt))
        for i, r in enumerate(rows)
        for off, amt in r[3]
    ]
    pay = pd.DataFrame(pays, columns=["invoice_id", "payment_date", "amount"])
    pay["payment_date"] = pd.to_datetime(pay["payment_date"])
    pay["amount"] = pay["amount"].astype(float)
    return Ledger(invoices=inv, payments=pay)


def _same(a: dict[str, float | None], b: dict[str, float | None]) -> bool:
    return a.keys() == b.keys() and all(
        (x is None and y is None)
        or (x is not None and y is not None and (x == y or (math.isnan(x) and math.isnan(y))))
        for x, y in ((a[k], b[k]) for k in a)
    )


@settings(max_examples=60, deadline=None)
@given(st.lists(_invoice, max_size=12))
def test_aging_sums_to_ar_and_ar_not_negative(
    rows: list[tuple[int, int, float, list[tuple[int, float]]]],
) -> None:
    r = compute_kpis(_ledger(rows), as_of=T)
    assert r.aging["amount"].sum() == r.values["ar_total"]
    assert (r.aging["amount"] >= 0).all()
    ar = r.values["ar_total"]
    assert ar is not None and ar >= 0
    dso, bpdso = r.values["dso"], r.values["bpdso"]
    if dso is not None and bpdso is not None:
        assert dso >= bpdso
        assert r.values["add"] is not None and r.values["add"] >= 0


@settings(max_examples=60, deadline=None)
@given(
    st.lists(_invoice, min_size=1, max_size=12),
    st.integers(0, 11),
    st.integers(1, 60),
    st.floats(0.01, 20_000),
)
def test_payment_after_t_changes_nothing(
    rows: list[tuple[int, int, float, list[tuple[int, float]]]],
    which: int,
    later: int,
    amount: float,
) -> None:
    ledger = _ledger(rows)
    before = compute_kpis(ledger, as_of=T)
    assert ledger.payments is not None
    extra = pd.DataFrame(
        {
            "invoice_id": [f"{which % len(rows):04d}"],
            "payment_date": [pd.Timestamp(T) + pd.Timedelta(days=later)],
            "amount": [float(amount)],
        }
    )
    ledger.payments = pd.concat([ledger.payments, extra], ignore_index=True)
    after = compute_kpis(ledger, as_of=T)
    assert _same(before.values, after.values)
    assert before.aging.equals(after.aging)
