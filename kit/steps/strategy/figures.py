"""Step 05 (collection strategy): figures of segments, channel payment rates and team capacity."""

from __future__ import annotations

from matplotlib.figure import Figure

from kit.charts import plot_capacity
from kit.charts.strategy import plot_channel_rates, plot_segment_shares
from kit.report.context import ReportContext
from kit.steps.strategy.text import channel_name, segment_name
from kit.steps.strategy.view import MIN_MESSAGES, StrategyView
from kit.steps.thin import needs

__all__ = ["capacity_figure", "channel_figure", "segment_figure"]


def segment_figure(ctx: ReportContext, view: StrategyView) -> Figure | None:
    """Return a bar chart: share of customers, receivables and overdue receivables by segment.

    None when no customer has invoices in the look-back year (an empty chart says nothing).
    """
    if view.summary.empty:
        return None
    names = [segment_name(ctx, view, str(x)) for x in view.summary["segment"]]
    return plot_segment_shares(ctx, view.summary, names=names)


@needs("events")
def channel_figure(ctx: ReportContext, view: StrategyView) -> Figure:
    """Return a heat map of the payment rate within 14 days (%) by segment and channel."""
    e = view.effectiveness
    e = e[e["segment"] != "unknown"]
    segments = [s for s in view.summary["segment"] if s in set(e["segment"])]
    return plot_channel_rates(
        ctx,
        e,
        segment_names={s: segment_name(ctx, view, s) for s in segments},
        channel_names={str(c): channel_name(ctx, str(c)) for c in dict.fromkeys(e["channel"])},
        preferred=view.preferred,
        min_messages=MIN_MESSAGES,
    )


# --- capacity -----------------------------------------------------------------------------


@needs("maps")
def capacity_figure(ctx: ReportContext, view: StrategyView) -> Figure:
    """Return the chart of workload against team capacity (hours a month), growth 0–100 %."""
    return plot_capacity(view.plan, language=ctx.language)
