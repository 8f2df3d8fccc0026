"""Step 01 tables and sections: goal overview, per-goal sections, starter goals, glossary."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

import pandas as pd

from kit.charts import plot_goal
from kit.goals import RULES, VERDICTS, GoalStatus
from kit.i18n import N_, NP_, currency_symbol
from kit.i18n.labels import GOALS_UNIT, GOALS_VERDICT, GOALS_VERDICT_RULE
from kit.kpis import REGISTRY
from kit.message import render
from kit.report import Html, glossary, note, show, table
from kit.report.context import ReportContext
from kit.steps.checks import pass_fail_table
from kit.steps.goals.view import GoalsView
from kit.steps.goals.wording import (
    forecast_text,
    goal_kpi_label,
    goal_value,
    progress_text,
    with_kpi_name,
)

_GOALS_SMART: dict[str, str] = {
    "direction": N_("Target in the right direction"),
    "measurable": N_("Measurable"),
    "owner": NP_("smart.owner", "Owner"),
    "specific": N_("Specific"),
    "time_bound": N_("Time-bound"),
}


_STEPS_GOALS_COL: dict[str, str] = {
    "baseline": N_("Baseline"),
    "current": N_("Current value"),
    "deadline": N_("Deadline"),
    "goal": N_("Goal"),
    "kpi": N_("KPI"),
    "latest": N_("Current"),
    "owner": N_("Owner"),
    "progress": N_("Progress"),
    "proposed": N_("Proposed target"),
    "rationale": N_("Why"),
    "reason": NP_("reason", "Reason"),
    "result": N_("Result"),
    "rule": N_("Rule"),
    "statement": N_("Proposed goal"),
    "target": N_("Target"),
    "verdict": N_("Verdict"),
}

#: The glossary rows of the report's own terms, in their order: term, meaning, formula.
_STEPS_GOALS_GLOSSARY: dict[str, tuple[str, str, str]] = {
    "baseline": (
        N_("Baseline"),
        N_("The KPI's value at the baseline date (project start); progress is measured from it."),
        N_(
            "KPI at the baseline date, computed as at the as-of date "
            "(window of P days up to the baseline date)"
        ),
    ),
    "progress": (
        N_("Progress"),
        N_(
            "Share of the way from the baseline to the target that is done "
            "(100 % = met, negative = moved away)."
        ),
        N_("(current value − baseline) ÷ (target − baseline) × 100"),
    ),
    "trend": (
        N_("Forecast"),
        N_(
            "Least-squares straight line through the monthly values from "
            "the baseline date to the as-of date (with fewer than three "
            "values: the last six), extended to the deadline."
        ),
        N_(
            "forecast(deadline) = a + b × days since the first value; "
            "reached on the first day the line meets the target"
        ),
    ),
    "starter": (
        N_("Starter goals"),
        N_(
            "Suggestions from the data following “start with the basics”: "
            "first all payments within the 45-day goal, then DSO, days "
            "delinquent and CEI up to the CRF median. A KPI already at or "
            "better than its reference gets no suggestion."
        ),
        "",
    ),
}

_STEPS_GOALS_SMART_RULE: dict[str, str] = {
    "direction": N_(
        "The target lies in the intended direction from the baseline (higher or lower)."
    ),
    "measurable": N_("The KPI is known and can be computed from the data at the baseline date."),
    "owner": N_("An owner is named and is in the stakeholder register."),
    "specific": N_("The goal is stated in words everybody on the team understands."),
    "time_bound": N_("The deadline is after the baseline date."),
}

__all__ = [
    "goal_sections",
    "goals_glossary",
    "goals_overview",
    "starter_goals",
]


def goals_overview(ctx: ReportContext, view: GoalsView) -> Html:
    """Return the table of all goals: baseline → latest → target, progress, verdict."""
    rows = [
        {
            "goal": (s.goal.statement or "").strip(),
            "owner": s.goal.owner or "",
            "baseline": goal_value(ctx, s.goal.kpi, s.baseline),
            "latest": goal_value(ctx, s.goal.kpi, s.latest),
            "target": goal_value(ctx, s.goal.kpi, s.goal.target),
            "deadline": s.goal.deadline,
            "progress": None if s.progress is None else s.progress * 100,
            "verdict": ctx.tr(GOALS_VERDICT[s.verdict]),
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
    labels = {c: ctx.tr(_STEPS_GOALS_COL[c]) for c in columns if c != "flag"}
    shown = table(
        ctx,
        frame,
        formats={"deadline": "date", "progress": "percent:0"},
        highlight="flag",
        labels=labels,
        caption=ctx.tr(
            "All goals at a glance (goals at risk, missed or not measurable highlighted)"
        ),
    )
    if not any(s.progress is not None and s.progress > 1 for s in view.statuses):
        return shown
    explained = note(
        ctx,
        ctx.tr(
            "Progress above 100 % means the target is already exceeded: "
            "the current value lies beyond the target, seen from the "
            "baseline."
        ),
    )
    return Html(shown.html + explained.html, shown.text)


def _smart_table(ctx: ReportContext, status: GoalStatus) -> Html:
    columns = {
        "rule": [ctx.tr(_GOALS_SMART[c.rule]) for c in status.smart],
        "reason": [with_kpi_name(ctx, c.reason, status.goal.kpi) for c in status.smart],
    }
    return pass_fail_table(
        ctx,
        columns,
        [c.passed for c in status.smart],
        labels={c: ctx.tr(_STEPS_GOALS_COL[c]) for c in ("rule", "result", "reason")},
        caption=ctx.tr("SMART check of the goal (failed rules highlighted)"),
    )


def _section_html(ctx: ReportContext, number: int, status: GoalStatus, view: GoalsView) -> Html:
    goal, kpi = status.goal, status.goal.kpi
    title = ctx.tr(
        "Goal {n}: {goal}",
        n=number,
        goal=(goal.statement or "").strip() or goal_kpi_label(kpi, ctx.language),
    )
    meta = ctx.tr(
        "KPI: {kpi} · Owner: {owner} · Verdict: {verdict}",
        kpi=goal_kpi_label(kpi, ctx.language),
        owner=goal.owner or ctx.tr("nobody named"),
        verdict=ctx.tr(GOALS_VERDICT[status.verdict]),
    )
    known = status.baseline is not None and status.latest is not None
    path = ctx.tr(
        N_(
            "Baseline {baseline} ({baseline_date}) → currently {latest} "
            "({as_of}) → target {target} by {deadline}."
        )
        if known
        else N_(
            "Target {target} by {deadline}. The KPI has no value yet at "
            "the baseline date ({baseline_date}) or the as-of date "
            "({as_of})."
        ),
        baseline=goal_value(ctx, kpi, status.baseline),
        baseline_date=ctx.date(view.baseline_date),
        latest=goal_value(ctx, kpi, status.latest),
        as_of=ctx.date(ctx.as_of),
        target=goal_value(ctx, kpi, goal.target),
        deadline=ctx.date(goal.deadline),
    )
    paragraphs = [meta, f"{path} {progress_text(ctx, status)}", forecast_text(ctx, status)]
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return Html(f'<section class="kit-goal"><h3>{escape(title)}</h3>{body}</section>', title)


def goal_sections(ctx: ReportContext, view: GoalsView) -> None:
    """Display, per goal: heading, baseline → latest → target, forecast, SMART table, chart."""
    if not view.statuses:
        show(
            note(
                ctx,
                ctx.tr(
                    "Without agreed goals the success of the rollout cannot be "
                    "measured. The starter goals below are derived from the data."
                ),
            )
        )
        return
    for number, status in enumerate(view.statuses, start=1):
        show(_section_html(ctx, number, status, view))
        show(_smart_table(ctx, status))
        show(plot_goal(status, view.series, language=ctx.language))


def _unit_name(ctx: ReportContext, unit: str) -> str:
    """Return a KPI unit as written beside a value: the currency sign for money ("€")."""
    if unit == "currency":
        return currency_symbol(ctx.engagement.currency, ctx.language)
    return ctx.tr(GOALS_UNIT[unit])


def starter_goals(ctx: ReportContext, view: GoalsView) -> Html | None:
    """Return the starter goals suggested from the data, with the gap in plain words.

    CRF medians are B2B references: a subscription business gets only the basics; None when
    nothing is left to suggest.
    """
    from kit.steps.kpis.references import crf_applies

    shown = [s for s in view.suggestions if crf_applies(ctx) or s.kpi not in ("dso", "add", "cei")]
    if not shown:
        return None
    frame = pd.DataFrame(
        [
            {
                "kpi": goal_kpi_label(s.kpi, ctx.language),
                "current": goal_value(ctx, s.kpi, s.current),
                "proposed": goal_value(ctx, s.kpi, s.target),
                "statement": render(s.statement, ctx.language),
                "rationale": render(s.rationale, ctx.language),
            }
            for s in shown
        ],
        columns=["kpi", "current", "proposed", "statement", "rationale"],
    )
    labels = {c: ctx.tr(_STEPS_GOALS_COL[c]) for c in frame.columns}
    caption = (
        N_("Starter goals from the data: the basics first, then the CRF medians")
        if crf_applies(ctx)
        else N_("Starter goals from the data: the basics first")
    )
    return table(ctx, frame, labels=labels, caption=ctx.tr(caption))


def goals_glossary(
    ctx: ReportContext, view: GoalsView, *, extra: Sequence[tuple[str, str, str]] = ()
) -> Html:
    """Return the glossary: KPI formulas used, baseline, progress, verdict and SMART rules.

    The `extra` rows (term, meaning, formula) follow, e.g. those of the business case.
    """
    lang = ctx.language
    kpis = list(
        dict.fromkeys([s.goal.kpi for s in view.statuses] + [s.kpi for s in view.suggestions])
    )
    rows: list[tuple[str, str, str]] = []
    for kpi in kpis:
        info = REGISTRY.get(kpi)
        if info is None:
            continue
        meaning = ctx.tr("Unit: {unit}.", unit=_unit_name(ctx, info.unit))
        if info.reference is not None:
            meaning += " " + ctx.tr(
                "Reference: {value} ({source}).",
                value=goal_value(ctx, kpi, info.reference),
                source=info.reference_source_in(lang),
            )
        rows.append(
            (
                goal_kpi_label(kpi, lang),
                meaning,
                info.formula_in(lang),
            )
        )
    for term, meaning, formula in _STEPS_GOALS_GLOSSARY.values():
        rows.append((ctx.tr(term), ctx.tr(meaning), ctx.tr(formula)))
    for verdict in VERDICTS:
        rows.append((ctx.tr(GOALS_VERDICT[verdict]), ctx.tr(GOALS_VERDICT_RULE[verdict]), ""))
    for rule in RULES:
        rows.append((ctx.tr(_GOALS_SMART[rule]), ctx.tr(_STEPS_GOALS_SMART_RULE[rule]), ""))
    return glossary(ctx, [*rows, *extra])
