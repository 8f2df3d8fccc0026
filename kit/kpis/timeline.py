"""Per-invoice arrays built once from a ledger: amounts, dates as day numbers, payments, settlement.

Every KPI at any as-of date T is an aggregate over these arrays, so a whole KPI set (or a series of
thirteen dates) costs a few vectorised passes and no Python loop over invoices.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import NoReturn

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from kit.errors import ConfigError, DataError
from kit.kpis.credits import (
    Credits,
    build_credits,
    cash_of_payments,
    cash_of_settlements,
    note_arrays,
    paid_date_events,
)
from kit.ledger import Ledger
from kit.message import Msg, msg, plural

__all__ = [
    "EXACT_DIGITS",
    "NEVER",
    "TOLERANCE",
    "Timeline",
    "build_timeline",
    "date_days",
    "day_number",
    "open_at",
    "positions",
]

#: Day number standing for "no date" (never settled); later than any real date.
NEVER = np.int64(2**40)
#: An open amount within this share of the invoice amount counts as exactly 0 (float noise of
#: partial payments such as 33.33 + 33.33 + 33.34).
TOLERANCE = 1e-9
#: Precision and scale of the decimal in which the engines add money: each value is rounded to
#: 1e-10 and added exactly, so a total does not depend on the order a parallel engine adds in.
EXACT_DIGITS = (38, 10)

_I64 = np.dtype(np.int64)


@dataclass(frozen=True)
class Timeline:
    """Per-invoice and per-payment arrays of a ledger; dates are day numbers since 1970-01-01."""

    ledger: Ledger
    invoice_id: pa.Array | pa.ChunkedArray  # string ids in invoice order
    issue: np.ndarray  # int64 day
    due: np.ndarray  # int64 day
    amount: np.ndarray  # float64
    pay_inv: np.ndarray  # int64 invoice position of each payment, sorted by (invoice, date)
    pay_date: np.ndarray  # int64 day
    pay_amount: np.ndarray  # float64
    settled: np.ndarray  # int64 day the open amount first reaches 0, NEVER when it does not
    first_day: int  # earliest issue date (day number)
    warnings: tuple[str, ...]
    credits: Credits | None = None  # cash, credit notes, sales flags (None: as built before)

    @property
    def sale(self) -> np.ndarray:
        """Return per invoice whether it is a sale (residual items are not)."""
        if self.credits is None:
            return np.ones(self.size, dtype=bool)
        return self.credits.sale

    @property
    def size(self) -> int:
        """Return the number of invoices."""
        return int(self.amount.shape[0])


def day_number(value: date | pd.Timestamp | str) -> int:
    """Return the date as a day number since 1970-01-01 (the unit of every Timeline array)."""
    try:
        stamp = pd.Timestamp(value)
    except (ValueError, TypeError) as exc:
        raise ConfigError("not a date", key="as_of", value=value, expected="YYYY-MM-DD") from exc
    if pd.isna(stamp):
        raise ConfigError("not a date", key="as_of", value=value, expected="YYYY-MM-DD")
    return int(np.datetime64(stamp.date(), "D").astype(_I64))


def date_days(frame: pd.DataFrame, column: str, table: str, *, allow_missing: bool) -> np.ndarray:
    """Return a date column as day numbers (NEVER where missing and allowed)."""
    values = pd.to_datetime(frame[column], errors="coerce")
    missing = values.isna().to_numpy()
    if missing.any() and not allow_missing:
        message = plural(
            "{count} row without a valid {column}",
            "{count} rows without a valid {column}",
            int(missing.sum()),
            column=column,
        )
        _refuse(frame, table, column, missing, message, expected="a date in every row")
    days = values.to_numpy().astype("datetime64[D]").view(_I64)
    days[missing] = NEVER
    return days


def _require(frame: pd.DataFrame, table: str, columns: tuple[str, ...]) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise DataError(
            msg(
                "table {table} lacks the column(s) {missing}",
                table=table,
                missing=", ".join(missing),
            ),
            key=table,
            column=missing[0],
            expected=msg("columns {columns}", columns=", ".join(columns)),
            hint=msg("present: {columns}", columns=", ".join(map(str, frame.columns))),
        )


def _amounts(frame: pd.DataFrame, table: str) -> np.ndarray:
    amount = pd.to_numeric(frame["amount"], errors="coerce").to_numpy(dtype=np.float64)
    bad = ~(amount > 0)
    if bad.any():
        message = plural(
            "{count} row with a missing or non-positive amount",
            "{count} rows with a missing or non-positive amount",
            int(bad.sum()),
        )
        _refuse(frame, table, "amount", bad, message, expected="an amount > 0")
    return amount


def _refuse(
    frame: pd.DataFrame, table: str, column: str, bad: np.ndarray, message: Msg, *, expected: str
) -> NoReturn:
    """Raise the DataError for the rows `bad` flags in `column`, showing the first one's value."""
    first = int(np.flatnonzero(bad)[0])
    raise DataError(
        message, key=table, column=column, row=None, value=frame[column].iloc[first],
        expected=expected,
    )  # fmt: skip


def build_timeline(ledger: Ledger) -> Timeline:
    """Return the per-invoice arrays of `ledger` (settlement dates resolved once).

    Long because every per-invoice array is derived once from the same frames, in dependency order.
    """
    inv = ledger.invoices
    _require(inv, "invoices", ("invoice_id", "customer_id", "issue_date", "due_date", "amount"))
    ids = _arrow_ids(inv["invoice_id"])
    if len(pc.unique(ids)) != len(ids):
        dup = inv["invoice_id"][inv["invoice_id"].duplicated()].iloc[0]
        raise DataError("invoice_id is not unique", key="invoices", column="invoice_id", value=dup)
    issue = date_days(inv, "issue_date", "invoices", allow_missing=False)
    due = date_days(inv, "due_date", "invoices", allow_missing=False)
    amount = _amounts(inv, "invoices")
    warnings: list[str] = []
    notes = note_arrays(ledger, ids)
    pays = ledger.payments
    if pays is not None:
        _require(pays, "payments", ("invoice_id", "payment_date", "amount"))
        pay_inv = _index_in(_arrow_ids(pays["invoice_id"]), ids)
        pay_date = date_days(pays, "payment_date", "payments", allow_missing=False)
        pay_amount = _amounts(pays, "payments")
        unapplied = pays["invoice_id"].isna().to_numpy(dtype=bool)
        orphan = (pay_inv < 0) & ~unapplied
        if orphan.any():
            warnings.append(
                f"{int(orphan.sum())} payments reference an unknown invoice_id and are ignored"
            )
        cash = cash_of_payments(ledger, pay_inv, pay_date, pay_amount)
        keep = pay_inv >= 0
        pay_inv, pay_date, pay_amount = pay_inv[keep], pay_date[keep], pay_amount[keep]
        # An invoice with a paid_date and no payments of its own is settled on paid_date.
        extra = paid_date_events(inv, amount, own=pay_inv, notes=notes)
        pay_inv, pay_date, pay_amount = _join((pay_inv, pay_date, pay_amount), extra)
    elif "paid_date" in inv.columns:
        pay_inv, pay_date, pay_amount = paid_date_events(
            inv, amount, own=np.empty(0, _I64), notes=notes
        )
        cash = cash_of_settlements(pay_inv, pay_date, pay_amount)
    else:
        pay_inv = np.empty(0, _I64)
        pay_date, pay_amount = np.empty(0, _I64), np.empty(0, np.float64)
        cash = cash_of_settlements(pay_inv, pay_date, pay_amount)
    credits = build_credits(ledger, cash=cash, notes=notes)
    if notes.applied.any():
        # A credit note applied to an invoice reduces it from its issue date: credited(i,t).
        applied = notes.applied
        pay_inv, pay_date, pay_amount = _join(
            (pay_inv, pay_date, pay_amount),
            (notes.at[applied], notes.date[applied], notes.amount[applied]),
        )
    order = _payment_order(pay_inv, pay_date)
    pay_inv, pay_date, pay_amount = pay_inv[order], pay_date[order], pay_amount[order]
    settled = _settlement(issue, amount, pay_inv, pay_date, pay_amount)
    return Timeline(
        ledger=ledger,
        invoice_id=ids,
        issue=issue,
        due=due,
        amount=amount,
        pay_inv=pay_inv,
        pay_date=pay_date,
        pay_amount=pay_amount,
        settled=settled,
        first_day=int(issue.min()) if issue.size else 0,
        warnings=tuple(warnings),
        credits=credits,
    )


def _join(
    first: tuple[np.ndarray, np.ndarray, np.ndarray],
    second: tuple[np.ndarray, np.ndarray, np.ndarray],
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return two sets of (invoice, day, amount) settlement events as one."""
    if second[0].size == 0:
        return first
    return (
        np.concatenate([first[0], second[0]]).astype(_I64),
        np.concatenate([first[1], second[1]]).astype(_I64),
        np.concatenate([first[2], second[2]]).astype(np.float64),
    )


def _payment_order(pay_inv: np.ndarray, pay_date: np.ndarray) -> np.ndarray:
    """Return the stable order of the settlement events by (invoice, date)."""
    return np.lexsort((pay_date, pay_inv))


def _arrow_ids(values: pd.Series) -> pa.Array | pa.ChunkedArray:
    """Return ids as Arrow large strings (zero-copy, still chunked, for Arrow-backed columns)."""
    try:
        arr = pa.array(values)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        arr = pa.array(values.astype(str))
    if not pa.types.is_string(arr.type) and not pa.types.is_large_string(arr.type):
        arr = pa.array(values.astype(str))
    return arr.cast(pa.large_string())


def _index_in(values: pa.Array | pa.ChunkedArray, ids: pa.Array | pa.ChunkedArray) -> np.ndarray:
    found = pc.index_in(values, value_set=ids)
    return np.asarray(found.fill_null(-1).to_numpy(zero_copy_only=False), dtype=_I64)


def positions(tl: Timeline, values: pd.Series) -> np.ndarray:
    """Return the invoice position of each id in `values` (−1 when unknown)."""
    return _index_in(_arrow_ids(values), tl.invoice_id)


def _settlement(
    issue: np.ndarray,
    amount: np.ndarray,
    pay_inv: np.ndarray,
    pay_date: np.ndarray,
    pay_amount: np.ndarray,
) -> np.ndarray:
    """Return per invoice the first date its open amount reaches 0 (never before issue)."""
    settled = np.full(amount.shape[0], NEVER, dtype=_I64)
    if pay_inv.size == 0:
        return settled
    # Cumulative paid within each invoice (payments are sorted by invoice, then date).
    cum = pd.Series(pay_amount).groupby(pay_inv, sort=False).cumsum().to_numpy()
    target = amount[pay_inv]
    done = np.flatnonzero(target - cum <= TOLERANCE * target)
    inv_done = pay_inv[done]
    first = np.ones(inv_done.shape[0], dtype=bool)
    first[1:] = inv_done[1:] != inv_done[:-1]
    rows = done[first]
    settled[pay_inv[rows]] = np.maximum(pay_date[rows], issue[pay_inv[rows]])
    return settled


def open_at(tl: Timeline, day: int) -> np.ndarray:
    """Return open(i, day) per invoice, unclipped (negative = overpaid), 0 before issue."""
    weights = np.where(tl.pay_date <= day, tl.pay_amount, 0.0)
    paid = np.bincount(tl.pay_inv, weights=weights, minlength=tl.size)
    raw = np.where(tl.issue <= day, tl.amount - paid, 0.0)
    raw[np.abs(raw) <= TOLERANCE * tl.amount] = 0.0
    return raw
