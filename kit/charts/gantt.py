"""Gantt chart of the rollout: planned against actual bars per phase, today line, RAG colours."""

from __future__ import annotations

from datetime import date, timedelta

import matplotlib.dates as mdates
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from kit.charts.style import STATUS_COLOURS, locale_axes, new_figure
from kit.i18n import Language, fmt_date, fmt_percent, tr
from kit.i18n.labels import ROLLOUT_RAG, ROLLOUT_STATUS
from kit.rollout.status import RolloutStatus

__all__ = ["RAG_STYLE", "plot_gantt"]

# The report's status colours (Okabe–Ito, safe for colour-blind readers) plus a hatch per RAG, so
# the status also reads in greyscale print; the status word is written next to every bar as well.
RAG_STYLE: dict[str, dict[str, str]] = {
    "green": {"color": STATUS_COLOURS["good"], "hatch": ""},
    "amber": {"color": STATUS_COLOURS["warn"], "hatch": ".."},
    "red": {"color": STATUS_COLOURS["bad"], "hatch": "xx"},
    "grey": {"color": STATUS_COLOURS["neutral"], "hatch": "//"},
}
_PLANNED = "#56B4E9"


def _num(day: date) -> float:
    return float(mdates.date2num(day))  # type: ignore[no-untyped-call]


def _days(start: date, end: date) -> float:
    # a phase planned from Monday to Friday covers five days: the end day is included
    return float((end - start).days + 1)


def plot_gantt(
    status: RolloutStatus, *, language: Language | None = None, today: date | None = None
) -> Figure:
    """Return a Gantt chart: per phase a planned bar (top) and an actual bar (bottom, RAG colour).

    Actual bars run from the actual start to the actual end, or to `today` while the phase is
    open. A dashed line marks today; labels give status, percent and slippage in days. Like every
    kit figure it stays open in pyplot, so a notebook cell shows it once.

    Long because a figure is drawn call by call (bars, today line, axis, legend); split, each piece
    would need the same axes and scales.
    """
    language = language or status.language
    today = today or status.today
    rows = len(status.phases)
    fig, ax = new_figure(
        xlabel=tr("Date", language), ylabel="", size=(10, 1.0 + 0.62 * max(rows, 1))
    )
    dated = [p for p in status.phases if p.phase.start or p.phase.end or p.actual_start]
    ax.set_title(tr("Rollout plan: planned and actual", language), loc="left", fontsize=12, pad=18)
    if not dated:
        ax.text(0.5, 0.5, tr("No phase has planned dates.", language), ha="center", va="center",
                transform=ax.transAxes)  # fmt: skip
        ax.set_axis_off()
        return fig
    for index, item in enumerate(status.phases):
        y = rows - 1 - index
        plan = item.phase
        if plan.start and plan.end:
            ax.barh(y + 0.18, _days(plan.start, plan.end), left=_num(plan.start),
                    height=0.3, color=_PLANNED, edgecolor="#1f1f1f", linewidth=0.6)  # fmt: skip
        start = item.actual_start
        if start is not None:
            end = item.actual_end or max(today, start)
            style = RAG_STYLE[item.rag]
            ax.barh(y - 0.18, _days(start, end), left=_num(start), height=0.3,
                    color=style["color"], hatch=style["hatch"], edgecolor="#1f1f1f",
                    linewidth=0.6)  # fmt: skip
        percent = fmt_percent(item.percent, language, digits=0)
        label = f"{tr(ROLLOUT_STATUS[item.status], language)} · {percent}"
        if item.slippage_days:
            label += f" · {item.slippage_days:+d} {tr('days', language)}"
        dates = (plan.end, item.actual_end, start and max(today, start), plan.start)
        anchor = max((d for d in dates if d), default=today)  # a phase without dates: at T
        ax.text(_num(anchor + timedelta(days=2)), y, label, va="center", fontsize=8.5)
    ax.set_yticks(range(rows), [p.name for p in reversed(status.phases)], fontsize=9.5)
    ax.axvline(_num(today), color="#1f1f1f", linestyle="--", linewidth=1.2)
    ax.text(_num(today), 1.01, tr("as of {date}", language,
            date=fmt_date(today, language)), ha="center", va="bottom", fontsize=8.5,
            transform=ax.get_xaxis_transform())  # fmt: skip
    ax.set_ylim(-0.7, rows - 0.2)
    left, right = ax.get_xlim()
    if right - left < 28:  # a plan without dates: four weeks around T, so the axis reads as dates
        ax.set_xlim(min(left, _num(today) - 14), max(right, _num(today) + 14))
    left, right = ax.get_xlim()
    # Weekly ticks for a few weeks (the automatic ones restart on the 1st, next to the 29th).
    locator: mdates.DateLocator = (
        mdates.WeekdayLocator(byweekday=mdates.MO)  # type: ignore[no-untyped-call]
        if right - left <= 70
        else mdates.AutoDateLocator(minticks=4, maxticks=10)  # type: ignore[no-untyped-call]
    )
    ax.xaxis.set_major_locator(locator)
    # Month ticks in the one month format; a plan of a few weeks gets dated ticks instead.
    locale_axes(ax, language, x="month" if right - left > 120 else "date", y="skip")
    left, right = ax.get_xlim()
    ax.set_xlim(left, right + (right - left) * 0.18)  # room for the labels right of the bars
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", color="#e5e7eb", linewidth=0.8)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    handles = [Patch(facecolor=_PLANNED, edgecolor="#1f1f1f", label=tr("planned", language))]
    handles += [
        Patch(facecolor=s["color"], hatch=s["hatch"], edgecolor="#1f1f1f",
              label=f"{tr('actual', language)}: {tr(ROLLOUT_RAG[rag], language)}")
        for rag, s in RAG_STYLE.items()
        if rag != "grey"
    ]  # fmt: skip
    fig.legend(handles=handles, loc="outside lower center", ncol=4, frameon=False, fontsize=8.5)
    return fig
