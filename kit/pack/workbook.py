"""The workbook of the steering-committee pack: one sheet per report table, numbers as numbers.

Every sheet has one bold header row (frozen, with a filter), number formats for money, percent,
days and dates, and column widths that fit the longest entry. Text cells are written with
`kit.spreadsheet.set_text` (string cells, never formulas), whatever the client data hold.
Percent KPIs are kept in percent units elsewhere (84.1); here they are stored as fractions
(0.841) under a percent format, so Excel computes with them as percentages.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pandas as pd
from babel.numbers import get_currency_symbol

from kit.files import atomic_write
from kit.i18n import Language, currency_symbol, fmt_bucket, locale_of
from kit.kpis import BUCKETS, REGISTRY
from kit.pack.collect import PackData
from kit.spreadsheet import set_text

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


def _label_of(data: PackData) -> Callable[..., str]:
    return data.ctx.t


def _kpi_name(kpi: str, language: Language) -> str:
    info = REGISTRY[kpi]
    return info.name_de if language == "de" else info.name_en


def _kpis_sheet(data: PackData) -> Sheet | None:
    if data.kpis is None:
        return None
    ctx, t = data.ctx, _label_of(data)
    rows = tuple(
        (
            _kpi_name(kpi, ctx.language),
            kpi,
            Typed(data.kpis.values.get(kpi), _kind_of_unit(info.unit)),
            currency_symbol(ctx.engagement.currency, ctx.language)
            if info.unit == "currency"
            else t("pack.unit." + info.unit),
            Typed(info.reference, _kind_of_unit(info.unit)),
            info.formula_de if ctx.language == "de" else info.formula_en,
            data.kpis.result.notes.get(kpi, ""),
        )
        for kpi, info in REGISTRY.items()
    )
    columns = (
        Column(t("pack.col.kpi")),
        Column(t("pack.col.id")),
        Column(t("pack.col.value"), "number"),
        Column(t("pack.col.unit")),
        Column(t("pack.col.reference"), "number"),
        Column(t("pack.col.formula")),
        Column(t("pack.col.note")),
    )
    return Sheet(t("pack.sheet.kpis"), columns, rows)


def _aging_sheet(data: PackData) -> Sheet | None:
    if data.kpis is None:
        return None
    t = _label_of(data)
    aging = data.kpis.result.aging
    total = float(aging["amount"].sum())
    amounts = {str(b): float(a) for b, a in aging["amount"].items()}
    counts = {str(b): int(c) for b, c in aging["count"].items()}
    rows = tuple(
        (
            t("steps.kpis.bucket.current")
            if bucket == "current"
            else fmt_bucket(bucket, data.ctx.language),
            amounts[bucket],
            counts[bucket],
            amounts[bucket] / total * 100.0 if total else None,
        )
        for bucket in BUCKETS
        if bucket in amounts
    )
    columns = (
        Column(t("steps.kpis.col.bucket")),
        Column(t("steps.kpis.col.amount"), "money"),
        Column(t("steps.kpis.col.count"), "integer"),
        Column(t("steps.kpis.col.share"), "percent"),
    )
    return Sheet(t("pack.sheet.aging"), columns, rows)


_SEGMENT_KPIS = ("ar_total", "ar_overdue", "credit_sales", "dso", "bpdso", "add", "cei")


def _segments_sheet(data: PackData) -> Sheet | None:
    seg = data.kpis.by_segment if data.kpis is not None else None
    if seg is None or seg.empty:
        return None
    ctx, t = data.ctx, _label_of(data)
    kpis = [k for k in (*_SEGMENT_KPIS, "paid_within_45_rate") if k in seg.columns]
    columns = (
        Column(t("pack.col.segment")),
        *(Column(_kpi_name(k, ctx.language), _kind_of_unit(REGISTRY[k].unit)) for k in kpis),
    )
    rows = tuple((str(name), *(row[k] for k in kpis)) for name, row in seg.iterrows())
    return Sheet(t("pack.sheet.segments"), columns, rows)


def _top_sheet(data: PackData) -> Sheet | None:
    if data.kpis is None or data.kpis.top.empty:
        return None
    t = _label_of(data)
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
        Column(t("steps.kpis.col.customer_id")),
        Column(t("steps.kpis.col.name")),
        Column(t("steps.kpis.col.overdue_amount"), "money"),
        Column(t("steps.kpis.col.share"), "percent"),
        Column(t("steps.kpis.col.invoices"), "integer"),
        Column(t("steps.kpis.col.oldest_dpd"), "integer"),
    )
    return Sheet(t("pack.sheet.top_overdue"), columns, rows)


def _duplicates_sheet(data: PackData) -> Sheet | None:
    if data.process is None:
        return None
    frame = data.process.analysis.groups_frame()
    if frame.empty:
        return None
    t = _label_of(data)
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
        Column(t("steps.process.col.group"), "integer"),
        Column(t("steps.process.col.map")),
        Column(t("steps.process.col.activity")),
        Column(t("steps.process.col.lane")),
        Column(t("steps.process.col.system")),
        Column(t("steps.process.col.hours_per_month"), "number"),
        Column(t("steps.process.col.avoidable_hours_per_month"), "number"),
    )
    return Sheet(t("pack.sheet.duplicates"), columns, rows)


def _maybe(data: PackData, prefix: str, value: object) -> str:
    from kit.i18n import catalogue

    key = f"{prefix}.{value}"
    return data.ctx.t(key) if key in catalogue() else str(value)


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
    t, labels = _label_of(data), _segment_labels(data)
    text = "text_de" if data.ctx.language == "de" else "text_en"
    lad = data.strategy.ladder
    rows = tuple(
        (
            labels.get(str(r["segment"]), str(r["segment"])),
            int(r["day"]),
            _maybe(data, "steps.strategy.step", r["step"]),
            _maybe(data, "strategy.channel", r["channel"]),
            _maybe(data, "steps.strategy.tone", r["tone"]),
            _maybe(data, "steps.strategy.owner", r["owner"]),
            r.get(text, ""),
            r.get("note", ""),
        )
        for _, r in lad.iterrows()
    )
    columns = (
        Column(t("steps.strategy.col.segment")),
        Column(t("steps.strategy.col.day"), "integer"),
        Column(t("steps.strategy.col.step")),
        Column(t("steps.strategy.col.channel")),
        Column(t("steps.strategy.col.tone")),
        Column(t("steps.strategy.col.owner")),
        Column(t("pack.col.value")),
        Column(t("steps.strategy.col.note")),
    )
    return Sheet(t("pack.sheet.ladder"), columns, rows)


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
    t = _label_of(data)
    frame = data.strategy.handover
    private = data.ctx.engagement.privacy == "pseudonymise"
    chosen = [
        (c, k)
        for c, k in _WORKLIST
        if c in frame.columns and not (private and c == "customer_name")
    ]
    rows = tuple(
        tuple(
            _maybe(data, "strategy.channel", r[c])
            if c == "last_channel" and not _missing(r[c])
            else r[c]
            for c, _ in chosen
        )
        for _, r in frame.iterrows()
    )
    columns = tuple(Column(t("strategy.handover.col." + c), k) for c, k in chosen)
    return Sheet(t("pack.sheet.worklist"), columns, rows)


def _phases_sheet(data: PackData) -> Sheet | None:
    if data.rollout is None or not data.rollout.status.phases:
        return None
    from kit.steps.rollout.view import display_names

    t, name = _label_of(data), display_names(data.ctx)
    rows = tuple(
        (
            p.name,
            name(p.phase.owner or ""),
            p.phase.start,
            p.phase.end,
            p.actual_start,
            p.actual_end,
            t("rollout.status." + p.status),
            p.percent,
            t("rollout.rag." + p.rag),
            p.slippage_days,
        )
        for p in data.rollout.status.phases
    )
    columns = (
        Column(t("rollout.column.phase")),
        Column(t("rollout.column.owner")),
        Column(t("pack.col.planned_start"), "date"),
        Column(t("pack.col.planned_end"), "date"),
        Column(t("pack.col.actual_start"), "date"),
        Column(t("pack.col.actual_end"), "date"),
        Column(t("rollout.column.status")),
        Column(t("rollout.column.percent"), "percent"),
        Column(t("rollout.column.rag")),
        Column(t("rollout.column.slippage_days"), "integer"),
    )
    return Sheet(t("pack.sheet.phases"), columns, rows)


def _backlog_sheet(data: PackData) -> Sheet | None:
    if data.aftercare is None or data.aftercare.backlog.empty:
        return None
    from kit.steps.rollout.view import display_names

    t, name = _label_of(data), display_names(data.ctx)
    frame = data.aftercare.backlog
    rows = tuple(
        (
            r["id"],
            r["item"],
            name(str(r["owner"])) if not _missing(r["owner"]) else None,
            _kpi_name(str(r["kpi"]), data.ctx.language) if str(r["kpi"]) in REGISTRY else r["kpi"],
            r["expected_effect"],
            _maybe(data, "rollout.backlog.status", r["status"]),
            r["due_date"],
        )
        for _, r in frame.iterrows()
    )
    keys = ("id", "item", "owner", "kpi", "expected_effect", "status", "due_date")
    columns = tuple(
        Column(t("steps.aftercare.column." + k), "date" if k == "due_date" else "text")
        for k in keys
    )
    return Sheet(t("pack.sheet.backlog"), columns, rows)


def _case_sheet(data: PackData) -> Sheet | None:
    case = data.case
    if case is None:
        return None
    t = _label_of(data)
    ctx = data.ctx
    from kit.steps.goals.business_case import sensitivity_frame

    # the hourly cost may be in another currency than the ledger: then it is a plain number
    cost_kind = "money" if case.cost_currency == case.currency else "number"
    rows: list[tuple[Any, ...]] = [
        (t("pack.case.dso"), Typed(case.dso, "days"), None, None),
        (t("pack.case.dso_target"), Typed(case.dso_target, "days"), None, None),
        (t("pack.case.credit_sales"), Typed(case.credit_sales, "money"), None, None),
        (t("pack.case.period_days"), Typed(case.period_days, "integer"), None, None),
        (
            t("business_case.input.interest_rate"),
            Typed(case.interest_rate * 100.0, "percent"),
            None,
            None,
        ),
        (t("business_case.input.hourly_cost"), Typed(case.hourly_cost, cost_kind), None, None),
        (t("pack.case.duplicate_hours"), case.duplicate_hours, None, None),
        (t("pack.case.rework_hours"), case.rework_hours, None, None),
        (t("pack.case.to_be"), case.to_be_saving_hours, None, None),
    ]
    for _, r in sensitivity_frame(ctx, case).iterrows():
        kind = {"hours": "number", "cost": cost_kind}.get(str(r["kind"]), "money")
        rows.append((r["figure"], None, Typed(r["half"], kind), Typed(r["full"], kind)))
    columns = (
        Column(t("pack.col.input")),
        Column(t("pack.col.value"), "number"),
        Column(t("business_case.col.half"), "number"),
        Column(t("business_case.col.full"), "number"),
    )
    return Sheet(t("pack.sheet.business_case"), columns, tuple(rows))


def _sources_sheet(data: PackData) -> Sheet:
    from kit.steps.goals.business_case import business_case_glossary_rows

    ctx, t = data.ctx, _label_of(data)
    rows: list[tuple[Any, ...]] = [
        (t("pack.sources.accounting", as_of=ctx.date(ctx.as_of)), None, None, None, None),
    ]
    sources = dict(ctx.engagement.data.items())
    for name, info in data.tables.items():
        file = sources[name].path.name if name in sources else ""
        rows.append(
            (
                t("report.source." + name),
                file,
                info.get("rows"),
                info.get("filtered"),
                info.get("excluded"),
            )
        )
    rows.append(
        (
            t("pack.sources.period", days=ctx.engagement.period_days, as_of=ctx.date(ctx.as_of)),
            None,
            None,
            None,
            None,
        )
    )
    rows.append((t("pack.sources.formulas"), None, None, None, None))
    for kpi, kpi_info in REGISTRY.items():
        formula = kpi_info.formula_de if ctx.language == "de" else kpi_info.formula_en
        rows.append((_kpi_name(kpi, ctx.language), formula, None, None, None))
    for term, _, formula in business_case_glossary_rows(ctx):
        rows.append((term, formula, None, None, None))
    columns = (
        Column(t("pack.col.table")),
        Column(t("pack.col.file")),
        Column(t("pack.col.rows"), "integer"),
        Column(t("pack.col.filtered"), "integer"),
        Column(t("pack.col.excluded"), "integer"),
    )
    return Sheet(t("pack.sheet.sources"), columns, tuple(rows))


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
