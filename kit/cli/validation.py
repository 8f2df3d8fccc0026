"""`kit validate` as text: the verdict, rows per table or the row accounting, the problems."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from kit.errors import Problem
from kit.i18n import N_, Language, fmt_money, fmt_number, tr, trn
from kit.i18n.labels import LEDGER_REASON, LEDGER_TABLE
from kit.ingest.accounting import REASONS, TABLES
from kit.ingest.accounting_checks import account_counts, source_label

if TYPE_CHECKING:
    from kit.ingest.summary import ValidationSummary

__all__ = ["MAX_LISTED", "accounting_lines", "capped_lines", "validation_text"]

#: `kit validate` lists this many problems of each kind, then says how many more there are.
MAX_LISTED = 20

#: The headings of `kit validate`, by the kind of problem they introduce.
_HEADINGS = {
    "errors": N_("Errors"),
    "warnings": N_("Warnings"),
    "excluded": N_("Rows left out (on_error: skip)"),
}


def validation_text(summary: ValidationSummary, language: Language = "en") -> str:
    """Return a readable summary: verdict, rows per table, one line per problem."""
    lines = [tr(N_("Data NOT valid") if summary.blocking else N_("Data valid"), language)]
    if summary.accounting:
        lines += accounting_lines(summary.accounting, language=language, currency=summary.currency)
    else:
        lines += _table_lines(summary, language)
    for title, problems in (
        ("errors", summary.errors),
        ("warnings", summary.warnings),
        ("excluded", summary.excluded),
    ):
        if problems:
            lines.append(f"{tr(_HEADINGS[title], language)} ({len(problems)}):")
            if summary.accounting:
                lines.extend(capped_lines(problems, language))
            else:
                lines.extend("  " + p.describe(language) for p in problems)
    return "\n".join(lines)


def _table_lines(summary: ValidationSummary, language: Language) -> list[str]:
    """Return one line per table: rows loaded, filtered out and left out."""
    lines = []
    for name, info in summary.tables.items():
        rows = int(str(info.get("rows", 0)))
        label = tr(LEDGER_TABLE[name], language) if name in LEDGER_TABLE else name
        if info.get("path"):  # a file, or a table named in the engine
            label += f" ({Path(str(info['path'])).name})"
        shown = fmt_number(float(rows), language, digits=0)
        line = "  " + trn(
            "{table}: {n} row", "{table}: {n} rows", rows, language, table=label, n=shown
        )
        if info.get("filtered"):
            line += ", " + tr("{n} filtered out", language, n=info["filtered"])
        if info.get("excluded"):
            line += ", " + tr("{n} left out", language, n=info["excluded"])
        lines.append(line)
    return lines


def _part(count: int, label: str, amount: object, language: Language, currency: str) -> str:
    text = f"{fmt_number(count, language, digits=0)} {label}"
    if isinstance(amount, int | float):
        text += f" ({fmt_money(float(amount), language, currency=currency)})"
    return text


def accounting_lines(
    accounts: Sequence[dict[str, object]], *, language: Language, currency: str
) -> list[str]:
    """Return per source: rows read, rows used per table, rows left out per reason (amounts)."""
    lines: list[str] = []
    for account in accounts:
        used, used_amount, left, left_amount = account_counts(account)
        source = str(account["source"])
        file = Path(str(account["path"])).name
        rows_read = fmt_number(float(str(account["rows_read"])), language, digits=0)
        gone = [
            _part(int(left[r]), tr(LEDGER_REASON[r], language), left_amount.get(r), language,
                  currency)
            for r in REASONS
            if left.get(r)
        ]  # fmt: skip
        left_text = f"{tr('left out', language)}: {', '.join(gone)}"
        if source != "ledger":
            count = int(used.get(source, 0))
            used_rows = fmt_number(float(count), language, digits=0)
            line = trn("{table}: {used} row used of {read} read ({file})",
                       "{table}: {used} rows used of {read} read ({file})", count, language,
                       table=source, used=used_rows, read=rows_read, file=file)  # fmt: skip
            lines.append(f"  {line}" + (f"; {left_text}" if gone else ""))
            continue
        read = trn(
            "{source} ({file}): {rows} row read",
            "{source} ({file}): {rows} rows read",
            int(str(account["rows_read"])),
            language,
            source=tr(source_label(source), language),
            file=file,
            rows=rows_read,
        )
        lines.append(f"  {read}")
        parts = [
            _part(int(used[n]), tr(LEDGER_TABLE[n], language), used_amount.get(n), language,
                  currency)
            for n in TABLES
            if n in used and (used[n] or n == "invoices")
        ]  # fmt: skip
        lines.append(f"    {tr('used', language)}: {', '.join(parts) or '0'}")
        lines.append(f"    {left_text if gone else tr('no row left out', language)}")
    return lines


def capped_lines(
    problems: Sequence[Problem], language: Language, limit: int = MAX_LISTED
) -> list[str]:
    """Return the first `limit` problems as lines and one saying how many more there are."""
    lines = ["  " + p.describe(language) for p in problems[:limit]]
    if len(problems) > limit:
        lines.append(
            "  " + tr("… and {n} more (all with --json)", language, n=len(problems) - limit)
        )
    return lines
