"""Tables for the after-care report: top overdue customers, overdue contributors, dunning funnel."""

from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from kit.errors import ConfigError
from kit.kpis.aggregates import snapshot
from kit.kpis.aging import BUCKETS
from kit.kpis.digital import messages
from kit.kpis.disputes import dispute_flags
from kit.kpis.engine import group_codes
from kit.kpis.timeline import Timeline, build_timeline, day_number
from kit.ledger import Ledger

__all__ = ["FUNNEL_STAGES", "dunning_funnel", "overdue_contributors", "top_overdue"]

#: Stages of the dunning funnel, in order (counts of messages).
FUNNEL_STAGES = ("sent", "delivered", "opened", "clicked", "paid")
_COLUMNS = ["overdue_amount", "invoices", "share_pct"]


def _overdue(tl: Timeline, day: int) -> tuple[pd.DataFrame, np.ndarray]:
    """Return overdue open invoices at T (position, customer, amount, dpd, bucket)."""
    snap = snapshot(tl, day=day, period_days=1)
    dpd = day - tl.due
    mask = (snap.open_t > 0) & (dpd >= 1)
    pos = np.flatnonzero(mask)
    frame = pd.DataFrame(
        {
            "position": pos,
            "customer_id": tl.ledger.invoices["customer_id"].astype(str).to_numpy()[pos],
            "overdue_amount": snap.open_t[pos],
            "dpd": dpd[pos],
            "bucket": np.asarray(BUCKETS, dtype=object)[snap.bucket[pos]],
        }
    )
    return frame, mask


def top_overdue(ledger: Ledger, *, as_of: date, n: int = 10) -> pd.DataFrame:
    """Return the `n` customers with most overdue AR: amount (currency), oldest dpd, invoices."""
    if not isinstance(n, int) or n < 1:
        raise ConfigError("n must be a whole number ≥ 1", key="n", value=n)
    tl = build_timeline(ledger)
    frame, _ = _overdue(tl, day_number(as_of))
    table = (
        frame.groupby("customer_id", sort=True)
        .agg(
            overdue_amount=("overdue_amount", "sum"),
            oldest_dpd=("dpd", "max"),
            invoices=("position", "count"),
        )
        .reset_index()
    )
    names = _names(ledger)
    table.insert(1, "name", table["customer_id"].map(names) if names is not None else None)
    table = table.sort_values(["overdue_amount", "customer_id"], ascending=[False, True])
    return table.head(n).reset_index(drop=True)


def _names(ledger: Ledger) -> pd.Series | None:
    cust = ledger.customers
    if cust is None or "name" not in cust.columns:
        return None
    cust = cust.assign(customer_id=cust["customer_id"].astype(str)).drop_duplicates("customer_id")
    return cust.set_index("customer_id")["name"]


def _share(frame: pd.DataFrame, key: pd.Series | np.ndarray, total: float) -> pd.DataFrame:
    if frame.empty:
        return pd.DataFrame(columns=_COLUMNS)
    out = frame.groupby(np.asarray(key), sort=True).agg(
        overdue_amount=("overdue_amount", "sum"), invoices=("position", "count")
    )
    out["share_pct"] = out["overdue_amount"] / total * 100.0 if total > 0 else np.nan
    return out.sort_values("overdue_amount", ascending=False)


def overdue_contributors(ledger: Ledger, *, as_of: date) -> dict[str, pd.DataFrame]:
    """Return overdue AR (currency, count, % of overdue) by customer, segment, bucket, reason."""
    tl = build_timeline(ledger)
    day = day_number(as_of)
    frame, _ = _overdue(tl, day)
    total = float(frame["overdue_amount"].sum())
    result = {"customer": _share(frame, frame["customer_id"], total)}
    try:
        codes, labels = group_codes(ledger, "segment")
        seg = labels.to_numpy()[codes[frame["position"].to_numpy()]]
        result["segment"] = _share(frame, seg, total)
    except ConfigError:
        result["segment"] = pd.DataFrame(columns=_COLUMNS)
    order = [b for b in BUCKETS if b != "current"]
    by_bucket = _share(frame, frame["bucket"], total)
    result["aging_bucket"] = by_bucket.reindex([b for b in order if b in by_bucket.index])
    flags = dispute_flags(tl, day=day, period_days=1)
    pos = frame["position"].to_numpy()
    reason = np.where(
        flags.open_at_t[pos],
        np.where(flags.reason[pos] == "", "(disputed, no reason)", flags.reason[pos]),
        "(no dispute)",
    )
    result["dispute_reason"] = _share(frame, reason, total)
    return result


def dunning_funnel(ledger: Ledger, *, as_of: date, period_days: int = 90) -> pd.DataFrame:
    """Return message counts per stage (sent → delivered → opened → clicked → paid) by channel."""
    tl = build_timeline(ledger)
    msg = messages(
        tl,
        day=day_number(as_of),
        period_days=period_days,
        codes=np.zeros(tl.size, dtype=np.int64),
        groups=1,
    )
    if msg is None:
        return pd.DataFrame(columns=list(FUNNEL_STAGES), index=pd.Index([], name="channel"))
    t = msg.table.assign(delivered=~msg.table["bounced"], paid=msg.table["converted"])
    per = t.groupby("channel", sort=True)[list(FUNNEL_STAGES)].sum().astype(np.int64)
    per.loc["total"] = per.sum()
    per.index.name = "channel"
    return per
