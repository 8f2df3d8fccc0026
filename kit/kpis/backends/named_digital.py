"""Digital-dunning aggregates of dunning events held by the engine, as Ibis expressions.

The definitions are those of `kit.kpis.digital`: a message is its `message_id`, or (invoice,
channel, the latest `sent` at or before the event) for an event without one. That latest
`sent` is a running max over the events ordered by time (no as-of join, which Spark lacks);
the first response after a reminder is the earliest response of the same invoice within
WINDOW_DAYS (a join and a min). Times are compared as epoch seconds.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import ibis
import ibis.expr.types as ir
import numpy as np
import pandas as pd

from kit.kpis.backends.run import Backend
from kit.kpis.backends.tables import Tables
from kit.kpis.digital import RESPONSES, WINDOW_DAYS, Digital

__all__ = ["digital_queries", "window_digital"]

_KEYS = ("_k_id", "_k_pos", "_k_channel", "_k_sent")
_DAY_SECONDS = 86_400


def _flag(cond: ir.BooleanValue) -> ir.IntegerScalar:
    return ibis.ifelse(cond, 1, 0).max()


def _n(cond: ir.BooleanValue) -> ir.IntegerScalar:
    return ibis.ifelse(cond, 1, 0).sum()


def _in_window(ev: ir.Table, *, day: int, period_days: int) -> ir.Table:
    """Return the events with timestamp in W (from the start of its first day to T's end)."""
    epoch = dt.datetime(1970, 1, 1)
    start = epoch + dt.timedelta(days=day - period_days + 1)
    end = epoch + dt.timedelta(days=day + 1)
    ts = ev.timestamp
    return ev.filter((ts >= ibis.timestamp(start)) & (ts < ibis.timestamp(end)))


def _keyed(ev: ir.Table) -> ir.Table:
    """Return the events with their message key (events of no message are left out)."""
    has_id = ev.message_id.notnull() if "message_id" in ev.columns else ibis.literal(False)
    mark = ibis.ifelse((ev.event == "sent") & ~has_id, ev.timestamp, ibis.null("timestamp"))
    latest = mark.max().over(
        ibis.window(group_by=[ev._pos, ev.channel], order_by=ev.timestamp, range=(None, 0))
    )
    marked = ev.mutate(_latest=latest, _has_id=has_id)
    own = ~marked._has_id
    keyed = marked.mutate(
        _k_id=(
            ibis.ifelse(marked._has_id, marked.message_id.cast("string"), ibis.null("string"))
            if "message_id" in ev.columns
            else ibis.null("string")
        ),
        _k_pos=ibis.ifelse(own, marked._pos, ibis.null("int64")),
        _k_channel=ibis.ifelse(own, marked.channel, ibis.null("string")),
        _k_sent=ibis.ifelse(own, marked._latest, ibis.null("timestamp")),
    )
    return keyed.filter(keyed._has_id | keyed._latest.notnull())


def messages(ev: ir.Table, invoices: ir.Table, *, day: int) -> ir.Table:
    """Return one row per message sent in W: channel, pos, flags, sent time, converted."""
    k = _keyed(ev)
    sent = k.event == "sent"
    grouped = k.group_by(list(_KEYS)).aggregate(
        channel=k.channel.argmin(k.timestamp),
        pos=k._pos.argmin(k.timestamp),
        sent=_flag(sent),
        bounced=_flag(k.event == "bounced"),
        opened=_flag(k.event == "opened"),
        clicked=_flag(k.event == "clicked"),
        sent_ts=ibis.ifelse(sent, k.timestamp, ibis.null("timestamp")).min(),
    )
    m = grouped.filter(grouped.sent == 1)
    i = invoices.select(_ipos=invoices.pos, _settled=invoices.settled)
    j = m.left_join(i, m.pos == i._ipos)
    sent_day = j.sent_ts.cast("date").delta(ibis.date(1970, 1, 1), unit="day").cast("int64")
    last = ibis.least(sent_day + WINDOW_DAYS, day)
    converted = (j._settled >= sent_day) & (j._settled <= last)
    return j.select(
        *_KEYS,
        "channel",
        "pos",
        "bounced",
        "opened",
        "clicked",
        "sent_ts",
        converted=converted.fill_null(False),
    )


def response_hours(m: ir.Table, ev: ir.Table) -> ir.Table:
    """Return per message with a response the hours from sending to its first response."""
    resp = ev.filter(ev.event.isin(RESPONSES))
    r = resp.select(_rpos=resp._pos, _rsec=resp.timestamp.epoch_seconds().cast("int64"))
    sent = m.select(*_KEYS, "pos", _ssec=m.sent_ts.epoch_seconds().cast("int64"))
    j = sent.join(
        r,
        [
            sent.pos == r._rpos,
            r._rsec > sent._ssec,
            r._rsec - sent._ssec <= WINDOW_DAYS * _DAY_SECONDS,
        ],
    )
    first = j.group_by([*_KEYS, "_ssec"]).aggregate(_first=j._rsec.min())
    return first.select(hours=(first._first - first._ssec).cast("float64") / 3600.0)


def median_hours(h: ir.Table) -> ir.Table:
    """Return the exact median of `hours` and their number (portable: ranks, no MEDIAN)."""
    ranked = h.mutate(
        _rank=ibis.row_number().over(order_by=h.hours),
        _n=h.hours.count().over(ibis.window()),
    )
    middle = ranked.filter(
        (ranked._rank >= (ranked._n - 1) // 2) & (ranked._rank <= ranked._n // 2)
    )
    return middle.aggregate(hours=middle.hours.mean(), n=middle._n.max())


def digital_queries(
    events: ir.Table, t: Tables, *, day: int, period_days: int
) -> tuple[ir.Table, ir.Table, ir.Table]:
    """Return the queries of W: message counts, event counts, median response hours."""
    ev = _in_window(events, day=day, period_days=period_days)
    m = messages(ev, t.invoices, day=day)
    email = m.channel == "email"
    counts = m.aggregate(
        e_sent=_n(email),
        e_bounced=_n(email & (m.bounced == 1)),
        e_opened=_n(email & (m.opened == 1)),
        e_clicked=_n(email & (m.clicked == 1)),
        reminders=m.count(),
        converted=_n(m.converted),
    )
    kinds = ev.aggregate(
        views=_n(ev.event == "page_view"),
        ok=_n(ev.event == "payment_succeeded"),
        failed=_n(ev.event == "payment_failed"),
    )
    return counts, kinds, median_hours(response_hours(m, ev))


def window_digital(
    run: Backend, events: ir.Table | None, t: Tables, *, day: int, period_days: int
) -> Digital:
    """Return the digital-dunning aggregates of W (one group) of the engine's dunning events."""
    from kit.kpis.digital import digital

    if events is None:
        return digital(None, groups=1)
    queries = digital_queries(events, t, day=day, period_days=period_days)
    counts = run.frame(queries[0]).iloc[0]
    kinds = run.frame(queries[1]).iloc[0]
    median = run.frame(queries[2])
    hours = median["hours"].iloc[0] if len(median) else None
    responded = median["n"].iloc[0] if len(median) else 0

    def one(value: Any) -> np.ndarray:
        return np.array([0 if pd.isna(value) else int(value)], dtype=np.int64)

    return Digital(
        available=True,
        email_sent=one(counts["e_sent"]),
        email_bounced=one(counts["e_bounced"]),
        email_opened=one(counts["e_opened"]),
        email_clicked=one(counts["e_clicked"]),
        page_views=one(kinds["views"]),
        pay_succeeded=one(kinds["ok"]),
        pay_failed=one(kinds["failed"]),
        reminders_sent=one(counts["reminders"]),
        reminders_converted=one(counts["converted"]),
        response_median_hours=np.array([np.nan if pd.isna(hours) else float(hours)]),
        response_count=one(responded),
    )
