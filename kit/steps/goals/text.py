"""Step 01 executive summary: verdicts, SMART failures, biggest gap, late payers, next steps."""

from __future__ import annotations

from kit.goals import VERDICTS, GoalStatus
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
    return ctx.t("steps.goals.count." + ("one" if n == 1 else "many"), n=n)


def _verdict_list(ctx: ReportContext, statuses: list[GoalStatus]) -> str:
    parts = []
    for verdict in VERDICTS:
        hit = [s for s in statuses if s.verdict == verdict]
        if hit:
            names = ", ".join(goal_kpi_name(s.goal.kpi, ctx.language) for s in hit)
            parts.append(f"{len(hit)} {ctx.t('goals.verdict.' + verdict)}: {names}")
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
    text = ctx.t("steps.goals.found.late", late=late, days=days)
    seg = view.late_by_segment
    if seg is not None and len(seg) and seg.iloc[0] > 0:
        text += " " + ctx.t(
            "steps.goals.found.late_segment",
            segment=seg.index[0],
            n=int(seg.iloc[0]),
            total=int(seg.sum()),
        )
    return text


def _found(ctx: ReportContext, view: GoalsView) -> list[str]:
    statuses = view.statuses
    found = []
    if not statuses:
        found.append(ctx.t("steps.goals.found.none"))
    else:
        found.append(
            ctx.t(
                "steps.goals.found.count",
                goals=_count(ctx, len(statuses)),
                baseline_date=ctx.date(view.baseline_date),
                as_of=ctx.date(ctx.as_of),
                verdicts=_verdict_list(ctx, statuses),
            )
        )
        failing = [s for s in statuses if not s.smart_ok]
        if not failing:
            found.append(ctx.t("steps.goals.found.smart_ok"))
        for s in failing:
            reasons = " ".join(
                with_kpi_name(ctx, c.reason, s.goal.kpi) for c in s.smart if not c.passed
            )
            found.append(
                ctx.t("steps.goals.found.smart_fail", goal=goal_quote(ctx, s), reasons=reasons)
            )
        gap = _gap(statuses)
        if gap is not None:
            kpi = gap.goal.kpi
            found.append(
                ctx.t(
                    "steps.goals.found.gap",
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
    return ctx.t("steps.goals.next.segment", segment=seg.index[0]) if seg.iloc[0] > 0 else ""


def goals_summary(ctx: ReportContext, view: GoalsView) -> Html:
    """Return the executive summary: verdicts, SMART failures, biggest gap, what to do next."""
    means, steps = [], []
    for s in view.statuses:
        means.append(f"{goal_quote(ctx, s)}: {forecast_text(ctx, s)}")
    if any(not s.smart_ok for s in view.statuses):
        means.append(ctx.t("steps.goals.means.smart"))
    for s in view.statuses:
        if not s.smart_ok:
            steps.append(ctx.t("steps.goals.next.smart", goal=goal_quote(ctx, s)))
    for s in view.statuses:
        owner = s.goal.owner or ctx.t("steps.goals.no_owner")
        if s.verdict in ("at_risk", "missed"):
            hint = _segment_hint(ctx, view, s.goal.kpi)
            key = "steps.goals.next.measures" if s.goal.owner else "steps.thin.goals.next.measures"
            steps.append(ctx.t(key, goal=goal_quote(ctx, s), owner=owner) + hint)
        elif s.verdict == "achieved":
            key = "steps.goals.next.achieved" if s.goal.owner else "steps.thin.goals.next.achieved"
            steps.append(ctx.t(key, goal=goal_quote(ctx, s), owner=owner))
    if not view.statuses:
        means.append(ctx.t("steps.goals.means.none"))
        steps.append(ctx.t("steps.goals.next.none"))
    steps.append(ctx.t("steps.goals.next.review"))
    return summary(ctx, found=_found(ctx, view), means=means, next_steps=steps)
