"""Step 01 tables and sections: goal overview, per-goal sections, starter goals, glossary."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

import pandas as pd

from kit.charts import plot_goal
from kit.goals import RULES, VERDICTS, GoalStatus
from kit.i18n import currency_symbol
from kit.kpis import REGISTRY
from kit.kpis.registry import CRF_SOURCE
from kit.report import Html, glossary, note, show, table
from kit.report.context import ReportContext
from kit.steps.goals.view import GoalsView
from kit.steps.goals.wording import (
    forecast_text,
    goal_kpi_label,
    goal_value,
    progress_text,
    with_kpi_name,
)

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
    shown = table(
        ctx,
        frame,
        formats={"deadline": "date", "progress": "percent:0"},
        highlight="flag",
        labels=labels,
        caption=ctx.t("steps.goals.overview_caption"),
    )
    if not any(s.progress is not None and s.progress > 1 for s in view.statuses):
        return shown
    explained = note(ctx, ctx.t("steps.thin.goals.progress_over_100"))
    return Html(shown.html + explained.html, shown.text)


def _smart_table(ctx: ReportContext, status: GoalStatus) -> Html:
    frame = pd.DataFrame(
        {
            "rule": [ctx.t("goals.smart." + c.rule) for c in status.smart],
            "result": [
                ctx.t("steps.goals.smart." + ("passed" if c.passed else "failed"))
                for c in status.smart
            ],
            "reason": [with_kpi_name(ctx, c.reason, status.goal.kpi) for c in status.smart],
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
        goal=(goal.statement or "").strip() or goal_kpi_label(kpi, ctx.language),
    )
    meta = ctx.t(
        "steps.goals.meta",
        kpi=goal_kpi_label(kpi, ctx.language),
        owner=goal.owner or ctx.t("steps.goals.no_owner"),
        verdict=ctx.t("goals.verdict." + status.verdict),
    )
    known = status.baseline is not None and status.latest is not None
    path = ctx.t(
        "steps.goals.path" if known else "steps.thin.goals.path",
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
        show(note(ctx, ctx.t("steps.goals.means.none")))
        return
    for number, status in enumerate(view.statuses, start=1):
        show(_section_html(ctx, number, status, view))
        show(_smart_table(ctx, status))
        show(plot_goal(status, view.series, language=ctx.language))


def _unit_name(ctx: ReportContext, unit: str) -> str:
    """Return a KPI unit as written beside a value: the currency sign for money ("€")."""
    if unit == "currency":
        return currency_symbol(ctx.engagement.currency, ctx.language)
    return ctx.t("goals.unit." + unit)


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
                "statement": s.statement,
                "rationale": s.rationale,
            }
            for s in shown
        ],
        columns=["kpi", "current", "proposed", "statement", "rationale"],
    )
    labels = {c: ctx.t("steps.goals.col." + c) for c in frame.columns}
    caption = (
        "steps.goals.suggest_caption" if crf_applies(ctx) else "steps.thin.goals.suggest_caption"
    )
    return table(ctx, frame, labels=labels, caption=ctx.t(caption))


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
        meaning = ctx.t("steps.goals.glossary.kpi_unit", unit=_unit_name(ctx, info.unit))
        if info.reference is not None:
            meaning += " " + ctx.t(
                "steps.goals.glossary.reference",
                value=goal_value(ctx, kpi, info.reference),
                source=ctx.t("steps.goals.glossary.crf")
                if info.reference_source == CRF_SOURCE
                else info.reference_source or "",
            )
        rows.append(
            (
                goal_kpi_label(kpi, lang),
                meaning,
                info.formula_de if lang == "de" else info.formula_en,
            )
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
    return glossary(ctx, [*rows, *extra])
