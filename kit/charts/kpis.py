"""The KPI report's figures: aging bars, monthly DSO trend, DSO per segment, dunning funnel."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from kit.charts.style import OKABE_ITO, STATUS_COLOURS, locale_axes, new_figure
from kit.i18n import fmt_bucket, thousands_unit
from kit.i18n.labels import STEPS_KPIS_STAGE
from kit.kpis import BUCKETS, REGISTRY
from kit.kpis.aftercare import FUNNEL_STAGES

if TYPE_CHECKING:
    from kit.report.context import ReportContext

__all__ = [
    "plot_aging",
    "plot_funnel",
    "plot_kpi_trend",
    "plot_segment_dso",
]

_REFERENCE_LINE: dict[str, Any] = {"color": "#6b7280", "linestyle": "--", "linewidth": 1.2}


def plot_aging(ctx: ReportContext, aging: pd.DataFrame) -> Figure:
    """Return the bar chart of open amounts by aging bucket (thousands of the currency)."""
    fig, ax = new_figure(
        xlabel=ctx.tr("Days past due (by due date)"),
        ylabel=ctx.tr(
            "Open amount ({unit})", unit=thousands_unit(ctx.engagement.currency, ctx.language)
        ),
        title=ctx.tr("Open receivables by days past due"),
    )
    colours = [
        STATUS_COLOURS["good"],
        OKABE_ITO[4],
        OKABE_ITO[1],
        OKABE_ITO[1],
        OKABE_ITO[3],
        OKABE_ITO[3],
    ]
    labels = [ctx.tr("current") if b == "current" else fmt_bucket(b, ctx.language) for b in BUCKETS]
    bars = ax.bar(labels, aging["amount"], color=colours)
    total = float(aging["amount"].sum()) or 1.0
    ax.bar_label(bars, labels=[ctx.percent(a / total * 100.0) for a in aging["amount"]], padding=2)
    locale_axes(ax, ctx.language, scale_y=1000.0)
    ax.margins(y=0.12)
    return fig


def plot_kpi_trend(
    ctx: ReportContext,
    series: pd.DataFrame,
    *,
    months: Sequence[str],
    names: Mapping[str, str],
) -> Figure:
    """Return the line chart of DSO, best possible DSO and ADD at each month end (days).

    `months` labels the rows of `series`; `names` gives the shown name of each KPI.
    """
    fig, ax = new_figure(
        xlabel=ctx.tr("Month end"),
        ylabel=ctx.tr("Days"),
        title=ctx.tr("DSO, best possible DSO and days delinquent at each month end"),
    )
    x = list(months)
    for kpi, colour in (("dso", OKABE_ITO[0]), ("bpdso", OKABE_ITO[2]), ("add", OKABE_ITO[3])):
        ax.plot(x, series[kpi], marker="o", color=colour, label=names[kpi])
    crf = REGISTRY["dso"].reference
    ax.axhline(
        crf or 0.0, label=ctx.tr("CRF median DSO ({value})", value=ctx.days(crf)), **_REFERENCE_LINE
    )
    ax.set_ylim(bottom=0)
    locale_axes(ax, ctx.language)
    ax.tick_params(axis="x", labelrotation=45)
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return fig


def plot_segment_dso(ctx: ReportContext, seg: pd.DataFrame, *, names: Mapping[str, str]) -> Figure:
    """Return DSO per segment as stacked bars (BPDSO + ADD, days), shortest DSO at the bottom.

    `names` gives the shown name of the KPIs bpdso and add.
    """
    seg = seg.sort_values("dso", na_position="first")
    fig, ax = new_figure(
        xlabel=ctx.tr("Days"),
        ylabel=ctx.tr("Segment"),
        title=ctx.tr("DSO by customer segment: best possible DSO + delay"),
    )
    rows = [str(i) for i in seg.index]
    ax.barh(rows, seg["bpdso"].fillna(0), color=OKABE_ITO[2], label=names["bpdso"])
    bars = ax.barh(
        rows,
        seg["add"].fillna(0),
        left=seg["bpdso"].fillna(0),
        color=OKABE_ITO[3],
        label=names["add"],
    )
    ax.bar_label(bars, labels=[f"DSO {ctx.number(d)}" for d in seg["dso"]], padding=3)
    crf = REGISTRY["dso"].reference
    ax.axvline(
        crf or 0.0, label=ctx.tr("CRF median DSO ({value})", value=ctx.days(crf)), **_REFERENCE_LINE
    )
    _horizontal_grid(ax)
    ax.margins(x=0.18)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.15), ncol=3)
    locale_axes(ax, ctx.language)
    return fig


def plot_funnel(ctx: ReportContext, total: pd.Series, *, period_days: int) -> Figure:
    """Return the dunning funnel (messages sent → delivered → opened → clicked → paid)."""
    fig, ax = new_figure(
        xlabel=ctx.tr("Number of messages (share of sent)"),
        ylabel=ctx.tr("Stage"),
        title=ctx.tr("Dunning funnel of the last {days} days (all channels)", days=period_days),
    )
    stages = [ctx.tr(STEPS_KPIS_STAGE[s]) for s in FUNNEL_STAGES]
    counts = [int(c) for c in total[list(FUNNEL_STAGES)].to_numpy()]
    bars = ax.barh(stages[::-1], counts[::-1], color=OKABE_ITO[0])
    sent = counts[0] or 1
    ax.bar_label(
        bars,
        labels=[
            f"{ctx.number(c, digits=0)} ({ctx.percent(c / sent * 100.0, digits=0)})"
            for c in counts[::-1]
        ],
        padding=3,
    )
    _horizontal_grid(ax)
    ax.margins(x=0.2)
    locale_axes(ax, ctx.language)
    return fig


def _horizontal_grid(ax: Axes) -> None:
    """Grid lines along the value axis of horizontal bars only, behind the bars."""
    ax.grid(axis="x")
    ax.grid(axis="y", visible=False)
    ax.set_axisbelow(True)
