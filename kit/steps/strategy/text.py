"""Step 05 (collection strategy): segment and channel names, rule texts and the glossary."""

from __future__ import annotations

from kit.i18n import N_
from kit.report import Html, glossary
from kit.report.context import ReportContext
from kit.steps.strategy.view import LOOKBACK_DAYS, MIN_MESSAGES, StrategyView
from kit.strategy import SegmentThresholds

_FORMULA: dict[str, str] = {
    "pack.col": N_("Formula"),
    "report.glossary": N_("Formula"),
    "steps.goals.glossary.baseline": N_(
        "KPI at the baseline date, computed as at the as-of date "
        "(window of P days up to the baseline date)"
    ),
    "steps.goals.glossary.progress": N_("(current value − baseline) ÷ (target − baseline) × 100"),
    "steps.goals.glossary.starter": N_(""),
    "steps.goals.glossary.trend": N_(
        "forecast(deadline) = a + b × days since the first value; "
        "reached on the first day the line meets the target"
    ),
    "steps.kpis.glossary.aging": N_(
        "current (≤ 0), 1–30, 31–60, 61–90, 91–180, over 180 days (edges inclusive)"
    ),
    "steps.kpis.glossary.crf": N_(""),
    "steps.kpis.glossary.current": N_("days past due = T − due date; current ≤ 0, overdue ≥ 1"),
    "steps.kpis.glossary.funnel": N_(""),
    "steps.kpis.glossary.receeve": N_(""),
    "steps.kpis.glossary.status": N_(""),
    "steps.kpis.glossary.tied": N_(
        "ADD × credit sales ÷ P = (DSO − best possible DSO) × credit sales per day"
    ),
    "steps.kpis.glossary.variant.aging": N_(""),
    "steps.kpis.glossary.variant.average": N_("here: receivables(T) ÷ credit sales × P"),
    "steps.kpis.glossary.variant.bpdso": N_(""),
    "steps.kpis.glossary.variant.cei": N_(""),
    "steps.kpis.glossary.window": N_("window W = (T − P, T]"),
    "steps.process.glossary.avoidable": N_(
        "avoidable = Σ hours of the group − largest hours of the group"
    ),
    "steps.process.glossary.bank": N_("960 h ÷ 64 maps = 15 h of duplicate work per map"),
    "steps.process.glossary.duplicate": N_(""),
    "steps.process.glossary.fte": N_("FTE = hours per month ÷ productive hours per FTE and month"),
    "steps.process.glossary.handoff": N_("share of handoffs = handoffs between roles ÷ all flows"),
    "steps.process.glossary.hours": N_("hours = minutes × executions per month ÷ 60"),
    "steps.process.glossary.not_duplicate": N_(""),
    "steps.process.glossary.rework": N_("extra hours = Σ hours of the loop × p ÷ (1 − p)"),
    "steps.process.glossary.sources": N_(""),
    "steps.process.glossary.to_be": N_("saving = as-is hours − to-be hours"),
    "steps.process.glossary.wait": N_(""),
    "steps.strategy.glossary.ar_share": N_("segment's open receivables ÷ total receivables × 100"),
    "steps.strategy.glossary.break_even": N_(
        "g* = C ÷ W₀ − 1; extra FTE(g) = max(0, W(g) ÷ hours per FTE − FTE)"
    ),
    "steps.strategy.glossary.capacity": N_("C = FTE × productive hours per FTE and month"),
    "steps.strategy.glossary.click_rate": N_("clicked ÷ delivered × 100"),
    "steps.strategy.glossary.clustering": N_(""),
    "steps.strategy.glossary.days_late": N_("Σ (settlement date − due date) × amount ÷ Σ amount"),
    "steps.strategy.glossary.delivery_rate": N_("(sent − bounced) ÷ sent × 100"),
    "steps.strategy.glossary.dispute_rate": N_("disputed invoices ÷ invoices issued × 100"),
    "steps.strategy.glossary.handover": N_("days past due = as-of date − due date"),
    "steps.strategy.glossary.invoices_per_month": N_("invoices dated in the last 12 months ÷ 12"),
    "steps.strategy.glossary.ladder_day": N_(""),
    "steps.strategy.glossary.on_time_rate": N_(
        "invoices settled on time ÷ invoices considered × 100"
    ),
    "steps.strategy.glossary.open_rate": N_("opened ÷ delivered × 100"),
    "steps.strategy.glossary.payment_rate": N_(
        "messages followed by payment within 14 days ÷ messages sent × 100"
    ),
    "steps.strategy.glossary.preferred": N_(""),
    "steps.strategy.glossary.response_rate": N_("responded ÷ delivered × 100"),
    "steps.strategy.glossary.segments": N_(""),
    "steps.strategy.glossary.workload": N_(
        "W₀ = Σ minutes per execution × executions a month ÷ 60; W(g) = W₀ × (1 + g)"
    ),
}

_MEANING: dict[str, str] = {
    "steps.goals.glossary.baseline": N_(
        "The KPI's value at the baseline date (project start); progress is measured from it."
    ),
    "steps.goals.glossary.progress": N_(
        "Share of the way from the baseline to the target that is done "
        "(100 % = met, negative = moved away)."
    ),
    "steps.goals.glossary.starter": N_(
        "Suggestions from the data following “start with the basics”: "
        "first all payments within the 45-day goal, then DSO, days "
        "delinquent and CEI up to the CRF median. A KPI already at or "
        "better than its reference gets no suggestion."
    ),
    "steps.goals.glossary.trend": N_(
        "Least-squares straight line through the monthly values from "
        "the baseline date to the as-of date (with fewer than three "
        "values: the last six), extended to the deadline."
    ),
    "steps.kpis.glossary.aging": N_(
        "Open amounts by days past due; the buckets add up exactly to total receivables."
    ),
    "steps.kpis.glossary.crf": N_(
        "Medians of the Credit Research Foundation (US), Q1 2021: CEI "
        "86.52%, DSO 38.04 days, best possible DSO 32.02 days, ADD "
        "3.00 days, % current 90.56%. They are independent medians, so "
        "the ADD median is not DSO median − BPDSO median. Comparison "
        "values, not the company's figures."
    ),
    "steps.kpis.glossary.current": N_(
        "An invoice is current while its due date has not passed (due "
        "on the as-of date counts as current), otherwise overdue. "
        "Overpayments count as 0 open."
    ),
    "steps.kpis.glossary.funnel": N_(
        "Dunning messages in the window per stage: sent, delivered "
        "(excluding bounces), opened, clicked and paid (invoice "
        "settled within 14 days of sending). Opening and clicking can "
        "be measured for digital channels only."
    ),
    "steps.kpis.glossary.receeve": N_(
        "According to receeve, companies collect 60–70% of their "
        "monthly recurring revenue (MRR) on average. The report's "
        "collection rate relates to invoice amounts due in the window, "
        "so the comparison is an order of magnitude only."
    ),
    "steps.kpis.glossary.status": N_(
        "Green: value equal to or better than the reference (or "
        "target); amber: worse by at most 10% of the reference; red: "
        "clearly worse; grey: no reference. Collection rate: green "
        "from 70%, amber 60–70%, red below."
    ),
    "steps.kpis.glossary.tied": N_(
        "Working capital that would already have come in if every "
        "invoice were paid on time; it equals overdue receivables."
    ),
    "steps.kpis.glossary.variant.aging": N_(
        "Some systems bucket aging by invoice date. This report buckets by due date."
    ),
    "steps.kpis.glossary.variant.average": N_(
        "Some vendors compute DSO with average instead of ending "
        "receivables. This report uses the ending receivables."
    ),
    "steps.kpis.glossary.variant.bpdso": N_(
        "One source counts all outstanding receivables as “current” "
        "for the best possible DSO. This report counts only "
        "receivables not yet due at the as-of date."
    ),
    "steps.kpis.glossary.variant.cei": N_(
        "Some sources use monthly sales (sales ÷ months) in the CEI. "
        "This report uses the total sales of the window."
    ),
    "steps.kpis.glossary.window": N_(
        "Every KPI is taken at the as-of date T (inclusive). Sales and "
        "payment KPIs refer to the {days} days up to T."
    ),
    "steps.process.glossary.avoidable": N_(
        "In each group of duplicate work the largest execution stays "
        "and all others go. This keeps the estimate of the saving "
        "cautious."
    ),
    "steps.process.glossary.bank": N_(
        "A bank drew 64 process maps of its customer-payment processes "
        "and removed 960 hours per month of duplicate work and 480 "
        "hours of waste. The figure only shows the order of magnitude; "
        "it is not a target."
    ),
    "steps.process.glossary.duplicate": N_(
        "The same action on the same business object (e.g. check the "
        "credit limit, record a dispute) is done in several places – "
        "in different processes, roles or as double entry in two "
        "systems. Detected from the label after normalisation "
        "(spelling, synonyms, German/English), the business object and "
        "neighbouring steps; similarity threshold {threshold}."
    ),
    "steps.process.glossary.fte": N_(
        "Converts hours into staff capacity at {per_fte} productive "
        "hours per FTE and month (from the engagement settings)."
    ),
    "steps.process.glossary.handoff": N_(
        "A flow where the work passes from one role (swimlane) to "
        "another. Every handoff costs coordination and idle time. A "
        "change of system is a flow between two IT systems."
    ),
    "steps.process.glossary.hours": N_(
        "Effort of an activity: minutes per execution times executions "
        "per month. Where a figure is missing, the activity counts as "
        "0 hours and is listed as “effort unknown”."
    ),
    "steps.process.glossary.not_duplicate": N_(
        "Successive stages of one procedure on another channel or "
        "level (e-mail reminder, later a second dunning letter); the "
        "same activity reached again through a loop (that is rework); "
        "start, end and decisions; generic labels such as “check” "
        "without a business object."
    ),
    "steps.process.glossary.rework": N_(
        "A loop leads back to work already done with probability p. "
        "Each activity on the loop then runs 1 ÷ (1 − p) times on "
        "average; the extra effort is rework."
    ),
    "steps.process.glossary.sources": N_(
        "Process maps: {files}. To-be process: {reference} (reference model)."
    ),
    "steps.process.glossary.to_be": N_(
        "Reference flow of the receivables cycle ({reference}): "
        "invoice, pre-due reminder, dunning levels, dispute handling "
        "from the start, promise to pay and instalment plan, "
        "collection-agency hand-over, cash application and after-care. "
        "An as-is step counts as in place when it matches a to-be "
        "step; as-is steps without a match are not needed in the to-be "
        "process."
    ),
    "steps.process.glossary.wait": N_(
        "A step in which the case rests until something arrives from "
        "outside (payment, documents). It lengthens the lead time and "
        "is a candidate for waste."
    ),
    "steps.stakeholders.glossary.checks": N_(
        "Checks following the success factors of a seamless rollout: "
        "clear ownership per phase, a project lead over all phases, "
        "credit management, finance and IT from the Blueprint, end "
        "users in Training and Acceptance test, dispute management "
        "from the start, an owner for after-care."
    ),
    "steps.stakeholders.glossary.groups": N_(
        "Who belongs to project lead, credit management, finance, IT, "
        "end users or dispute management is recognised from role and "
        "department in the register (e.g. “IT”, “accounts-receivable "
        "clerk”, “dispute”)."
    ),
    "steps.stakeholders.glossary.register": N_(
        "File {file} in the engagement folder: name, role, department, "
        "influence, interest and RACI role per phase."
    ),
    "steps.stakeholders.glossary.scores": N_(
        "Assessment per person on a scale from 1 (low) to 5 (high); 4 "
        "and 5 count as high. In the grid a score of 3 lies on the "
        "dividing line."
    ),
    "steps.strategy.glossary.ar_share": N_(
        "Open receivables of the segment at the as-of date relative to total receivables."
    ),
    "steps.strategy.glossary.break_even": N_(
        "The growth in invoice volume at which workload reaches "
        "capacity. Beyond it the team needs more people or automation."
    ),
    "steps.strategy.glossary.capacity": N_(
        "Productive hours a month the team can spend on collections ({fte} FTE × {hours} hours)."
    ),
    "steps.strategy.glossary.click_rate": N_(
        "Share of delivered messages in which a link (e.g. to pay) was clicked."
    ),
    "steps.strategy.glossary.clustering": N_(
        "Instead of fixed rules, customers with similar delay, on-time "
        "rate, dispute rate, open amount and trend are grouped into "
        "clusters (features standardised, fixed seed, so "
        "reproducible). Cluster 1 pays best."
    ),
    "steps.strategy.glossary.days_late": N_(
        "Days between due date and settlement, weighted by amount; "
        "open overdue invoices count with their days late so far. "
        "Negative values: paid before due."
    ),
    "steps.strategy.glossary.delivery_rate": N_("Share of messages sent that did not bounce."),
    "steps.strategy.glossary.dispute_rate": N_(
        "Share of invoices issued in the period that were disputed (flag or dispute record)."
    ),
    "steps.strategy.glossary.handover": N_(
        "Open invoices at least {agency_days} days past due at the "
        "as-of date, with an open amount from {min_amount}, neither "
        "flagged as disputed nor with an open dispute. The list is "
        "reviewed and passed on manually first; it is automated only "
        "once the process is understood."
    ),
    "steps.strategy.glossary.invoices_per_month": N_(
        "Mean number of invoices issued a month over the twelve months up to the as-of date."
    ),
    "steps.strategy.glossary.ladder_day": N_(
        "Each step has a timing relative to the due date (before due = "
        "pre-due reminder), a channel, a tone (friendly, firm, formal) "
        "and an owner role. The hand-over to a collection agency "
        "always follows the final notice, at {agency_days} days."
    ),
    "steps.strategy.glossary.on_time_rate": N_(
        "Share of invoices settled on or before their due date."
    ),
    "steps.strategy.glossary.open_rate": N_(
        "Share of delivered messages opened at least once (only email and portal record this)."
    ),
    "steps.strategy.glossary.payment_rate": N_(
        "Share of messages after which the invoice was settled, or a "
        "successful payment arrived, within 14 days."
    ),
    "steps.strategy.glossary.preferred": N_(
        "The channel with the highest 14-day payment rate among "
        "channels with at least {min_messages} messages; without such "
        "data the channel most customers state as preferred, else "
        "email. Bold in the chart; values in brackets rest on fewer "
        "than {min_messages} messages."
    ),
    "steps.strategy.glossary.response_rate": N_(
        "Share of delivered messages with a reply or promise to pay."
    ),
    "steps.strategy.glossary.segments": N_(
        "Group of customers with similar payment behaviour over the "
        "{days} days up to the as-of date. The rules below are checked "
        "in order; the first that matches decides the segment."
    ),
    "steps.strategy.glossary.workload": N_(
        "Working hours a month of all tasks and decisions in the "
        "process maps; waiting time does not count. It grows in "
        "proportion to invoice volume."
    ),
}

_STEPS_STRATEGY: dict[str, str] = {
    "capacity_caption": N_(
        "Workload and capacity per growth step; rows with a shortfall highlighted"
    ),
    "channel_caption": N_(
        "Effect of the dunning channels across all segments, messages "
        "of the last {days} days (rates in % of messages; opens and "
        "clicks only where the channel records them)"
    ),
    "cluster_name": N_("Cluster {number}"),
    "handover_caption": N_(
        "The {shown} largest of {total} invoices on the hand-over list (by open amount)"
    ),
    "handover_title": N_("Hand-over list"),
    "handover_totals": N_(
        "{count} invoices of {customers} customers, {amount} open in "
        "total – undisputed, at least {days} days past due, open "
        "amount from {min_amount}. Full list to review and pass on:"
    ),
    "ladder_caption": N_(
        "Proposed dunning ladder per segment. Day relative to the due "
        "date: −3 = three days before, +7 = seven days after it. The "
        "message wording per step is in the proposal file."
    ),
    "ladder_edited": N_(
        "This ladder comes from the agreed file {file}. The unchanged "
        "proposal for comparison is in {proposal}."
    ),
    "ladder_howto": N_(
        "The ladder is a proposal from best-practice defaults, "
        "adjusted to each segment's payment behaviour. To change it, "
        "copy {proposal} (e.g. to strategy/ladder.csv), edit days, "
        "channels, tone or owner, set it in engagement.yaml under "
        "strategy: ladder: and run the report again. The file is "
        "checked row by row when it is read."
    ),
    "segment_caption": N_(
        "Customer segments by payment behaviour over the {days} days "
        "up to {date}; late-paying segments highlighted"
    ),
    "total": N_("Total"),
    "unknown_segment": N_("no segment"),
    "workload_caption": N_(
        "Working time a month from the process maps (minutes × frequency; waiting time not counted)"
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

_STRATEGY_CHANNEL: dict[str, str] = {
    "call": N_("phone call"),
    "email": N_("email"),
    "internal": N_("internal"),
    "letter": N_("letter"),
    "portal": N_("customer portal"),
    "sms": N_("SMS"),
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
    return ctx.tr(_STRATEGY_CHANNEL[channel])


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
            ctx.tr(_STEPS_STRATEGY[term], **_rule_values(ctx))
            if term.startswith("rule.")
            else ctx.tr(_MEANING[base], **values)
        )
        formula = ctx.tr(_FORMULA[base], **values) if not term.startswith("rule.") else ""
        rows.append((name, meaning, formula))
    return glossary(ctx, rows)
