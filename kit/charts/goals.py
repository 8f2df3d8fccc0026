"""Goal chart: monthly values against baseline, target, deadline and the trend forecast."""

from __future__ import annotations

import pandas as pd
from matplotlib.dates import date2num
from matplotlib.figure import Figure

from kit.charts.style import OKABE_ITO, locale_axes, new_figure
from kit.goals import GoalStatus
from kit.i18n import Language, tr
from kit.i18n.labels import GOALS_UNIT, GOALS_VERDICT
from kit.kpis.registry import REGISTRY

__all__ = ["kpi_axis_label", "plot_goal"]

_UNITS = ("days", "percent", "currency", "count", "hours")


def kpi_axis_label(kpi: str, language: Language) -> tuple[str, str]:
    """Return (KPI name, axis label with unit) in the report language."""
    info = REGISTRY.get(kpi)
    if info is None:
        return kpi, kpi
    name = info.name_in(language)
    unit = tr(GOALS_UNIT[info.unit], language) if info.unit in _UNITS else ""
    return name, f"{name} ({unit})" if unit else name


def plot_goal(status: GoalStatus, series: pd.DataFrame, *, language: Language) -> Figure:
    """Return a chart of one goal: monthly values, baseline, target, deadline and trend forecast."""
    goal = status.goal
    lang = language
    name, ylabel = kpi_axis_label(goal.kpi, lang)
    verdict = tr(GOALS_VERDICT[status.verdict], lang)
    fig, ax = new_figure(
        xlabel=tr("Month", lang),
        ylabel=ylabel,
        title=f"{name} – {verdict}",
        size=(7.5, 3.8),
    )
    blue, orange, grey = OKABE_ITO[0], OKABE_ITO[1], "#6b7280"
    column = series[goal.kpi].astype(float).sort_index().dropna() if goal.kpi in series else None
    if column is not None and not column.empty:
        ax.plot(
            column.index,
            column.to_numpy(),
            marker="o",
            color=blue,
            label=tr("Monthly value", lang),
        )
    if status.baseline is not None:
        ax.axhline(status.baseline, color=grey, linestyle=":", label=tr("Baseline", lang))
    ax.axhline(goal.target, color=orange, linestyle="--", label=tr("Target", lang))
    deadline = pd.Timestamp(goal.deadline)
    x_deadline = float(date2num(deadline))  # type: ignore[no-untyped-call]
    ax.axvline(x_deadline, color=grey, linewidth=1, label=tr("Deadline", lang))
    if (
        status.forecast is not None
        and status.latest is not None
        and column is not None
        and not column.empty
    ):
        ax.plot(
            [column.index[-1], deadline],
            [status.latest, status.forecast],
            linestyle="--",
            color=blue,
            alpha=0.6,
            label=tr("Trend to the deadline", lang),
        )
    ax.legend(loc="best", fontsize=8)
    locale_axes(ax, language, x="month")
    return fig
