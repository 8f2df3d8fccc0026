"""KPI wording for step 04: names, formatted values, engine notes, status against a reference."""

from __future__ import annotations

from datetime import date

import pandas as pd

from kit.engagement import Goal
from kit.i18n import N_, fmt_bucket, fmt_month
from kit.kpis import REGISTRY
from kit.message import render
from kit.report.context import ReportContext

_KPIS_NOTE: dict[str, str] = {
    "cei_zero": N_("CEI denominator (opening receivables + sales − current receivables) is 0"),
    "countback_truncated": N_(
        "countback truncated: the sales history ran out before the receivables were covered"
    ),
    "no_ar": N_("no open receivables at the as-of date"),
    "no_attempts": N_("no payment attempts with an outcome in the window"),
    "no_delivered": N_("no emails delivered in the window"),
    "no_disputes": N_("no dispute data (neither a disputed flag nor a disputes table)"),
    "no_due": N_("no invoices due in the window"),
    "no_dunning": N_("no dunning events data"),
    "no_emails": N_("no emails sent in the window"),
    "no_opened": N_("no emails opened in the window"),
    "no_reminders": N_("no reminders sent in the window"),
    "no_resolved": N_("no disputes resolved in the window"),
    "no_resolved_date": N_("no disputes table with a resolved date"),
    "no_response": N_("no response within 14 days to a reminder sent in the window"),
    "no_sales": N_("no invoices issued in the window"),
    "no_settled": N_("no invoices settled in the window"),
    "no_settlements": N_("no settlement information (neither payments nor paid dates)"),
    "overpaid": N_("overpaid invoices count as 0 open (named under data quality)"),
}


__all__ = [
    "RECEEVE_RANGE",
    "bucket_name",
    "crf_text",
    "goal_of",
    "kpi_name",
    "kpi_status",
    "kpi_value",
    "month_name",
    "note_text",
    "receeve_status",
    "reference_text",
    "target_text",
]

#: receeve: companies collect on average 60–70 % of MRR (lower, upper edge in percent).
RECEEVE_RANGE = (60.0, 70.0)
_TOLERANCE = 0.10  # worse than the reference by at most 10 % of it: warn
# Engine note texts (kit.kpis) → ids of _KPIS_NOTE (the sentence in the report language).
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
    "no settlement information: neither a payments table nor paid dates": "no_settlements",
}


def kpi_name(ctx: ReportContext, kpi: str) -> str:
    """Return the KPI name in the report language, capitalised as a label."""
    if kpi == "paid_within_45_rate":
        return ctx.tr("Paid within {days} days", days=ctx.engagement.goal_days)
    info = REGISTRY[kpi]
    name = info.name_in(ctx.language)
    return name[:1].upper() + name[1:]


def kpi_value(ctx: ReportContext, kpi: str, value: float | None, *, digits: int = 1) -> str:
    """Return a KPI value formatted with its unit (days, %, money, hours or count)."""
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


def target_text(ctx: ReportContext, kpi: str, value: float) -> str:
    """Return a goal target with the decimals of its kind, as every other value ("40,0 Tage")."""
    return kpi_value(ctx, kpi, value)


def goal_of(ctx: ReportContext, kpi: str) -> Goal | None:
    """Return the engagement's goal for `kpi`, None when it has none."""
    return next((g for g in ctx.engagement.goals if g.kpi == kpi), None)


def crf_text(ctx: ReportContext) -> str:
    """Return the name of the CRF benchmark in the report language."""
    return ctx.tr("CRF median Q1 2021")


def note_text(ctx: ReportContext, text: str) -> str:
    """Return an engine note (why a KPI is null, or a caveat) in the report language."""
    key = _NOTES.get(text)
    return ctx.tr(_KPIS_NOTE[key]) if key else render(text, ctx.language)


def kpi_status(kpi: str, value: float | None, reference: float | None) -> str:
    """Return good / warn / bad comparing value with reference in the KPI's direction."""
    if value is None or reference is None:
        return "neutral"
    up = REGISTRY[kpi].direction == "up"
    if (value >= reference) if up else (value <= reference):
        return "good"
    return "warn" if abs(value - reference) <= _TOLERANCE * abs(reference) else "bad"


def receeve_status(value: float | None) -> str:
    """Return the tile status of a digital-dunning share against the receeve range."""
    if value is None:
        return "neutral"
    low, high = RECEEVE_RANGE
    return "good" if value >= high else "warn" if value >= low else "bad"


def bucket_name(ctx: ReportContext, bucket: str) -> str:
    """Return an aging bucket's label: "nicht fällig", "1–30" … "über 180" (en dash, words)."""
    if bucket == "current":
        return ctx.tr("current")
    return fmt_bucket(bucket, ctx.language)


def month_name(ctx: ReportContext, stamp: pd.Timestamp | date) -> str:
    """Return a month in the one month format of the report language ("Juli 2025")."""
    return fmt_month(pd.Timestamp(stamp).date(), ctx.language)


def reference_text(ctx: ReportContext, kpi: str) -> str:
    """Return the KPI's benchmark value with its source, or an empty string when none applies."""
    from kit.steps.kpis.references import crf_applies, receeve_applies

    info = REGISTRY[kpi]
    if info.reference is not None and crf_applies(ctx):
        return f"{kpi_value(ctx, kpi, info.reference)} ({crf_text(ctx)})"
    if kpi == "collection_rate" and receeve_applies(ctx):
        return ctx.tr("receeve: companies collect 60–70% of MRR on average")
    return ""
