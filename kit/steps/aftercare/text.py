"""Step 07, the after-care executive summary: goal trend, overdue contributors, levers, backlog."""

from __future__ import annotations

from kit.goals import GoalStatus
from kit.report import Html, ReportContext, summary
from kit.steps.aftercare.view import (
    OLD_BUCKETS,
    AftercareView,
    aftercare_kpi_name,
    aftercare_value,
    backlog_ids,
    bucket_share,
    late_items,
    levers,
    overdue_total,
)

__all__ = ["aftercare_summary"]

_P = "steps.aftercare."


def _improved(status: GoalStatus) -> bool | None:
    if status.baseline is None or status.latest is None:
        return None
    change = status.latest - status.baseline
    return change < 0 if status.goal.direction == "down" else change > 0


def _found(ctx: ReportContext, view: AftercareView) -> list[str]:
    """Return the summary's found sentences of the after-care report.

    Long because each sentence has its own condition and wording on the same view.
    """
    t, found = ctx.t, []
    base_date = ctx.date(ctx.engagement.baseline_date)
    for s in view.goals:
        known = s.baseline is not None and s.latest is not None
        found.append(
            t(
                _P + "found.goal" if known else "steps.thin.aftercare.found.goal",
                kpi=aftercare_kpi_name(ctx, s.goal.kpi),
                date=base_date,
                base=aftercare_value(ctx, s.goal.kpi, s.baseline),
                now=aftercare_value(ctx, s.goal.kpi, s.latest),
                target=aftercare_value(ctx, s.goal.kpi, s.goal.target),
                deadline=ctx.date(s.goal.deadline),
                verdict=t("goals.verdict." + s.verdict),
            )
        )
    before = view.base.values.get("ar_overdue") if view.base else None
    total = overdue_total(view)
    if before:
        found.append(
            t(
                _P + "found.overdue",
                base=ctx.money(before, digits=0),
                now=ctx.money(total, digits=0),
                change=ctx.percent((total - before) / before * 100, digits=0),
            )
        )
    lever = levers(ctx, view)
    if not lever.empty:
        first = lever.iloc[0]
        found.append(
            t(
                _P + "found.lever",
                lever=first["lever"],
                amount=ctx.money(first["amount"], digits=0),
                share=ctx.percent(first["share_pct"], digits=0),
            )
        )
    counts = view.backlog["status"].value_counts()
    if view.backlog.empty:
        found.append(t("steps.thin.aftercare.found.backlog_empty"))
        return found
    found.append(
        t(
            _P + "found.backlog",
            n=len(view.backlog),
            done=int(counts.get("done", 0)),
            doing=int(counts.get("in_progress", 0)),
            open=int(counts.get("open", 0)),
            late=int(late_items(ctx, view.backlog).sum()),
        )
    )
    return found


def _means(ctx: ReportContext, view: AftercareView) -> list[str]:
    t, means = ctx.t, []
    better = [aftercare_kpi_name(ctx, s.goal.kpi) for s in view.goals if _improved(s)]
    worse = [aftercare_kpi_name(ctx, s.goal.kpi) for s in view.goals if _improved(s) is False]
    if better:
        means.append(t(_P + "means.improved", kpis=", ".join(better)))
    if worse:
        means.append(t(_P + "means.not_improved", kpis=", ".join(worse)))
    for s in view.goals:
        if s.verdict in ("at_risk", "missed"):
            means.append(
                t(
                    _P + f"means.{s.verdict}",
                    kpi=aftercare_kpi_name(ctx, s.goal.kpi),
                    target=aftercare_value(ctx, s.goal.kpi, s.goal.target),
                    deadline=ctx.date(s.goal.deadline),
                    forecast=aftercare_value(ctx, s.goal.kpi, s.forecast),
                )
            )
    old, old_share = bucket_share(view, OLD_BUCKETS)
    if old > 0:
        means.append(
            t(
                _P + "means.old",
                amount=ctx.money(old, digits=0),
                share=ctx.percent(old_share, digits=0),
            )
        )
    return means


def _next(ctx: ReportContext, view: AftercareView) -> list[str]:
    t, steps = ctx.t, []
    for s in view.goals:
        if s.verdict not in ("at_risk", "missed"):
            continue
        ids = backlog_ids(ctx, view, frozenset({s.goal.kpi}))
        key = "next.goal_backlog" if ids else "next.goal_no_backlog"
        steps.append(t(_P + key, kpi=aftercare_kpi_name(ctx, s.goal.kpi), items=ids))
    for row in levers(ctx, view).head(2).itertuples():
        steps.append(t(_P + "next.lever", lever=row.lever, action=row.action))
    late = view.backlog[late_items(ctx, view.backlog)]
    if not late.empty:
        steps.append(t(_P + "next.late", items=", ".join(late["id"].astype(str))))
    steps.append(t(_P + "next.review"))
    return steps


def aftercare_summary(ctx: ReportContext, view: AftercareView) -> Html:
    """Return the executive summary: goal trend, overdue contributors, levers and backlog."""
    return summary(
        ctx, found=_found(ctx, view), means=_means(ctx, view), next_steps=_next(ctx, view)
    )
