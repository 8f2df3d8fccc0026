"""Customer segments from payment behaviour: explainable rule tiers, optional k-means clusters.

Behaviour sample of a customer (lookback window L = (as_of - lookback_days, as_of]):
invoices settled in L (days late = settled - due) plus invoices still open and overdue at
as_of (days late so far = as_of - due, a lower bound). Days late is amount-weighted; the on-time
rate counts invoices settled on or before their due date; the dispute rate counts invoices issued
in L that are disputed (flag or disputes table). Trend = days late of the sample invoices due in
the recent half of L minus those due earlier (positive = getting worse).

Rule tiers, evaluated in this order (the first that matches wins):

1. ``disputer``: dispute rate >= ``dispute_rate_min`` (%) and at least ``disputes_min``
   disputed invoices (one dispute alone does not make a disputer).
2. ``high_value_at_risk``: exposure (open AR at as_of) in the top decile of customers with
   exposure, and days late > ``high_value_days_late`` or trend > ``worsening_days``.
3. ``chronic_late``: days late > ``chronic_days_late`` or on-time rate < ``chronic_on_time_max``.
4. ``occasional_late``: on-time rate < ``punctual_on_time_min`` or days late >
   ``punctual_days_late_max``.
5. ``punctual``: everyone else with a behaviour sample.
6. ``no_history``: customers without any settled or overdue invoice in the sample.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

import numpy as np
import pandas as pd

from kit.errors import ConfigError
from kit.ledger import Ledger
from kit.strategy._facts import CENT, as_timestamp, invoice_facts, weighted_mean

__all__ = [
    "PROFILE_COLUMNS",
    "SEGMENT_ORDER",
    "SegmentThresholds",
    "segment_customers",
    "segment_summary",
]

SEGMENT_ORDER = (
    "disputer",
    "high_value_at_risk",
    "chronic_late",
    "occasional_late",
    "punctual",
    "no_history",
)


# k-means only: the mean profile of the customer's cluster (days late, %, %, currency); NaN for
# the rule tiers. Reports describe a cluster from these numbers.
PROFILE_COLUMNS = (
    "cluster_days_late",
    "cluster_on_time_rate",
    "cluster_dispute_rate",
    "cluster_exposure",
)

_SUMMARY_COLUMNS = [
    "segment",
    *PROFILE_COLUMNS,
    "customers",
    "customer_share",
    "invoices",
    "ar",
    "ar_share",
    "overdue",
    "overdue_share",
    "days_late",
    "on_time_rate",
    "dispute_rate",
]


@dataclass(frozen=True)
class SegmentThresholds:
    """Thresholds of the rule tiers (rates in %, days in calendar days)."""

    dispute_rate_min: float = 20.0
    disputes_min: int = 2
    high_value_quantile: float = 0.9
    high_value_days_late: float = 10.0
    worsening_days: float = 5.0
    chronic_days_late: float = 20.0
    chronic_on_time_max: float = 50.0
    punctual_on_time_min: float = 90.0
    punctual_days_late_max: float = 3.0


def segment_customers(
    ledger: Ledger,
    *,
    as_of: date,
    lookback_days: int = 365,
    method: Literal["rules", "kmeans"] = "rules",
    seed: int = 0,
    thresholds: SegmentThresholds | None = None,
    n_clusters: int = 4,
    currency: str = "EUR",
) -> pd.DataFrame:
    """Return one row per customer with behaviour metrics (days, %, currency) and its segment.

    The frame holds data only; `kit.steps.strategy.labels.segment_labels` names the segments in
    the report language (`currency` is kept for callers that pass it; the labels use it).
    """
    if lookback_days < 2:
        raise ConfigError(
            "lookback is too short",
            key="lookback_days",
            value=lookback_days,
            expected="at least 2 days",
        )
    metrics = _customer_metrics(ledger, as_of=as_of, lookback_days=lookback_days)
    if method == "rules":
        segment = _rule_tiers(metrics, thresholds or SegmentThresholds())
        metrics["segment"] = segment
        for column in PROFILE_COLUMNS:
            metrics[column] = np.nan
    elif method == "kmeans":
        _kmeans(metrics, n_clusters=n_clusters, seed=seed)
    else:
        raise ConfigError(
            "unknown segmentation method", key="method", value=method, expected="rules or kmeans"
        )
    return metrics.reset_index(drop=True)


def _customer_metrics(ledger: Ledger, *, as_of: date, lookback_days: int) -> pd.DataFrame:
    t_as_of = as_timestamp(as_of)
    start = t_as_of - pd.Timedelta(days=lookback_days)
    middle = t_as_of - pd.Timedelta(days=lookback_days / 2)
    facts = invoice_facts(ledger, as_of=as_of)
    is_open = facts["open_amount"] > CENT
    overdue_open = is_open & (facts["dpd"] >= 1)
    settled_in = facts["settled"].notna() & (facts["settled"] > start)
    sample = facts[settled_in | overdue_open].copy()
    sample["late"] = sample["days_late"].where(sample["settled"].notna(), sample["dpd"])
    sample["on_time"] = sample["settled"].notna() & (sample["late"] <= 0)
    sample["recent"] = sample["due_date"] > middle
    sample["earlier"] = (sample["due_date"] > start) & ~sample["recent"]
    issued = facts[facts["issue_date"] > start]

    customers = pd.Index(sorted(facts["customer_id"].unique()), name="customer_id")
    out = pd.DataFrame(index=customers)
    out["name"] = _customer_attr(ledger, customers, "name")
    out["preferred_channel"] = _customer_attr(ledger, customers, "preferred_channel")
    out["invoices"] = issued.groupby("customer_id").size().reindex(customers).fillna(0).astype(int)
    out["exposure"] = facts.groupby("customer_id")["open_amount"].sum().reindex(customers)
    out["overdue"] = (
        facts[overdue_open].groupby("customer_id")["open_amount"].sum().reindex(customers)
    ).fillna(0.0)
    grouped = sample.groupby("customer_id")
    out["days_late"] = _half(sample.assign(all=True), "all", customers)
    out["on_time_rate"] = (grouped["on_time"].mean() * 100.0).reindex(customers)
    disputed = issued.groupby("customer_id")["disputed"].agg(["sum", "size"]).reindex(customers)
    out["dispute_rate"] = disputed["sum"] / disputed["size"] * 100.0
    out["trend_days"] = _half(sample, "recent", customers) - _half(sample, "earlier", customers)
    out["behaviour_invoices"] = grouped.size().reindex(customers).fillna(0).astype(int)
    out["behaviour_amount"] = grouped["amount"].sum().reindex(customers).fillna(0.0)
    out["disputed_invoices"] = disputed["sum"].fillna(0).astype(int)
    return out.reset_index()


def _half(sample: pd.DataFrame, flag: str, customers: pd.Index) -> pd.Series:
    part = sample[sample[flag]]
    weighted = (part["late"] * part["amount"]).groupby(part["customer_id"]).sum()
    weights = part.groupby("customer_id")["amount"].sum()
    return (weighted / weights.where(weights > 0)).reindex(customers).astype(float)


def _customer_attr(ledger: Ledger, customers: pd.Index, column: str) -> pd.Series:
    table = ledger.customers
    if table is None or column not in table.columns:
        return pd.Series(None, index=customers, dtype=object)
    by_id = pd.Series(table[column].to_numpy(), index=table["customer_id"].astype(str))
    return by_id[~by_id.index.duplicated()].reindex(customers)


def _rule_tiers(m: pd.DataFrame, th: SegmentThresholds) -> list[str]:
    exposed = m.loc[m["exposure"] > CENT, "exposure"]
    cut = float(exposed.quantile(th.high_value_quantile)) if len(exposed) else np.inf
    has_history = m["behaviour_invoices"] > 0
    conditions = [
        (m["dispute_rate"] >= th.dispute_rate_min) & (m["disputed_invoices"] >= th.disputes_min),
        (m["exposure"] > CENT)
        & (m["exposure"] >= cut)
        & ((m["days_late"] > th.high_value_days_late) | (m["trend_days"] > th.worsening_days)),
        has_history
        & ((m["days_late"] > th.chronic_days_late) | (m["on_time_rate"] < th.chronic_on_time_max)),
        has_history
        & (
            (m["on_time_rate"] < th.punctual_on_time_min)
            | (m["days_late"] > th.punctual_days_late_max)
        ),
        has_history,
    ]
    choice = np.select(
        [c.fillna(False).to_numpy(bool) for c in conditions],
        list(SEGMENT_ORDER[:5]),
        default="no_history",
    )
    return [str(s) for s in choice]


def _kmeans(m: pd.DataFrame, *, n_clusters: int, seed: int) -> None:
    """Add segment and cluster-profile columns from k-means on standardised behaviour features."""
    from sklearn.cluster import KMeans
    from sklearn.preprocessing import StandardScaler
    from threadpoolctl import threadpool_limits

    if n_clusters < 1:
        raise ConfigError("need at least one cluster", key="n_clusters", value=n_clusters)
    m["segment"] = "no_history"
    for column in PROFILE_COLUMNS:
        m[column] = np.nan
    eligible = m["behaviour_invoices"] > 0
    features = pd.DataFrame(
        {
            "days_late": m["days_late"],
            "on_time_rate": m["on_time_rate"],
            "dispute_rate": m["dispute_rate"].fillna(0.0),
            "log_exposure": np.log1p(m["exposure"].clip(lower=0.0)),
            "trend_days": m["trend_days"].fillna(0.0),
        }
    )[eligible]
    if not len(features):
        return
    k = min(n_clusters, len(features.drop_duplicates()))
    scaled = StandardScaler().fit_transform(features.to_numpy(float))
    # One thread: the data are small, and OpenMP threads on a busy machine cost seconds.
    with threadpool_limits(limits=1):
        model = KMeans(n_clusters=k, random_state=seed, n_init=10).fit(scaled)
    raw = pd.Series(model.labels_, index=features.index)
    described = ["days_late", "on_time_rate", "dispute_rate", "exposure"]
    profile = m[eligible].groupby(raw)[described].mean()
    profile = profile.sort_values(
        ["days_late", "on_time_rate", "dispute_rate"], ascending=[True, False, True], kind="stable"
    )
    rank = {int(label): pos + 1 for pos, label in enumerate(profile.index)}
    m.loc[eligible, "segment"] = [f"cluster_{rank[int(r)]}" for r in raw]
    for label, row in profile.iterrows():
        mask = eligible & (m["segment"] == f"cluster_{rank[int(str(label))]}")
        for column in described:
            m.loc[mask, f"cluster_{column}"] = float(row[column])


def segment_summary(segments: pd.DataFrame, ledger: Ledger, *, as_of: date) -> pd.DataFrame:
    """Return per segment: customers, AR and overdue AR (currency, %), days late, on-time %."""
    facts = invoice_facts(ledger, as_of=as_of)
    seg_of = segments.set_index("customer_id")["segment"]
    facts["segment"] = facts["customer_id"].map(seg_of)
    is_open = facts["open_amount"] > CENT
    facts["overdue_amount"] = facts["open_amount"].where(is_open & (facts["dpd"] >= 1), 0.0)
    total_ar = float(facts["open_amount"].sum())
    rows = []
    order = {s: i for i, s in enumerate(SEGMENT_ORDER)}
    names = sorted(segments["segment"].unique(), key=lambda s: (order.get(s, -1), s))
    for seg in names:
        members = segments[segments["segment"] == seg]
        part = facts[facts["segment"] == seg]
        ar = float(part["open_amount"].sum())
        overdue = float(part["overdue_amount"].sum())
        n_behaviour = members["behaviour_invoices"]
        issued = members["invoices"]
        rows.append(
            {
                "segment": seg,
                **{column: members[column].iloc[0] for column in PROFILE_COLUMNS},
                "customers": len(members),
                "customer_share": len(members) / len(segments) * 100.0,
                "invoices": int(issued.sum()),
                "ar": ar,
                "ar_share": ar / total_ar * 100.0 if total_ar > 0 else np.nan,
                "overdue": overdue,
                "overdue_share": overdue / ar * 100.0 if ar > 0 else np.nan,
                "days_late": weighted_mean(
                    members["days_late"].fillna(0.0), members["behaviour_amount"]
                ),
                "on_time_rate": weighted_mean(members["on_time_rate"].fillna(0.0), n_behaviour),
                "dispute_rate": weighted_mean(members["dispute_rate"].fillna(0.0), issued),
            }
        )
    return pd.DataFrame(rows, columns=_SUMMARY_COLUMNS)
