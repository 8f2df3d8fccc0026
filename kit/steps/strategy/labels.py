"""Names of customer segments in the report language, made from the domain's segment frames."""

from __future__ import annotations

import math

import pandas as pd

from kit.i18n import LANGUAGES, N_, Language, fmt_money, fmt_number, tr
from kit.strategy.segments import PROFILE_COLUMNS

_STRATEGY_SEGMENT: dict[str, str] = {
    "chronic_late": N_("Chronic late payer"),
    "disputer": N_("Disputer (frequent disputes)"),
    "high_value_at_risk": N_("High value at risk"),
    "no_history": N_("No payment history yet"),
    "occasional_late": N_("Occasional late payer"),
    "punctual": N_("Punctual payer"),
}

__all__ = ["segment_label", "segment_labels"]


def segment_label(row: pd.Series, language: Language, *, currency: str = "EUR") -> str:
    """Return the name of the row's segment; a k-means cluster is described by its profile."""
    segment = str(row["segment"])
    if not segment.startswith("cluster_"):
        return tr(_STRATEGY_SEGMENT[segment], language)
    days = float(row["cluster_days_late"])
    disputes = float(row["cluster_dispute_rate"])
    text = (
        N_(
            "Cluster {number}: pays on average {days} days late, {on_time} "
            "% on time, {disputes} % disputes, {exposure} open per "
            "customer on average"
        )
        if days >= 0
        else N_(
            "Cluster {number}: pays on average {days} days early, "
            "{on_time} % on time, {disputes} % disputes, {exposure} open "
            "per customer on average"
        )
    )
    return tr(
        text,
        language,
        number=int(segment.removeprefix("cluster_")),
        days=fmt_number(abs(days), language, digits=0),
        on_time=fmt_number(float(row["cluster_on_time_rate"]), language, digits=0),
        disputes=fmt_number(0.0 if math.isnan(disputes) else disputes, language, digits=0),
        exposure=fmt_money(float(row["cluster_exposure"]), language, currency=currency, digits=0),
    )


def segment_labels(frame: pd.DataFrame, *, currency: str = "EUR") -> pd.DataFrame:
    """Return a copy of a segment frame with `label_de` and `label_en` columns added."""
    labelled = frame.copy()
    missing = [c for c in PROFILE_COLUMNS if c not in labelled.columns]
    for column in missing:
        labelled[column] = math.nan
    for language in LANGUAGES:
        labelled[f"label_{language}"] = [
            segment_label(row, language, currency=currency) for _, row in labelled.iterrows()
        ]
    return labelled.drop(columns=missing)
