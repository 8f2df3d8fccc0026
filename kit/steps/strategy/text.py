"""Step 05 (collection strategy): segment and channel names, rule texts and the glossary."""

from __future__ import annotations

from collections.abc import Mapping

from kit.i18n import N_
from kit.i18n.labels import STRATEGY_CHANNEL
from kit.report import Html, glossary
from kit.report.context import ReportContext
from kit.steps.strategy.view import LOOKBACK_DAYS, MIN_MESSAGES, StrategyView
from kit.strategy import SegmentThresholds

_FORMULA: dict[str, str] = {
    "ar_share": N_("segment's open receivables ÷ total receivables × 100"),
    "break_even": N_("g* = C ÷ W₀ − 1; extra FTE(g) = max(0, W(g) ÷ hours per FTE − FTE)"),
    "capacity": N_("C = FTE × productive hours per FTE and month"),
    "click_rate": N_("clicked ÷ delivered × 100"),
    "clustering": "",
    "days_late": N_("Σ (settlement date − due date) × amount ÷ Σ amount"),
    "delivery_rate": N_("(sent − bounced) ÷ sent × 100"),
    "dispute_rate": N_("disputed invoices ÷ invoices issued × 100"),
    "handover": N_("days past due = as-of date − due date"),
    "invoices_per_month": N_("invoices dated in the last 12 months ÷ 12"),
    "ladder_day": "",
    "on_time_rate": N_("invoices settled on time ÷ invoices considered × 100"),
    "open_rate": N_("opened ÷ delivered × 100"),
    "payment_rate": N_("messages followed by payment within 14 days ÷ messages sent × 100"),
    "preferred": "",
    "response_rate": N_("responded ÷ delivered × 100"),
    "segments": "",
    "workload": N_("W₀ = Σ minutes per execution × executions a month ÷ 60; W(g) = W₀ × (1 + g)"),
}

_NAME: dict[str, str] = {
    "ar_share": N_("Share of AR"),
    "break_even": N_("Volume growth the team can carry"),
    "capacity": N_("Team capacity"),
    "click_rate": N_("Click rate"),
    "clustering": N_("Clustering (k-means)"),
    "days_late": N_("Average payment delay"),
    "delivery_rate": N_("Delivery rate"),
    "dispute_rate": N_("Dispute rate"),
    "handover": N_("Agency hand-over list"),
    "invoices_per_month": N_("Invoices a month"),
    "ladder_day": N_("Ladder step and timing"),
    "on_time_rate": N_("On-time payment rate"),
    "open_rate": N_("Open rate"),
    "payment_rate": N_("Paid within 14 days (conversion)"),
    "preferred": N_("Preferred channel of a segment"),
    "response_rate": N_("Response rate"),
    "segments": N_("Customer segment"),
    "workload": N_("Workload"),
}

_MEANING: dict[str, str] = {
    "ar_share": N_(
        "Open receivables of the segment at the as-of date relative to total receivables."
    ),
    "break_even": N_(
        "The growth in invoice volume at which workload reaches "
        "capacity. Beyond it the team needs more people or automation."
    ),
    "capacity": N_(
        "Productive hours a month the team can spend on collections ({fte} FTE × {hours} hours)."
    ),
    "click_rate": N_("Share of delivered messages in which a link (e.g. to pay) was clicked."),
    "clustering": N_(
        "Instead of fixed rules, customers with similar delay, on-time "
        "rate, dispute rate, open amount and trend are grouped into "
        "clusters (features standardised, fixed seed, so "
        "reproducible). Cluster 1 pays best."
    ),
    "days_late": N_(
        "Days between due date and settlement, weighted by amount; "
        "open overdue invoices count with their days late so far. "
        "Negative values: paid before due."
    ),
    "delivery_rate": N_("Share of messages sent that did not bounce."),
    "dispute_rate": N_(
        "Share of invoices issued in the period that were disputed (flag or dispute record)."
    ),
    "handover": N_(
        "Open invoices at least {agency_days} days past due at the "
        "as-of date, with an open amount from {min_amount}, neither "
        "flagged as disputed nor with an open dispute. The list is "
        "reviewed and passed on manually first; it is automated only "
        "once the process is understood."
    ),
    "invoices_per_month": N_(
        "Mean number of invoices issued a month over the twelve months up to the as-of date."
    ),
    "ladder_day": N_(
        "Each step has a timing relative to the due date (before due = "
        "pre-due reminder), a channel, a tone (friendly, firm, formal) "
        "and an owner role. The hand-over to a collection agency "
        "always follows the final notice, at {agency_days} days."
    ),
    "on_time_rate": N_("Share of invoices settled on or before their due date."),
    "open_rate": N_(
        "Share of delivered messages opened at least once (only email and portal record this)."
    ),
    "payment_rate": N_(
        "Share of messages after which the invoice was settled, or a "
        "successful payment arrived, within 14 days."
    ),
    "preferred": N_(
        "The channel with the highest 14-day payment rate among "
        "channels with at least {min_messages} messages; without such "
        "data the channel most customers state as preferred, else "
        "email. Bold in the chart; values in brackets rest on fewer "
        "than {min_messages} messages."
    ),
    "response_rate": N_("Share of delivered messages with a reply or promise to pay."),
    "segments": N_(
        "Group of customers with similar payment behaviour over the "
        "{days} days up to the as-of date. The rules below are checked "
        "in order; the first that matches decides the segment."
    ),
    "workload": N_(
        "Working hours a month of all tasks and decisions in the "
        "process maps; waiting time does not count. It grows in "
        "proportion to invoice volume."
    ),
}

_STEPS_STRATEGY_RULE: dict[str, str] = {
    "chronic_late": N_(
        "Pays more than {chronic_days} days late on average or fewer "
        "than {chronic_on_time} of invoices on time."
    ),
    "disputer": N_(
        "Disputes at least {dispute_rate} of invoices and at least {disputes} invoices in the year."
    ),
    "high_value_at_risk": N_(
        "Among the top {top} of customers by open receivables and pays "
        "more than {hv_days} days late on average or has got more than "
        "{worse} days worse recently."
    ),
    "no_history": N_(
        "No paid or overdue invoice in the period – no payment behaviour to measure yet."
    ),
    "occasional_late": N_(
        "Usually pays, but not reliably on time: fewer than "
        "{punctual_on_time} on time or more than {punctual_days} days "
        "late on average."
    ),
    "punctual": N_(
        "Pays at least {punctual_on_time} of invoices on time and at "
        "most {punctual_days} days late on average."
    ),
}


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
        return ctx.tr("Cluster {number}", number=segment.removeprefix("cluster_"))
    rows = view.summary[view.summary["segment"] == segment]
    if len(rows):
        return str(rows[f"label_{ctx.language}"].iloc[0])
    return ctx.tr("no segment")


def describe_segment(ctx: ReportContext, view: StrategyView, segment: str) -> str:
    """Return what puts customers in the segment: a cluster's profile or the tier's rule."""
    if segment.startswith("cluster_"):
        text = str(
            view.summary.loc[view.summary["segment"] == segment, f"label_{ctx.language}"].iloc[0]
        )
        words = text.split(": ", 1)[-1]
        return words[:1].upper() + words[1:]
    return ctx.tr(_STEPS_STRATEGY_RULE[segment], **_rule_values(ctx))


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
    return ctx.tr(STRATEGY_CHANNEL[channel])


def catalogue_or_value(ctx: ReportContext, names: Mapping[str, str], value: str) -> str:
    """Return the display name of `value` from `names` (message ids), or `value` itself."""
    name = names.get(value)
    return ctx.tr(name) if name else value


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
        name = (
            segment_name(ctx, view, term.removeprefix("rule."))
            if term.startswith("rule.")
            else ctx.tr(_NAME[term])
        )
        meaning = (
            ctx.tr(_STEPS_STRATEGY_RULE[term.removeprefix("rule.")], **_rule_values(ctx))
            if term.startswith("rule.")
            else ctx.tr(_MEANING[term], **values)
        )
        formula = ctx.tr(_FORMULA[term], **values) if _FORMULA.get(term) else ""
        rows.append((name, meaning, formula))
    return glossary(ctx, rows)
