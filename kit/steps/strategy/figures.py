"""Step 05 (collection strategy): figures of segments, channel payment rates and team capacity."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from kit.charts import plot_capacity
from kit.i18n import N_, NP_
from kit.report import OKABE_ITO, new_figure
from kit.report.context import ReportContext
from kit.steps.strategy.text import channel_name, segment_name
from kit.steps.strategy.view import MIN_MESSAGES, StrategyView
from kit.steps.thin import needs

_STEPS_STRATEGY_CHART: dict[str, str] = {
    "ar_share": N_("Share of receivables"),
    "channel_axis": N_("Channel"),
    "channels_title": N_("Payment within 14 days of the message"),
    "customer_share": NP_("customer_share", "Share of customers"),
    "overdue_of_total": N_("Share of overdue receivables"),
    "payment_rate": N_("Paid within 14 days (% of messages)"),
    "segments_title": N_("Few customers, much money: shares by segment"),
    "share_axis": N_("Share (%)"),
}

__all__ = ["capacity_chart", "channel_chart", "segment_chart"]


# --- segments -----------------------------------------------------------------------------


def segment_chart(ctx: ReportContext, view: StrategyView) -> Figure | None:
    """Return a bar chart: share of customers, receivables and overdue receivables by segment.

    None when no customer has invoices in the look-back year (an empty chart says nothing).
    """
    if view.summary.empty:
        return None
    s = view.summary.iloc[::-1]
    names = [segment_name(ctx, view, str(x)) for x in s["segment"]]
    total_overdue = float(view.summary["overdue"].sum())
    series = [
        ("customer_share", s["customer_share"]),
        ("ar_share", s["ar_share"]),
        (
            "overdue_of_total",
            s["overdue"] / total_overdue * 100.0 if total_overdue else s["overdue"] * 0,
        ),
    ]
    fig, ax = new_figure(
        xlabel=ctx.tr("Share (%)"),
        ylabel="",
        title=ctx.tr("Few customers, much money: shares by segment"),
        size=(8.0, 0.75 * len(s) + 1.6),
    )
    y = np.arange(len(s))
    height = 0.26
    for i, (key, values) in enumerate(series):
        pos = y + (1 - i) * height
        bars = ax.barh(
            pos,
            values.fillna(0.0),
            height=height,
            color=OKABE_ITO[i],
            label=ctx.tr(_STEPS_STRATEGY_CHART[key]),
        )
        ax.bar_label(
            bars,
            labels=[ctx.percent(float(v), digits=0) for v in values.fillna(0.0)],
            padding=3,
            fontsize=8,
        )
    ax.set_yticks(y, names)
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    top = max(float(v.fillna(0.0).max()) for _, v in series)
    ax.set_xlim(0, max(top * 1.15, 10.0))
    ax.legend(loc="lower right")
    return fig


# --- channels -----------------------------------------------------------------------------


@needs("events")
def channel_chart(ctx: ReportContext, view: StrategyView) -> Figure:
    """Return a heat map of the payment rate within 14 days (%) by segment and channel."""
    e = view.effectiveness
    e = e[e["segment"] != "unknown"]
    segments = [s for s in view.summary["segment"] if s in set(e["segment"])]
    channels = list(dict.fromkeys(e["channel"]))
    grid = np.full((len(segments), len(channels)), np.nan)
    counts = np.zeros_like(grid)
    for seg, chan, rate, sent in zip(
        e["segment"], e["channel"], e["payment_rate"], e["messages"], strict=True
    ):
        i, j = segments.index(str(seg)), channels.index(str(chan))
        grid[i, j], counts[i, j] = float(rate), float(sent)
    fig, ax = new_figure(
        xlabel=ctx.tr("Channel"),
        ylabel="",
        title=ctx.tr("Payment within 14 days of the message"),
        size=(8.0, 0.7 * max(len(segments), 1) + 1.8),
    )
    shown = np.where(counts >= MIN_MESSAGES, grid, np.nan)
    image = ax.imshow(shown, cmap="cividis", vmin=0, vmax=100, aspect="auto")
    ax.grid(False)
    for i in range(len(segments)):
        for j in range(len(channels)):
            if counts[i, j] == 0:
                continue
            value = ctx.percent(float(grid[i, j]), digits=0)
            few = counts[i, j] < MIN_MESSAGES
            text = f"({value})\nn={int(counts[i, j])}" if few else f"{value}\nn={int(counts[i, j])}"
            light = few or grid[i, j] < 55
            best = view.preferred.get(segments[i]) == channels[j] and not few
            ax.text(
                j,
                i,
                text,
                ha="center",
                va="center",
                fontsize=8,
                color="#6b7280" if few else ("white" if light else "black"),
                fontweight="bold" if best else "normal",
            )
    ax.set_xticks(range(len(channels)), [channel_name(ctx, c) for c in channels])
    ax.set_yticks(range(len(segments)), [segment_name(ctx, view, s) for s in segments])
    bar = fig.colorbar(image, ax=ax, shrink=0.8)
    bar.set_label(ctx.tr("Paid within 14 days (% of messages)"))
    return fig


# --- capacity -----------------------------------------------------------------------------


@needs("maps")
def capacity_chart(ctx: ReportContext, view: StrategyView) -> Figure:
    """Return the chart of workload against team capacity (hours a month), growth 0–100 %."""
    return plot_capacity(view.plan, language=ctx.language)
