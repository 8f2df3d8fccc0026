"""The canonical ledger: the tables of kpis.md after ingest and column mapping."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from kit.errors import Problem

__all__ = ["CANONICAL", "CHANNELS", "EVENTS", "Ledger"]

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
