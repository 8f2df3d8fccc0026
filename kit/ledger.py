"""The canonical ledger: the tables of kpis.md after ingest and column mapping."""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from kit.errors import Problem

__all__ = ["CANONICAL", "CHANNELS", "EVENTS", "Ledger", "checked_links", "record_links"]

#: Canonical columns per table: (required, optional). Dates are datetime64[ns] (normalised to
#: midnight), ids are strings, amounts float64, disputed bool.
CANONICAL: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "invoices": (
        ("invoice_id", "customer_id", "issue_date", "due_date", "amount"),
        ("paid_date", "disputed", "currency", "segment", "country"),
    ),
    "payments": (
        ("invoice_id", "payment_date", "amount"),
        ("payment_id", "method", "currency", "customer_id", "cleared_date"),
    ),
    "credit_notes": (
        ("customer_id", "issue_date", "amount"),
        ("credit_note_id", "invoice_id", "cleared_date", "currency"),
    ),
    "customers": (
        ("customer_id",),
        ("name", "segment", "country", "preferred_channel", "credit_limit"),
    ),
    "disputes": (
        ("invoice_id", "opened_date"),
        ("dispute_id", "resolved_date", "reason", "amount"),
    ),
    "dunning_events": (
        ("invoice_id", "timestamp", "channel", "event"),
        ("customer_id", "message_id", "template", "outcome"),
    ),
}

CHANNELS = ("email", "sms", "letter", "call", "portal")
EVENTS = (
    "sent",
    "delivered",
    "bounced",
    "opened",
    "clicked",
    "page_view",
    "replied",
    "promise_to_pay",
    "payment_attempt",
    "payment_succeeded",
    "payment_failed",
)


@dataclass
class Ledger:
    """Canonical DataFrames of one engagement; tables other than invoices may be absent (None).

    Columns that a source had beyond the canonical ones are kept (usable for breakdowns).
    `warnings` holds data-quality findings that do not block KPIs; `excluded` the rows that a
    lenient source (`on_error: skip`) left out, each with its reason.
    """

    invoices: pd.DataFrame
    payments: pd.DataFrame | None = None
    customers: pd.DataFrame | None = None
    disputes: pd.DataFrame | None = None
    dunning_events: pd.DataFrame | None = None
    warnings: list[Problem] = field(default_factory=list)
    excluded: list[Problem] = field(default_factory=list)
    #: Credit notes (ledger sources): unapplied while they have no invoice_id and are not cleared.
    credit_notes: pd.DataFrame | None = None
    #: "open_items" when the data hold only what was open on `extracted_on` (ledgers.md).
    contains: str = "all_items"
    extracted_on: date | None = None
    #: Per source, the JSON form of its row accounting (kit.ingest.accounting.SourceAccount).
    accounting: list[dict[str, object]] = field(default_factory=list)
    _links: _Links | None = field(default=None, init=False, repr=False, compare=False)

    def tables(self) -> dict[str, pd.DataFrame]:
        """Return the tables that are present, by canonical name."""
        names = (
            "invoices",
            "payments",
            "credit_notes",
            "customers",
            "disputes",
            "dunning_events",
        )
        return {n: t for n in names if (t := getattr(self, n)) is not None}

    @property
    def open_items_only(self) -> bool:
        """Return True when the data are an open-items list (no sales or payment history)."""
        return self.contains == "open_items"


@dataclass(frozen=True)
class _Links:
    invoice_ids: weakref.ref[Any]
    payment_ids: weakref.ref[Any] | None
    positions: np.ndarray | None


def _arrow_of(column: pd.Series) -> Any:
    """Return the column's own immutable Arrow array (the same object while unchanged), or None."""
    to_arrow = getattr(column.array, "__arrow_array__", None)
    return to_arrow() if to_arrow is not None else None


def _ref(column: pd.Series) -> weakref.ref[Any] | None:
    arrow = _arrow_of(column)
    try:
        return weakref.ref(arrow) if arrow is not None else None
    except TypeError:
        return None


def record_links(ledger: Ledger, *, positions: np.ndarray | None) -> None:
    """Remember that the invoice ids are unique and each payment's invoice row (−1: unknown).

    Ingest calls this after checking both, so KPI code need not hash millions of ids again. The
    record only counts while the id columns are the very (immutable Arrow) arrays it was made
    from; replacing or editing a column, or columns without Arrow storage, void it.
    """
    ledger._links = None
    invoices = _ref(ledger.invoices["invoice_id"])
    if invoices is None:
        return
    pays = ledger.payments
    payments = _ref(pays["invoice_id"]) if pays is not None and "invoice_id" in pays else None
    if payments is None or positions is None or pays is None or len(positions) != len(pays):
        ledger._links = _Links(invoices, None, None)
        return
    positions = np.asarray(positions, dtype=np.int64)
    positions.setflags(write=False)
    ledger._links = _Links(invoices, payments, positions)


def checked_links(ledger: Ledger) -> tuple[bool, np.ndarray | None]:
    """Return (invoice ids known unique, payments' invoice rows or None) from `record_links`."""
    links = ledger._links
    if links is None or "invoice_id" not in ledger.invoices.columns:
        return False, None
    current = _arrow_of(ledger.invoices["invoice_id"])
    if current is None or links.invoice_ids() is not current:
        return False, None
    pays = ledger.payments
    if pays is None or links.payment_ids is None or "invoice_id" not in pays.columns:
        return True, None
    current = _arrow_of(pays["invoice_id"])
    if current is None or links.payment_ids() is not current or links.positions is None:
        return True, None
    if len(links.positions) != len(pays):
        return True, None
    return True, links.positions
