"""Step 07, the after-care executive summary: goal trend, overdue contributors, levers, backlog."""

from __future__ import annotations

from kit.goals import GoalStatus
from kit.i18n import N_
from kit.i18n.labels import GOALS_VERDICT
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

_STEPS_AFTERCARE_MEANS: dict[str, str] = {
    "at_risk": N_(
        "{kpi} is at risk: on the current trend it stands at "
        "{forecast} on {deadline} instead of {target}."
    ),
    "improved": N_("Improved since the baseline: {kpis}."),
    "missed": N_("{kpi} missed its target {target} by {deadline}."),
    "not_improved": N_("Not improved: {kpis} – the new strategy does not show here yet."),
    "old": N_(
        "{amount} ({share}) of the overdue receivables are more than "
        "90 days past due; the older an item, the smaller the chance "
        "to collect it."
    ),
}

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
    tr, found = ctx.tr, []
    base_date = ctx.date(ctx.engagement.baseline_date)
    for s in view.goals:
        known = s.baseline is not None and s.latest is not None
        found.append(
            tr(
                N_(
                    "{kpi}: {base} on {date} → {now} now (target {target} by "
                    "{deadline}) – {verdict}."
                )
                if known
                else N_(
                    "{kpi}: no value yet at the baseline date ({date}) or now "
                    "(target {target} by {deadline}) – {verdict}."
                ),
                kpi=aftercare_kpi_name(ctx, s.goal.kpi),
                date=base_date,
                base=aftercare_value(ctx, s.goal.kpi, s.baseline),
                now=aftercare_value(ctx, s.goal.kpi, s.latest),
                target=aftercare_value(ctx, s.goal.kpi, s.goal.target),
                deadline=ctx.date(s.goal.deadline),
                verdict=tr(GOALS_VERDICT[s.verdict]),
            )
        )
    before = view.base.values.get("ar_overdue") if view.base else None
    total = overdue_total(view)
    if before:
        found.append(
            tr(
                "Overdue receivables: {base} at the baseline → {now} now ({change}).",
                base=ctx.money(before, digits=0),
                now=ctx.money(total, digits=0),
                change=ctx.percent((total - before) / before * 100, digits=0),
            )
        )
    lever = levers(ctx, view)
    if not lever.empty:
        first = lever.iloc[0]
        found.append(
            tr(
                "Biggest lever: {lever} with {amount} ({share} of overdue receivables).",
                lever=first["lever"],
                amount=ctx.money(first["amount"], digits=0),
                share=ctx.percent(first["share_pct"], digits=0),
            )
        )
    counts = view.backlog["status"].value_counts()
    if view.backlog.empty:
        found.append(
            tr(
                "The improvement backlog holds no items yet; the levers below "
                "are the first candidates for it."
            )
        )
        return found
    found.append(
        ctx.trn(
            "Improvement backlog: {n} item – {done} done, {doing} in "
            "progress, {open} open; {late} past due.",
            "Improvement backlog: {n} items – {done} done, {doing} in "
            "progress, {open} open; {late} past due.",
            len(view.backlog),
            n=len(view.backlog),
            done=int(counts.get("done", 0)),
            doing=int(counts.get("in_progress", 0)),
            open=int(counts.get("open", 0)),
            late=int(late_items(ctx, view.backlog).sum()),
        )
    )
    return found


def _means(ctx: ReportContext, view: AftercareView) -> list[str]:
    tr, means = ctx.tr, []
    better = [aftercare_kpi_name(ctx, s.goal.kpi) for s in view.goals if _improved(s)]
    worse = [aftercare_kpi_name(ctx, s.goal.kpi) for s in view.goals if _improved(s) is False]
    if better:
        means.append(tr("Improved since the baseline: {kpis}.", kpis=", ".join(better)))
    if worse:
        means.append(
            tr(
                "Not improved: {kpis} – the new strategy does not show here yet.",
                kpis=", ".join(worse),
            )
        )
    for s in view.goals:
        if s.verdict in ("at_risk", "missed"):
            means.append(
                tr(
                    _STEPS_AFTERCARE_MEANS[s.verdict],
                    kpi=aftercare_kpi_name(ctx, s.goal.kpi),
                    target=aftercare_value(ctx, s.goal.kpi, s.goal.target),
                    deadline=ctx.date(s.goal.deadline),
                    forecast=aftercare_value(ctx, s.goal.kpi, s.forecast),
                )
            )
    old, old_share = bucket_share(view, OLD_BUCKETS)
    if old > 0:
        means.append(
            tr(
                "{amount} ({share}) of the overdue receivables are more than "
                "90 days past due; the older an item, the smaller the chance "
                "to collect it.",
                amount=ctx.money(old, digits=0),
                share=ctx.percent(old_share, digits=0),
            )
        )
    return means


def _next(ctx: ReportContext, view: AftercareView) -> list[str]:
    tr, steps = ctx.tr, []
    for s in view.goals:
        if s.verdict not in ("at_risk", "missed"):
            continue
        ids = backlog_ids(ctx, view, frozenset({s.goal.kpi}))
        text = (
            N_(
                "{kpi}: bring forward the backlog actions ({items}) and "
                "measure their effect in the next monthly review."
            )
            if ids
            else N_(
                "{kpi}: no backlog item addresses this KPI yet – add an action "
                "with an owner and a due date."
            )
        )
        steps.append(tr(text, kpi=aftercare_kpi_name(ctx, s.goal.kpi), items=ids))
    for row in levers(ctx, view).head(2).itertuples():
        steps.append(tr("{lever}: {action}", lever=row.lever, action=row.action))
    late = view.backlog[late_items(ctx, view.backlog)]
    if not late.empty:
        steps.append(
            tr(
                "Follow up backlog items past their due date: {items}.",
                items=", ".join(late["id"].astype(str)),
            )
        )
    steps.append(
        tr(
            "Refresh this report monthly: KPI trend against the goals, "
            "backlog status and new levers."
        )
    )
    return steps


def aftercare_summary(ctx: ReportContext, view: AftercareView) -> Html:
    """Return the executive summary: goal trend, overdue contributors, levers and backlog."""
    return summary(
        ctx, found=_found(ctx, view), means=_means(ctx, view), next_steps=_next(ctx, view)
    )
