"""Step 04 (baseline KPIs): summary, tiles, aging, trend, segments, disputes, dunning, data quality.

Every number comes from `kit.kpis` (specs/kpis.md) and `kit.ingest.data_quality`; this module only
picks, compares and words them. Reference values (CRF medians, receeve's collection range) are
always shown with their source and never as the client's numbers. A tile's status compares the
value with its reference in the KPI's better direction: at or better than the reference is good,
worse by at most 10 % of the reference is warn, else bad; without a reference it is neutral.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import matplotlib.pyplot as plt
import pandas as pd
from babel.dates import format_date
from babel.numbers import get_currency_symbol
from IPython.display import display
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from kit.engagement import Goal
from kit.errors import ConfigError
from kit.ingest import DataQuality, data_quality, load_ledger
from kit.kpis import (
    BUCKETS,
    REGISTRY,
    KpiResult,
    compute_kpis,
    dunning_funnel,
    kpi_series,
    kpis_by,
    top_overdue,
)
from kit.kpis.aftercare import FUNNEL_STAGES
from kit.report import (
    OKABE_ITO,
    STATUS_COLOURS,
    Html,
    Tile,
    glossary,
    headline,
    new_figure,
    note,
    summary,
    table,
    tiles,
)
from kit.report.context import ReportContext
from kit.report.format import locale_of

__all__ = [
    "HEADLINE_KPIS",
    "RECEEVE_RANGE",
    "KpisView",
    "aging_figure",
    "aging_rows",
    "aging_table",
    "digital_table",
    "dispute_tiles",
    "funnel_figure",
    "funnel_table",
    "headline_tiles",
    "kpi_status",
    "kpi_table",
    "kpis_glossary",
    "kpis_headline",
    "kpis_summary",
    "kpis_tiles",
    "load_kpis",
    "note_text",
    "quality_anomalies",
    "quality_overview",
    "segment_figure",
    "segment_table",
    "show",
    "summary_lines",
    "table_value",
    "top_overdue_table",
    "trend_figure",
]

#: KPIs of the headline tiles, in display order.
HEADLINE_KPIS = (
    "dso",
    "bpdso",
    "add",
    "cei",
    "pct_current",
    "collection_rate",
    "paid_within_45_rate",
)
#: receeve: companies collect on average 60–70 % of MRR (lower, upper edge in percent).
RECEEVE_RANGE = (60.0, 70.0)
_DIGITAL = (
    "email_bounce_rate",
    "email_open_rate",
    "email_click_rate",
    "click_to_open_rate",
    "landing_page_views",
    "response_time_hours",
    "payment_success_rate",
    "dunning_conversion_rate",
)
_DISPUTES = ("dispute_rate", "disputed_ar", "dispute_days_to_resolve")
_OLD = ("91-180", ">180")  # aging buckets older than 90 days past due
_TOLERANCE = 0.10  # worse than the reference by at most 10 % of it: warn
# Engine note texts (kit.kpis) → catalogue keys of kpis.yaml.
_NOTES = {
    "no invoices issued in window": "no_sales",
    "no open receivables at as-of date": "no_ar",
    "CEI denominator (opening AR + sales − current AR) is 0": "cei_zero",
    "no invoices due in window": "no_due",
    "no invoices settled in window": "no_settled",
    "no dispute data (neither a disputed flag nor a disputes table)": "no_disputes",
    "no disputes resolved in window": "no_resolved",
    "no disputes table with resolved_date": "no_resolved_date",
    "no dunning_events data": "no_dunning",
    "no emails sent in window": "no_emails",
    "no emails delivered in window": "no_delivered",
    "no emails opened in window": "no_opened",
    "no response within 14 days of a reminder sent in window": "no_response",
    "no payment attempts with an outcome in window": "no_attempts",
    "no reminders sent in window": "no_reminders",
    "countback truncated: sales history ran out before AR was covered": "countback_truncated",
    "overpaid invoices counted as 0 open (see warnings)": "overpaid",
}


@dataclass(frozen=True)
class KpisView:
    """Everything notebook 04 shows: KPIs at T, monthly series, breakdowns, funnel, data quality."""

    result: KpiResult
    series: pd.DataFrame  # month ends (and T) × KPI ids
    by_segment: pd.DataFrame | None  # segment × KPI ids; None without a segment column
    top: pd.DataFrame  # top overdue customers (kit.kpis.top_overdue)
    funnel: pd.DataFrame  # channel (+ total) × funnel stage, message counts
    quality: DataQuality

    @property
    def values(self) -> dict[str, float | None]:
        """Return every KPI value at T (None = null)."""
        return self.result.values


def show(item: Figure | Html | None) -> None:
    """Display a figure (then close it) or a block once in the report; returns nothing."""
    if item is None:
        return
    display(item)
    if isinstance(item, Figure):
        plt.close(item)


def load_kpis(ctx: ReportContext) -> KpisView:
    """Return the KPI view of the engagement at the report's as-of date."""
    eng, t = ctx.engagement, ctx.as_of
    ledger = load_ledger(eng)
    p, g = eng.period_days, eng.goal_days
    try:
        by_segment: pd.DataFrame | None = kpis_by(
            ledger, "segment", as_of=t, period_days=p, goal_days=g
        )
    except ConfigError:  # neither invoices nor customers carry a segment
        by_segment = None
    return KpisView(
        result=compute_kpis(ledger, as_of=t, period_days=p, goal_days=g),
        series=kpi_series(ledger, as_of=t, months=12, period_days=p, goal_days=g),
        by_segment=by_segment,
        top=top_overdue(ledger, as_of=t, n=10),
        funnel=dunning_funnel(ledger, as_of=t, period_days=eng.period_days),
        quality=data_quality(ledger, as_of=t),
    )


# -- wording helpers ---------------------------------------------------------------------------


def _name(ctx: ReportContext, kpi: str) -> str:
    """Return the KPI name in the report language, capitalised as a label."""
    if kpi == "paid_within_45_rate":
        return ctx.t("steps.kpis.paid_within", days=ctx.engagement.goal_days)
    info = REGISTRY[kpi]
    name = info.name_de if ctx.language == "de" else info.name_en
    return name[:1].upper() + name[1:]


def _fmt(ctx: ReportContext, kpi: str, value: float | None, *, digits: int = 1) -> str:
    unit = REGISTRY[kpi].unit
    if unit == "days":
        return ctx.days(value, digits=digits)
    if unit == "percent":
        return ctx.percent(value, digits=digits)
    if unit == "currency":
        return ctx.money(value, digits=0)
    if unit == "hours":
        return (
            f"{ctx.number(value, digits=digits)}\u00a0h" if value is not None else ctx.number(None)
        )
    return ctx.number(value, digits=0)


def _target(ctx: ReportContext, kpi: str, value: float) -> str:
    """Return a goal target as written: whole numbers without decimals ("40 Tage")."""
    return _fmt(ctx, kpi, value, digits=0 if float(value).is_integer() else 1)


def _goal(ctx: ReportContext, kpi: str) -> Goal | None:
    return next((g for g in ctx.engagement.goals if g.kpi == kpi), None)


def _crf(ctx: ReportContext) -> str:
    return ctx.t("steps.kpis.crf")


def note_text(ctx: ReportContext, text: str) -> str:
    """Return an engine note (why a KPI is null, or a caveat) in the report language."""
    key = _NOTES.get(text)
    return ctx.t("kpis.note." + key) if key else text


def kpi_status(kpi: str, value: float | None, reference: float | None) -> str:
    """Return good / warn / bad comparing value with reference in the KPI's direction."""
    if value is None or reference is None:
        return "neutral"
    up = REGISTRY[kpi].direction == "up"
    if (value >= reference) if up else (value <= reference):
        return "good"
    return "warn" if abs(value - reference) <= _TOLERANCE * abs(reference) else "bad"


def _receeve_status(value: float | None) -> str:
    if value is None:
        return "neutral"
    low, high = RECEEVE_RANGE
    return "good" if value >= high else "warn" if value >= low else "bad"


# -- tiles and headline ------------------------------------------------------------------------


def _tile(ctx: ReportContext, kpi: str, value: float | None) -> Tile:
    info, goal = REGISTRY[kpi], _goal(ctx, kpi)
    unit = {"days": "days", "percent": "percent", "currency": "money"}.get(info.unit, "number")
    digits = 0 if unit == "money" else 1
    goal_note = (
        ctx.t(
            "steps.kpis.tile.goal",
            target=_target(ctx, kpi, goal.target),
            date=ctx.date(goal.deadline),
        )
        if goal
        else None
    )
    if info.reference is not None:
        return Tile(
            _name(ctx, kpi),
            value,
            unit,
            info.reference,
            _crf(ctx),
            kpi_status(kpi, value, info.reference),
            digits,
            goal_note,
        )
    if kpi == "collection_rate":
        return Tile(
            _name(ctx, kpi),
            value,
            unit,
            status=_receeve_status(value),
            note=ctx.t("steps.kpis.tile.receeve"),
        )
    if goal is not None:
        status = kpi_status(kpi, value, goal.target)
        source = ctx.t("steps.kpis.tile.goal_source", date=ctx.date(goal.deadline))
        return Tile(_name(ctx, kpi), value, unit, goal.target, source, status, digits)
    return Tile(_name(ctx, kpi), value, unit, status="neutral", digits=digits)


def headline_tiles(ctx: ReportContext, view: KpisView) -> list[Tile]:
    """Return the headline tiles (HEADLINE_KPIS) with their reference, source and status."""
    return [_tile(ctx, k, view.values[k]) for k in HEADLINE_KPIS]


def dispute_tiles(ctx: ReportContext, view: KpisView) -> Html:
    """Return the dispute KPI tiles (rate, disputed receivables, days to resolve)."""
    items = [_tile(ctx, k, view.values[k]) for k in _DISPUTES]
    items = [
        Tile(
            i.label,
            i.value,
            i.unit,
            status=i.status,
            digits=i.digits,
            note=note_text(ctx, view.result.notes[k]) if k in view.result.notes else None,
        )
        for k, i in zip(_DISPUTES, items, strict=True)
    ]
    return tiles(ctx, items)


def kpis_headline(ctx: ReportContext, view: KpisView) -> None:
    """Publish the index card: DSO with its target (or the CRF median) and the overdue share."""
    dso, goal = view.values["dso"], _goal(ctx, "dso")
    ref = goal.target if goal else REGISTRY["dso"].reference
    key = "steps.kpis.headline.value" + ("" if goal else "_crf")
    value = ctx.t(key, dso=ctx.days(dso), target=ctx.number(ref, digits=0 if goal else 1))
    overdue = 100.0 - view.values["pct_current"] if view.values["pct_current"] is not None else None
    takeaway = ctx.t(
        "steps.kpis.headline.takeaway",
        overdue=ctx.percent(overdue),
        amount=ctx.money(view.values["ar_overdue"], digits=0),
    )
    headline(
        ctx,
        title=ctx.t("steps.kpis.headline.title"),
        value_text=value,
        takeaway=takeaway,
        status=kpi_status("dso", dso, ref),
    )


def kpis_tiles(ctx: ReportContext, view: KpisView) -> Html:
    """Return the headline tiles block."""
    return tiles(ctx, headline_tiles(ctx, view))


# -- executive summary -------------------------------------------------------------------------


def _old(view: KpisView) -> tuple[float, int]:
    aging = view.result.aging.loc[list(_OLD)]
    return float(aging["amount"].sum()), int(aging["count"].sum())


def summary_lines(ctx: ReportContext, view: KpisView) -> tuple[list[str], list[str], list[str]]:
    """Return the summary's found / means / next-steps sentences, built from the results."""
    v, t = view.values, ctx.t
    found: list[str] = []
    means: list[str] = []
    steps: list[str] = []
    dso, bpdso, add, crf = v["dso"], v["bpdso"], v["add"], REGISTRY["dso"].reference or 0.0
    if dso is None or bpdso is None or add is None:
        found.append(t("steps.kpis.found.no_dso", why=note_text(ctx, view.result.notes["dso"])))
    else:
        side = "above" if dso > crf else "below"
        found.append(
            t(
                "steps.kpis.found.dso." + side,
                dso=ctx.days(dso),
                gap=ctx.days(abs(dso - crf)),
                crf=ctx.days(crf),
                bpdso=ctx.days(bpdso),
                add=ctx.days(add),
                add_crf=ctx.days(REGISTRY["add"].reference),
            )
        )
    old_amount, old_count = _old(view)
    if v["pct_current"] is not None:
        found.append(
            t(
                "steps.kpis.found.overdue",
                share=ctx.percent(100.0 - v["pct_current"]),
                amount=ctx.money(v["ar_overdue"], digits=0),
                total=ctx.money(v["ar_total"], digits=0),
                old=ctx.money(old_amount, digits=0),
                old_count=old_count,
            )
        )
    seg = view.by_segment
    if seg is not None and seg["dso"].notna().any():
        top_dso, top_add = str(seg["dso"].idxmax()), str(seg["add"].idxmax())
        found.append(
            t(
                "steps.kpis.found.segment",
                segment=top_dso,
                dso=ctx.days(seg["dso"].loc[top_dso]),
                add=ctx.days(seg["add"].loc[top_dso]),
            )
        )
        if top_add != top_dso:
            found[-1] += " " + t(
                "steps.kpis.found.segment_add",
                segment=top_add,
                add=ctx.days(seg["add"].loc[top_add]),
            )
    trend = view.series["dso"].dropna()
    if len(trend) >= 2:
        peak = trend.index[int(trend.to_numpy().argmax())]
        found.append(
            t(
                "steps.kpis.found.trend",
                start=ctx.days(trend.iloc[0]),
                first=_month(ctx, trend.index[0]),
                end=ctx.days(trend.iloc[-1]),
                peak=ctx.days(trend.max()),
                peak_month=_month(ctx, peak),
            )
        )
    if v["cei"] is not None:
        side = (
            "good" if kpi_status("cei", v["cei"], REGISTRY["cei"].reference) == "good" else "weak"
        )
        found.append(
            t(
                "steps.kpis.found.cei." + side,
                cei=ctx.percent(v["cei"]),
                crf=ctx.percent(REGISTRY["cei"].reference),
                within=ctx.percent(v["paid_within_45_rate"]),
                days=ctx.engagement.goal_days,
            )
        )
    sales = v["credit_sales"]
    if add is not None and dso is not None and sales:
        per_day = sales / view.result.period_days
        means.append(
            t(
                "steps.kpis.means.tied",
                add=ctx.days(add),
                per_day=ctx.money(per_day, digits=0),
                tied=ctx.money(add * per_day, digits=0),
            )
        )
        if dso > crf:
            means.append(
                t(
                    "steps.kpis.means.crf",
                    crf=ctx.days(crf),
                    cash=ctx.money((dso - crf) * per_day, digits=0),
                )
            )
        goal = _goal(ctx, "dso")
        if goal is not None and dso > goal.target:
            means.append(
                t(
                    "steps.kpis.means.goal",
                    target=_target(ctx, "dso", goal.target),
                    date=ctx.date(goal.deadline),
                    gap=ctx.days(dso - goal.target),
                    cash=ctx.money((dso - goal.target) * per_day, digits=0),
                )
            )
    if old_amount > 0:
        share = old_amount / v["ar_overdue"] * 100.0 if v["ar_overdue"] else None
        means.append(t("steps.kpis.means.old", share=ctx.percent(share)))
        steps.append(
            t(
                "steps.kpis.next.old",
                amount=ctx.money(old_amount, digits=0),
                count=old_count,
                days=ctx.engagement.strategy.agency_days_overdue,
            )
        )
    if len(view.top):
        first = view.top.iloc[0]
        n = len(view.top)
        share = (
            view.top["overdue_amount"].sum() / v["ar_overdue"] * 100.0 if v["ar_overdue"] else None
        )
        steps.append(
            t(
                "steps.kpis.next.top",
                n=n,
                share=ctx.percent(share),
                name=first["name"] or first["customer_id"],
                amount=ctx.money(first["overdue_amount"], digits=0),
            )
        )
    if seg is not None and seg["add"].notna().any():
        steps.append(t("steps.kpis.next.segment", segment=seg["add"].idxmax()))
    if v["disputed_ar"]:
        steps.append(
            t(
                "steps.kpis.next.disputes",
                amount=ctx.money(v["disputed_ar"], digits=0),
                days=ctx.days(v["dispute_days_to_resolve"]),
            )
        )
    steps.append(t("steps.kpis.next.baseline"))
    return found, means, steps


def kpis_summary(ctx: ReportContext, view: KpisView) -> Html:
    """Return the executive summary block built from the results."""
    found, means, steps = summary_lines(ctx, view)
    return summary(ctx, found=found, means=means, next_steps=steps)


def _month(ctx: ReportContext, stamp: pd.Timestamp | date, *, pattern: str = "MMMM yyyy") -> str:
    return format_date(pd.Timestamp(stamp).date(), format=pattern, locale=locale_of(ctx.language))


# -- aging -------------------------------------------------------------------------------------


def aging_rows(ctx: ReportContext, view: KpisView) -> pd.DataFrame:
    """Return the aging rows: bucket, amount (currency), count, share of AR (%), total row."""
    aging = view.result.aging
    total = float(aging["amount"].sum())
    frame = pd.DataFrame(
        {
            "bucket": [ctx.t("steps.kpis.bucket." + b) for b in BUCKETS],
            "amount": aging["amount"].to_numpy(),
            "count": aging["count"].to_numpy(),
            "share": aging["amount"].to_numpy() / total * 100.0 if total else float("nan"),
        }
    )
    total_row = {
        "bucket": ctx.t("steps.kpis.total"),
        "amount": total,
        "count": int(aging["count"].sum()),
        "share": 100.0 if total else float("nan"),
    }
    return pd.concat([frame, pd.DataFrame([total_row])], ignore_index=True)


def aging_table(ctx: ReportContext, view: KpisView) -> Html:
    """Return the aging table block (amount, count, share; summing to total receivables)."""
    frame = aging_rows(ctx, view)
    labels = {c: ctx.t("steps.kpis.col." + c) for c in frame.columns}
    return table(
        ctx,
        frame,
        formats={"amount": "money", "count": "number:0", "share": "percent"},
        labels=labels,
        caption=ctx.t("steps.kpis.aging_caption", as_of=ctx.date(ctx.as_of)),
    )


def _currency(ctx: ReportContext) -> str:
    return str(get_currency_symbol(ctx.engagement.currency, locale=locale_of(ctx.language)))


def _thousands_axis(ctx: ReportContext, axis: object) -> None:
    axis.set_major_formatter(FuncFormatter(lambda x, _: ctx.number(x / 1000.0, digits=0)))  # type: ignore[attr-defined]


def aging_figure(ctx: ReportContext, view: KpisView) -> Figure:
    """Return the bar chart of open amounts by aging bucket (thousands of the currency)."""
    aging = view.result.aging
    fig, ax = new_figure(
        xlabel=ctx.t("steps.kpis.fig.bucket"),
        ylabel=ctx.t("steps.kpis.fig.amount_k", currency=_currency(ctx)),
        title=ctx.t("steps.kpis.fig.aging"),
    )
    colours = [
        STATUS_COLOURS["good"],
        OKABE_ITO[4],
        OKABE_ITO[1],
        OKABE_ITO[1],
        OKABE_ITO[3],
        OKABE_ITO[3],
    ]
    labels = [ctx.t("steps.kpis.bucket." + b) for b in BUCKETS]
    bars = ax.bar(labels, aging["amount"], color=colours)
    total = float(aging["amount"].sum()) or 1.0
    ax.bar_label(bars, labels=[ctx.percent(a / total * 100.0) for a in aging["amount"]], padding=2)
    _thousands_axis(ctx, ax.yaxis)
    ax.margins(y=0.12)
    return fig


# -- trend and segments ------------------------------------------------------------------------


def trend_figure(ctx: ReportContext, view: KpisView) -> Figure:
    """Return the line chart of DSO, best possible DSO and ADD at each month end (days)."""
    s = view.series
    fig, ax = new_figure(
        xlabel=ctx.t("steps.kpis.fig.month"),
        ylabel=ctx.t("steps.kpis.fig.days"),
        title=ctx.t("steps.kpis.fig.trend"),
    )
    x = [_month(ctx, d, pattern="MMM yy") for d in s.index]
    for kpi, colour in (("dso", OKABE_ITO[0]), ("bpdso", OKABE_ITO[2]), ("add", OKABE_ITO[3])):
        ax.plot(x, s[kpi], marker="o", color=colour, label=_name(ctx, kpi))
    crf = REGISTRY["dso"].reference
    ax.axhline(
        crf or 0.0,
        color="#6b7280",
        linestyle="--",
        linewidth=1.2,
        label=ctx.t("steps.kpis.fig.crf_dso", value=ctx.days(crf)),
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
        return note(ctx, ctx.t("steps.kpis.no_segment"))
    seg = seg.sort_values("dso", na_position="first")
    fig, ax = new_figure(
        xlabel=ctx.t("steps.kpis.fig.days"),
        ylabel=ctx.t("steps.kpis.fig.segment"),
        title=ctx.t("steps.kpis.fig.segments"),
    )
    names = [str(i) for i in seg.index]
    ax.barh(names, seg["bpdso"].fillna(0), color=OKABE_ITO[2], label=_name(ctx, "bpdso"))
    bars = ax.barh(
        names,
        seg["add"].fillna(0),
        left=seg["bpdso"].fillna(0),
        color=OKABE_ITO[3],
        label=_name(ctx, "add"),
    )
    ax.bar_label(bars, labels=[f"DSO {ctx.number(d)}" for d in seg["dso"]], padding=3)
    ax.axvline(
        REGISTRY["dso"].reference or 0.0,
        color="#6b7280",
        linestyle="--",
        linewidth=1.2,
        label=ctx.t("steps.kpis.fig.crf_dso", value=ctx.days(REGISTRY["dso"].reference)),
    )
    ax.grid(axis="x")
    ax.grid(axis="y", visible=False)
    ax.set_axisbelow(True)
    ax.margins(x=0.18)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.15), ncol=3)
    return fig


def segment_table(ctx: ReportContext, view: KpisView) -> Html | None:
    """Return per segment: receivables, overdue, DSO, BPDSO, ADD, % current, paid within goal."""
    seg = view.by_segment
    if seg is None or seg.empty:
        return None
    cols = ["ar_total", "ar_overdue", "dso", "bpdso", "add", "pct_current", "paid_within_45_rate"]
    frame = seg[cols].reset_index().rename(columns={seg.index.name or "index": "segment"})
    labels = {c: ctx.t("steps.kpis.short." + c, days=ctx.engagement.goal_days) for c in cols}
    labels["segment"] = ctx.t("steps.kpis.fig.segment")
    formats = {
        "ar_total": "money:0",
        "ar_overdue": "money:0",
        "dso": "days",
        "bpdso": "days",
        "add": "days",
        "pct_current": "percent",
        "paid_within_45_rate": "percent",
    }
    worst = seg["add"].idxmax() if seg["add"].notna().any() else None
    return table(
        ctx,
        frame,
        formats=formats,
        labels=labels,
        highlight=list(seg.index == worst),
        caption=ctx.t("steps.kpis.segment_caption"),
    )


def top_overdue_table(ctx: ReportContext, view: KpisView) -> Html:
    """Return the top overdue customers: amount, share of overdue AR, invoices, oldest dpd."""
    top = view.top.copy()
    overdue = view.values["ar_overdue"] or 0.0
    top["share"] = top["overdue_amount"] / overdue * 100.0 if overdue else float("nan")
    limit = ctx.engagement.strategy.agency_days_overdue
    frame = top[["customer_id", "name", "overdue_amount", "share", "invoices", "oldest_dpd"]]
    labels = {c: ctx.t("steps.kpis.col." + c) for c in frame.columns}
    formats = {
        "overdue_amount": "money",
        "share": "percent",
        "invoices": "number:0",
        "oldest_dpd": "number:0",
    }
    return table(
        ctx,
        frame,
        formats=formats,
        labels=labels,
        highlight=list(top["oldest_dpd"] > limit),
        caption=ctx.t("steps.kpis.top_caption", n=len(top), days=limit),
    )


# -- digital dunning ---------------------------------------------------------------------------


def funnel_figure(ctx: ReportContext, view: KpisView) -> Figure | Html:
    """Return the dunning funnel (messages sent → delivered → opened → clicked → paid)."""
    if "total" not in view.funnel.index:
        return note(ctx, note_text(ctx, view.result.notes.get("email_bounce_rate", "")))
    total = view.funnel.loc["total"]
    fig, ax = new_figure(
        xlabel=ctx.t("steps.kpis.fig.messages"),
        ylabel=ctx.t("steps.kpis.fig.stage"),
        title=ctx.t("steps.kpis.fig.funnel", days=view.result.period_days),
    )
    stages = [ctx.t("steps.kpis.stage." + s) for s in FUNNEL_STAGES]
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


def funnel_table(ctx: ReportContext, view: KpisView) -> Html:
    """Return the dunning funnel per channel (message counts per stage, total row last)."""
    frame = view.funnel.reset_index()
    frame["channel"] = [ctx.t("steps.kpis.channel." + str(c)) for c in frame["channel"]]
    labels = {"channel": ctx.t("steps.kpis.col.channel")} | {
        s: ctx.t("steps.kpis.stage." + s) for s in FUNNEL_STAGES
    }
    return table(
        ctx,
        frame,
        formats={s: "number:0" for s in FUNNEL_STAGES},
        labels=labels,
        caption=ctx.t("steps.kpis.funnel_caption"),
    )


def digital_table(ctx: ReportContext, view: KpisView) -> Html:
    """Return the digital-dunning KPI table (bounce, open, click … dunning conversion)."""
    return _kpi_rows(ctx, view, _DIGITAL, caption=ctx.t("steps.kpis.digital_caption"))


# -- data quality ------------------------------------------------------------------------------


def quality_overview(ctx: ReportContext, view: KpisView) -> Html:
    """Return rows and date range per table, then the coverage metrics (payments, open items)."""
    tab = view.quality.tables
    frame = pd.DataFrame(
        {
            "table": [ctx.t("report.source." + str(n)) for n in tab["table"]],
            "rows": tab["rows"],
            "first_date": tab["first_date"],
            "last_date": tab["last_date"],
        }
    )
    labels = {c: ctx.t("steps.kpis.col." + c) for c in frame.columns}
    first = table(
        ctx,
        frame,
        formats={"rows": "number:0", "first_date": "date", "last_date": "date"},
        labels=labels,
        caption=ctx.t("steps.kpis.tables_caption"),
    )
    met = view.quality.metrics
    kinds = {"count": "number:0", "%": "percent", "currency": "money"}
    values = [
        table_value(ctx, v, kinds.get(str(u), "number"))
        for v, u in zip(met["value"], met["unit"], strict=True)
    ]
    metrics = pd.DataFrame(
        {"metric": [ctx.t("steps.kpis.metric." + str(m)) for m in met["metric"]], "value": values}
    )
    second = table(
        ctx,
        metrics,
        formats={"value": "text"},
        labels={"metric": ctx.t("steps.kpis.col.metric"), "value": ctx.t("steps.kpis.col.value")},
        caption=ctx.t("steps.kpis.metrics_caption", as_of=ctx.date(ctx.as_of)),
    )
    return Html(first.html + second.html, f"{first.text}\n{second.text}")


def table_value(ctx: ReportContext, value: float, kind: str) -> str:
    """Return a metric value formatted as money, percent or whole number."""
    if kind == "money":
        return ctx.money(value)
    if kind == "percent":
        return ctx.percent(value)
    return ctx.number(value, digits=0)


def quality_anomalies(ctx: ReportContext, view: KpisView, *, n: int = 15) -> Html:
    """Return the largest `n` anomalies (overpayments, negative balances …) or a note."""
    found = view.quality.anomalies
    if found.empty:
        return note(ctx, ctx.t("steps.kpis.no_anomalies"))
    top = found.sort_values(
        ["amount", "invoice_id"], ascending=[False, True], na_position="last"
    ).head(n)
    frame = pd.DataFrame(
        {
            "kind": [ctx.t("steps.kpis.anomaly." + str(k)) for k in top["kind"]],
            "invoice_id": top["invoice_id"].fillna(""),
            "customer_id": top["customer_id"].fillna(""),
            "date": top["date"],
            "amount": top["amount"],
        }
    )
    labels = {c: ctx.t("steps.kpis.col." + c) for c in frame.columns}
    caption = ctx.t("steps.kpis.anomalies_caption", shown=len(top), total=len(found))
    return table(
        ctx,
        frame,
        formats={"invoice_id": "text", "customer_id": "text", "date": "date", "amount": "money"},
        labels=labels,
        caption=caption,
    )


# -- full KPI table and glossary ---------------------------------------------------------------


def _reference_text(ctx: ReportContext, kpi: str) -> str:
    info = REGISTRY[kpi]
    if info.reference is not None:
        return f"{_fmt(ctx, kpi, info.reference)} ({_crf(ctx)})"
    if kpi == "collection_rate":
        return ctx.t("steps.kpis.tile.receeve")
    return ""


def _kpi_rows(
    ctx: ReportContext, view: KpisView, kpis: tuple[str, ...] | list[str], *, caption: str
) -> Html:
    v, notes = view.values, view.result.notes
    rows = []
    for kpi in kpis:
        ref = REGISTRY[kpi].reference
        status = (
            _receeve_status(v[kpi]) if kpi == "collection_rate" else kpi_status(kpi, v[kpi], ref)
        )
        rows.append(
            {
                "kpi": _name(ctx, kpi),
                "value": _fmt(ctx, kpi, v[kpi]),
                "unit": ctx.t("steps.kpis.unit." + REGISTRY[kpi].unit),
                "reference": _reference_text(ctx, kpi),
                "note": note_text(ctx, notes[kpi]) if kpi in notes else "",
                "flag": status == "bad",
            }
        )
    frame = pd.DataFrame(rows, columns=["kpi", "value", "unit", "reference", "note", "flag"])
    frame = frame.drop(columns=[c for c in ("reference", "note") if not frame[c].any()])
    labels = {c: ctx.t("steps.kpis.col." + c) for c in frame.columns if c != "flag"}
    return table(
        ctx,
        frame,
        formats=dict.fromkeys(labels, "text"),
        labels=labels,
        highlight="flag",
        caption=caption,
    )


def kpi_table(ctx: ReportContext, view: KpisView) -> Html:
    """Return every registry KPI: name, value, unit, reference with source, note when null."""
    return _kpi_rows(
        ctx,
        view,
        list(REGISTRY),
        caption=ctx.t(
            "steps.kpis.all_caption", as_of=ctx.date(ctx.as_of), days=view.result.period_days
        ),
    )


def kpis_glossary(ctx: ReportContext, view: KpisView) -> Html:
    """Return the glossary: every KPI formula, references with sources, known variants, terms."""
    rows: list[tuple[str, str, str]] = []
    for kpi, info in REGISTRY.items():
        meaning = ctx.t(
            "steps.kpis.glossary.unit",
            unit=ctx.t("steps.kpis.unit." + info.unit),
            direction=ctx.t("steps.kpis.direction." + info.direction),
        )
        ref = _reference_text(ctx, kpi)
        if ref:
            meaning += " " + ctx.t("steps.kpis.glossary.reference", reference=ref)
        formula = info.formula_de if ctx.language == "de" else info.formula_en
        if kpi == "paid_within_45_rate":
            formula = formula.replace("45", str(ctx.engagement.goal_days))
        rows.append((_name(ctx, kpi), meaning, formula))
    terms = (
        "window",
        "current",
        "aging",
        "tied",
        "status",
        "crf",
        "receeve",
        "variant.average",
        "variant.cei",
        "variant.bpdso",
        "variant.aging",
        "funnel",
    )
    for term in terms:
        rows.append(
            (
                ctx.t(f"steps.kpis.glossary.{term}"),
                ctx.t(f"steps.kpis.glossary.{term}.meaning", days=view.result.period_days),
                ctx.t(f"steps.kpis.glossary.{term}.formula"),
            )
        )
    return glossary(ctx, rows)
