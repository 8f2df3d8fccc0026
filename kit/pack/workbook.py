"""The workbook of the steering-committee pack: one sheet per report table, numbers as numbers.

Every sheet has one bold header row (frozen, with a filter), number formats for money, percent,
days and dates, and column widths that fit the longest entry. Text cells are written with
`kit.spreadsheet.set_text` (string cells, never formulas), whatever the client data hold.
Percent KPIs are kept in percent units elsewhere (84.1); here they are stored as fractions
(0.841) under a percent format, so Excel computes with them as percentages.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pandas as pd
from babel.numbers import get_currency_symbol

from kit.files import atomic_write
from kit.i18n import N_, NP_, Language, currency_symbol, fmt_bucket, locale_of
from kit.i18n.labels import (
    REPORT_SOURCE,
    ROLLOUT_BACKLOG_STATUS,
    ROLLOUT_RAG,
    ROLLOUT_STATUS,
    STEPS_AFTERCARE_COLUMN,
    STRATEGY_CHANNEL,
    STRATEGY_HANDOVER_COL,
    STRATEGY_OWNER,
    STRATEGY_STEP,
    STRATEGY_TONE,
)
from kit.kpis import BUCKETS, REGISTRY
from kit.pack.collect import PackData
from kit.spreadsheet import set_text

_PACK_UNIT: dict[str, str] = {
    "count": N_("count"),
    "currency": N_("currency"),
    "days": N_("days"),
    "hours": N_("hours"),
    "percent": N_("%"),
}


__all__ = ["KINDS", "Column", "Sheet", "Typed", "build_sheets", "write_workbook"]

KINDS = ("text", "money", "percent", "days", "number", "integer", "date")
_MAX_WIDTH = 60
_MIN_WIDTH = 8


@dataclass(frozen=True)
class Column:
    """One column of a sheet: header label and kind (see `KINDS`)."""

    label: str
    kind: str = "text"


@dataclass(frozen=True)
class Typed:
    """A cell whose kind differs from its column's (e.g. the value column of the KPI sheet)."""

    value: Any
    kind: str


@dataclass(frozen=True)
class Sheet:
    """One sheet: its name (at most 31 characters), columns and rows of plain values."""

    name: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Any, ...], ...]


def _formats(language: Language, currency: str) -> dict[str, str]:
    symbol = str(get_currency_symbol(currency, locale=locale_of(language)))
    money = f'#,##0.00 "{symbol}"' if language == "de" else f'"{symbol}"#,##0.00'
    return {
        "money": money,
        "percent": "0.0%",
        "days": "0.0",
        "number": "#,##0.0",
        "integer": "#,##0",
        "date": "dd.mm.yyyy" if language == "de" else "yyyy-mm-dd",
        "text": "@",
    }


def _missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _cell_value(value: Any, kind: str) -> Any:
    """Return the value as stored: numbers as float/int, dates as date, percent as fraction."""
    if _missing(value):
        return None
    if kind == "date":
        if isinstance(value, pd.Timestamp | datetime):
            return value.date()
        return value if isinstance(value, date) else str(value)
    if kind == "text":
        return str(value)
    number = float(value)
    if not math.isfinite(number):
        return None
    if kind == "percent":
        return number / 100.0
    if kind == "integer":
        return round(number)
    return number


def _shown_width(value: Any, kind: str) -> int:
    if value is None:
        return 0
    if kind == "date":
        return 10
    if kind in ("money", "number", "days", "integer", "percent") and isinstance(value, float | int):
        return len(f"{value:,.2f}") + (2 if kind == "money" else 0)
    return max((len(line) for line in str(value).splitlines()), default=0)


def _write_sheet(ws: Any, sheet: Sheet, formats: dict[str, str], colour: str) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    head_font = Font(bold=True, color="FFFFFF")
    head_fill = PatternFill("solid", fgColor=colour.lstrip("#").upper())
    widths = [len(c.label) + 2 for c in sheet.columns]
    for j, column in enumerate(sheet.columns, start=1):
        cell = ws.cell(row=1, column=j)
        set_text(cell, column.label)
        cell.font, cell.fill = head_font, head_fill
        cell.alignment = Alignment(vertical="top", wrap_text=False)
    for i, row in enumerate(sheet.rows, start=2):
        for j, (column, raw) in enumerate(zip(sheet.columns, row, strict=True), start=1):
            kind = raw.kind if isinstance(raw, Typed) else column.kind
            value = _cell_value(raw.value if isinstance(raw, Typed) else raw, kind)
            cell = ws.cell(row=i, column=j)
            if value is None:
                continue
            if isinstance(value, str):
                set_text(cell, value)
            else:
                cell.value = value
                cell.number_format = formats[kind]
            widths[j - 1] = max(widths[j - 1], _shown_width(value, kind) + 2)
    for j, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(j)].width = max(_MIN_WIDTH, min(width, _MAX_WIDTH))
    ws.freeze_panes = "A2"
    if sheet.rows:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(sheet.columns))}{len(sheet.rows) + 1}"


def write_workbook(
    path: Path, sheets: Sequence[Sheet], *, language: Language, currency: str, colour: str
) -> Path:
    """Write `sheets` into an .xlsx at `path` atomically and return the path."""
    from openpyxl import Workbook

    formats = _formats(language, currency)

    def write(tmp: Path) -> None:
        book = Workbook()
        first = book.active
        assert first is not None  # noqa: S101 - a new workbook always has one sheet
        book.remove(first)
        for sheet in sheets:
            _write_sheet(book.create_sheet(sheet.name[:31]), sheet, formats, colour)
        book.save(tmp)

    return atomic_write(path, write)


# ---------------------------------------------------------------------------------------------
# The sheets, built from the steps' views


def _kind_of_unit(unit: str) -> str:
    return {"days": "days", "percent": "percent", "currency": "money", "count": "integer"}.get(
        unit, "number"
    )


def _kpi_name(kpi: str, language: Language) -> str:
    info = REGISTRY[kpi]
    return info.name_in(language)


def _kpis_sheet(data: PackData) -> Sheet | None:
    if data.kpis is None:
        return None
    ctx, tr = data.ctx, data.ctx.tr
    rows = tuple(
        (
            _kpi_name(kpi, ctx.language),
            kpi,
            Typed(data.kpis.values.get(kpi), _kind_of_unit(info.unit)),
            currency_symbol(ctx.engagement.currency, ctx.language)
            if info.unit == "currency"
            else tr(_PACK_UNIT[info.unit]),
            Typed(info.reference, _kind_of_unit(info.unit)),
            info.formula_in(ctx.language),
            data.kpis.result.notes.get(kpi, ""),
        )
        for kpi, info in REGISTRY.items()
    )
    columns = (
        Column(tr("KPI")),
        Column(tr("Id")),
        Column(tr("Value"), "number"),
        Column(tr("Unit")),
        Column(tr("CRF median"), "number"),
        Column(tr("Formula")),
        Column(tr("Note")),
    )
    return Sheet(tr("KPIs"), columns, rows)


def _aging_sheet(data: PackData) -> Sheet | None:
    if data.kpis is None:
        return None
    tr = data.ctx.tr
    aging = data.kpis.result.aging
    total = float(aging["amount"].sum())
    amounts = {str(b): float(a) for b, a in aging["amount"].items()}
    counts = {str(b): int(c) for b, c in aging["count"].items()}
    rows = tuple(
        (
            tr("current") if bucket == "current" else fmt_bucket(bucket, data.ctx.language),
            amounts[bucket],
            counts[bucket],
            amounts[bucket] / total * 100.0 if total else None,
        )
        for bucket in BUCKETS
        if bucket in amounts
    )
    columns = (
        Column(tr("Days past due")),
        Column(tr("Amount"), "money"),
        Column(tr("Invoices"), "integer"),
        Column(tr("Share"), "percent"),
    )
    return Sheet(tr("Aging"), columns, rows)


_SEGMENT_KPIS = ("ar_total", "ar_overdue", "credit_sales", "dso", "bpdso", "add", "cei")


def _segments_sheet(data: PackData) -> Sheet | None:
    seg = data.kpis.by_segment if data.kpis is not None else None
    if seg is None or seg.empty:
        return None
    ctx, tr = data.ctx, data.ctx.tr
    kpis = [k for k in (*_SEGMENT_KPIS, "paid_within_45_rate") if k in seg.columns]
    columns = (
        Column(tr("Segment")),
        *(Column(_kpi_name(k, ctx.language), _kind_of_unit(REGISTRY[k].unit)) for k in kpis),
    )
    rows = tuple((str(name), *(row[k] for k in kpis)) for name, row in seg.iterrows())
    return Sheet(tr("Segments"), columns, rows)


def _top_sheet(data: PackData) -> Sheet | None:
    if data.kpis is None or data.kpis.top.empty:
        return None
    tr = data.ctx.tr
    top = data.kpis.top
    overdue = data.kpis.values.get("ar_overdue") or 0.0
    rows = tuple(
        (
            r["customer_id"],
            r["name"],
            r["overdue_amount"],
            r["overdue_amount"] / overdue * 100.0 if overdue else None,
            r["invoices"],
            r["oldest_dpd"],
        )
        for _, r in top.iterrows()
    )
    columns = (
        Column(tr("Customer no.")),
        Column(tr("Customer")),
        Column(tr(NP_("overdue_amount", "Overdue")), "money"),
        Column(tr("Share"), "percent"),
        Column(tr("Invoices"), "integer"),
        Column(tr(NP_("oldest_dpd", "Oldest (days past due)")), "integer"),
    )
    return Sheet(tr("Top overdue"), columns, rows)


def _duplicates_sheet(data: PackData) -> Sheet | None:
    if data.process is None:
        return None
    frame = data.process.analysis.groups_frame()
    if frame.empty:
        return None
    tr = data.ctx.tr
    view = data.process
    rows = tuple(
        (
            int(r["group"]),
            view.map_name(str(r["map"])),
            r["name"],
            r["lane"],
            r["system"],
            r["hours_per_month"],
            r["avoidable_hours_per_month"],
        )
        for _, r in frame.iterrows()
    )
    columns = (
        Column(tr("No."), "integer"),
        Column(tr("Process map")),
        Column(tr("Activity")),
        Column(tr("Role")),
        Column(tr("System")),
        Column(tr("Hours/month"), "number"),
        Column(tr("Avoidable (h/month)"), "number"),
    )
    return Sheet(tr("Duplicate groups"), columns, rows)


def _maybe(data: PackData, names: Mapping[str, str], value: object) -> str:
    name = names.get(str(value))
    return data.ctx.tr(name) if name else str(value)


def _segment_labels(data: PackData) -> dict[str, str]:
    if data.strategy is None:
        return {}
    column = "label_de" if data.ctx.language == "de" else "label_en"
    summary = data.strategy.summary
    if column not in summary.columns:
        return {}
    return {
        str(s): str(label) for s, label in zip(summary["segment"], summary[column], strict=True)
    }


def _ladder_sheet(data: PackData) -> Sheet | None:
    if data.strategy is None or data.strategy.ladder.empty:
        return None
    tr, labels = data.ctx.tr, _segment_labels(data)
    text = "text_de" if data.ctx.language == "de" else "text_en"
    lad = data.strategy.ladder
    rows = tuple(
        (
            labels.get(str(r["segment"]), str(r["segment"])),
            int(r["day"]),
            _maybe(data, STRATEGY_STEP, r["step"]),
            _maybe(data, STRATEGY_CHANNEL, r["channel"]),
            _maybe(data, STRATEGY_TONE, r["tone"]),
            _maybe(data, STRATEGY_OWNER, r["owner"]),
            r.get(text, ""),
            r.get("note", ""),
        )
        for _, r in lad.iterrows()
    )
    columns = (
        Column(tr("Segment")),
        Column(tr("Day"), "integer"),
        Column(tr(NP_("step", "Step"))),
        Column(tr("Channel")),
        Column(tr("Tone")),
        Column(tr(NP_("col.owner", "Owner"))),
        Column(tr("Value")),
        Column(tr("Adjustment")),
    )
    return Sheet(tr("Ladder"), columns, rows)


_WORKLIST = (
    ("customer_id", "text"),
    ("customer_name", "text"),
    ("invoice_id", "text"),
    ("issue_date", "date"),
    ("due_date", "date"),
    ("amount", "money"),
    ("open_amount", "money"),
    ("days_overdue", "integer"),
    ("reminders_sent", "integer"),
    ("last_channel", "text"),
    ("last_reminder_date", "date"),
)


def _worklist_sheet(data: PackData) -> Sheet | None:
    if data.strategy is None or data.strategy.handover.empty:
        return None
    tr = data.ctx.tr
    frame = data.strategy.handover
    private = data.ctx.engagement.privacy == "pseudonymise"
    chosen = [
        (c, k)
        for c, k in _WORKLIST
        if c in frame.columns and not (private and c == "customer_name")
    ]
    rows = tuple(
        tuple(
            _maybe(data, STRATEGY_CHANNEL, r[c])
            if c == "last_channel" and not _missing(r[c])
            else r[c]
            for c, _ in chosen
        )
        for _, r in frame.iterrows()
    )
    columns = tuple(Column(tr(STRATEGY_HANDOVER_COL[c]), k) for c, k in chosen)
    return Sheet(tr("Worklist"), columns, rows)


def _phases_sheet(data: PackData) -> Sheet | None:
    if data.rollout is None or not data.rollout.status.phases:
        return None
    from kit.steps.rollout.view import display_names

    tr, name = data.ctx.tr, display_names(data.ctx)
    rows = tuple(
        (
            p.name,
            name(p.phase.owner or ""),
            p.phase.start,
            p.phase.end,
            p.actual_start,
            p.actual_end,
            tr(ROLLOUT_STATUS[p.status]),
            p.percent,
            tr(ROLLOUT_RAG[p.rag]),
            p.slippage_days,
        )
        for p in data.rollout.status.phases
    )
    columns = (
        Column(tr("Phase")),
        Column(tr("Owner")),
        Column(tr("Planned start"), "date"),
        Column(tr("Planned end"), "date"),
        Column(tr("Actual start"), "date"),
        Column(tr("Actual end"), "date"),
        Column(tr("Status")),
        Column(tr("Done"), "percent"),
        Column(tr("RAG")),
        Column(tr("Slippage (days)"), "integer"),
    )
    return Sheet(tr("Phases"), columns, rows)


def _backlog_sheet(data: PackData) -> Sheet | None:
    if data.aftercare is None or data.aftercare.backlog.empty:
        return None
    from kit.steps.rollout.view import display_names

    tr, name = data.ctx.tr, display_names(data.ctx)
    frame = data.aftercare.backlog
    rows = tuple(
        (
            r["id"],
            r["item"],
            name(str(r["owner"])) if not _missing(r["owner"]) else None,
            _kpi_name(str(r["kpi"]), data.ctx.language) if str(r["kpi"]) in REGISTRY else r["kpi"],
            r["expected_effect"],
            _maybe(data, ROLLOUT_BACKLOG_STATUS, r["status"]),
            r["due_date"],
        )
        for _, r in frame.iterrows()
    )
    keys = ("id", "item", "owner", "kpi", "expected_effect", "status", "due_date")
    columns = tuple(
        Column(tr(STEPS_AFTERCARE_COLUMN[k]), "date" if k == "due_date" else "text") for k in keys
    )
    return Sheet(tr("Backlog"), columns, rows)


def _case_sheet(data: PackData) -> Sheet | None:
    case = data.case
    if case is None:
        return None
    tr = data.ctx.tr
    ctx = data.ctx
    from kit.steps.goals.business_case import sensitivity_frame

    # the hourly cost may be in another currency than the ledger: then it is a plain number
    cost_kind = "money" if case.cost_currency == case.currency else "number"
    rows: list[tuple[Any, ...]] = [
        (tr("DSO today (days)"), Typed(case.dso, "days"), None, None),
        (tr("DSO target (days)"), Typed(case.dso_target, "days"), None, None),
        (tr("Credit sales of the window"), Typed(case.credit_sales, "money"), None, None),
        (tr("Window P (days)"), Typed(case.period_days, "integer"), None, None),
        (
            tr("Interest rate a year"),
            Typed(case.interest_rate * 100.0, "percent"),
            None,
            None,
        ),
        (tr("Hourly cost"), Typed(case.hourly_cost, cost_kind), None, None),
        (tr("Avoidable duplicate work (h a month)"), case.duplicate_hours, None, None),
        (tr("Rework (h a month)"), case.rework_hours, None, None),
        (tr("Estimate: to-be saving (h a month)"), case.to_be_saving_hours, None, None),
    ]
    for _, r in sensitivity_frame(ctx, case).iterrows():
        kind = {"hours": "number", "cost": cost_kind}.get(str(r["kind"]), "money")
        rows.append((r["figure"], None, Typed(r["half"], kind), Typed(r["full"], kind)))
    columns = (
        Column(tr("Input")),
        Column(tr("Value"), "number"),
        Column(tr("half the goal achievement"), "number"),
        Column(tr("full goal achievement"), "number"),
    )
    return Sheet(tr("Business case"), columns, tuple(rows))


def _sources_sheet(data: PackData) -> Sheet:
    from kit.steps.goals.business_case import business_case_glossary_rows

    ctx, tr = data.ctx, data.ctx.tr
    rows: list[tuple[Any, ...]] = [
        (tr("Data accounting at {as_of}", as_of=ctx.date(ctx.as_of)), None, None, None, None),
    ]
    sources = dict(ctx.engagement.data.items())
    for name, info in data.tables.items():
        path = sources[name].path if name in sources else None
        file = path.name if path is not None else ""
        rows.append(
            (
                tr(REPORT_SOURCE[name]),
                file,
                info.get("rows"),
                info.get("filtered"),
                info.get("excluded"),
            )
        )
    rows.append(
        (
            tr(
                "Window P = {days} days up to the as-of date {as_of}",
                days=ctx.engagement.period_days,
                as_of=ctx.date(ctx.as_of),
            ),
            None,
            None,
            None,
            None,
        )
    )
    rows.append((tr("Formulas used"), None, None, None, None))
    for kpi, kpi_info in REGISTRY.items():
        formula = kpi_info.formula_in(ctx.language)
        rows.append((_kpi_name(kpi, ctx.language), formula, None, None, None))
    for term, _, formula in business_case_glossary_rows(ctx):
        rows.append((term, formula, None, None, None))
    columns = (
        Column(tr("Table")),
        Column(tr("File")),
        Column(tr("Rows read"), "integer"),
        Column(tr("Filtered out"), "integer"),
        Column(tr("Left out"), "integer"),
    )
    return Sheet(tr("Sources"), columns, tuple(rows))


def build_sheets(data: PackData) -> list[Sheet]:
    """Return the sheets that have rows, in the order of the reports, "Sources" last."""
    builders = (
        _kpis_sheet,
        _aging_sheet,
        _segments_sheet,
        _top_sheet,
        _duplicates_sheet,
        _ladder_sheet,
        _worklist_sheet,
        _phases_sheet,
        _backlog_sheet,
        _case_sheet,
    )
    sheets = [s for build in builders if (s := build(data)) is not None and s.rows]
    return [*sheets, _sources_sheet(data)]
