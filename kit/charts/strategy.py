"""The strategy figures: segment shares and payment rate by segment and channel."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from kit.charts.style import OKABE_ITO, locale_axes, new_figure
from kit.i18n import N_, NP_

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

if TYPE_CHECKING:
    from kit.report.context import ReportContext

__all__ = ["plot_channel_rates", "plot_segment_shares"]


def plot_segment_shares(
    ctx: ReportContext, summary: pd.DataFrame, *, names: Sequence[str]
) -> Figure:
    """Return a bar chart: share of customers, receivables and overdue receivables by segment (%).

    `summary` has one row per segment (first row on top), `names` the shown segment names.
    """
    s = summary.iloc[::-1]
    names = list(names)[::-1]
    total_overdue = float(summary["overdue"].sum())
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
    locale_axes(ax, ctx.language, y="skip")
    return fig


def plot_channel_rates(
    ctx: ReportContext,
    e: pd.DataFrame,
    *,
    segment_names: Mapping[str, str],
    channel_names: Mapping[str, str],
    preferred: Mapping[str, str],
    min_messages: int,
) -> Figure:
    """Return a heat map of the payment rate within 14 days (%) by segment and channel.

    `segment_names` and `channel_names` map the ids of the rows and columns (in order) to the
    shown names; a cell with fewer than `min_messages` messages is greyed, the preferred one bold.

    Long because a heat map with per-cell labels is drawn call by call on one axes.
    """
    segments, channels = list(segment_names), list(channel_names)
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
    shown = np.where(counts >= min_messages, grid, np.nan)
    image = ax.imshow(shown, cmap="cividis", vmin=0, vmax=100, aspect="auto")
    ax.grid(False)
    for i in range(len(segments)):
        for j in range(len(channels)):
            if counts[i, j] == 0:
                continue
            value = ctx.percent(float(grid[i, j]), digits=0)
            few = counts[i, j] < min_messages
            text = f"({value})\nn={int(counts[i, j])}" if few else f"{value}\nn={int(counts[i, j])}"
            light = few or grid[i, j] < 55
            best = preferred.get(segments[i]) == channels[j] and not few
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
    ax.set_xticks(range(len(channels)), list(channel_names.values()))
    ax.set_yticks(range(len(segments)), list(segment_names.values()))
    bar = fig.colorbar(image, ax=ax, shrink=0.8)
    bar.set_label(ctx.tr("Paid within 14 days (% of messages)"))
    locale_axes(bar.ax, ctx.language, x="skip", y="number")
    return fig
