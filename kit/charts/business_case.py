"""The business-case figure: receivables today against receivables at the DSO goal."""

from __future__ import annotations

from typing import TYPE_CHECKING

from matplotlib.figure import Figure

from kit.business_case import BusinessCase
from kit.charts.style import OKABE_ITO, STATUS_COLOURS, locale_axes, new_figure
from kit.i18n import thousands_unit

if TYPE_CHECKING:
    from kit.report.context import ReportContext

__all__ = ["plot_business_case"]

_K = "business_case."


def plot_business_case(ctx: ReportContext, case: BusinessCase) -> Figure:
    """Return the bars "receivables today → at the DSO goal" with the amount released, or None.

    Receivables today = DSO × credit sales ÷ P (= the receivables of DSO); at the goal = DSO
    target × credit sales ÷ P. Needs a DSO, a DSO target and credit sales.
    """
    released = case.working_capital_released or 0.0
    if case.dso is None or case.dso_target is None or not case.credit_sales:
        raise ValueError("the business case has no DSO, DSO target or credit sales to draw")
    per_day = case.credit_sales / case.period_days
    today, goal = case.dso * per_day, case.dso_target * per_day
    fig, ax = new_figure(
        xlabel="",
        ylabel=ctx.tr("Receivables ({unit})", unit=thousands_unit(case.currency, ctx.language)),
        title=ctx.tr("Working capital tied up: today → goal"),
        size=(6.4, 3.6),
    )
    labels = [
        ctx.tr("today (DSO {dso})", dso=ctx.days(case.dso)),
        ctx.tr("at the goal (DSO {dso})", dso=ctx.days(case.dso_target)),
    ]
    bars = ax.bar(labels, [today, goal], color=[OKABE_ITO[1], STATUS_COLOURS["good"]], width=0.55)
    ax.bar_label(bars, labels=[ctx.money(today, digits=0), ctx.money(goal, digits=0)], padding=2)
    ax.annotate(
        "",
        xy=(1, goal),
        xytext=(0, today),
        arrowprops={"arrowstyle": "->", "color": OKABE_ITO[5], "lw": 1.6},
    )
    ax.text(
        0.5,
        today * 1.06,
        ctx.tr("{money} released", money=ctx.money(released, digits=0)),
        ha="center",
        va="bottom",
        fontweight="bold",
    )
    ax.set_ylim(0, today * 1.25)
    locale_axes(ax, ctx.language, scale_y=1000.0)
    return fig
