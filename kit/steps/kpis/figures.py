"""Step 04 figures: aging bars, monthly DSO trend, DSO per segment, dunning funnel."""

from __future__ import annotations

from babel.numbers import get_currency_symbol
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from kit.i18n import N_, locale_of
from kit.kpis import BUCKETS, REGISTRY
from kit.kpis.aftercare import FUNNEL_STAGES
from kit.report import OKABE_ITO, STATUS_COLOURS, Html, new_figure, note
from kit.report.context import ReportContext
from kit.steps.kpis.view import KpisView
from kit.steps.wording import kpi_name, month_name, note_text

_STEPS_KPIS_BUCKET: dict[str, str] = {
    "1-30": N_("1–30"),
    "31-60": N_("31–60"),
    "61-90": N_("61–90"),
    "91-180": N_("91–180"),
    ">180": N_("over 180"),
    "current": N_("current"),
}

_STEPS_KPIS_STAGE: dict[str, str] = {
    "clicked": N_("clicked"),
    "delivered": N_("delivered"),
    "opened": N_("opened"),
    "paid": N_("paid (14 days)"),
    "sent": N_("sent"),
}

__all__ = [
    "aging_figure",
    "funnel_figure",
    "segment_figure",
    "trend_figure",
]


def _currency(ctx: ReportContext) -> str:
    return str(get_currency_symbol(ctx.engagement.currency, locale=locale_of(ctx.language)))


def _thousands_axis(ctx: ReportContext, axis: object) -> None:
    axis.set_major_formatter(FuncFormatter(lambda x, _: ctx.number(x / 1000.0, digits=0)))  # type: ignore[attr-defined]


def aging_figure(ctx: ReportContext, view: KpisView) -> Figure:
    """Return the bar chart of open amounts by aging bucket (thousands of the currency)."""
    aging = view.result.aging
    fig, ax = new_figure(
        xlabel=ctx.tr("Days past due (by due date)"),
        ylabel=ctx.tr("Open amount ({currency} thousand)", currency=_currency(ctx)),
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
    labels = [ctx.tr(_STEPS_KPIS_BUCKET[b]) for b in BUCKETS]
    bars = ax.bar(labels, aging["amount"], color=colours)
    total = float(aging["amount"].sum()) or 1.0
    ax.bar_label(bars, labels=[ctx.percent(a / total * 100.0) for a in aging["amount"]], padding=2)
    _thousands_axis(ctx, ax.yaxis)
    ax.margins(y=0.12)
    return fig


def trend_figure(ctx: ReportContext, view: KpisView) -> Figure | None:
    """Return the line chart of DSO, best possible DSO and ADD at each month end (days).

    None for an open-items list: it has no history to draw.
    """
    if view.open_items_on is not None:
        return None
    s = view.series
    fig, ax = new_figure(
        xlabel=ctx.tr("Month end"),
        ylabel=ctx.tr("Days"),
        title=ctx.tr("DSO, best possible DSO and days delinquent at each month end"),
    )
    x = [month_name(ctx, d, pattern="MMM yy") for d in s.index]
    for kpi, colour in (("dso", OKABE_ITO[0]), ("bpdso", OKABE_ITO[2]), ("add", OKABE_ITO[3])):
        ax.plot(x, s[kpi], marker="o", color=colour, label=kpi_name(ctx, kpi))
    crf = REGISTRY["dso"].reference
    ax.axhline(
        crf or 0.0,
        color="#6b7280",
        linestyle="--",
        linewidth=1.2,
        label=ctx.tr("CRF median DSO ({value})", value=ctx.days(crf)),
    )
    ax.yaxis.set_major_formatter(FuncFormatter(lambda y, _: ctx.number(y, digits=0)))
    ax.set_ylim(bottom=0)
    ax.tick_params(axis="x", labelrotation=45)
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    return fig


def segment_figure(ctx: ReportContext, view: KpisView) -> Figure | Html:
    """Return DSO per segment as stacked bars (BPDSO + ADD, days), or a note without segments."""
    seg = view.by_segment
    if seg is None or seg.empty:
        return note(
            ctx,
            ctx.tr("The data hold no customer segment; a breakdown by segment is not possible."),
        )
    seg = seg.sort_values("dso", na_position="first")
    fig, ax = new_figure(
        xlabel=ctx.tr("Days"),
        ylabel=ctx.tr("Segment"),
        title=ctx.tr("DSO by customer segment: best possible DSO + delay"),
    )
    names = [str(i) for i in seg.index]
    ax.barh(names, seg["bpdso"].fillna(0), color=OKABE_ITO[2], label=kpi_name(ctx, "bpdso"))
    bars = ax.barh(
        names,
        seg["add"].fillna(0),
        left=seg["bpdso"].fillna(0),
        color=OKABE_ITO[3],
        label=kpi_name(ctx, "add"),
    )
    ax.bar_label(bars, labels=[f"DSO {ctx.number(d)}" for d in seg["dso"]], padding=3)
    ax.axvline(
        REGISTRY["dso"].reference or 0.0,
        color="#6b7280",
        linestyle="--",
        linewidth=1.2,
        label=ctx.tr("CRF median DSO ({value})", value=ctx.days(REGISTRY["dso"].reference)),
    )
    ax.grid(axis="x")
    ax.grid(axis="y", visible=False)
    ax.set_axisbelow(True)
    ax.margins(x=0.18)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.15), ncol=3)
    return fig


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
    fig, ax = new_figure(
        xlabel=ctx.tr("Number of messages (share of sent)"),
        ylabel=ctx.tr("Stage"),
        title=ctx.tr(
            "Dunning funnel of the last {days} days (all channels)", days=view.result.period_days
        ),
    )
    stages = [ctx.tr(_STEPS_KPIS_STAGE[s]) for s in FUNNEL_STAGES]
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
    ax.grid(axis="x")
    ax.grid(axis="y", visible=False)
    ax.set_axisbelow(True)
    ax.margins(x=0.2)
    return fig
