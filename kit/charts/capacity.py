"""Capacity chart: collection-team workload against team hours over volume growth."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from kit.charts.style import OKABE_ITO, STATUS_COLOURS, locale_axes, new_figure
from kit.i18n import Language, fmt_percent, tr
from kit.strategy.capacity import CapacityPlan

__all__ = ["plot_capacity"]


def plot_capacity(plan: CapacityPlan, *, language: Language) -> Figure:
    """Return a figure of workload against team capacity (hours a month) over volume growth."""
    low = min(0.0, float(plan.table["growth"].min()))
    grid = np.linspace(low, plan.max_growth, 101)
    workload = np.array([plan.workload_at(float(g)) for g in grid])
    capacity = np.full_like(grid, plan.capacity_hours_per_month)
    fig, ax = new_figure(
        xlabel=tr("Growth in invoice volume (%)", language),
        ylabel=tr("Hours per month", language),
        title=tr("Collections workload and team capacity", language),
    )
    x = grid * 100.0
    ax.plot(x, workload, color=OKABE_ITO[0], label=tr("Workload", language))
    ax.plot(
        x,
        capacity,
        color=OKABE_ITO[2],
        linestyle="--",
        label=tr("Team capacity", language),
    )
    ax.fill_between(
        x,
        capacity,
        workload,
        where=workload > capacity,
        color=STATUS_COLOURS["bad"],
        alpha=0.15,
        label=tr("Shortfall", language),
    )
    if plan.break_even_growth is not None and plan.break_even_growth >= low:
        g = plan.break_even_growth * 100.0
        ax.axvline(g, color="#444444", linewidth=1, linestyle=":")
        ax.annotate(
            tr("Limit at +{growth}", language, growth=fmt_percent(g, language, digits=0)),
            xy=(g, plan.capacity_hours_per_month),
            xytext=(6, 8),
            textcoords="offset points",
            fontsize=9,
        )
    ax.set_ylim(bottom=0)
    ax.legend(loc="upper left")
    locale_axes(ax, language)
    return fig
