"""Step 04 data-quality blocks: rows and dates per table, coverage metrics, anomalies."""

from __future__ import annotations

import pandas as pd

from kit.i18n import N_
from kit.i18n.labels import REPORT_SOURCE, STEPS_KPIS_COL
from kit.report import Html, note, table
from kit.report.context import ReportContext
from kit.steps.kpis.ledger import accounting_table
from kit.steps.kpis.view import KpisView

_STEPS_KPIS_ANOMALY: dict[str, str] = {
    "negative_balance": N_("Negative customer balance"),
    "overpayment": N_("Overpayment"),
    "payment_after_settlement": N_("Payment after settlement"),
}


_STEPS_KPIS_METRIC: dict[str, str] = {
    "invoices": N_("Invoices up to the as-of date"),
    "invoices_with_payments_pct": N_("Share of invoices with a payment"),
    "negative_balance_customers": N_("Customers with a negative balance"),
    "open_amount": N_("Open amount"),
    "open_items": N_("Open items"),
    "overpaid_amount": N_("Amount overpaid"),
    "overpaid_invoices": N_("Overpaid invoices"),
    "payments_after_settlement": N_("Payments after settlement"),
}

__all__ = [
    "quality_anomalies",
    "quality_overview",
    "table_value",
]


def quality_overview(ctx: ReportContext, view: KpisView) -> Html:
    """Return rows and date range per table, then the coverage metrics (payments, open items)."""
    tab = view.quality.tables
    frame = pd.DataFrame(
        {
            "table": [ctx.tr(REPORT_SOURCE[str(n)]) for n in tab["table"]],
            "rows": tab["rows"],
            "first_date": tab["first_date"],
            "last_date": tab["last_date"],
        }
    )
    labels = {c: ctx.tr(STEPS_KPIS_COL[c]) for c in frame.columns}
    first = table(
        ctx,
        frame,
        formats={"rows": "number:0", "first_date": "date", "last_date": "date"},
        labels=labels,
        caption=ctx.tr("Tables delivered: rows and date range"),
    )
    met = view.quality.metrics
    kinds = {"count": "number:0", "%": "percent", "currency": "money"}
    values = [
        table_value(ctx, v, kinds.get(str(u), "number"))
        for v, u in zip(met["value"], met["unit"], strict=True)
    ]
    metrics = pd.DataFrame(
        {"metric": [ctx.tr(_STEPS_KPIS_METRIC[str(m)]) for m in met["metric"]], "value": values}
    )
    second = table(
        ctx,
        metrics,
        formats={"value": "text"},
        labels={"metric": ctx.tr("Measure"), "value": ctx.tr("Value")},
        caption=ctx.tr("Coverage and anomalies at {as_of}", as_of=ctx.date(ctx.as_of)),
    )
    third = accounting_table(ctx, list(view.accounting))
    if third is not None:
        return Html(
            first.html + second.html + third.html, f"{first.text}\n{second.text}\n{third.text}"
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
        return note(
            ctx,
            ctx.tr(
                "No anomalies: no overpayments, no negative customer balances, "
                "no payments after settlement."
            ),
        )
    top = found.sort_values(
        ["amount", "invoice_id"], ascending=[False, True], na_position="last"
    ).head(n)
    frame = pd.DataFrame(
        {
            "kind": [ctx.tr(_STEPS_KPIS_ANOMALY[str(k)]) for k in top["kind"]],
            "invoice_id": top["invoice_id"].fillna(""),
            "customer_id": top["customer_id"].fillna(""),
            "date": top["date"],
            "amount": top["amount"],
        }
    )
    labels = {c: ctx.tr(STEPS_KPIS_COL[c]) for c in frame.columns}
    caption = ctx.tr("Anomalies by amount ({shown} of {total})", shown=len(top), total=len(found))
    return table(
        ctx,
        frame,
        formats={"invoice_id": "text", "customer_id": "text", "date": "date", "amount": "money"},
        labels=labels,
        caption=caption,
    )
