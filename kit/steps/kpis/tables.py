"""Step 04 tables: aging, segments, top overdue, funnel, digital and all KPIs, glossary."""

from __future__ import annotations

import pandas as pd

from kit.i18n import N_, currency_symbol
from kit.i18n.labels import STEPS_KPIS_COL, STEPS_KPIS_STAGE
from kit.kpis import BUCKETS, REGISTRY
from kit.kpis.aftercare import FUNNEL_STAGES
from kit.report import Html, glossary, table
from kit.report.context import ReportContext
from kit.steps.kpis.references import crf_applies, over_100, receeve_applies
from kit.steps.kpis.view import KpisView
from kit.steps.thin import needs
from kit.steps.wording import (
    bucket_name,
    kpi_name,
    kpi_status,
    kpi_value,
    note_text,
    receeve_status,
    reference_text,
)

_STEPS_KPIS_DIRECTION: dict[str, str] = {
    "down": N_("lower is better"),
    "up": N_("higher is better"),
}

_STEPS_KPIS_UNIT: dict[str, str] = {
    "count": N_("count"),
    "currency": N_("amount"),
    "days": N_("days"),
    "hours": N_("hours"),
    "percent": N_("%"),
}


_STEPS_KPIS_CHANNEL: dict[str, str] = {
    "call": N_("Phone call"),
    "email": N_("Email"),
    "letter": N_("Letter"),
    "portal": N_("Portal"),
    "sms": N_("SMS"),
    "total": N_("Total"),
}


_STEPS_KPIS_GLOSSARY: dict[str, str] = {
    "window": N_("As-of date T and window P"),
    "current": N_("Current / overdue"),
    "aging": N_("Aging (by due date)"),
    "tied": N_("Cash tied up by delay"),
    "status": N_("Tile status"),
    "crf": N_("CRF median"),
    "receeve": N_("receeve comparison"),
    "variant.average": N_("Variant: DSO with average receivables"),
    "variant.cei": N_("Variant: CEI with monthly sales"),
    "variant.bpdso": N_("Variant: best possible DSO"),
    "variant.aging": N_("Variant: aging by invoice date"),
    "funnel": N_("Dunning funnel"),
}

_STEPS_KPIS_GLOSSARY_FORMULA: dict[str, str] = {
    "window": N_("window W = (T − P, T]"),
    "current": N_("days past due = T − due date; current ≤ 0, overdue ≥ 1"),
    "aging": N_("current (≤ 0), 1–30, 31–60, 61–90, 91–180, over 180 days (edges inclusive)"),
    "tied": N_("ADD × credit sales ÷ P = (DSO − best possible DSO) × credit sales per day"),
    "status": "",
    "crf": "",
    "receeve": "",
    "variant.average": N_("here: receivables(T) ÷ credit sales × P"),
    "variant.cei": "",
    "variant.bpdso": "",
    "variant.aging": "",
    "funnel": "",
}

_STEPS_KPIS_GLOSSARY_MEANING: dict[str, str] = {
    "window": N_(
        "Every KPI is taken at the as-of date T (inclusive). Sales and "
        "payment KPIs refer to the {days} days up to T."
    ),
    "current": N_(
        "An invoice is current while its due date has not passed (due "
        "on the as-of date counts as current), otherwise overdue. "
        "Overpayments count as 0 open."
    ),
    "aging": N_("Open amounts by days past due; the buckets add up exactly to total receivables."),
    "tied": N_(
        "Working capital that would already have come in if every "
        "invoice were paid on time; it equals overdue receivables."
    ),
    "status": N_(
        "Green: value equal to or better than the reference (or "
        "target); amber: worse by at most 10% of the reference; red: "
        "clearly worse; grey: no reference. Collection rate: green "
        "from 70%, amber 60–70%, red below."
    ),
    "crf": N_(
        "Medians of the Credit Research Foundation (US), Q1 2021: CEI 86.5%, DSO 38.0 "
        "days, best possible DSO 32.0 days, ADD 3.0 days, % current 90.6%. They are "
        "independent medians, so the ADD median is not DSO median − BPDSO median. "
        "Comparison values, not the company's figures."
    ),
    "receeve": N_(
        "According to receeve, companies collect 60–70% of their "
        "monthly recurring revenue (MRR) on average. The report's "
        "collection rate relates to invoice amounts due in the window, "
        "so the comparison is an order of magnitude only."
    ),
    "variant.average": N_(
        "Some vendors compute DSO with average instead of ending "
        "receivables. This report uses the ending receivables."
    ),
    "variant.cei": N_(
        "Some sources use monthly sales (sales ÷ months) in the CEI. "
        "This report uses the total sales of the window."
    ),
    "variant.bpdso": N_(
        "One source counts all outstanding receivables as “current” "
        "for the best possible DSO. This report counts only "
        "receivables not yet due at the as-of date."
    ),
    "variant.aging": N_(
        "Some systems bucket aging by invoice date. This report buckets by due date."
    ),
    "funnel": N_(
        "Dunning messages in the window per stage: sent, delivered "
        "(excluding bounces), opened, clicked and paid (invoice "
        "settled within 14 days of sending). Opening and clicking can "
        "be measured for digital channels only."
    ),
}

_STEPS_KPIS_SHORT: dict[str, str] = {
    "add": N_("ADD"),
    "ar_overdue": N_("of which overdue"),
    "ar_total": N_("Receivables"),
    "bpdso": N_("BPDSO"),
    "dso": N_("DSO"),
    "paid_within_45_rate": N_("Paid ≤ {days} days"),
    "pct_current": N_("% current"),
}


__all__ = [
    "aging_rows",
    "aging_table",
    "digital_table",
    "funnel_table",
    "kpi_table",
    "kpis_glossary",
    "segment_table",
    "top_overdue_table",
]

_DIGITAL = tuple(kpi for kpi, info in REGISTRY.items() if info.group == "digital")


def aging_rows(ctx: ReportContext, view: KpisView) -> pd.DataFrame:
    """Return the aging rows: bucket, amount (currency), count, share of AR (%), total row."""
    aging = view.result.aging
    total = float(aging["amount"].sum())
    frame = pd.DataFrame(
        {
            "bucket": [bucket_name(ctx, b) for b in BUCKETS],
            "amount": aging["amount"].to_numpy(),
            "count": aging["count"].to_numpy(),
            "share": aging["amount"].to_numpy() / total * 100.0 if total else float("nan"),
        }
    )
    total_row = {
        "bucket": ctx.tr("Total"),
        "amount": total,
        "count": int(aging["count"].sum()),
        "share": 100.0 if total else float("nan"),
    }
    return pd.concat([frame, pd.DataFrame([total_row])], ignore_index=True)


def aging_table(ctx: ReportContext, view: KpisView) -> Html:
    """Return the aging table block (amount, count, share; summing to total receivables)."""
    frame = aging_rows(ctx, view)
    labels = {c: ctx.tr(STEPS_KPIS_COL[c]) for c in frame.columns}
    return table(
        ctx,
        frame,
        formats={"amount": "money", "count": "number:0", "share": "percent"},
        labels=labels,
        caption=ctx.tr("Aging of receivables by due date at {as_of}", as_of=ctx.date(ctx.as_of)),
    )


def segment_table(ctx: ReportContext, view: KpisView) -> Html | None:
    """Return per segment: receivables, overdue, DSO, BPDSO, ADD, % current, paid within goal."""
    seg = view.by_segment
    if seg is None or seg.empty:
        return None
    cols = ["ar_total", "ar_overdue", "dso", "bpdso", "add", "pct_current", "paid_within_45_rate"]
    frame = seg[cols].reset_index().rename(columns={seg.index.name or "index": "segment"})
    labels = {c: ctx.tr(_STEPS_KPIS_SHORT[c], days=ctx.engagement.goal_days) for c in cols}
    labels["segment"] = ctx.tr("Segment")
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
        caption=ctx.tr("KPIs by customer segment (segment with the largest delay highlighted)"),
    )


def top_overdue_table(ctx: ReportContext, view: KpisView) -> Html:
    """Return the top overdue customers: amount, share of overdue AR, invoices, oldest dpd."""
    top = view.top.copy()
    overdue = view.values["ar_overdue"] or 0.0
    top["share"] = top["overdue_amount"] / overdue * 100.0 if overdue else float("nan")
    limit = ctx.engagement.strategy.agency_days_overdue
    frame = top[["customer_id", "name", "overdue_amount", "share", "invoices", "oldest_dpd"]]
    labels = {c: ctx.tr(STEPS_KPIS_COL[c]) for c in frame.columns}
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
        caption=ctx.tr(
            "The {n} customers with the largest overdue receivables "
            "(highlighted: oldest invoice more than {days} days overdue)",
            n=len(top),
            days=limit,
        ),
    )


@needs("events")
def funnel_table(ctx: ReportContext, view: KpisView) -> Html:
    """Return the dunning funnel per channel (message counts per stage, total row last)."""
    frame = view.funnel.reset_index()
    frame["channel"] = [ctx.tr(_STEPS_KPIS_CHANNEL[str(c)]) for c in frame["channel"]]
    labels = {"channel": ctx.tr("Channel")} | {
        s: ctx.tr(STEPS_KPIS_STAGE[s]) for s in FUNNEL_STAGES
    }
    return table(
        ctx,
        frame,
        formats={s: "number:0" for s in FUNNEL_STAGES},
        labels=labels,
        caption=ctx.tr("Dunning funnel by channel (number of messages)"),
    )


@needs("events")
def digital_table(ctx: ReportContext, view: KpisView) -> Html:
    """Return the digital-dunning KPI table (bounce, open, click … dunning conversion)."""
    return _kpi_rows(
        ctx,
        view,
        _DIGITAL,
        caption=ctx.tr("Digital dunning KPIs (highlighted: worse than the reference)"),
    )


def _kpi_rows(
    ctx: ReportContext, view: KpisView, kpis: tuple[str, ...] | list[str], *, caption: str
) -> Html:
    v, notes = view.values, view.result.notes
    rows = []
    for kpi in kpis:
        ref = REGISTRY[kpi].reference if crf_applies(ctx) else None
        if kpi == "collection_rate":
            status = receeve_status(v[kpi]) if receeve_applies(ctx) else "neutral"
        else:
            status = kpi_status(kpi, v[kpi], ref)
        explained = over_100(ctx, kpi, v[kpi])
        rows.append(
            {
                "kpi": kpi_name(ctx, kpi),
                "value": kpi_value(ctx, kpi, v[kpi]),
                "reference": reference_text(ctx, kpi),
                "note": note_text(ctx, notes[kpi]) if kpi in notes else explained or "",
                "flag": status == "bad",
            }
        )
    # The value carries its unit ("32,3 %", "2,2 h"): no unit column beside it.
    frame = pd.DataFrame(rows, columns=["kpi", "value", "reference", "note", "flag"])
    frame = frame.drop(columns=[c for c in ("reference", "note") if not frame[c].any()])
    labels = {c: ctx.tr(STEPS_KPIS_COL[c]) for c in frame.columns if c != "flag"}
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
        caption=ctx.tr(
            "All KPIs at {as_of} ({days}-day window; highlighted: clearly "
            "worse than the reference)",
            as_of=ctx.date(ctx.as_of),
            days=view.result.period_days,
        ),
    )


def unit_name(ctx: ReportContext, unit: str) -> str:
    """Return a KPI unit as written beside a value: the currency sign for money ("€")."""
    if unit == "currency":
        return currency_symbol(ctx.engagement.currency, ctx.language)
    return ctx.tr(_STEPS_KPIS_UNIT[unit])


def kpis_glossary(ctx: ReportContext, view: KpisView) -> Html:
    """Return the glossary: every KPI formula, references with sources, known variants, terms."""
    rows: list[tuple[str, str, str]] = []
    for kpi, info in REGISTRY.items():
        meaning = ctx.tr(
            "Unit: {unit}; {direction}.",
            unit=unit_name(ctx, info.unit),
            direction=ctx.tr(_STEPS_KPIS_DIRECTION[info.direction]),
        )
        ref = reference_text(ctx, kpi)
        if ref:
            meaning += " " + ctx.tr("Reference: {reference}.", reference=ref)
        formula = info.formula_in(ctx.language)
        if kpi == "paid_within_45_rate":
            formula = formula.replace("45", str(ctx.engagement.goal_days))
        rows.append((kpi_name(ctx, kpi), meaning, formula))
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
        if (term == "crf" and not crf_applies(ctx)) or (
            term == "receeve" and not receeve_applies(ctx)
        ):
            continue
        rows.append(
            (
                ctx.tr(_STEPS_KPIS_GLOSSARY[term]),
                ctx.tr(_STEPS_KPIS_GLOSSARY_MEANING[term], days=view.result.period_days),
                ctx.tr(_STEPS_KPIS_GLOSSARY_FORMULA[term]),
            )
        )
    return glossary(ctx, rows)
