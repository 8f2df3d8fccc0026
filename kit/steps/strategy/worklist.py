"""Step 05, the collector worklist: who to call first, with the reason in words, as Excel.

One row per customer, ranked by expected overdue amount (open amount × probability of paying
more than 30 days late, from `kit.forecast`), with segment, dunning level and the reason. The
XLSX goes beside the agency hand-over in the run's ``exports/`` folder (`exports_dir`); every
client string is written as a text cell (never a formula) and the file is replaced atomically.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from pathlib import Path

import pandas as pd

from kit.files import atomic_write
from kit.forecast import worklist
from kit.i18n import Language, tr
from kit.i18n.labels import FORECAST_COL
from kit.ingest import load_ledger
from kit.report import Html, note, table
from kit.report.context import ReportContext
from kit.spreadsheet import set_text
from kit.steps.forecast_wording import method_text, reason_text, why
from kit.steps.kpis.forecast import WEEKS, ForecastView
from kit.steps.strategy.view import exports_dir

__all__ = [
    "EXPORT_COLUMNS",
    "SHOWN",
    "WorklistView",
    "export_worklist",
    "worklist_block",
    "worklist_table",
    "worklist_view",
]

SHOWN = 15
EXPORT_COLUMNS = [
    "rank",
    "customer_id",
    "customer_name",
    "segment",
    "invoices",
    "open_amount",
    "expected_overdue",
    "p_late_30",
    "days_overdue",
    "dunning_level",
    "reason",
    "invoice_ids",
]
_MONEY = {"open_amount", "expected_overdue"}
_COUNTS = {"rank", "invoices", "days_overdue", "dunning_level"}


@dataclass(frozen=True)
class WorklistView:
    """The forecast, its per-customer worklist (with names and reasons) and the XLSX written."""

    forecast: ForecastView
    worklist: pd.DataFrame  # EXPORT_COLUMNS
    export: Path | None  # None when there is nothing to call about


def _names(ctx: ReportContext) -> dict[str, str]:
    customers = load_ledger(ctx.engagement).customers
    if customers is None or "name" not in customers.columns:
        return {}
    return dict(
        zip(customers["customer_id"].astype(str), customers["name"].astype(str), strict=True)
    )


def with_reasons(frame: pd.DataFrame, *, names: dict[str, str], language: Language) -> pd.DataFrame:
    """Return the worklist with customer_name and the reason in words (EXPORT_COLUMNS)."""
    out = frame.copy()
    out["customer_name"] = [names.get(str(c), "") for c in out["customer_id"]]
    records = [{str(k): v for k, v in row.items()} for row in out.to_dict("records")]
    out["reason"] = [why(row, language) for row in records]
    out["segment"] = out["segment"].where(out["segment"].notna(), "")
    return out[EXPORT_COLUMNS]


def export_worklist(frame: pd.DataFrame, target: Path, *, language: Language) -> Path:
    """Write the worklist as XLSX (text cells for client strings); return the path."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    def write(tmp: Path) -> None:
        wb = Workbook()
        ws = wb.active
        ws.title = tr("Call list", language)
        headers = [tr(FORECAST_COL[c], language) for c in EXPORT_COLUMNS]
        for col, header in enumerate(headers, start=1):
            cell = ws.cell(row=1, column=col)
            set_text(cell, header)
            cell.font = Font(bold=True)
        for r, record in enumerate(frame[EXPORT_COLUMNS].to_dict("records"), start=2):
            for col, name in enumerate(EXPORT_COLUMNS, start=1):
                cell = ws.cell(row=r, column=col)
                value = record[name]
                if name in _MONEY:
                    cell.value = float(value)
                    cell.number_format = "#,##0.00"
                elif name == "p_late_30":
                    cell.value = float(value)
                    cell.number_format = "0%"
                elif name in _COUNTS:
                    cell.value = int(value)
                else:
                    set_text(cell, "" if value is None else str(value))
        widths = {"customer_name": 32, "reason": 70, "invoice_ids": 40}
        for col, name in enumerate(EXPORT_COLUMNS, start=1):
            letter = ws.cell(row=1, column=col).column_letter
            ws.column_dimensions[letter].width = widths.get(name, 16)
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = ws.dimensions
        wb.save(tmp)

    return atomic_write(target, write)


def worklist_view(ctx: ReportContext, *, weeks: int = WEEKS) -> WorklistView:
    """Return the worklist at the report's as-of date; writes the XLSX when it has rows."""
    from kit.steps.kpis.forecast import load_forecast

    fview = load_forecast(ctx, weeks=weeks)
    frame = with_reasons(
        worklist(fview.forecast.invoices), names=_names(ctx), language=ctx.language
    )
    export = None
    if len(frame):
        stem = f"{tr('call-list', ctx.language)}_{ctx.as_of.isoformat()}.xlsx"
        export = export_worklist(frame, exports_dir(ctx.engagement) / stem, language=ctx.language)
    return WorklistView(fview, frame, export)


def worklist_block(ctx: ReportContext, view: WorklistView) -> Html:
    """Return the worklist totals, the method used and the link to the Excel file."""
    fc = view.forecast.forecast
    wl = view.worklist
    if fc.method is None or wl.empty:
        text = method_text(fc, ctx.language)
        reason = reason_text(fc, ctx.language)
        return note(ctx, f"{text}. {reason}" if reason else text, kind="warning")
    open_invoices = int(wl["invoices"].sum())
    totals = ctx.trn(
        "{customers} customer {invoices}; expected overdue amount {amount}. The list gives one "
        "call per customer, ordered by amount × probability of payment more than 30 days after "
        "the due date.",
        "{customers} customers {invoices}; expected overdue amount {amount}. The list gives one "
        "call per customer, ordered by amount × probability of payment more than 30 days after "
        "the due date.",
        len(wl),
        customers=ctx.number(len(wl), digits=0),
        invoices=ctx.trn(
            "with {count} open invoice",
            "with {count} open invoices",
            open_invoices,
            count=ctx.number(open_invoices, digits=0),
        ),
        amount=ctx.money(float(wl["expected_overdue"].sum()), digits=0),
    )
    method = method_text(fc, ctx.language)
    reason = reason_text(fc, ctx.language)
    words = " ".join(x for x in (totals, method + ".", reason) if x)
    link = ""
    if view.export is not None:
        name = escape(view.export.name)
        label = escape(ctx.tr("Excel file"))
        link = f'<br><a href="exports/{name}" download>{label} ({name})</a>'
    title = escape(ctx.tr("Call list"))
    html = (
        f'<aside class="kit-note kit-note-info"><strong>{title}:</strong> '
        f"{escape(words)}{link}</aside>"
    )
    return Html(html, words)


def worklist_table(ctx: ReportContext, view: WorklistView) -> Html | None:
    """Return the top of the worklist (rank, customer, segment, amounts, level, reason)."""
    wl = view.worklist
    if wl.empty:
        return None
    cols = [
        "rank",
        "customer_name" if (wl["customer_name"] != "").any() else "customer_id",
        "segment",
        "expected_overdue",
        "p_late_30",
        "dunning_level",
        "reason",
    ]
    if not (wl["segment"] != "").any():
        cols.remove("segment")
    shown = wl.head(SHOWN)[cols].copy()
    shown["p_late_30"] = 100.0 * shown["p_late_30"]
    formats = {
        "rank": "number:0",
        "invoices": "number:0",
        "open_amount": "money:0",
        "expected_overdue": "money:0",
        "p_late_30": "percent:0",
        "dunning_level": "number:0",
        "reason": "text",
        "segment": "text",
        "customer_name": "text",
        "customer_id": "text",
    }
    labels = {c: ctx.tr(FORECAST_COL[c]) for c in cols}
    labels["expected_overdue"] = ctx.tr("Expected overdue")
    labels["p_late_30"] = ctx.tr("Prob. over 30 days")
    caption = ctx.tr(
        "The top {shown} of {total} customers; the full list is in the Excel file.",
        shown=len(shown),
        total=len(wl),
    )
    return table(ctx, shown, formats=formats, labels=labels, caption=caption)
