"""The ledger as per-invoice arrays the forecast reads at any as-of date (built once).

Dates are day numbers since 1970-01-01 (as in `kit.kpis.timeline`). Nothing here looks at an
as-of date: `kit.forecast.features` masks every array by what was known at T.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from kit.kpis.timeline import NEVER, Timeline, build_timeline, date_days, positions
from kit.ledger import Ledger

__all__ = ["NEVER", "RESPONSES", "Book", "build_book"]

#: Dunning events that show the customer reacted to a reminder.
RESPONSES = ("opened", "clicked", "page_view", "replied", "promise_to_pay", "payment_attempt")


@dataclass(frozen=True)
class Book:
    """Per-invoice arrays of a ledger plus its dispute and dunning history as day numbers."""

    timeline: Timeline
    invoice_id: np.ndarray  # str
    customer_id: np.ndarray  # str
    customer: np.ndarray  # int64 customer code (index into customers)
    customers: pd.Index  # customer ids by code
    issue: np.ndarray  # int64 day
    due: np.ndarray  # int64 day
    amount: np.ndarray  # float64
    settled: np.ndarray  # int64 day the invoice was fully settled, NEVER when it was not
    flagged: np.ndarray  # bool: the invoice's own disputed flag
    dispute_opened: np.ndarray  # int64 first day a dispute was opened, NEVER without one
    dispute_resolved: np.ndarray  # int64 day the last dispute was resolved, NEVER while open
    segment: np.ndarray  # int64 segment code, -1 when unknown
    segments: pd.Index  # segment labels by code
    sent_inv: np.ndarray  # int64 invoice position of each reminder sent
    sent_day: np.ndarray  # int64 day of each reminder sent
    response_inv: np.ndarray  # int64 invoice position of each response event
    response_day: np.ndarray  # int64 day of each response event

    @property
    def size(self) -> int:
        """Return the number of invoices."""
        return int(self.amount.shape[0])

    @property
    def has_dunning(self) -> bool:
        """Return whether the ledger holds dunning events."""
        return bool(self.sent_inv.size)

    @property
    def has_segments(self) -> bool:
        """Return whether any invoice has a segment."""
        return bool((self.segment >= 0).any())

    def paid_by(self, day: int) -> np.ndarray:
        """Return per invoice the amount paid up to and including `day`."""
        tl = self.timeline
        weights = np.where(tl.pay_date <= day, tl.pay_amount, 0.0)
        return np.bincount(tl.pay_inv, weights=weights, minlength=self.size)

    def last_day(self) -> int:
        """Return the latest date anywhere in the book (issue, settlement, payment)."""
        days = [int(self.issue.max(initial=0))]
        if self.timeline.pay_date.size:
            days.append(int(self.timeline.pay_date.max()))
        return max(days)


def _segments(ledger: Ledger) -> pd.Series | None:
    inv = ledger.invoices
    if "segment" in inv.columns:
        return inv["segment"]
    cust = ledger.customers
    if cust is not None and "segment" in cust.columns:
        lookup = (
            cust.assign(customer_id=cust["customer_id"].astype(str))
            .drop_duplicates("customer_id")
            .set_index("customer_id")["segment"]
        )
        return inv["customer_id"].astype(str).map(lookup)
    return None


def _disputes(ledger: Ledger, tl: Timeline, n: int) -> tuple[np.ndarray, np.ndarray]:
    opened = np.full(n, NEVER, dtype=np.int64)
    resolved = np.full(n, NEVER, dtype=np.int64)
    dis = ledger.disputes
    if dis is None or not len(dis):
        return opened, resolved
    pos = positions(tl, dis["invoice_id"].astype(str))
    open_day = date_days(dis, "opened_date", "disputes", allow_missing=False)
    if "resolved_date" in dis.columns:
        done_day = date_days(dis, "resolved_date", "disputes", allow_missing=True)
    else:
        done_day = np.full(len(dis), NEVER, dtype=np.int64)
    known = pos >= 0
    np.minimum.at(opened, pos[known], open_day[known])
    first = np.full(n, np.iinfo(np.int64).min, dtype=np.int64)
    np.maximum.at(first, pos[known], done_day[known])
    has = first != np.iinfo(np.int64).min
    resolved[has] = first[has]
    return opened, resolved


def _events(ledger: Ledger, tl: Timeline) -> tuple[np.ndarray, ...]:
    empty = np.empty(0, dtype=np.int64)
    ev = ledger.dunning_events
    if ev is None or not len(ev):
        return empty, empty, empty, empty
    pos = positions(tl, ev["invoice_id"].astype(str))
    day = (
        pd.to_datetime(ev["timestamp"]).dt.normalize().to_numpy().astype("datetime64[D]")
    ).astype(np.int64)
    kind = ev["event"].astype(str).str.lower().to_numpy()
    known = pos >= 0
    sent = known & (kind == "sent")
    response = known & np.isin(kind, RESPONSES)
    return pos[sent], day[sent], pos[response], day[response]


def build_book(ledger: Ledger) -> Book:
    """Return the per-invoice arrays of `ledger` (settlement from payments or paid_date)."""
    tl = build_timeline(ledger)
    inv = ledger.invoices
    n = tl.size
    customer_id = inv["customer_id"].astype(str).to_numpy()
    codes, customers = pd.factorize(customer_id, sort=True)
    flagged = (
        inv["disputed"].fillna(False).astype(bool).to_numpy()
        if "disputed" in inv.columns
        else np.zeros(n, dtype=bool)
    )
    opened, resolved = _disputes(ledger, tl, n)
    raw_segment = _segments(ledger)
    if raw_segment is None:
        segment, segments = np.full(n, -1, dtype=np.int64), pd.Index([], dtype=object)
    else:
        seg_codes, seg_labels = pd.factorize(raw_segment.astype(object), sort=True)
        segment, segments = seg_codes.astype(np.int64), pd.Index(seg_labels.astype(str))
    sent_inv, sent_day, response_inv, response_day = _events(ledger, tl)
    return Book(
        timeline=tl,
        invoice_id=inv["invoice_id"].astype(str).to_numpy(),
        customer_id=customer_id,
        customer=codes.astype(np.int64),
        customers=pd.Index(customers),
        issue=tl.issue,
        due=tl.due,
        amount=tl.amount,
        settled=tl.settled,
        flagged=flagged,
        dispute_opened=opened,
        dispute_resolved=resolved,
        segment=segment,
        segments=segments,
        sent_inv=sent_inv,
        sent_day=sent_day,
        response_inv=response_inv,
        response_day=response_day,
    )
