"""Cash, credit notes and sales flags of a ledger, as arrays beside the per-invoice timeline.

kpis.md: cash is every payment (applied or not; credit notes are not cash), credit notes reduce
net credit sales and, applied to an invoice, its open amount (`credited(i,t)`); unapplied credit
notes and unapplied payments are `open_credits` until cleared; residual items are not sales.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from kit.ledger import Ledger

__all__ = [
    "Cash",
    "Credits",
    "Notes",
    "build_credits",
    "cash_of_payments",
    "cash_of_settlements",
    "group_of",
    "note_arrays",
    "paid_date_events",
]

_I64 = np.dtype(np.int64)
_NEVER = np.int64(2**40)


@dataclass(frozen=True)
class Credits:
    """Arrays of cash items and credit notes; dates are day numbers (NEVER = not cleared)."""

    sale: np.ndarray  # bool per invoice: counts as a sale (residual items do not)
    cash_date: np.ndarray  # int64 day of each cash item
    cash_amount: np.ndarray  # float64
    cash_inv: np.ndarray  # invoice position for grouping (its invoice, else one of its customer)
    cash_unapplied: np.ndarray  # bool: settles no invoice (open until cleared)
    cash_cleared: np.ndarray  # int64 day cleared, NEVER while open
    note_date: np.ndarray  # int64 issue day of each credit note
    note_amount: np.ndarray  # float64
    note_inv: np.ndarray  # invoice position for grouping, −1 when its customer has none
    note_unapplied: np.ndarray  # bool: no invoice_id among the invoices
    note_cleared: np.ndarray  # int64 day cleared, NEVER while open


def _days(frame: pd.DataFrame, column: str) -> np.ndarray:
    if column not in frame.columns:
        return np.full(len(frame), _NEVER, dtype=_I64)
    values = pd.to_datetime(frame[column], errors="coerce")
    missing = values.isna().to_numpy()
    days = values.to_numpy().astype("datetime64[D]").view(_I64).copy()
    days[missing] = _NEVER
    return days


def _amounts(frame: pd.DataFrame) -> np.ndarray:
    values = pd.to_numeric(frame["amount"], errors="coerce").to_numpy(dtype=np.float64)
    return np.asarray(np.abs(values), dtype=np.float64)


def _positions(values: pd.Series, ids: pa.Array | pa.ChunkedArray) -> np.ndarray:
    arr = pa.array(values.astype(object).where(values.notna(), None), type=pa.large_string())
    found = pc.index_in(arr, value_set=ids)
    return np.asarray(found.fill_null(-1).to_numpy(zero_copy_only=False), dtype=_I64)


def _customer_rows(ledger: Ledger, customers: pd.Series) -> np.ndarray:
    """Return per item the position of the first invoice of its customer (−1: none)."""
    inv = ledger.invoices["customer_id"].astype(str)
    first = pd.Series(np.arange(len(inv), dtype=_I64), index=inv.to_numpy()).groupby(level=0).min()
    found = customers.astype(str).map(first)
    return found.fillna(-1).to_numpy(dtype=_I64)


@dataclass(frozen=True)
class Notes:
    """Credit notes as arrays: issue day, amount, invoice position (−1: unapplied), cleared day."""

    date: np.ndarray
    amount: np.ndarray
    at: np.ndarray
    cleared: np.ndarray
    customer_row: np.ndarray  # position of an invoice of the same customer (−1: none)

    @property
    def applied(self) -> np.ndarray:
        """Return per credit note whether it is applied to an invoice of the ledger."""
        return self.at >= 0


def note_arrays(ledger: Ledger, ids: pa.Array | pa.ChunkedArray) -> Notes:
    """Return the credit notes of the ledger as arrays (empty without credit notes)."""
    notes = ledger.credit_notes
    if notes is None or len(notes) == 0:
        empty = np.empty(0, _I64)
        return Notes(empty, np.empty(0, np.float64), empty, empty, empty)
    at = (
        _positions(notes["invoice_id"], ids)
        if "invoice_id" in notes.columns
        else np.full(len(notes), -1, _I64)
    )
    return Notes(
        date=_days(notes, "issue_date"),
        amount=_amounts(notes),
        at=at,
        cleared=_days(notes, "cleared_date"),
        customer_row=_customer_rows(ledger, notes["customer_id"]),
    )


Cash = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]


def cash_of_payments(
    ledger: Ledger, pay_inv: np.ndarray, pay_date: np.ndarray, pay_amount: np.ndarray
) -> Cash:
    """Return the cash items of a payments table: rows whose invoice is known or empty.

    (day, amount, invoice position for grouping, unapplied flag, cleared day).
    """
    pays = ledger.payments
    assert pays is not None  # noqa: S101 - called only with a payments table
    unapplied = pays["invoice_id"].isna().to_numpy(dtype=bool)
    valid = (pay_inv >= 0) | unapplied
    rows = pay_inv.copy()
    if unapplied.any() and "customer_id" in pays.columns:
        rows[unapplied] = _customer_rows(ledger, pays["customer_id"][unapplied])
    cleared = _days(pays, "cleared_date")
    return pay_date[valid], pay_amount[valid], rows[valid], unapplied[valid], cleared[valid]


def cash_of_settlements(pay_inv: np.ndarray, pay_date: np.ndarray, pay_amount: np.ndarray) -> Cash:
    """Return settlements as cash items (ledgers whose only payment record is paid_date)."""
    never = np.full(pay_inv.size, _NEVER, _I64)
    return pay_date, pay_amount, pay_inv, np.zeros(pay_inv.size, bool), never


def paid_date_events(
    invoices: pd.DataFrame, amount: np.ndarray, *, own: np.ndarray, notes: Notes
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Return (invoice, day, amount) settled on paid_date by invoices without own payments.

    The amount is the invoice amount less credit notes applied to it by then, so an invoice
    cleared by a credit note alone settles on its clearing date without a cash event.
    """
    if "paid_date" not in invoices.columns:
        empty = np.empty(0, _I64)
        return empty, empty, np.empty(0, np.float64)
    paid = _days(invoices, "paid_date")
    has_own = np.zeros(len(invoices), dtype=bool)
    has_own[own[own >= 0]] = True
    credited: np.ndarray = np.zeros(len(invoices))
    if notes.applied.any():
        applied = notes.applied
        at = notes.at[applied]
        by_then = notes.date[applied] <= paid[at]
        credited = np.bincount(
            at[by_then], weights=notes.amount[applied][by_then], minlength=len(invoices)
        )
    rest = amount - credited
    rows = np.flatnonzero((paid != _NEVER) & ~has_own & (rest > 1e-9 * amount)).astype(_I64)
    return rows, paid[rows], rest[rows]


def build_credits(ledger: Ledger, *, cash: Cash, notes: Notes) -> Credits:
    """Return the cash and credit-note arrays of the ledger with the sales flag per invoice."""
    inv = ledger.invoices
    if "residual" in inv.columns:
        sale = ~inv["residual"].fillna(False).astype(bool).to_numpy()
    else:
        sale = np.ones(len(inv), dtype=bool)
    applied = notes.applied
    return Credits(
        sale=sale,
        cash_date=np.asarray(cash[0], _I64),
        cash_amount=np.asarray(cash[1], np.float64),
        cash_inv=np.asarray(cash[2], _I64),
        cash_unapplied=np.asarray(cash[3], bool),
        cash_cleared=np.asarray(cash[4], _I64),
        note_date=notes.date,
        note_amount=notes.amount,
        note_inv=np.where(applied, notes.at, notes.customer_row).astype(_I64),
        note_unapplied=~applied,
        note_cleared=notes.cleared,
    )


def group_of(rows: np.ndarray, codes: np.ndarray, groups: int) -> np.ndarray:
    """Return the group code of items placed at invoice `rows` (−1: in no group).

    With one group every item counts, even one whose customer has no invoice.
    """
    if groups == 1:
        return np.zeros(rows.shape[0], dtype=_I64)
    return np.where(rows >= 0, codes[np.maximum(rows, 0)], -1).astype(_I64)
