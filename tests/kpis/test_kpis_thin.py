"""Thin ledgers never crash a KPI: every KPI is a number or null with a note, at any as-of date.

Generated ledgers have tables absent, present but empty, single rows, all invoices disputed,
no payments and events only outside the window; as-of dates run from before the first invoice
to a year after the last. The invariants of kpis.md hold throughout.
"""

from __future__ import annotations

import math
from datetime import date, timedelta

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kit.kpis import (
    REGISTRY,
    compute_kpis,
    dunning_funnel,
    kpi_series,
    kpis_by,
    overdue_contributors,
    top_overdue,
)
from kit.kpis.result import KpiResult
from kit.ledger import Ledger

_BASE = date(2025, 1, 1)
_SPAN = 400  # days of issue dates

_invoice = st.tuples(
    st.integers(0, _SPAN),  # issue offset
    st.integers(0, 60),  # payment terms
    st.floats(0.01, 5_000, allow_nan=False),  # amount
    st.booleans(),  # disputed flag
    st.one_of(st.none(), st.integers(0, 200)),  # paid_date offset from issue
)
_payment = st.tuples(st.integers(0, 30), st.integers(-5, 200), st.floats(0.01, 5_000))
_event = st.tuples(
    st.integers(0, 30),  # invoice index
    st.integers(-400, 900),  # day offset from _BASE: often outside any window
    st.sampled_from(["email", "sms", "letter", "call", "portal"]),
    st.sampled_from(["sent", "bounced", "opened", "clicked", "page_view", "payment_failed"]),
    st.booleans(),  # with message_id
)


def _day(offset: int) -> pd.Timestamp:
    return pd.Timestamp(_BASE + timedelta(days=offset))


def _invoices(rows: list[tuple[int, int, float, bool, int | None]], *, paid: bool) -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "invoice_id": [f"R{i:03d}" for i in range(len(rows))],
            "customer_id": [f"K{i % 3}" for i in range(len(rows))],
            "issue_date": pd.to_datetime([_day(r[0]) for r in rows]),
            "due_date": pd.to_datetime([_day(r[0] + r[1]) for r in rows]),
            "amount": [float(r[2]) for r in rows],
            "disputed": [bool(r[3]) for r in rows],
            "segment": ["A" if i % 2 else "B" for i in range(len(rows))],
        }
    )
    if paid:
        frame["paid_date"] = pd.to_datetime(
            [_day(r[0] + r[4]) if r[4] is not None else pd.NaT for r in rows]
        )
    return frame


def _payments(rows: list[tuple[int, int, float]], invoices: pd.DataFrame) -> pd.DataFrame:
    n = len(invoices)
    kept = [r for r in rows if n and r[0] < n]
    frame = pd.DataFrame(
        {
            "invoice_id": [invoices["invoice_id"].iloc[r[0]] for r in kept],
            "payment_date": pd.to_datetime(
                [invoices["issue_date"].iloc[r[0]] + pd.Timedelta(days=max(r[1], 0)) for r in kept]
            ),
            "amount": [float(r[2]) for r in kept],
        }
    )
    frame["amount"] = frame["amount"].astype(float)
    return frame


def _events(rows: list[tuple[int, int, str, str, bool]], invoices: pd.DataFrame) -> pd.DataFrame:
    n = len(invoices)
    kept = [r for r in rows if n and r[0] < n]
    return pd.DataFrame(
        {
            "invoice_id": [invoices["invoice_id"].iloc[r[0]] for r in kept],
            "timestamp": pd.to_datetime([_day(r[1]) + pd.Timedelta(hours=9) for r in kept]),
            "channel": [r[2] for r in kept],
            "event": [r[3] for r in kept],
            "message_id": [f"m{r[0]}-{r[2]}" if r[4] else None for r in kept],
        }
    )


def _disputes(invoices: pd.DataFrame, *, resolved: bool) -> pd.DataFrame:
    flagged = invoices[invoices["disputed"]]
    return pd.DataFrame(
        {
            "invoice_id": flagged["invoice_id"].to_list(),
            "opened_date": pd.to_datetime(flagged["issue_date"] + pd.Timedelta(days=5)),
            "resolved_date": pd.to_datetime(
                flagged["issue_date"] + pd.Timedelta(days=40) if resolved else pd.NaT
            ),
        }
    )


@st.composite
def thin_ledgers(draw: st.DrawFn) -> Ledger:
    """Return a ledger in which every table may be absent, empty, a single row or a handful."""
    rows = draw(st.lists(_invoice, min_size=1, max_size=6))
    if draw(st.booleans()):  # all disputed
        rows = [(a, b, c, True, e) for a, b, c, _, e in rows]
    invoices = _invoices(rows, paid=draw(st.booleans()))
    choice = draw(st.sampled_from(["absent", "empty", "rows"]))
    payments = (
        None
        if choice == "absent"
        else _payments([] if choice == "empty" else draw(st.lists(_payment, max_size=6)), invoices)
    )
    choice = draw(st.sampled_from(["absent", "empty", "rows"]))
    events = (
        None
        if choice == "absent"
        else _events([] if choice == "empty" else draw(st.lists(_event, max_size=8)), invoices)
    )
    choice = draw(st.sampled_from(["absent", "empty", "rows"]))
    disputes = (
        None
        if choice == "absent"
        else _disputes(
            invoices.iloc[:0] if choice == "empty" else invoices, resolved=draw(st.booleans())
        )
    )
    customers = (
        pd.DataFrame({"customer_id": sorted(set(invoices["customer_id"]))})
        if draw(st.booleans())
        else None
    )
    return Ledger(
        invoices=invoices,
        payments=payments,
        customers=customers,
        disputes=disputes,
        dunning_events=events,
    )


def _as_of(ledger: Ledger, offset: int) -> date:
    """Return an as-of date `offset` days after the day before the first issue date."""
    first = pd.Timestamp(ledger.invoices["issue_date"].min()).date()
    return first - timedelta(days=1) + timedelta(days=offset)


_OFFSETS = st.integers(-60, _SPAN + 400)  # before the first invoice … a year after the last


def _check_result(result: KpiResult) -> None:
    assert set(result.values) == set(REGISTRY)
    for kpi, value in result.values.items():
        if value is None:
            assert result.notes.get(kpi), f"{kpi} is null without a note"
        else:
            assert math.isfinite(value), f"{kpi} = {value}"
    ar = result.values["ar_total"]
    assert ar is not None and ar >= 0
    assert math.isclose(float(result.aging["amount"].sum()), ar, rel_tol=1e-9, abs_tol=1e-6)
    assert (result.aging["amount"] >= 0).all()
    dso, bpdso, add = (result.values[k] for k in ("dso", "bpdso", "add"))
    if dso is not None and bpdso is not None:
        assert dso >= bpdso - 1e-9
        assert add is not None and add >= -1e-9
    for rate in ("pct_current", "on_time_rate", "paid_within_45_rate", "dispute_rate"):
        value = result.values[rate]
        assert value is None or -1e-9 <= value <= 100 + 1e-9, (rate, value)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(thin_ledgers(), _OFFSETS)
def test_thin_ledgers_give_a_number_or_a_null_with_a_note(ledger: Ledger, offset: int) -> None:
    _check_result(compute_kpis(ledger, as_of=_as_of(ledger, offset)))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(thin_ledgers(), _OFFSETS)
def test_thin_ledgers_series_and_breakdowns_never_raise(ledger: Ledger, offset: int) -> None:
    when = _as_of(ledger, offset)
    series = kpi_series(ledger, as_of=when, months=4)
    assert list(series.columns) == list(REGISTRY)
    frame = kpis_by(ledger, "segment", as_of=when)
    assert set(frame.index) <= {"A", "B"}
    top = top_overdue(ledger, as_of=when)
    assert (top["overdue_amount"] > 0).all() if "overdue_amount" in top else True
    for table in overdue_contributors(ledger, as_of=when).values():
        assert not table.isna().all(axis=None) or table.empty
    funnel = dunning_funnel(ledger, as_of=when)
    assert (funnel.select_dtypes("number") >= 0).all(axis=None)


def test_events_only_after_the_as_of_date_give_null_digital_kpis() -> None:
    """A German ledger whose dunning events all fall after T: null with a note, no exception."""
    invoices = _invoices([(0, 30, 100.0, False, None), (10, 30, 50.0, False, 20)], paid=True)
    events = _events(
        [(0, 200, "email", "sent", False), (1, 210, "email", "opened", False)], invoices
    )
    ledger = Ledger(invoices=invoices, dunning_events=events)
    result = compute_kpis(ledger, as_of=_BASE + timedelta(days=60))
    _check_result(result)
    assert result.values["email_open_rate"] is None
    assert result.notes["email_open_rate"] == "no emails delivered in window"
    assert result.values["landing_page_views"] == 0.0


def test_as_of_before_the_first_invoice_is_an_empty_ledger() -> None:
    invoices = _invoices([(30, 30, 100.0, False, None)], paid=False)
    result = compute_kpis(Ledger(invoices=invoices), as_of=_BASE)
    _check_result(result)
    assert result.values["ar_total"] == 0.0
    assert result.values["dso"] is None
    assert result.notes["dso"] == "no invoices issued in window"


def test_invoices_without_any_settlement_information_give_no_settlement_kpis() -> None:
    """Neither payments nor paid dates: the settlement KPIs are null, not a confident 0 %."""
    from kit.kpis.coverage import NO_SETTLEMENTS, SETTLEMENT_KPIS

    invoices = _invoices([(0, 30, 100.0, False, None), (40, 30, 50.0, False, None)], paid=False)
    result = compute_kpis(Ledger(invoices=invoices), as_of=_BASE + timedelta(days=80))
    _check_result(result)
    for kpi in SETTLEMENT_KPIS:
        assert result.values[kpi] is None and result.notes[kpi] == NO_SETTLEMENTS
    # Open items are still what the invoices say: 100 + 50 issued, nothing known to be paid.
    assert result.values["ar_total"] == 150.0
    # With paid dates on the invoices the same KPIs have values again.
    paid = _invoices([(0, 30, 100.0, False, 10), (40, 30, 50.0, False, None)], paid=True)
    again = compute_kpis(Ledger(invoices=paid), as_of=_BASE + timedelta(days=80))
    assert again.values["on_time_rate"] == 100.0  # the one settled invoice was paid on day 10
