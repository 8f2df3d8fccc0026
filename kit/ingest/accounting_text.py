"""The row accounting as text (kit validate) and as a table (KPI report), in German or English."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, cast

import pandas as pd

from kit.errors import Problem
from kit.i18n import N_, Language, fmt_money, fmt_number, tr, trn
from kit.i18n.labels import LEDGER_REASON, LEDGER_TABLE
from kit.ingest.accounting import REASONS, TABLES
from kit.message import msg

__all__ = ["MAX_LISTED", "accounting_frame", "accounting_lines", "capped_lines", "empty_tables"]

#: `kit validate` lists this many problems of each kind, then says how many more there are.
MAX_LISTED = 20


def _source_name(source: str, language: Language) -> str:
    name = N_("line-item export") if source == "ledger" else LEDGER_TABLE[source]
    return tr(name, language)


def _part(count: int, label: str, amount: object, language: Language, currency: str) -> str:
    text = f"{fmt_number(count, language, digits=0)} {label}"
    if isinstance(amount, int | float):
        text += f" ({fmt_money(float(amount), language, currency=currency)})"
    return text


def _counts(
    account: dict[str, object],
) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any], dict[str, Any]]:
    """Return an account's rows and amounts used per table and left out per reason (JSON)."""
    parts = [account.get(k) or {} for k in ("used", "used_amount", "left_out", "left_out_amount")]
    assert all(isinstance(p, dict) for p in parts)  # noqa: S101 - the shape of the JSON
    used, used_amount, left, left_amount = cast(list[dict[str, Any]], parts)
    return used, used_amount, left, left_amount


def accounting_lines(
    accounts: Sequence[dict[str, object]], *, language: Language, currency: str
) -> list[str]:
    """Return per source: rows read, rows used per table, rows left out per reason (amounts)."""
    lines: list[str] = []
    for account in accounts:
        used, used_amount, left, left_amount = _counts(account)
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
            source=_source_name(source, language),
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


def empty_tables(accounts: Sequence[dict[str, object]]) -> list[Problem]:
    """Return an error per required table that ended up empty (all its rows left out).

    Required: the invoices (of a ledger or an invoices source) and every other source given,
    except the payments and credit notes a ledger may lack. A header-only optional file (as
    `kit new` writes them) is a table not supplied yet, not an empty one.
    """
    problems: list[Problem] = []
    for account in accounts:
        used = account.get("used") or {}
        assert isinstance(used, dict)  # noqa: S101 - JSON shape
        source = str(account["source"])
        needed = "invoices" if source == "ledger" else source
        if needed != "invoices" and not int(str(account.get("rows_read") or 0)):
            continue
        if int(used.get(needed, 0)) + int(used.get("residual_items", 0)) == 0:
            problems.append(
                Problem(
                    msg(
                        "the table {needed} is empty: none of the {account} rows read could be "
                        "used",
                        needed=needed,
                        account=account["rows_read"],
                    ),
                    path=str(account["path"]),
                    key=f"data.{source}",
                    expected="at least one usable row (see the rows left out above)",
                )
            )
    return problems


def accounting_frame(accounts: Sequence[dict[str, object]], *, language: Language) -> pd.DataFrame:
    """Return one row per source and destination: source, where the rows went, rows, amount."""
    rows: list[dict[str, object]] = []
    for account in accounts:
        source = _source_name(str(account["source"]), language)
        used, used_amount, left, left_amount = _counts(account)
        for name in TABLES:
            if name in used and (used[name] or name == "invoices"):
                rows.append(
                    {
                        "source": source,
                        "what": f"{tr('used', language)}: {tr(LEDGER_TABLE[name], language)}",
                        "rows": used[name],
                        "amount": used_amount.get(name),
                    }
                )
        for reason in REASONS:
            if left.get(reason):
                rows.append(
                    {
                        "source": source,
                        "what": f"{tr('left out', language)}: "
                        f"{tr(LEDGER_REASON[reason], language)}",
                        "rows": left[reason],
                        "amount": left_amount.get(reason),
                    }
                )
    return pd.DataFrame(rows, columns=["source", "what", "rows", "amount"])
