"""Which dunning channel works for whom: message funnel and payment conversion per channel.

A message is a ``sent`` event, identified by ``message_id`` or, when there is none, by
(invoice_id, channel, sent timestamp). Other events belong to the message with the same
``message_id``; events without one belong to the latest message sent before them for the same
invoice and channel. Each message counts at most once per stage (three opens = one opened
message). Delivered = sent minus bounced (kpis.md). A message converted when its invoice was
settled, or a ``payment_succeeded`` event arrived for it, within 14 days of sending.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import numpy as np
import pandas as pd

from kit.ledger import CANONICAL, CHANNELS, Ledger
from kit.strategy._facts import as_timestamp, invoice_facts, require_columns
from kit.strategy.segments import SEGMENT_ORDER

__all__ = ["EFFECTIVENESS_COLUMNS", "channel_effectiveness", "preferred_channels"]

EFFECTIVENESS_COLUMNS = [
    "channel",
    "messages",
    "delivered",
    "opened",
    "clicked",
    "responded",
    "paid_14d",
    "delivery_rate",
    "open_rate",
    "click_rate",
    "response_rate",
    "payment_rate",
]
_STAGES = {
    "bounced": ("bounced",),
    "opened": ("opened",),
    "clicked": ("clicked",),
    "responded": ("replied", "promise_to_pay"),
    "paid_event": ("payment_succeeded",),
}
_RESPONSE_DAYS = 14


def channel_effectiveness(
    ledger: Ledger,
    *,
    as_of: date,
    period_days: int | None = None,
    segments: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Return per channel (and segment) messages sent, funnel counts and rates in % of messages.

    Rates: delivery = delivered / sent, open / click / response = stage / delivered, payment =
    converted within 14 days / sent (all × 100). Open and click rates are NaN for a channel
    that never records opens or clicks (letters, calls).
    """
    by = ["segment", "channel"] if segments is not None else ["channel"]
    events = ledger.dunning_events
    if events is None or not len(events):
        return pd.DataFrame(columns=[*by[:-1], *EFFECTIVENESS_COLUMNS])
    require_columns(events, "dunning_events", CANONICAL["dunning_events"][0])
    end = as_timestamp(as_of) + pd.Timedelta(days=1)
    ev = events[events["timestamp"] < end].copy()
    ev["invoice_id"] = ev["invoice_id"].astype(str)
    ev["channel"] = ev["channel"].astype(str)
    has_id = "message_id" in ev.columns
    ev["message_key"] = (
        ("m:" + ev["message_id"].astype(str)).where(ev["message_id"].notna(), None)
        if has_id
        else None
    )
    messages = _messages(ev, as_of=as_of, period_days=period_days)
    _attach_stages(messages, ev)
    _attach_payment(messages, ev, ledger, as_of=as_of)
    facts = invoice_facts(ledger, as_of=as_of)
    customer = messages["invoice_id"].map(facts.set_index("invoice_id")["customer_id"])
    if "customer_id" in messages.columns:
        customer = customer.fillna(messages["customer_id"])
    if segments is not None:
        seg_of = segments.set_index("customer_id")["segment"]
        messages["segment"] = customer.map(seg_of).fillna("unknown")
    return _aggregate(messages, ev, by)


def _messages(ev: pd.DataFrame, *, as_of: date, period_days: int | None) -> pd.DataFrame:
    sent = ev[ev["event"] == "sent"].copy()
    fallback = (
        "s:" + sent["invoice_id"] + "|" + sent["channel"] + "|" + sent["timestamp"].astype(str)
    )
    sent["message_key"] = sent["message_key"].fillna(fallback)
    sent = sent.sort_values("timestamp", kind="stable").drop_duplicates("message_key")
    if period_days is not None:
        start = as_timestamp(as_of) - pd.Timedelta(days=period_days - 1)
        sent = sent[sent["timestamp"] >= start]
    keep = ["message_key", "invoice_id", "channel", "timestamp"]
    if "customer_id" in sent.columns:
        keep.append("customer_id")
    return sent[keep].reset_index(drop=True)


def _attach_stages(messages: pd.DataFrame, ev: pd.DataFrame) -> None:
    """Add one bool column per stage: did the message reach it at least once."""
    others = ev[ev["event"] != "sent"].copy()
    known = others["message_key"].isin(messages["message_key"])
    loose = others[~known].sort_values("timestamp", kind="stable")
    anchors = messages.sort_values("timestamp", kind="stable")
    matched = pd.merge_asof(
        loose.drop(columns="message_key"),
        anchors[["timestamp", "invoice_id", "channel", "message_key"]],
        on="timestamp",
        by=["invoice_id", "channel"],
        direction="backward",
    )
    linked = pd.concat(
        [others.loc[known, ["message_key", "event"]], matched[["message_key", "event"]]]
    ).dropna(subset=["message_key"])
    for stage, names in _STAGES.items():
        keys = linked.loc[linked["event"].isin(names), "message_key"].unique()
        messages[stage] = messages["message_key"].isin(keys)


def _attach_payment(
    messages: pd.DataFrame, ev: pd.DataFrame, ledger: Ledger, *, as_of: date
) -> None:
    """Add paid_14d: settled or payment_succeeded within 14 days after the message."""
    facts = invoice_facts(ledger, as_of=as_of).set_index("invoice_id")
    if messages.empty or facts.empty:  # nothing sent, or no invoice issued by the as-of date
        messages["paid_14d"] = False
        return
    sent_day = messages["timestamp"].dt.normalize()
    settled = messages["invoice_id"].map(facts["settled"])
    window = pd.Timedelta(days=_RESPONSE_DAYS)
    by_settlement = (settled >= sent_day) & (settled <= sent_day + window)
    paid = ev.loc[ev["event"] == "payment_succeeded", ["invoice_id", "timestamp"]]
    pairs = messages[["message_key", "invoice_id", "timestamp"]].merge(
        paid, on="invoice_id", suffixes=("", "_paid")
    )
    hit = (pairs["timestamp_paid"] >= pairs["timestamp"]) & (
        pairs["timestamp_paid"] <= pairs["timestamp"] + window
    )
    by_event = messages["message_key"].isin(pairs.loc[hit, "message_key"])
    messages["paid_14d"] = by_settlement.fillna(False).to_numpy(bool) | by_event.to_numpy(bool)


def _aggregate(messages: pd.DataFrame, ev: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    messages["delivered"] = ~messages["bounced"]
    counts = messages.groupby(by, observed=True).agg(
        messages=("message_key", "size"),
        delivered=("delivered", "sum"),
        opened=("opened", "sum"),
        clicked=("clicked", "sum"),
        responded=("responded", "sum"),
        paid_14d=("paid_14d", "sum"),
    )
    counts = counts.reset_index()
    sent = counts["messages"].astype(float)
    delivered = counts["delivered"].astype(float).where(counts["delivered"] > 0)
    counts["delivery_rate"] = counts["delivered"] / sent * 100.0
    counts["open_rate"] = counts["opened"] / delivered * 100.0
    counts["click_rate"] = counts["clicked"] / delivered * 100.0
    counts["response_rate"] = counts["responded"] / delivered * 100.0
    counts["payment_rate"] = counts["paid_14d"] / sent * 100.0
    for stage, rate in (("opened", "open_rate"), ("clicked", "click_rate")):
        tracked = set(ev.loc[ev["event"] == stage, "channel"])
        counts.loc[~counts["channel"].isin(tracked), rate] = np.nan
    rank = {c: i for i, c in enumerate(CHANNELS)}
    counts["_rank"] = counts["channel"].map(rank).fillna(len(rank))
    keys = ["_rank", "channel"]
    if "segment" in by:
        tiers = {s: i for i, s in enumerate(SEGMENT_ORDER)}
        counts["_tier"] = counts["segment"].map(tiers).fillna(len(tiers))
        keys = ["_tier", "segment", *keys]
    counts = counts.sort_values(keys, kind="stable")
    return counts.drop(columns=[k for k in keys if k.startswith("_")]).reset_index(drop=True)


def preferred_channels(
    effectiveness: pd.DataFrame,
    *,
    segments: pd.DataFrame | None = None,
    min_messages: int = 20,
) -> dict[str, str]:
    """Return segment -> channel: best payment conversion, else customers' preference, else email.

    A channel competes only with at least `min_messages` messages. Ties go to the channel with
    more messages, then to the order email, sms, letter, call, portal. Without a segment column
    the single key is "all".
    """
    with_segment = "segment" in effectiveness.columns
    names: list[str] = []
    if with_segment:
        names += [str(s) for s in effectiveness["segment"].unique()]
    elif segments is None:
        names.append("all")
    if segments is not None:
        names += [str(s) for s in segments["segment"].unique()] if with_segment else ["all"]
    rank = {c: i for i, c in enumerate(CHANNELS)}
    chosen: dict[str, str] = {}
    for name in dict.fromkeys(names):
        rows = effectiveness[effectiveness["segment"] == name] if with_segment else effectiveness
        rows = rows[(rows["messages"] >= min_messages) & rows["payment_rate"].notna()]
        if len(rows):
            best = sorted(
                zip(rows["channel"], rows["payment_rate"], rows["messages"], strict=True),
                key=lambda r: (-float(r[1]), -int(r[2]), rank.get(str(r[0]), len(rank))),
            )[0]
            chosen[name] = str(best[0])
            continue
        chosen[name] = _majority_preference(segments, None if name == "all" else name, rank)
    return chosen


def _majority_preference(
    segments: pd.DataFrame | None, name: str | None, rank: Mapping[str, int]
) -> str:
    if segments is None or "preferred_channel" not in segments.columns:
        return "email"
    members = segments if name is None else segments[segments["segment"] == name]
    stated = members["preferred_channel"].dropna().astype(str)
    stated = stated[stated.isin(list(CHANNELS))]
    if not len(stated):
        return "email"
    counts = stated.value_counts()
    return str(min(counts.index, key=lambda c: (-int(counts[c]), rank[str(c)])))
