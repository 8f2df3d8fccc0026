"""Step 04 data-quality blocks: rows and dates per table, coverage metrics, anomalies."""

from __future__ import annotations

import pandas as pd

from kit.report import Html, note, table
from kit.report.context import ReportContext
from kit.steps.kpis.ledger import accounting_table
from kit.steps.kpis.view import KpisView

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
