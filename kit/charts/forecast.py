"""The forecast figure: weekly expected cash-in with its 80 % band, actual cash-in as points."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd
from matplotlib.figure import Figure

from kit.charts.style import OKABE_ITO, locale_axes, new_figure
from kit.i18n import thousands_unit

if TYPE_CHECKING:
    from kit.report.context import ReportContext

__all__ = ["plot_weekly_cash_in"]


def plot_weekly_cash_in(
    ctx: ReportContext, weeks: pd.DataFrame, *, title: str, actual: pd.Series | None = None
) -> Figure:
    """Return weekly bars of expected cash-in with the 80 % band (and actual as points)."""
    fig, ax = new_figure(
        xlabel=ctx.tr("Week from"),
        ylabel=ctx.tr(
            "Cash-in ({unit})", unit=thousands_unit(ctx.engagement.currency, ctx.language)
        ),
        title=title,
    )
    x = list(range(len(weeks)))
    expected = weeks["expected"].to_numpy(float)
    below = expected - weeks["low"].to_numpy(float)
    above = weeks["high"].to_numpy(float) - expected
    ax.bar(x, expected, color=OKABE_ITO[0], label=ctx.tr("expected"))
    ax.errorbar(
        x,
        expected,
        yerr=[below, above],
        fmt="none",
        ecolor="#333333",
        capsize=3,
        linewidth=1.2,
        label=ctx.tr("80 % band"),
    )
    if actual is not None:
        ax.plot(
            x,
            actual.to_numpy(float),
            "D",
            color=OKABE_ITO[1],
            markersize=6,
            label=ctx.tr("actual"),
        )
    labels = [ctx.date(pd.Timestamp(d).date()) for d in weeks["start"]]
    ax.set_xticks(x, labels, rotation=45, ha="right", fontsize=8)
    locale_axes(ax, ctx.language, x="skip", scale_y=1000.0)
    ax.legend(loc="upper right")
    return fig
