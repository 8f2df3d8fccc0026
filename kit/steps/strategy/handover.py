"""The agency hand-over list as CSV and XLSX files, headers in the report language.

`kit.strategy.agency_handover` chooses the invoices; this writes them for manual review.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd

from kit.errors import ReportError
from kit.files import atomic_write
from kit.i18n.labels import STRATEGY_HANDOVER_COL
from kit.i18n.markers import Language
from kit.message import render, wording
from kit.spreadsheet import neutralise, set_text
from kit.strategy import HANDOVER_COLUMNS

__all__ = ["export_handover"]

_DATES = ("issue_date", "due_date", "last_reminder_date")
_MONEY = ("amount", "open_amount")
_COUNTS = ("days_overdue", "reminders_sent")


def _headers(language: Language) -> list[str]:
    return [render(wording(STRATEGY_HANDOVER_COL[c]), language) for c in HANDOVER_COLUMNS]


_TEXT = tuple(c for c in HANDOVER_COLUMNS if c not in (*_DATES, *_MONEY, *_COUNTS))


def export_handover(
    df: pd.DataFrame, folder: Path, *, language: Language, stem: str = "agency_handover"
) -> tuple[Path, Path]:
    """Return the paths of the hand-over list written as CSV and XLSX into folder.

    German CSV follows German Excel (`;`, decimal comma, dd.mm.yyyy); English uses `,`, `.` and
    ISO dates. Both are UTF-8 with BOM so Excel shows umlauts; files are replaced atomically.
    Client text never becomes a formula: CSV cells starting with `=`, `+`, `-`, `@` get a leading
    `'` (OWASP), XLSX text is written as string cells.
    """
    missing = [c for c in HANDOVER_COLUMNS if c not in df.columns]
    if missing:
        raise ReportError(
            "hand-over table lacks columns",
            value=", ".join(missing),
            expected="the table agency_handover() returns",
        )
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    table = df[HANDOVER_COLUMNS].copy()
    for column in _TEXT:
        table[column] = table[column].map(lambda v: v if pd.isna(v) else neutralise(str(v)))
    table.columns = pd.Index(_headers(language))
    csv_path, xlsx_path = folder / f"{stem}.csv", folder / f"{stem}.xlsx"
    german = language == "de"

    def write_csv(path: Path) -> None:
        table.to_csv(
            path,
            index=False,
            sep=";" if german else ",",
            decimal="," if german else ".",
            float_format="%.2f",
            date_format="%d.%m.%Y" if german else "%Y-%m-%d",
            encoding="utf-8-sig",
        )

    atomic_write(csv_path, write_csv)
    atomic_write(xlsx_path, lambda path: _write_xlsx(df[HANDOVER_COLUMNS], path, language))
    return csv_path, xlsx_path


def _write_xlsx(df: pd.DataFrame, path: Path, language: Language) -> None:
    """Write the hand-over list `df` as a workbook at `path` (headers in `language`).

    Long because openpyxl sets every style one call at a time.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    wb = Workbook()
    ws = wb.active
    ws.title = render(wording("Agency hand-over"), language)
    headers = _headers(language)
    ws.append(headers)
    for cell in ws[1]:
        set_text(cell, str(cell.value))
        cell.font = Font(bold=True)
    date_format = "DD.MM.YYYY" if language == "de" else "YYYY-MM-DD"
    widths = [len(h) for h in headers]
    for record in df.to_dict("records"):
        values: list[object] = []
        for column in HANDOVER_COLUMNS:
            value = record[column]
            if pd.isna(value):
                values.append(None)
            elif column in _DATES:
                values.append(pd.Timestamp(value).date())
            elif column in _MONEY:
                values.append(float(value))
            elif column in _COUNTS:
                values.append(int(value))
            else:
                values.append(str(value))
        ws.append(values)
        for cell, value in zip(ws[ws.max_row], values, strict=True):
            if isinstance(value, str):
                set_text(cell, value)
        for i, value in enumerate(values):
            shown = (
                10
                if isinstance(value, date)
                else len(f"{value:,.2f}" if isinstance(value, float) else str(value or ""))
            )
            widths[i] = max(widths[i], shown)
    for i, column in enumerate(HANDOVER_COLUMNS, start=1):
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = min(widths[i - 1] + 2, 50)
        fmt = date_format if column in _DATES else "#,##0.00" if column in _MONEY else None
        if fmt is None:
            continue
        for (cell,) in ws.iter_rows(min_row=2, min_col=i, max_col=i):
            cell.number_format = fmt
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    wb.save(path)
