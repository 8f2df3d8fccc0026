"""Step 04 figures: aging bars, monthly DSO trend, DSO per segment, dunning funnel."""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure

from kit.charts.kpis import plot_aging, plot_funnel, plot_kpi_trend, plot_segment_dso
from kit.report import Html, note
from kit.report.context import ReportContext
from kit.steps.kpis.view import KpisView
from kit.steps.wording import kpi_name, month_name, note_text

__all__ = ["aging_figure", "funnel_figure", "segment_figure", "trend_figure"]


def aging_figure(ctx: ReportContext, view: KpisView) -> Figure:
    """Return the bar chart of open amounts by aging bucket (thousands of the currency)."""
    return plot_aging(ctx, view.result.aging)


def trend_figure(ctx: ReportContext, view: KpisView) -> Figure | None:
    """Return the line chart of DSO, best possible DSO and ADD at each month end (days).

    None for an open-items list: it has no history to draw.
    """
    if view.open_items_on is not None:
        return None
    months = [month_name(ctx, d) for d in view.series.index]
    names = {kpi: kpi_name(ctx, kpi) for kpi in ("dso", "bpdso", "add")}
    return plot_kpi_trend(ctx, view.series, months=months, names=names)


def segment_figure(ctx: ReportContext, view: KpisView) -> Figure | Html:
    """Return DSO per segment as stacked bars (BPDSO + ADD, days), or a note without segments."""
    seg = view.by_segment
    if seg is None or seg.empty:
        return note(
            ctx,
            ctx.tr("The data hold no customer segment; a breakdown by segment is not possible."),
        )
    return plot_segment_dso(ctx, seg, names={k: kpi_name(ctx, k) for k in ("bpdso", "add")})


def funnel_figure(ctx: ReportContext, view: KpisView) -> Figure | Html:
    """Return the dunning funnel (messages sent → delivered → opened → clicked → paid)."""
    if "total" not in view.funnel.index:
        reason = view.result.notes.get("email_bounce_rate", "")
        if reason == "no dunning_events data":
            return note(
                ctx,
                ctx.tr(
                    "There are no data on dunning messages yet. Once the dunning "
                    "system provides, per message, the invoice, time, channel and "
                    "event (sent, delivered, opened, clicked, paid), this section "
                    "shows the dunning funnel and the digital-dunning KPIs."
                ),
            )
        return note(ctx, note_text(ctx, reason))
    total = view.funnel.loc["total"]
    return plot_funnel(ctx, pd.Series(total), period_days=view.result.period_days)
