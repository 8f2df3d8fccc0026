"""Step 01 (goals): baseline, progress, forecast and SMART check of every goal, starter goals.

The baseline date is `baseline_date` of engagement.yaml. When it is not set, the kit takes the
month end twelve months before the as-of date, or the first month end with invoices when the data
start later; a baseline date after the as-of date is moved back to the as-of date. The report says
which rule applied. The monthly series runs from six months before the baseline date (not before
the first month end with invoices) to the as-of date, plus the baseline date itself when it is no
month end.

This module holds the view (loading, headline, tiles, notes); `goals_wording`, `goals_text` and
`goals_tables` hold the sentences, the summary and the tables.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from kit.business_case import BusinessCase
from kit.engagement import Engagement, Goal
from kit.goals import GoalStatus, SuggestedGoal, evaluate_goals
from kit.goals import suggest_goals as _suggest
from kit.i18n import N_
from kit.i18n.labels import GOALS_VERDICT
from kit.ingest import load_ledger
from kit.kpis import REGISTRY, compute_kpis, kpi_series
from kit.kpis.aggregates import receivables, snapshot
from kit.kpis.engine import group_codes
from kit.kpis.timeline import build_timeline, day_number
from kit.ledger import Ledger
from kit.report import Html, Tile, headline, note, tiles
from kit.report.context import ReportContext
from kit.stakeholders import load_register, pseudonyms
from kit.steps.goals.wording import goal_kpi_label, goal_quote, tile_unit

_STEPS_GOALS_NOTE_BASELINE: dict[str, str] = {
    "clamped": N_(
        "The baseline date {given} is after the as-of date; the as-of date {date} is used."
    ),
    "data_start": N_(
        "The engagement sets no baseline date and the data do not "
        "reach back twelve months. The first month end with invoices "
        "({date}) is used; please fix the baseline date in the "
        "Blueprint phase."
    ),
    "default": N_(
        "The engagement sets no baseline date. The month end twelve "
        "months before the as-of date ({date}) is used; please fix it "
        "in the Blueprint phase."
    ),
}

__all__ = [
    "GoalsView",
    "default_baseline_date",
    "goals_headline",
    "goals_notes",
    "goals_tiles",
    "late_by_segment",
    "load_goals",
]

_HISTORY_MONTHS = 6  # months of context shown before the baseline date
_ON_COURSE = ("achieved", "on_track")
_STATUS = {
    "achieved": "good",
    "on_track": "good",
    "at_risk": "warn",
    "missed": "bad",
    "unknown": "neutral",
}


@dataclass(frozen=True)
class GoalsView:
    """Everything notebook 01 shows: baseline date, monthly series, goal statuses, suggestions."""

    baseline_date: date
    baseline_rule: str  # engagement | default | data_start | clamped
    series: pd.DataFrame  # month ends (and the baseline date) × KPI ids
    statuses: list[GoalStatus]
    values: dict[str, float | None]  # every KPI at the as-of date
    late_by_segment: pd.Series | None  # invoices settled later than goal_days, per segment
    suggestions: list[SuggestedGoal]
    register_found: bool


def _month_end(day: date) -> date:
    stamp = pd.Timestamp(day)
    return (stamp if stamp.is_month_end else stamp + pd.offsets.MonthEnd(1)).date()


def default_baseline_date(
    engagement: Engagement, *, as_of: date, data_start: date
) -> tuple[date, str]:
    """Return the baseline date and the rule that chose it (see the module docstring)."""
    if engagement.baseline_date is not None:
        if engagement.baseline_date > as_of:
            return as_of, "clamped"
        return engagement.baseline_date, "engagement"
    year_before = (pd.Timestamp(as_of) - pd.DateOffset(months=12) + pd.offsets.MonthEnd(0)).date()
    first = _month_end(data_start)
    if first > year_before:
        return min(first, as_of), "data_start"
    return year_before, "default"


def _series(
    ledger: Ledger, engagement: Engagement, *, as_of: date, baseline: date, data_start: date
) -> pd.DataFrame:
    start = max(
        (
            pd.Timestamp(baseline) - pd.DateOffset(months=_HISTORY_MONTHS) + pd.offsets.MonthEnd(0)
        ).date(),
        _month_end(data_start),
    )
    months = max((pd.Period(as_of, "M") - pd.Period(start, "M")).n + 1, 1)
    frame = kpi_series(
        ledger,
        as_of=as_of,
        months=months,
        period_days=engagement.period_days,
        goal_days=engagement.goal_days,
    )
    stamp = pd.Timestamp(baseline)
    if stamp not in frame.index:
        at = compute_kpis(
            ledger,
            as_of=baseline,
            period_days=engagement.period_days,
            goal_days=engagement.goal_days,
        )
        row = pd.DataFrame(
            [{k: at.values.get(k) for k in frame.columns}], index=[stamp], dtype=float
        )
        frame = pd.concat([frame, row]).sort_index()
        frame.index.name = "as_of"
    return frame


def late_by_segment(
    ledger: Ledger, *, as_of: date, period_days: int, goal_days: int
) -> pd.Series | None:
    """Return per segment the count of invoices settled in the window later than goal_days."""
    if ledger.customers is None or "segment" not in ledger.customers.columns:
        return None
    codes, labels = group_codes(ledger, "segment")
    timeline = build_timeline(ledger)
    snap = snapshot(timeline, day=day_number(as_of), period_days=period_days)
    rec = receivables(timeline, snap, codes=codes, groups=len(labels), goal_days=goal_days)
    late = rec.settled_count - rec.within_goal_count
    return pd.Series(late, index=labels, name="late").sort_values(ascending=False, kind="stable")


def _owners(ctx: ReportContext) -> tuple[list[Goal], set[str] | None, bool]:
    """Return goals (owners pseudonymised when configured), register names, register found."""
    engagement = ctx.engagement
    path = engagement.resolve(engagement.stakeholders)
    if not path.is_file():
        return list(engagement.goals), None, False
    names = list(load_register(path)["name"].astype(str))
    goals = list(engagement.goals)
    if engagement.privacy != "pseudonymise":
        return goals, set(names), True
    mapping = pseudonyms(names + [g.owner for g in goals if g.owner])
    goals = [g.model_copy(update={"owner": mapping[g.owner]}) if g.owner else g for g in goals]
    return goals, {mapping[n] for n in names}, True


def load_goals(ctx: ReportContext, *, ledger: Ledger | None = None) -> GoalsView:
    """Return the goals view at the report's as-of date (the ledger is loaded when not given)."""
    engagement = ctx.engagement
    ledger = ledger if ledger is not None else load_ledger(engagement)
    data_start = pd.Timestamp(ledger.invoices["issue_date"].min()).date()
    baseline, rule = default_baseline_date(engagement, as_of=ctx.as_of, data_start=data_start)
    series = _series(ledger, engagement, as_of=ctx.as_of, baseline=baseline, data_start=data_start)
    goals, owners, found = _owners(ctx)
    statuses = evaluate_goals(
        goals,
        series,
        baseline_date=baseline,
        as_of=ctx.as_of,
        owners=owners,
        computable=set(REGISTRY),
    )
    values = compute_kpis(
        ledger, as_of=ctx.as_of, period_days=engagement.period_days, goal_days=engagement.goal_days
    ).values
    late = late_by_segment(
        ledger, as_of=ctx.as_of, period_days=engagement.period_days, goal_days=engagement.goal_days
    )
    worst = str(late.index[0]) if late is not None and len(late) and late.iloc[0] > 0 else None
    suggestions = _suggest(values, worst_segment=worst, goal_days=engagement.goal_days)
    return GoalsView(baseline, rule, series, statuses, values, late, suggestions, found)


def goals_headline(
    ctx: ReportContext, view: GoalsView, *, business_case: BusinessCase | None = None
) -> None:
    """Publish the index card: how many goals are on course and which are not.

    With `business_case`, its headline (what reaching the goals is worth) is the card's detail.
    """
    from kit.steps.goals.business_case import business_case_headline

    statuses = view.statuses
    title = ctx.tr("Goals")
    detail = business_case_headline(ctx, business_case) if business_case is not None else None
    if not statuses:
        headline(
            ctx,
            title=title,
            value_text=ctx.tr("No goals agreed"),
            takeaway=ctx.tr("Starter goals from the data are ready."),
            status="warn",
            detail=detail,
        )
        return
    on = sum(s.verdict in _ON_COURSE for s in statuses)
    value = ctx.trn(
        "{on} of {total} goal on course",
        "{on} of {total} goals on course",
        len(statuses),
        on=on,
        total=len(statuses),
    )
    missed = [goal_quote(ctx, s) for s in statuses if s.verdict == "missed"]
    risk = [goal_quote(ctx, s) for s in statuses if s.verdict in ("at_risk", "unknown")]
    if missed:
        takeaway, status = ctx.tr("Missed: {goals}", goals=", ".join(missed)), "bad"
    elif risk:
        takeaway, status = ctx.tr("At risk: {goals}", goals=", ".join(risk)), "warn"
    else:
        takeaway, status = ctx.tr("Every goal is met or on track."), "good"
    headline(ctx, title=title, value_text=value, takeaway=takeaway, status=status, detail=detail)


def goals_tiles(ctx: ReportContext, view: GoalsView) -> Html:
    """Return one tile per goal: latest value against the target, coloured by verdict."""
    items = [
        Tile(
            label=goal_kpi_label(s.goal.kpi, ctx.language),
            value=s.latest,
            unit=tile_unit(s.goal.kpi),
            reference=s.goal.target,
            source=ctx.trp("target", "Target"),
            status=_STATUS[s.verdict],
            note=ctx.tr(
                "{verdict} · deadline {deadline}",
                verdict=ctx.tr(GOALS_VERDICT[s.verdict]),
                deadline=ctx.date(s.goal.deadline),
            ),
        )
        for s in view.statuses
    ]
    return tiles(ctx, items)


def goals_notes(ctx: ReportContext, view: GoalsView) -> Html | None:
    """Return a note on how the baseline date was chosen and on a missing register, or None."""
    texts = []
    if view.baseline_rule != "engagement":
        given = ctx.engagement.baseline_date
        texts.append(
            ctx.tr(
                _STEPS_GOALS_NOTE_BASELINE[view.baseline_rule],
                date=ctx.date(view.baseline_date),
                given=ctx.date(given),
            )
        )
    if not view.register_found:
        texts.append(
            ctx.tr(
                "The stakeholder register ({file}) is missing; whether the "
                "goal owners are in the register was not checked.",
                file=ctx.engagement.stakeholders.name,
            )
        )
    return note(ctx, " ".join(texts), kind="warning") if texts else None
