"""Plain-words findings of the collection strategy for the executive summary."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from kit.i18n import Language, fmt_days, fmt_money, fmt_number, fmt_percent, tr, trn
from kit.i18n.labels import STRATEGY_CHANNEL
from kit.message import render
from kit.strategy.capacity import CapacityPlan

__all__ = ["strategy_summary"]


def _segment_findings(summary: pd.DataFrame, language: Language, currency: str) -> list[str]:
    if summary.empty:
        return []
    label = f"label_{language}"
    lines = []
    ranked = summary.sort_values(["ar", "customers"], ascending=False, kind="stable")
    top = ranked.iloc[0]
    if float(top["ar"]) > 0:
        lines.append(
            trn(
                "{customers} customer {segments}; the largest "
                "share of receivables ({share}) sits with “{label}” (number of "
                "customers: {members}; average delay {days}).",
                "{customers} customers {segments}; the largest "
                "share of receivables ({share}) sits with “{label}” (number of "
                "customers: {members}; average delay {days}).",
                int(summary["customers"].sum()),
                language,
                customers=int(summary["customers"].sum()),
                segments=trn(
                    "in {n} segment", "in {n} segments", len(summary), language, n=len(summary)
                ),
                share=fmt_percent(float(top["ar_share"]), language, digits=0),
                label=top[label],
                members=int(top["customers"]),
                days=fmt_days(float(top["days_late"]), language, digits=0),
            )
        )
    overdue = summary.sort_values("overdue", ascending=False, kind="stable").iloc[0]
    if float(overdue["overdue"]) > 0:
        lines.append(
            tr(
                "Most overdue receivables sit with “{label}”: {amount}, "
                "{share} of its receivables.",
                language,
                label=overdue[label],
                amount=fmt_money(float(overdue["overdue"]), language, currency=currency, digits=0),
                share=fmt_percent(float(overdue["overdue_share"]), language, digits=0),
            )
        )
    punctual = summary[summary["segment"] == "punctual"]
    if len(punctual):
        lines.append(
            tr(
                "{share} of customers pay on time; they get a gentler ladder "
                "without a pre-due reminder.",
                language,
                share=fmt_percent(float(punctual["customer_share"].iloc[0]), language, digits=0),
            )
        )
    return lines


def strategy_summary(
    *,
    language: Language,
    segment_summary: pd.DataFrame | None = None,
    preferred: Mapping[str, str] | None = None,
    capacity: CapacityPlan | None = None,
    handover: pd.DataFrame | None = None,
    agency_days: int = 90,
    currency: str = "EUR",
) -> list[str]:
    """Return the strategy findings as sentences in `language` (only for the parts given)."""
    lines: list[str] = []
    labels: dict[str, str] = {}
    if segment_summary is not None:
        lines += _segment_findings(segment_summary, language, currency)
        labels = dict(
            zip(segment_summary["segment"], segment_summary[f"label_{language}"], strict=True)
        )
    if preferred:
        pairs = [
            f"{labels.get(seg, seg)}: {tr(STRATEGY_CHANNEL[ch], language)}"
            for seg, ch in preferred.items()
        ]
        lines.append(
            tr("Preferred dunning channels by segment: {pairs}.", language, pairs="; ".join(pairs))
        )
    if capacity is not None:
        lines.append(render(capacity.verdict(), language))
    if handover is not None:
        if handover.empty:
            lines.append(
                tr(
                    "No undisputed invoice is {days} or more days past due: "
                    "nothing to hand over to a collection agency now.",
                    language,
                    days=agency_days,
                )
            )
        else:
            lines.append(
                tr(
                    "For hand-over to a collection agency (reviewed manually "
                    "first): {amount} open on undisputed invoices at least {days} "
                    "days past due (invoices: {count}, customers: {customers}).",
                    language,
                    count=fmt_number(len(handover), language, digits=0),
                    customers=fmt_number(handover["customer_id"].nunique(), language, digits=0),
                    amount=fmt_money(
                        float(handover["open_amount"].sum()), language, currency=currency, digits=0
                    ),
                    days=agency_days,
                )
            )
    return lines
