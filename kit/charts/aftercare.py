"""The after-care figures: goal KPI trends and overdue receivables by contributor."""

from __future__ import annotations

import math
import textwrap
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from kit.charts.style import OKABE_ITO, locale_axes
from kit.goals import GoalStatus
from kit.i18n import fmt_month, thousands_unit
from kit.i18n.labels import GOALS_UNIT, GOALS_VERDICT, STEPS_AFTERCARE_DIMENSION
from kit.kpis import REGISTRY

if TYPE_CHECKING:
    from kit.report.context import ReportContext

__all__ = ["plot_contributors", "plot_goal_trends"]

_P = "steps.aftercare."


def plot_goal_trends(
    ctx: ReportContext,
    goals: Sequence[GoalStatus],
    series: pd.DataFrame,
    *,
    titles: Sequence[str],
) -> Figure:
    """Return one panel per goal: monthly KPI since the baseline, baseline and target lines.

    `series` holds one column per KPI by month; `titles` names the KPI of each goal.
    """
    n = max(len(goals), 1)
    cols = min(n, 3)
    rows = math.ceil(n / cols)
    fig, axes = plt.subplots(rows, cols, figsize=(3.9 * cols, 3.3 * rows + 0.6), squeeze=False)
    fig.set_layout_engine("constrained")
    fig.suptitle(
        ctx.tr("Goal KPIs since the baseline (month ends)"), x=0.01, ha="left", fontweight="bold"
    )
    for index, ax in enumerate(axes.flat):
        if index >= len(goals):
            ax.set_axis_off()
            continue
        s = goals[index]
        kpi = s.goal.kpi
        column = series[kpi].dropna() if kpi in series else pd.Series(dtype=float)
        ax.plot(column.index, column.to_numpy(), marker="o", color=OKABE_ITO[0])
        if s.baseline is not None:
            ax.axhline(s.baseline, color="#6b7280", linestyle=":", linewidth=1.2)
        ax.axhline(s.goal.target, color=OKABE_ITO[1], linestyle="--", linewidth=1.5)
        unit = REGISTRY[kpi].unit if kpi in REGISTRY else ""
        title = textwrap.fill(titles[index], 44)
        ax.set_title(f"{title}\n{ctx.tr(GOALS_VERDICT[s.verdict])}", fontsize=10)
        ax.set_ylabel(ctx.tr(GOALS_UNIT[unit]) if unit else "")
        ax.set_xlabel(ctx.tr("Month"))
        step = max(1, math.ceil(len(column) / 4))  # at most four month labels per panel
        ticks = list(column.index)[::step]
        ax.set_xticks(ticks, [fmt_month(d, ctx.language) for d in ticks])
        ax.tick_params(axis="x", labelsize=8)
        locale_axes(ax, ctx.language, x="skip")
    handles = [
        Line2D([], [], color=OKABE_ITO[0], marker="o", label=ctx.trp("chart.actual", "Actual")),
        Line2D([], [], color="#6b7280", linestyle=":", label=ctx.tr("Baseline")),
        Line2D([], [], color=OKABE_ITO[1], linestyle="--", label=ctx.tr("Target")),
    ]
    fig.legend(handles=handles, loc="outside lower center", ncol=3, fontsize=9)
    return fig


def plot_contributors(
    ctx: ReportContext,
    contributors: Mapping[str, pd.DataFrame],
    *,
    labels: Mapping[str, Sequence[str]],
) -> Figure:
    """Return bar charts of overdue AR by segment, aging bucket and dispute reason (thousands).

    `contributors` holds the overdue amount per group of each dimension, `labels` their names.
    """
    dims = ("segment", "aging_bucket", "dispute_reason")
    fig, axes = plt.subplots(1, 3, figsize=(12, 3.6))
    fig.set_layout_engine("constrained")
    fig.suptitle(
        ctx.tr("Where the overdue receivables sit on {date}", date=ctx.date(ctx.as_of)),
        x=0.01,
        ha="left",
        fontweight="bold",
    )
    for ax, dimension in zip(axes, dims, strict=True):
        frame = contributors[dimension]
        names = list(labels[dimension])
        values = frame["overdue_amount"].to_numpy(dtype=float) / 1000.0
        ax.barh(names[::-1], values[::-1], color=OKABE_ITO[0])
        ax.set_title(ctx.tr(STEPS_AFTERCARE_DIMENSION[dimension]), fontsize=10)
        ax.set_xlabel(
            ctx.tr("overdue ({unit})", unit=thousands_unit(ctx.engagement.currency, ctx.language))
        )
        ax.grid(axis="x", color="#e5e7eb")
        ax.grid(axis="y", visible=False)
        ax.set_axisbelow(True)
        ax.tick_params(axis="y", labelsize=8)
        locale_axes(ax, ctx.language, y="skip")
    return fig
