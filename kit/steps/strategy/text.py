"""Step 05 (collection strategy): segment and channel names, rule texts and the glossary."""

from __future__ import annotations

from kit.report import Html, glossary
from kit.report.context import ReportContext
from kit.steps.strategy.view import LOOKBACK_DAYS, MIN_MESSAGES, StrategyView
from kit.strategy import SegmentThresholds

__all__ = [
    "catalogue_or_value",
    "channel_name",
    "describe_segment",
    "segment_name",
    "strategy_glossary",
]

# --- names --------------------------------------------------------------------------------


def segment_name(ctx: ReportContext, view: StrategyView, segment: str) -> str:
    """Return the segment's name in the report language (clusters by number)."""
    if segment.startswith("cluster_"):
        return ctx.t("steps.strategy.cluster_name", number=segment.removeprefix("cluster_"))
    rows = view.summary[view.summary["segment"] == segment]
    if len(rows):
        return str(rows[f"label_{ctx.language}"].iloc[0])
    return ctx.t("steps.strategy.unknown_segment")


def describe_segment(ctx: ReportContext, view: StrategyView, segment: str) -> str:
    """Return what puts customers in the segment: a cluster's profile or the tier's rule."""
    if segment.startswith("cluster_"):
        text = str(
            view.summary.loc[view.summary["segment"] == segment, f"label_{ctx.language}"].iloc[0]
        )
        words = text.split(": ", 1)[-1]
        return words[:1].upper() + words[1:]
    return ctx.t(f"steps.strategy.rule.{segment}", **_rule_values(ctx))


def _rule_values(ctx: ReportContext) -> dict[str, str]:
    th = SegmentThresholds()
    return {
        "dispute_rate": ctx.percent(th.dispute_rate_min, digits=0),
        "disputes": str(th.disputes_min),
        "top": ctx.percent((1.0 - th.high_value_quantile) * 100.0, digits=0),
        "hv_days": ctx.number(th.high_value_days_late, digits=0),
        "worse": ctx.number(th.worsening_days, digits=0),
        "chronic_days": ctx.number(th.chronic_days_late, digits=0),
        "chronic_on_time": ctx.percent(th.chronic_on_time_max, digits=0),
        "punctual_on_time": ctx.percent(th.punctual_on_time_min, digits=0),
        "punctual_days": ctx.number(th.punctual_days_late_max, digits=0),
    }


def channel_name(ctx: ReportContext, channel: str) -> str:
    """Return the dunning channel's name in the report language."""
    return ctx.t(f"strategy.channel.{channel}")


def catalogue_or_value(ctx: ReportContext, prefix: str, value: str) -> str:
    """Return the catalogue text for `prefix.value`, or `value` itself when there is none."""
    from kit.i18n import catalogue

    key = f"{prefix}.{value}"
    return ctx.t(key) if key in catalogue() else value


# --- glossary -----------------------------------------------------------------------------


def strategy_glossary(ctx: ReportContext, view: StrategyView) -> Html:
    """Return the glossary: segment rules, channel rates, ladder, capacity formula, hand-over."""
    terms = ["segments", "days_late", "on_time_rate", "dispute_rate", "ar_share"]
    if view.method == "rules":
        terms += [f"rule.{s}" for s in view.summary["segment"]]
    else:
        terms += ["clustering"]
    terms += [
        "delivery_rate",
        "open_rate",
        "click_rate",
        "response_rate",
        "payment_rate",
        "preferred",
        "ladder_day",
        "workload",
        "invoices_per_month",
        "capacity",
        "break_even",
        "handover",
    ]
    values = {
        "days": LOOKBACK_DAYS,
        "min_messages": MIN_MESSAGES,
        "fte": ctx.number(view.plan.fte, digits=1),
        "hours": ctx.number(view.plan.hours_per_fte_month, digits=0),
        "agency_days": ctx.engagement.strategy.agency_days_overdue,
        "min_amount": ctx.money(ctx.engagement.strategy.agency_min_amount, digits=0),
    }
    rows = []
    for term in terms:
        base = f"steps.strategy.glossary.{term}"
        name = (
            segment_name(ctx, view, term.removeprefix("rule."))
            if term.startswith("rule.")
            else ctx.t(base)
        )
        meaning = (
            ctx.t("steps.strategy." + term, **_rule_values(ctx))
            if term.startswith("rule.")
            else ctx.t(f"{base}.meaning", **values)
        )
        formula = ctx.t(f"{base}.formula", **values) if not term.startswith("rule.") else ""
        rows.append((name, meaning, formula))
    return glossary(ctx, rows)
