"""Step 01 executive summary: verdicts, SMART failures, biggest gap, late payers, next steps."""

from __future__ import annotations

from kit.goals import VERDICTS, GoalStatus
from kit.i18n import N_
from kit.i18n.labels import GOALS_VERDICT
from kit.report import Html, summary
from kit.report.context import ReportContext
from kit.steps.goals.view import GoalsView
from kit.steps.goals.wording import (
    forecast_text,
    goal_kpi_name,
    goal_quote,
    goal_value,
    progress_text,
    with_kpi_name,
)

__all__ = [
    "goals_summary",
]


def _count(ctx: ReportContext, n: int) -> str:
    return ctx.trn("{n} goal", "{n} goals", n, n=n)


def _verdict_list(ctx: ReportContext, statuses: list[GoalStatus]) -> str:
    parts = []
    for verdict in VERDICTS:
        hit = [s for s in statuses if s.verdict == verdict]
        if hit:
            names = ", ".join(goal_kpi_name(s.goal.kpi, ctx.language) for s in hit)
            parts.append(f"{len(hit)} {ctx.tr(GOALS_VERDICT[verdict])}: {names}")
    return "; ".join(parts)


def _gap(statuses: list[GoalStatus]) -> GoalStatus | None:
    """Return the open goal with the largest remaining way to its target (1 − progress)."""
    open_goals = [
        s for s in statuses if s.verdict not in ("achieved", "unknown") and s.progress is not None
    ]
    return max(open_goals, key=lambda s: 1 - (s.progress or 0.0), default=None)


def _late_text(ctx: ReportContext, view: GoalsView) -> str | None:
    within = view.values.get("paid_within_45_rate")
    if within is None:
        return None
    days = ctx.engagement.goal_days
    late = ctx.percent(100 - within, digits=0)
    text = ctx.tr(
        "{late} of invoices are paid later than {days} days after the invoice date.",
        late=late,
        days=days,
    )
    seg = view.late_by_segment
    if seg is not None and len(seg) and seg.iloc[0] > 0:
        text += " " + ctx.trn(
            "The largest share comes from segment {segment} ({n} of the "
            "{total} invoice paid late in the last period).",
            "The largest share comes from segment {segment} ({n} of the "
            "{total} invoices paid late in the last period).",
            int(seg.sum()),
            segment=seg.index[0],
            n=int(seg.iloc[0]),
            total=int(seg.sum()),
        )
    return text


def _found(ctx: ReportContext, view: GoalsView) -> list[str]:
    statuses = view.statuses
    found = []
    if not statuses:
        found.append(ctx.tr("No goals have been agreed for the engagement yet."))
    else:
        found.append(
            ctx.tr(
                "{goals} agreed (baseline date {baseline_date}, as of {as_of}): {verdicts}.",
                goals=_count(ctx, len(statuses)),
                baseline_date=ctx.date(view.baseline_date),
                as_of=ctx.date(ctx.as_of),
                verdicts=_verdict_list(ctx, statuses),
            )
        )
        failing = [s for s in statuses if not s.smart_ok]
        if not failing:
            found.append(
                ctx.tr(
                    "Every goal passes the SMART check: stated in words, "
                    "measurable from the data, target in the right direction, "
                    "time-bound and owned by someone in the stakeholder register."
                )
            )
        for s in failing:
            reasons = " ".join(
                with_kpi_name(ctx, c.reason, s.goal.kpi) for c in s.smart if not c.passed
            )
            found.append(
                ctx.tr(
                    "{goal} fails the SMART check: {reasons}",
                    goal=goal_quote(ctx, s),
                    reasons=reasons,
                )
            )
        gap = _gap(statuses)
        if gap is not None:
            kpi = gap.goal.kpi
            found.append(
                ctx.tr(
                    "The biggest gap is in {goal}: currently {latest} against the "
                    "target of {target} (baseline {baseline}). {progress}",
                    goal=goal_quote(ctx, gap),
                    latest=goal_value(ctx, kpi, gap.latest),
                    target=goal_value(ctx, kpi, gap.goal.target),
                    baseline=goal_value(ctx, kpi, gap.baseline),
                    progress=progress_text(ctx, gap),
                )
            )
    late = _late_text(ctx, view)
    if late:
        found.append(late)
    return found


def _segment_hint(ctx: ReportContext, view: GoalsView, kpi: str) -> str:
    seg = view.late_by_segment
    if (
        kpi not in ("paid_within_45_rate", "dso", "add", "days_to_pay")
        or seg is None
        or not len(seg)
    ):
        return ""
    return (
        ctx.tr(
            " – starting with segment {segment}, which causes most late payments.",
            segment=seg.index[0],
        )
        if seg.iloc[0] > 0
        else ""
    )


def goals_summary(ctx: ReportContext, view: GoalsView) -> Html:
    """Return the executive summary: verdicts, SMART failures, biggest gap, what to do next."""
    means, steps = [], []
    for s in view.statuses:
        means.append(f"{goal_quote(ctx, s)}: {forecast_text(ctx, s)}")
    if any(not s.smart_ok for s in view.statuses):
        means.append(
            ctx.tr(
                "A goal that fails the SMART check cannot be followed up "
                "reliably: nobody can later say whether it was met."
            )
        )
    for s in view.statuses:
        if not s.smart_ok:
            steps.append(
                ctx.tr(
                    "Sharpen the definition of {goal} (see its SMART check in the goal's section).",
                    goal=goal_quote(ctx, s),
                )
            )
    for s in view.statuses:
        owner = s.goal.owner or ctx.tr("nobody named")
        if s.verdict in ("at_risk", "missed"):
            hint = _segment_hint(ctx, view, s.goal.kpi)
            text = (
                N_("Agree measures for {goal} with {owner}")
                if s.goal.owner
                else N_("Name an owner for {goal} and agree measures with them")
            )
            steps.append(ctx.tr(text, goal=goal_quote(ctx, s), owner=owner) + hint)
        elif s.verdict == "achieved":
            text = (
                N_(
                    "{goal} is met: decide with {owner} whether to hold the level "
                    "or agree a more ambitious target."
                )
                if s.goal.owner
                else N_(
                    "{goal} is met: name an owner and decide whether to hold the "
                    "level or agree a more ambitious target."
                )
            )
            steps.append(ctx.tr(text, goal=goal_quote(ctx, s), owner=owner))
    if not view.statuses:
        means.append(
            ctx.tr(
                "Without agreed goals the success of the rollout cannot be "
                "measured. The starter goals below are derived from the data."
            )
        )
        steps.append(
            ctx.tr(
                "Pick two or three of the starter goals and agree each with a "
                "target, a deadline and an owner."
            )
        )
    steps.append(
        ctx.tr(
            "Confirm goals, baselines and owners formally with the "
            "Blueprint sign-off and review progress monthly in the "
            "steering committee."
        )
    )
    return summary(ctx, found=_found(ctx, view), means=means, next_steps=steps)
