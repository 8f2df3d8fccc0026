"""Step 01 (goals): baseline, progress, forecast and SMART check of every goal, starter goals.

The baseline date is `baseline_date` of engagement.yaml. When it is not set, the kit takes the
month end twelve months before the as-of date, or the first month end with invoices when the data
start later; a baseline date after the as-of date is moved back to the as-of date. The report says
which rule applied. The monthly series runs from six months before the baseline date (not before
the first month end with invoices) to the as-of date, plus the baseline date itself when it is no
month end.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from html import escape

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import display
from matplotlib.figure import Figure

from kit.engagement import Engagement, Goal
from kit.goals import RULES, VERDICTS, GoalStatus, SuggestedGoal, evaluate_goals, plot_goal
from kit.goals import suggest_goals as _suggest
from kit.ingest import load_ledger
from kit.kpis import REGISTRY, compute_kpis, kpi_series
from kit.kpis.aggregates import receivables, snapshot
from kit.kpis.engine import group_codes
from kit.kpis.registry import CRF_SOURCE
from kit.kpis.timeline import build_timeline, day_number
from kit.ledger import Ledger
from kit.report import Html, Tile, glossary, headline, note, summary, table, tiles
from kit.report.context import ReportContext
from kit.stakeholders import load_register, pseudonyms

__all__ = [
    "GoalsView",
    "default_baseline_date",
    "goal_sections",
    "goals_glossary",
    "goals_headline",
    "goals_notes",
    "goals_overview",
    "goals_summary",
    "goals_tiles",
    "late_by_segment",
    "load_goals",
    "show",
    "starter_goals",
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


def show(fig: Figure) -> None:
    """Display a figure once in the report and close it; returns nothing."""
    display(fig)
    plt.close(fig)


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
        language=ctx.language,
    )
    values = compute_kpis(
        ledger, as_of=ctx.as_of, period_days=engagement.period_days, goal_days=engagement.goal_days
    ).values
    late = late_by_segment(
        ledger, as_of=ctx.as_of, period_days=engagement.period_days, goal_days=engagement.goal_days
    )
    worst = str(late.index[0]) if late is not None and len(late) and late.iloc[0] > 0 else None
    suggestions = _suggest(
        values, language=ctx.language, worst_segment=worst, goal_days=engagement.goal_days
    )
    return GoalsView(baseline, rule, series, statuses, values, late, suggestions, found)


def _name(kpi: str, language: str) -> str:
    info = REGISTRY.get(kpi)
    if info is None:
        return kpi
    return info.name_de if language == "de" else info.name_en


def _label(kpi: str, language: str) -> str:
    """Return the KPI name with a capital first letter, for labels and table cells."""
    name = _name(kpi, language)
    return name[:1].upper() + name[1:]


def _value(ctx: ReportContext, kpi: str, value: float | None, *, digits: int = 1) -> str:
    """Return a KPI value formatted with its unit (days, %, money, count)."""
    unit = REGISTRY[kpi].unit if kpi in REGISTRY else "number"
    if unit == "days":
        return ctx.days(value, digits=digits)
    if unit == "percent":
        return ctx.percent(value, digits=digits)
    if unit == "currency":
        return ctx.money(value, digits=0)
    if unit == "count":
        return ctx.number(value, digits=0)
    return ctx.number(value)


def _tile_unit(kpi: str) -> str:
    unit = REGISTRY[kpi].unit if kpi in REGISTRY else "number"
    return {"days": "days", "percent": "percent", "currency": "money"}.get(unit, "number")


def _quote(ctx: ReportContext, status: GoalStatus) -> str:
    text = (status.goal.statement or "").strip() or _name(status.goal.kpi, ctx.language)
    return ctx.t("steps.goals.quote", text=text)


def forecast_text(ctx: ReportContext, status: GoalStatus) -> str:
    """Return the forecast verdict in words ("at the current pace the target is reached on …")."""
    goal, kpi = status.goal, status.goal.kpi
    values = {
        "deadline": ctx.date(goal.deadline),
        "target": _value(ctx, kpi, goal.target),
        "latest": _value(ctx, kpi, status.latest),
        "forecast": _value(ctx, kpi, status.forecast),
    }
    key = "steps.goals.forecast." + status.verdict
    if status.verdict in ("at_risk", "on_track"):
        if status.forecast is None:
            key = "steps.goals.forecast.no_trend"
        elif status.reach_date is not None:
            values["reach"] = ctx.date(status.reach_date)
            values["days"] = str(abs((goal.deadline - status.reach_date).days))
            key += "" if status.verdict == "on_track" else ".late"
        elif status.verdict == "on_track":
            key += ".nodate"
        else:
            slope = status.slope_per_month or 0.0
            towards = slope > 0 if goal.direction == "up" else slope < 0
            key += ".slow" if towards else ".away"
    return ctx.t(key, **values)


def _progress_text(ctx: ReportContext, status: GoalStatus) -> str:
    if status.progress is None:
        return ctx.t("steps.goals.progress.none")
    share = ctx.percent(status.progress * 100, digits=0)
    key = "done" if status.progress >= 1 else "forward" if status.progress >= 0 else "backward"
    return ctx.t("steps.goals.progress." + key, pct=share)


def _count(ctx: ReportContext, n: int) -> str:
    return ctx.t("steps.goals.count." + ("one" if n == 1 else "many"), n=n)


def _verdict_list(ctx: ReportContext, statuses: list[GoalStatus]) -> str:
    parts = []
    for verdict in VERDICTS:
        hit = [s for s in statuses if s.verdict == verdict]
        if hit:
            names = ", ".join(_name(s.goal.kpi, ctx.language) for s in hit)
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
            reasons = " ".join(_named(ctx, c.reason, s.goal.kpi) for c in s.smart if not c.passed)
            found.append(
                ctx.t("steps.goals.found.smart_fail", goal=_quote(ctx, s), reasons=reasons)
            )
        gap = _gap(statuses)
        if gap is not None:
            kpi = gap.goal.kpi
            found.append(
                ctx.t(
                    "steps.goals.found.gap",
                    goal=_quote(ctx, gap),
                    latest=_value(ctx, kpi, gap.latest),
                    target=_value(ctx, kpi, gap.goal.target),
                    baseline=_value(ctx, kpi, gap.baseline),
                    progress=_progress_text(ctx, gap),
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
        means.append(f"{_quote(ctx, s)}: {forecast_text(ctx, s)}")
    if any(not s.smart_ok for s in view.statuses):
        means.append(ctx.t("steps.goals.means.smart"))
    for s in view.statuses:
        if not s.smart_ok:
            steps.append(ctx.t("steps.goals.next.smart", goal=_quote(ctx, s)))
    for s in view.statuses:
        owner = s.goal.owner or ctx.t("steps.goals.no_owner")
        if s.verdict in ("at_risk", "missed"):
            hint = _segment_hint(ctx, view, s.goal.kpi)
            steps.append(
                ctx.t("steps.goals.next.measures", goal=_quote(ctx, s), owner=owner) + hint
            )
        elif s.verdict == "achieved":
            steps.append(ctx.t("steps.goals.next.achieved", goal=_quote(ctx, s), owner=owner))
    if not view.statuses:
        means.append(ctx.t("steps.goals.means.none"))
        steps.append(ctx.t("steps.goals.next.none"))
    steps.append(ctx.t("steps.goals.next.review"))
    return summary(ctx, found=_found(ctx, view), means=means, next_steps=steps)


def goals_headline(ctx: ReportContext, view: GoalsView) -> None:
    """Publish the index card: how many goals are on course and which are not."""
    statuses = view.statuses
    title = ctx.t("steps.goals.headline.title")
    if not statuses:
        headline(
            ctx,
            title=title,
            value_text=ctx.t("steps.goals.headline.none"),
            takeaway=ctx.t("steps.goals.headline.none_takeaway"),
            status="warn",
        )
        return
    on = sum(s.verdict in _ON_COURSE for s in statuses)
    value = ctx.t("steps.goals.headline.value", on=on, total=len(statuses))
    missed = [_quote(ctx, s) for s in statuses if s.verdict == "missed"]
    risk = [_quote(ctx, s) for s in statuses if s.verdict in ("at_risk", "unknown")]
    if missed:
        takeaway, status = ctx.t("steps.goals.headline.missed", goals=", ".join(missed)), "bad"
    elif risk:
        takeaway, status = ctx.t("steps.goals.headline.risk", goals=", ".join(risk)), "warn"
    else:
        takeaway, status = ctx.t("steps.goals.headline.all"), "good"
    headline(ctx, title=title, value_text=value, takeaway=takeaway, status=status)


def goals_tiles(ctx: ReportContext, view: GoalsView) -> Html:
    """Return one tile per goal: latest value against the target, coloured by verdict."""
    items = [
        Tile(
            label=_label(s.goal.kpi, ctx.language),
            value=s.latest,
            unit=_tile_unit(s.goal.kpi),
            reference=s.goal.target,
            source=ctx.t("report.tile.target"),
            status=_STATUS[s.verdict],
            note=ctx.t(
                "steps.goals.tile_note",
                verdict=ctx.t("goals.verdict." + s.verdict),
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
            ctx.t(
                "steps.goals.note.baseline." + view.baseline_rule,
                date=ctx.date(view.baseline_date),
                given=ctx.date(given),
            )
        )
    if not view.register_found:
        texts.append(ctx.t("steps.goals.note.register", file=ctx.engagement.stakeholders.name))
    return note(ctx, " ".join(texts), kind="warning") if texts else None


def goals_overview(ctx: ReportContext, view: GoalsView) -> Html:
    """Return the table of all goals: baseline → latest → target, progress, verdict."""
    rows = [
        {
            "goal": (s.goal.statement or "").strip(),
            "owner": s.goal.owner or "",
            "baseline": _value(ctx, s.goal.kpi, s.baseline),
            "latest": _value(ctx, s.goal.kpi, s.latest),
            "target": _value(ctx, s.goal.kpi, s.goal.target),
            "deadline": s.goal.deadline,
            "progress": None if s.progress is None else s.progress * 100,
            "verdict": ctx.t("goals.verdict." + s.verdict),
            "flag": s.verdict in ("at_risk", "missed", "unknown"),
        }
        for s in view.statuses
    ]
    columns = [
        "goal",
        "owner",
        "baseline",
        "latest",
        "target",
        "deadline",
        "progress",
        "verdict",
        "flag",
    ]
    frame = pd.DataFrame(rows, columns=columns)
    labels = {c: ctx.t("steps.goals.col." + c) for c in columns if c != "flag"}
    return table(
        ctx,
        frame,
        formats={"deadline": "date", "progress": "percent:0"},
        highlight="flag",
        labels=labels,
        caption=ctx.t("steps.goals.overview_caption"),
    )


def _named(ctx: ReportContext, text: str, kpi: str) -> str:
    """Return `text` with a known KPI id replaced by its name in the report language."""
    return text.replace(kpi, _name(kpi, ctx.language)) if kpi in REGISTRY else text


def _smart_table(ctx: ReportContext, status: GoalStatus) -> Html:
    frame = pd.DataFrame(
        {
            "rule": [ctx.t("goals.smart." + c.rule) for c in status.smart],
            "result": [
                ctx.t("steps.goals.smart." + ("passed" if c.passed else "failed"))
                for c in status.smart
            ],
            "reason": [_named(ctx, c.reason, status.goal.kpi) for c in status.smart],
            "flag": [not c.passed for c in status.smart],
        }
    )
    labels = {c: ctx.t("steps.goals.col." + c) for c in ("rule", "result", "reason")}
    return table(
        ctx, frame, highlight="flag", labels=labels, caption=ctx.t("steps.goals.smart_caption")
    )


def _section_html(ctx: ReportContext, number: int, status: GoalStatus, view: GoalsView) -> Html:
    goal, kpi = status.goal, status.goal.kpi
    title = ctx.t(
        "steps.goals.section",
        n=number,
        goal=(goal.statement or "").strip() or _label(kpi, ctx.language),
    )
    meta = ctx.t(
        "steps.goals.meta",
        kpi=_label(kpi, ctx.language),
        owner=goal.owner or ctx.t("steps.goals.no_owner"),
        verdict=ctx.t("goals.verdict." + status.verdict),
    )
    path = ctx.t(
        "steps.goals.path",
        baseline=_value(ctx, kpi, status.baseline),
        baseline_date=ctx.date(view.baseline_date),
        latest=_value(ctx, kpi, status.latest),
        as_of=ctx.date(ctx.as_of),
        target=_value(ctx, kpi, goal.target),
        deadline=ctx.date(goal.deadline),
    )
    paragraphs = [meta, f"{path} {_progress_text(ctx, status)}", forecast_text(ctx, status)]
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return Html(f'<section class="kit-goal"><h3>{escape(title)}</h3>{body}</section>', title)


def goal_sections(ctx: ReportContext, view: GoalsView) -> None:
    """Display, per goal: heading, baseline → latest → target, forecast, SMART table, chart."""
    if not view.statuses:
        display(note(ctx, ctx.t("steps.goals.means.none")))
        return
    for number, status in enumerate(view.statuses, start=1):
        display(_section_html(ctx, number, status, view))
        display(_smart_table(ctx, status))
        show(plot_goal(status, view.series, language=ctx.language))


def _digits(value: float) -> int:
    """Return 2 for a value with hundredths (a CRF median such as 38.04), else 1."""
    return 2 if abs(value * 10 - round(value * 10)) > 1e-9 else 1


def starter_goals(ctx: ReportContext, view: GoalsView) -> Html:
    """Return the starter goals suggested from the data, with the gap in plain words."""
    frame = pd.DataFrame(
        [
            {
                "kpi": _label(s.kpi, ctx.language),
                "current": _value(ctx, s.kpi, s.current),
                "proposed": _value(ctx, s.kpi, s.target, digits=_digits(s.target)),
                "statement": s.statement,
                "rationale": s.rationale,
            }
            for s in view.suggestions
        ],
        columns=["kpi", "current", "proposed", "statement", "rationale"],
    )
    labels = {c: ctx.t("steps.goals.col." + c) for c in frame.columns}
    return table(ctx, frame, labels=labels, caption=ctx.t("steps.goals.suggest_caption"))


def goals_glossary(ctx: ReportContext, view: GoalsView) -> Html:
    """Return the glossary: KPI formulas used, baseline, progress, verdict and SMART rules."""
    lang = ctx.language
    kpis = list(
        dict.fromkeys([s.goal.kpi for s in view.statuses] + [s.kpi for s in view.suggestions])
    )
    rows: list[tuple[str, str, str]] = []
    for kpi in kpis:
        info = REGISTRY.get(kpi)
        if info is None:
            continue
        meaning = ctx.t("steps.goals.glossary.kpi_unit", unit=ctx.t("goals.unit." + info.unit))
        if info.reference is not None:
            meaning += " " + ctx.t(
                "steps.goals.glossary.reference",
                value=ctx.number(info.reference, digits=2),
                source=ctx.t("steps.goals.glossary.crf")
                if info.reference_source == CRF_SOURCE
                else info.reference_source or "",
            )
        rows.append(
            (_label(kpi, lang), meaning, info.formula_de if lang == "de" else info.formula_en)
        )
    for term in ("baseline", "progress", "trend", "starter"):
        rows.append(
            (
                ctx.t(f"steps.goals.glossary.{term}"),
                ctx.t(f"steps.goals.glossary.{term}.meaning"),
                ctx.t(f"steps.goals.glossary.{term}.formula"),
            )
        )
    for verdict in VERDICTS:
        rows.append((ctx.t("goals.verdict." + verdict), ctx.t(f"goals.verdict.{verdict}.rule"), ""))
    for rule in RULES:
        rows.append((ctx.t("goals.smart." + rule), ctx.t("steps.goals.smart_rule." + rule), ""))
    return glossary(ctx, rows)
