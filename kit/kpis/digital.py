"""Digital-dunning aggregates from dunning_events with timestamp in W, counted per message.

A message is identified by `message_id`, or by (invoice_id, channel, sent timestamp): an event
without message_id belongs to the latest `sent` of the same invoice and channel at or before it.
Rates count messages that were sent in W, so a repeated open of one message counts once.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from kit.kpis.timeline import Timeline, positions

__all__ = [
    "RESPONSES",
    "WINDOW_DAYS",
    "Digital",
    "Messages",
    "digital",
    "message_table",
    "messages",
    "window_events",
]

#: Events that count as a response to a reminder.
RESPONSES = ("clicked", "page_view", "replied", "promise_to_pay", "payment_succeeded")
#: Days after a reminder within which a response or a settlement is attributed to it.
WINDOW_DAYS = 14


@dataclass(frozen=True)
class Messages:
    """Events in W and the messages they form, each message with its group code."""

    events: pd.DataFrame  # events in W with column _group
    table: pd.DataFrame  # one row per sent message: channel, invoice, flags, converted, _group


@dataclass(frozen=True)
class Digital:
    """Digital-dunning aggregates per group (arrays of length G)."""

    available: bool
    email_sent: np.ndarray
    email_bounced: np.ndarray
    email_opened: np.ndarray
    email_clicked: np.ndarray
    page_views: np.ndarray
    pay_succeeded: np.ndarray
    pay_failed: np.ndarray
    reminders_sent: np.ndarray
    reminders_converted: np.ndarray
    response_median_hours: np.ndarray  # NaN where no reminder got a response
    response_count: np.ndarray


def _group_of(tl: Timeline, ids: pd.Series, codes: np.ndarray, groups: int) -> np.ndarray:
    pos = positions(tl, ids)
    if groups == 1:
        return np.zeros(len(ids), dtype=np.int64)
    return np.where(pos >= 0, codes[np.maximum(pos, 0)], -1).astype(np.int64)


def _message_codes(ev: pd.DataFrame) -> np.ndarray:
    """Return a message number per event (events sorted by timestamp); empty for no events."""
    n = len(ev)
    code = np.full(n, -1, dtype=np.int64)
    if n == 0:
        return code
    has_id = (
        ev["message_id"].notna().to_numpy() if "message_id" in ev.columns else np.zeros(n, bool)
    )
    if has_id.any():
        code[has_id] = pd.factorize(ev.loc[has_id, "message_id"].astype(str))[0]
    offset = int(code.max()) + 1
    rest = ev.loc[~has_id, ["timestamp", "invoice_id", "channel", "_row"]]
    if len(rest):
        sent = rest[ev.loc[~has_id, "event"].eq("sent")].rename(columns={"_row": "_sent_row"})
        matched = pd.merge_asof(
            rest, sent, on="timestamp", by=["invoice_id", "channel"], direction="backward"
        )
        sent_row = matched["_sent_row"].to_numpy(dtype=np.float64)
        own = np.where(np.isnan(sent_row), -1, sent_row).astype(np.int64)
        lone = own < 0
        pair = pd.factorize(rest["invoice_id"].astype(str) + "\x1f" + rest["channel"].astype(str))[
            0
        ]
        code[~has_id] = np.where(lone, offset + n + pair, offset + own)
    return code


def messages(
    tl: Timeline, *, day: int, period_days: int, codes: np.ndarray, groups: int
) -> Messages | None:
    """Return the events in W and their messages, or None when there is no dunning_events table."""
    raw = tl.ledger.dunning_events
    if raw is None:
        return None
    ev = window_events(raw, day=day, period_days=period_days)
    group = _group_of(tl, ev["invoice_id"], codes, groups)

    def settled_of(ids: pd.Series) -> np.ndarray:
        pos = positions(tl, ids)
        return np.where(pos >= 0, tl.settled[np.maximum(pos, 0)], np.iinfo(np.int64).max)

    return message_table(ev, day=day, group=group, settled_of=settled_of)


def window_events(raw: pd.DataFrame, *, day: int, period_days: int) -> pd.DataFrame:
    """Return the dunning events with timestamp in W, sorted by time, each with its message."""
    start = pd.Timestamp(np.datetime64(day - period_days + 1, "D"))
    end = pd.Timestamp(np.datetime64(day + 1, "D"))
    ts = pd.to_datetime(raw["timestamp"], errors="coerce")
    ev = raw.loc[(ts >= start) & (ts < end)].copy()
    ev["timestamp"] = ts[ev.index]
    ev["invoice_id"] = ev["invoice_id"].astype(str)
    ev["channel"] = ev["channel"].astype(str)
    ev["event"] = ev["event"].astype(str)
    ev = ev.sort_values("timestamp", kind="stable").reset_index(drop=True)
    ev["_row"] = np.arange(len(ev), dtype=np.int64)
    ev["_msg"] = _message_codes(ev)
    return ev


def message_table(
    ev: pd.DataFrame,
    *,
    day: int,
    group: np.ndarray,
    settled_of: Callable[[pd.Series], np.ndarray],
) -> Messages:
    """Return the messages of the window events (`window_events`), each with its group code.

    `settled_of` returns per invoice id its settlement day (int64 max when unknown or never).
    """
    ev["_group"] = group
    flags = {name: ev["event"].eq(name) for name in ("sent", "bounced", "opened", "clicked")}
    ev["_sent_ts"] = ev["timestamp"].where(flags["sent"])
    table = (
        ev.assign(**{f"_{k}": v for k, v in flags.items()})
        .groupby("_msg", sort=True)
        .agg(
            channel=("channel", "first"),
            invoice_id=("invoice_id", "first"),
            **{name: (f"_{name}", "any") for name in flags},
            sent_ts=("_sent_ts", "min"),
            group=("_group", "first"),
        )
    )
    table = table[table["sent"]].copy()
    settled = np.asarray(settled_of(table["invoice_id"]), dtype=np.int64)
    known = settled != np.iinfo(np.int64).max
    sent_day = table["sent_ts"].to_numpy().astype("datetime64[D]").astype(np.int64)
    table["converted"] = (
        known & (settled >= sent_day) & (settled <= np.minimum(sent_day + WINDOW_DAYS, day))
    )
    return Messages(events=ev, table=table)


def _count(mask: pd.Series | np.ndarray, group: np.ndarray, groups: int) -> np.ndarray:
    keep = np.asarray(mask, dtype=bool) & (group >= 0)
    return np.bincount(group[keep], minlength=groups).astype(np.int64)


def _response_hours(msg: Messages) -> pd.DataFrame:
    """Return per sent message the hours to the first later response on the same invoice."""
    sent = msg.table[["sent_ts", "invoice_id", "group"]].sort_values("sent_ts", kind="stable")
    ev = msg.events
    resp = ev.loc[ev["event"].isin(RESPONSES), ["timestamp", "invoice_id"]]
    resp = resp.rename(columns={"timestamp": "resp_ts"}).assign(_key=lambda f: f["resp_ts"])
    joined = pd.merge_asof(
        sent,
        resp,
        left_on="sent_ts",
        right_on="_key",
        by="invoice_id",
        direction="forward",
        allow_exact_matches=False,
        tolerance=pd.Timedelta(days=WINDOW_DAYS),
    )
    joined = joined[joined["resp_ts"].notna()]
    hours = (joined["resp_ts"] - joined["sent_ts"]).dt.total_seconds() / 3600.0
    return pd.DataFrame({"group": joined["group"].to_numpy(), "hours": hours.to_numpy()})


def digital(msg: Messages | None, *, groups: int) -> Digital:
    """Return the digital-dunning aggregates per group (all zero when there is no table)."""
    zero = np.zeros(groups, dtype=np.int64)
    if msg is None:
        nan = np.full(groups, np.nan)
        return Digital(
            available=False,
            email_sent=zero,
            email_bounced=zero,
            email_opened=zero,
            email_clicked=zero,
            page_views=zero,
            pay_succeeded=zero,
            pay_failed=zero,
            reminders_sent=zero,
            reminders_converted=zero,
            response_median_hours=nan,
            response_count=zero,
        )
    t = msg.table
    g = t["group"].to_numpy(dtype=np.int64)
    email = t["channel"].eq("email").to_numpy()
    ev = msg.events
    eg = ev["_group"].to_numpy(dtype=np.int64)
    resp = _response_hours(msg)
    resp = resp[resp["group"] >= 0]
    median = resp.groupby("group")["hours"].median()
    med = np.full(groups, np.nan)
    med[median.index.to_numpy(dtype=np.int64)] = median.to_numpy()
    return Digital(
        available=True,
        email_sent=_count(email, g, groups),
        email_bounced=_count(email & t["bounced"].to_numpy(), g, groups),
        email_opened=_count(email & t["opened"].to_numpy(), g, groups),
        email_clicked=_count(email & t["clicked"].to_numpy(), g, groups),
        page_views=_count(ev["event"].eq("page_view"), eg, groups),
        pay_succeeded=_count(ev["event"].eq("payment_succeeded"), eg, groups),
        pay_failed=_count(ev["event"].eq("payment_failed"), eg, groups),
        reminders_sent=_count(np.ones(len(t), bool), g, groups),
        reminders_converted=_count(t["converted"].to_numpy(), g, groups),
        response_median_hours=med,
        response_count=_count(np.ones(len(resp), bool), resp["group"].to_numpy(np.int64), groups),
    )
