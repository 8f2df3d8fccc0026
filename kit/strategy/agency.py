"""Hand-over list for a collection agency, exported for manual review first (seed 000).

An invoice is handed over when at as_of it is open, at least `days_overdue` days past due, its
open amount is at least `min_amount`, it is not flagged as disputed and no dispute is open on it.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd

from kit.errors import ConfigError, ReportError
from kit.files import atomic_write
from kit.i18n.labels import STRATEGY_HANDOVER_COL
from kit.i18n.markers import Language
from kit.ledger import CANONICAL, Ledger
from kit.message import render, wording
from kit.spreadsheet import neutralise, set_text
from kit.strategy._facts import CENT, as_timestamp, invoice_facts, require_columns

__all__ = ["HANDOVER_COLUMNS", "agency_handover", "export_handover"]

HANDOVER_COLUMNS = [
    "customer_id",
    "customer_name",
    "invoice_id",
    "issue_date",
    "due_date",
    "amount",
    "open_amount",
    "days_overdue",
    "reminders_sent",
    "last_channel",
    "last_reminder_date",
]
_DATES = ("issue_date", "due_date", "last_reminder_date")
_MONEY = ("amount", "open_amount")
_COUNTS = ("days_overdue", "reminders_sent")


def agency_handover(
    ledger: Ledger, *, as_of: date, days_overdue: int = 90, min_amount: float = 0.0
) -> pd.DataFrame:
    """Return the invoices to hand over (amounts in currency, days overdue), largest open first."""
    if days_overdue < 1:
        raise ConfigError(
            "days overdue must be at least 1",
            key="strategy.agency_days_overdue",
            value=days_overdue,
            expected="a whole number of days >= 1",
        )
    if min_amount < 0:
        raise ConfigError(
            "minimum amount must not be negative",
            key="strategy.agency_min_amount",
            value=min_amount,
            expected="an amount >= 0",
        )
    facts = invoice_facts(ledger, as_of=as_of)
    chosen = facts[
        (facts["open_amount"] > CENT)
        & (facts["open_amount"] >= min_amount)
        & (facts["dpd"] >= days_overdue)
        & ~facts["flagged"]
        & ~facts["dispute_open"]
    ].copy()
    chosen["days_overdue"] = chosen["dpd"].astype(int)
    names = ledger.customers
    if names is not None and "name" in names.columns:
        by_id = pd.Series(names["name"].to_numpy(), index=names["customer_id"].astype(str))
        chosen["customer_name"] = chosen["customer_id"].map(by_id[~by_id.index.duplicated()])
    else:
        chosen["customer_name"] = None
    history = _reminders(ledger, as_of=as_of)
    chosen = chosen.merge(history, on="invoice_id", how="left")
    chosen["reminders_sent"] = chosen["reminders_sent"].fillna(0).astype(int)
    chosen = chosen.sort_values(
        ["open_amount", "days_overdue", "invoice_id"],
        ascending=[False, False, True],
        kind="stable",
    )
    return chosen[HANDOVER_COLUMNS].reset_index(drop=True)


def _reminders(ledger: Ledger, *, as_of: date) -> pd.DataFrame:
    """Return per invoice the count of reminders sent by as_of, last channel and date."""
    columns = ["invoice_id", "reminders_sent", "last_channel", "last_reminder_date"]
    events = ledger.dunning_events
    if events is None or not len(events):
        return pd.DataFrame(columns=columns).astype({"last_reminder_date": "datetime64[ns]"})
    require_columns(events, "dunning_events", CANONICAL["dunning_events"][0])
    end = as_timestamp(as_of) + pd.Timedelta(days=1)
    sent = events[(events["event"] == "sent") & (events["timestamp"] < end)].copy()
    sent["invoice_id"] = sent["invoice_id"].astype(str)
    key = ["invoice_id", "channel", "timestamp"]
    if "message_id" in sent.columns:
        key.append("message_id")
    sent = sent.drop_duplicates(key).sort_values(["invoice_id", "timestamp"], kind="stable")
    grouped = sent.groupby("invoice_id")
    out = pd.DataFrame(
        {
            "reminders_sent": grouped.size(),
            "last_channel": grouped["channel"].last(),
            "last_reminder_date": grouped["timestamp"].last().dt.normalize(),
        }
    )
    return out.reset_index()


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
