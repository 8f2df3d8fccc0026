"""Step 04 tables: aging, segments, top overdue, funnel, digital and all KPIs, glossary."""

from __future__ import annotations

import pandas as pd

from kit.i18n import currency_symbol
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


@needs("events")
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


@needs("events")
def digital_table(ctx: ReportContext, view: KpisView) -> Html:
    """Return the digital-dunning KPI table (bounce, open, click … dunning conversion)."""
    return _kpi_rows(ctx, view, _DIGITAL, caption=ctx.t("steps.kpis.digital_caption"))


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


def unit_name(ctx: ReportContext, unit: str) -> str:
    """Return a KPI unit as written beside a value: the currency sign for money ("€")."""
    if unit == "currency":
        return currency_symbol(ctx.engagement.currency, ctx.language)
    return ctx.t("steps.kpis.unit." + unit)


def kpis_glossary(ctx: ReportContext, view: KpisView) -> Html:
    """Return the glossary: every KPI formula, references with sources, known variants, terms."""
    rows: list[tuple[str, str, str]] = []
    for kpi, info in REGISTRY.items():
        meaning = ctx.t(
            "steps.kpis.glossary.unit",
            unit=unit_name(ctx, info.unit),
            direction=ctx.t("steps.kpis.direction." + info.direction),
        )
        ref = reference_text(ctx, kpi)
        if ref:
            meaning += " " + ctx.t("steps.kpis.glossary.reference", reference=ref)
        formula = info.formula_de if ctx.language == "de" else info.formula_en
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
                ctx.t(f"steps.kpis.glossary.{term}"),
                ctx.t(f"steps.kpis.glossary.{term}.meaning", days=view.result.period_days),
                ctx.t(f"steps.kpis.glossary.{term}.formula"),
            )
        )
    return glossary(ctx, rows)
