"""The business case in words and one figure (report 01, CLI text, steering-committee deck).

`kit.business_case` computes the figures; this module writes them in the report language: the
sentences, the figure "working capital tied up today → at the goal", the sensitivity table, the
headline line of the index card of 01 and the glossary rows with the formulas.
"""

from __future__ import annotations

import base64
import io
from html import escape

import pandas as pd
from matplotlib.figure import Figure

from kit.business_case import BusinessCase, load_business_case
from kit.charts.business_case import plot_business_case
from kit.i18n import N_, fmt_hours, fmt_money
from kit.i18n.labels import BUSINESS_CASE_REASON
from kit.kpis import REGISTRY
from kit.report import Html, table
from kit.report.context import ReportContext

#: Per figure of the business case, in the order the reports list them: its name and formula.
_BUSINESS_CASE_FIGURE: dict[str, tuple[str, str]] = {
    "released": (
        N_("Working capital released"),
        N_("working capital released = (DSO today − DSO target) × credit sales ÷ P"),
    ),
    "interest": (
        N_("Financing cost saved a year"),
        N_("financing cost saved a year = working capital released × interest rate"),
    ),
    "hours": (
        N_("Hours freed a month"),
        N_("hours freed a month = avoidable duplicate work + rework (process maps)"),
    ),
    "cost": (
        N_("Staff cost saved a year"),
        N_("staff cost saved a year = hours freed a month × 12 × hourly cost"),
    ),
}

__all__ = [
    "business_case_block",
    "business_case_figure",
    "business_case_glossary_rows",
    "business_case_headline",
    "business_case_lines",
    "business_case_view",
    "figure_png",
    "sensitivity_frame",
]

_K = "business_case."


def business_case_view(ctx: ReportContext) -> BusinessCase:
    """Return the engagement's business case at the report's as-of date."""
    return load_business_case(ctx.engagement, as_of=ctx.as_of, language=ctx.language)


def _money(ctx: ReportContext, value: float | None) -> str:
    return ctx.money(value, digits=0)


def _cost(ctx: ReportContext, case: BusinessCase, value: float | None, digits: int = 0) -> str:
    return fmt_money(value, ctx.language, currency=case.cost_currency, digits=digits)


def _kpi(ctx: ReportContext, kpi: str) -> str:
    info = REGISTRY[kpi]
    return info.name_in(ctx.language)


def _wc_lines(ctx: ReportContext, case: BusinessCase) -> list[str]:
    tr = ctx.tr
    goal = case.dso_goal
    reason = case.reasons.get("working_capital_released")
    if reason is not None or goal is None:
        return [tr(BUSINESS_CASE_REASON[reason or "no_dso_goal"])]
    lines = []
    if goal.released == 0:
        lines.append(
            tr(
                "The DSO goal ({target}) is already met at {today}: no further "
                "working capital to release.",
                today=ctx.days(goal.today),
                target=ctx.days(goal.target),
            )
        )
    else:
        lines.append(
            tr(
                "Working capital released: {money} (DSO {today} → target "
                "{target}, credit sales {sales} in {days} days).",
                money=_money(ctx, case.working_capital_released),
                today=ctx.days(case.dso),
                target=ctx.days(case.dso_target),
                sales=_money(ctx, case.credit_sales),
                days=case.period_days,
            )
        )
        lines.append(
            tr(
                "Financing cost saved: {money} a year (interest rate {rate} a year).",
                money=_money(ctx, case.interest_saved_per_year),
                rate=ctx.percent(case.interest_rate * 100, digits=1),
            )
        )
    return lines


def business_case_lines(ctx: ReportContext, case: BusinessCase) -> list[str]:
    """Return the sentences of the business case: cash, interest, hours, cost, estimate, goals.

    Long because each sentence has its own condition and wording on the same business case.
    """
    tr = ctx.tr
    lines = _wc_lines(ctx, case)
    hours = case.hours_freed_per_month
    if hours is None:
        lines.append(
            tr("Without process maps the hours freed cannot be counted; map the as-is processes.")
        )
    else:
        lines.append(
            tr(
                "Working time freed: {hours} hours a month (avoidable "
                "duplicate work {duplicate} h + rework {rework} h).",
                hours=ctx.number(hours, digits=1),
                duplicate=ctx.number(case.duplicate_hours, digits=1),
                rework=ctx.number(case.rework_hours, digits=1),
            )
        )
        lines.append(
            tr(
                "Staff cost saved: {money} a year ({hours} h × 12 × {rate} an hour).",
                money=_cost(ctx, case, case.cost_saved_per_year),
                hours=ctx.number(hours, digits=1),
                rate=_cost(ctx, case, case.hourly_cost, digits=2),
            )
        )
    if case.to_be_saving_hours is not None and case.to_be_saving_hours > 0:
        lines.append(
            tr(
                "Estimate, not included: the to-be process needs {hours} hours "
                "a month less than today's (about {money} a year).",
                hours=ctx.number(case.to_be_saving_hours, digits=0),
                money=_cost(ctx, case, case.to_be_cost_per_year),
            )
        )
    for goal in case.goals:
        if goal.kpi != "dso" and goal.released:
            lines.append(
                tr(
                    "Goal {kpi} {today} → {target}: {money} of working capital "
                    "(overlaps the DSO goal, not added).",
                    kpi=_kpi(ctx, goal.kpi),
                    today=ctx.days(goal.today),
                    target=ctx.days(goal.target),
                    money=_money(ctx, goal.released),
                )
            )
    half = case.scenario(0.5)
    if case.has_figures:
        lines.append(
            tr(
                "At half the goal achievement, half of it: {released} of "
                "working capital, {interest} interest and {cost} staff cost a "
                "year.",
                released=_money(ctx, half.working_capital_released),
                interest=_money(ctx, half.interest_saved_per_year),
                cost=_cost(ctx, case, half.cost_saved_per_year),
            )
        )
    return lines


def business_case_headline(ctx: ReportContext, case: BusinessCase) -> str | None:
    """Return the one-line headline for the index card of 01, or None without any figure."""
    if case.working_capital_released:
        return ctx.tr(
            "What the goals are worth: {money} of working capital "
            "released, {interest} interest saved a year.",
            money=_money(ctx, case.working_capital_released),
            interest=_money(ctx, case.interest_saved_per_year),
        )
    if case.hours_freed_per_month:
        return ctx.tr(
            "What the goals are worth: {hours} hours a month freed ({money} a year).",
            hours=ctx.number(case.hours_freed_per_month, digits=0),
            money=_cost(ctx, case, case.cost_saved_per_year),
        )
    return None


def business_case_figure(ctx: ReportContext, case: BusinessCase) -> Figure | None:
    """Return the bars "receivables today → at the DSO goal" with the amount released, or None.

    None when no working capital is released.
    """
    released = case.working_capital_released
    if not released or case.dso is None or case.dso_target is None or not case.credit_sales:
        return None
    return plot_business_case(ctx, case)


def figure_png(fig: Figure, *, dpi: int = 144) -> bytes:
    """Return a figure as PNG bytes and close it."""
    import matplotlib.pyplot as plt

    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi)
    plt.close(fig)
    return buffer.getvalue()


def sensitivity_frame(ctx: ReportContext, case: BusinessCase) -> pd.DataFrame:
    """Return the sensitivity: one row per figure, columns half and full goal achievement."""
    half, full = case.sensitivity()
    rows = [
        ("released", half.working_capital_released, full.working_capital_released),
        ("interest", half.interest_saved_per_year, full.interest_saved_per_year),
        ("hours", half.hours_freed_per_month, full.hours_freed_per_month),
        ("cost", half.cost_saved_per_year, full.cost_saved_per_year),
    ]
    return pd.DataFrame(
        [
            {"kind": kind, "figure": ctx.tr(_BUSINESS_CASE_FIGURE[kind][0]), "half": a, "full": b}
            for kind, a, b in rows
            if a is not None
        ]
    )


def _sensitivity_html(ctx: ReportContext, case: BusinessCase) -> str:
    frame = sensitivity_frame(ctx, case)
    if frame.empty:
        return ""
    shown = frame.copy()
    for column in ("half", "full"):
        shown[column] = [
            fmt_hours(v, ctx.language)
            if kind == "hours"
            else (_cost(ctx, case, v) if kind == "cost" else _money(ctx, v))
            for kind, v in zip(frame["kind"], frame[column], strict=True)
        ]
    return table(
        ctx,
        shown[["figure", "half", "full"]],
        formats={"figure": "text", "half": "text", "full": "text"},
        labels={
            "figure": ctx.tr("Figure"),
            "half": ctx.tr("half the goal achievement"),
            "full": ctx.tr("full goal achievement"),
        },
        caption=ctx.tr("Sensitivity: half and full goal achievement"),
    ).html


def business_case_block(ctx: ReportContext, case: BusinessCase) -> Html:
    """Return the section that opens report 01: the figure, the sentences, the sensitivity."""
    lines = business_case_lines(ctx, case)
    fig = business_case_figure(ctx, case)
    image = ""
    if fig is not None:
        data = base64.b64encode(figure_png(fig)).decode("ascii")
        alt = escape(ctx.tr("Working capital tied up: today → goal"), quote=True)
        image = (
            f'<figure class="kit-business-case-figure">'
            f'<img src="data:image/png;base64,{data}" alt="{alt}"></figure>'
        )
    items = "".join(f"<li>{escape(line)}</li>" for line in lines)
    intro = escape(
        ctx.tr("Worked out from the client's own data, at {as_of}:", as_of=ctx.date(ctx.as_of))
    )
    title = ctx.tr("What reaching the goals is worth")
    html = (
        f'<section class="kit-business-case"><h2>{escape(title)}</h2>'
        f"{image}<p>{intro}</p><ul>{items}</ul>{_sensitivity_html(ctx, case)}</section>"
    )
    return Html(html, "\n".join(lines))


def business_case_glossary_rows(ctx: ReportContext) -> list[tuple[str, str, str]]:
    """Return glossary rows (term, meaning, formula) of the four business-case figures."""
    return [(ctx.tr(name), "", ctx.tr(formula)) for name, formula in _BUSINESS_CASE_FIGURE.values()]
