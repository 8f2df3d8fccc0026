"""Step 04 (baseline KPIs): summary, tiles, aging, trend, segments, disputes, dunning, data quality.

This module holds the view (loading, headline, tiles); `kpis_wording`, `kpis_text`, `kpis_tables`,
`kpis_figures` and `kpis_quality` hold the rest. Every number comes from `kit.kpis` (specs/kpis.md)
and `kit.ingest.data_quality`; the step only picks, compares and words them. Reference values
(CRF medians, receeve's collection range) are always shown with their source and never as the
client's numbers. A tile's status compares the value with its reference in the KPI's better
direction: at or better than the reference is good, worse by at most 10 % of the reference is warn,
else bad; without a reference it is neutral.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

import pandas as pd

from kit.errors import ConfigError
from kit.i18n import N_
from kit.ingest import DataQuality, data_quality, load_ledger
from kit.ingest.accounting import record_for_run
from kit.kpis import (
    REGISTRY,
    KpiResult,
    compute_kpis,
    dunning_funnel,
    kpi_series,
    kpis_by,
    top_overdue,
)
from kit.report import Html, Tile, headline, tiles
from kit.report.context import ReportContext
from kit.steps.kpis.references import crf_applies, over_100, receeve_applies
from kit.steps.wording import (
    crf_text,
    goal_of,
    kpi_name,
    kpi_status,
    note_text,
    receeve_status,
    target_text,
)

__all__ = [
    "HEADLINE_KPIS",
    "KpisView",
    "dispute_tiles",
    "headline_tiles",
    "kpis_headline",
    "kpis_tiles",
    "load_kpis",
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
_DISPUTES = ("dispute_rate", "disputed_ar", "dispute_days_to_resolve")


@dataclass(frozen=True)
class KpisView:
    """Everything notebook 04 shows: KPIs at T, monthly series, breakdowns, funnel, data quality."""

    result: KpiResult
    series: pd.DataFrame  # month ends (and T) × KPI ids
    by_segment: pd.DataFrame | None  # segment × KPI ids; None without a segment column
    top: pd.DataFrame  # top overdue customers (kit.kpis.top_overdue)
    funnel: pd.DataFrame  # channel (+ total) × funnel stage, message counts
    quality: DataQuality
    #: Per data source, where its rows went (kit.ingest.accounting); empty when not recorded.
    accounting: tuple[dict[str, object], ...] = ()
    #: The export date when the data are an open-items list (ledgers.md), else None.
    open_items_on: date | None = None

    @property
    def missing(self) -> tuple[str, ...]:
        """Return ("events",) when no dunning message falls in the window, else ()."""
        return () if "total" in self.funnel.index else ("events",)

    @property
    def values(self) -> dict[str, float | None]:
        """Return every KPI value at T (None = null)."""
        return self.result.values


def load_kpis(ctx: ReportContext) -> KpisView:
    """Return the KPI view of the engagement at the report's as-of date.

    The KPIs are computed by the engagement's `engine:`; the charts get the ledger's frames.
    """
    eng, t = ctx.engagement, ctx.as_of
    ledger = load_ledger(eng)
    record_for_run(ledger.accounting)
    p, g = eng.period_days, eng.goal_days
    try:
        by_segment: pd.DataFrame | None = kpis_by(
            ledger, "segment", as_of=t, period_days=p, goal_days=g, engine=eng.engine
        )
    except ConfigError:  # neither invoices nor customers carry a segment
        by_segment = None
    return KpisView(
        result=compute_kpis(ledger, as_of=t, period_days=p, goal_days=g, engine=eng.engine),
        series=kpi_series(
            ledger, as_of=t, months=12, period_days=p, goal_days=g, engine=eng.engine
        ),
        by_segment=by_segment,
        top=top_overdue(ledger, as_of=t, n=10),
        funnel=dunning_funnel(ledger, as_of=t, period_days=eng.period_days),
        quality=data_quality(ledger, as_of=t),
        accounting=tuple(ledger.accounting),
        open_items_on=ledger.extracted_on if ledger.open_items_only else None,
    )


def _tile(ctx: ReportContext, kpi: str, value: float | None) -> Tile:
    info, goal = REGISTRY[kpi], goal_of(ctx, kpi)
    unit = {"days": "days", "percent": "percent", "currency": "money"}.get(info.unit, "number")
    digits = 0 if unit == "money" else 1
    goal_note = (
        ctx.tr(
            "Target {target} by {date}",
            target=target_text(ctx, kpi, goal.target),
            date=ctx.date(goal.deadline),
        )
        if goal
        else None
    )
    if info.reference is not None and crf_applies(ctx):
        return Tile(
            kpi_name(ctx, kpi),
            value,
            unit,
            info.reference,
            crf_text(ctx),
            kpi_status(kpi, value, info.reference),
            digits,
            goal_note,
        )
    if kpi == "collection_rate" and receeve_applies(ctx):
        return Tile(
            kpi_name(ctx, kpi),
            value,
            unit,
            status=receeve_status(value),
            note=" ".join(
                filter(
                    None,
                    [
                        ctx.tr("receeve: companies collect 60–70% of MRR on average"),
                        over_100(ctx, kpi, value),
                    ],
                )
            ),
        )
    if over_100(ctx, kpi, value):
        return Tile(
            kpi_name(ctx, kpi), value, unit, status="neutral", note=over_100(ctx, kpi, value)
        )
    if goal is not None:
        status = kpi_status(kpi, value, goal.target)
        source = ctx.tr("Target ({date})", date=ctx.date(goal.deadline))
        return Tile(kpi_name(ctx, kpi), value, unit, goal.target, source, status, digits)
    return Tile(kpi_name(ctx, kpi), value, unit, status="neutral", digits=digits)


def headline_tiles(ctx: ReportContext, view: KpisView) -> list[Tile]:
    """Return the headline tiles (HEADLINE_KPIS) with their reference, source and status."""
    shown = [_tile(ctx, k, view.values[k]) for k in HEADLINE_KPIS]
    notes = view.result.notes
    return [  # a tile without a value says why instead of showing a bare dash only
        replace(tile, note=note_text(ctx, notes[k]))
        if view.values[k] is None and k in notes
        else tile
        for k, tile in zip(HEADLINE_KPIS, shown, strict=True)
    ]


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
        if i.value is not None  # a tile without a value says nothing; the KPI table has the why
    ]
    return tiles(ctx, items)


def kpis_headline(ctx: ReportContext, view: KpisView) -> None:
    """Publish the index card: DSO with its target (or the CRF median) and the overdue share."""
    dso, goal = view.values["dso"], goal_of(ctx, "dso")
    ref = goal.target if goal else REGISTRY["dso"].reference if crf_applies(ctx) else None
    text = N_("DSO {dso}, target {target}") if goal else N_("DSO {dso}, CRF median {target}")
    if dso is None:
        value = ctx.tr("DSO not available yet")
    elif ref is None:
        value = ctx.tr("DSO {dso}", dso=ctx.days(dso))
    else:
        value = ctx.tr(text, dso=ctx.days(dso), target=ctx.days(ref))
    overdue = 100.0 - view.values["pct_current"] if view.values["pct_current"] is not None else None
    takeaway = (
        ctx.tr(
            "{overdue} of receivables overdue ({amount})",
            overdue=ctx.percent(overdue),
            amount=ctx.money(view.values["ar_overdue"], digits=0),
        )
        if overdue is not None
        else ctx.tr("No receivables are open at the as-of date.")
    )
    headline(
        ctx,
        title=ctx.tr("Key figures"),
        value_text=value,
        takeaway=takeaway,
        status=kpi_status("dso", dso, ref),
    )


def kpis_tiles(ctx: ReportContext, view: KpisView) -> Html:
    """Return the headline tiles block."""
    return tiles(ctx, headline_tiles(ctx, view))
