"""Checks that keep a broken or crafted ledger from giving a silently wrong KPI.

- Amounts outside a plausible range (`plausibility.max_amount` in engagement.yaml) are refused:
  an amount of 1e28 is a broken export, and the report formatting could not even show it.
- Payments that exceed their invoice's amount by more than `plausibility.max_overpayment_share`
  are refused: 99,999,999 paid on a 250.50 invoice would show a collection rate in the millions.
- Ids and header names are brought to Unicode NFC, so `Müller` typed on a Mac (NFD) and on
  Windows (NFC) is the same customer; a warning names the column when that merged ids.
- A header that names one column twice (after NFC and trimming) is refused.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from kit.errors import Problem, Severity
from kit.ingest.findings import Finding
from kit.ingest.rules import TableContext
from kit.message import Amount, msg, plural

if TYPE_CHECKING:
    from kit.engagement import Plausibility
    from kit.ingest.table import LoadedTable

__all__ = [
    "amount_findings",
    "header_problems",
    "nfc_ids",
    "nfc_name",
    "overpayment_findings",
    "plausibility_findings",
]

_AMOUNTS = ("amount", "credit_limit")


def nfc_name(name: str) -> str:
    """Return a header or id in Unicode NFC form."""
    return unicodedata.normalize("NFC", name)


def header_problems(names: Sequence[object], *, path: str, row: int | None) -> list[Problem]:
    """Return a problem for every header name given twice (NFC, trimmed): both column numbers."""
    seen: dict[str, int] = {}
    problems = []
    for number, raw in enumerate(names, start=1):
        if raw is None:
            continue
        name = nfc_name(str(raw).lstrip("\ufeff").strip())
        if not name:
            continue
        if name in seen:
            problems.append(
                Problem(
                    msg(
                        "column '{name}' appears twice in the header (columns {seen} and {number})",
                        name=name,
                        seen=seen[name],
                        number=number,
                    ),
                    path=path,
                    row=row,
                    column=name,
                    expected="each column name once; rename or delete one of them",
                )
            )
        else:
            seen[name] = number
    return problems


def nfc_ids(values: pd.Series, *, column: str, path: str) -> tuple[pd.Series, Problem | None]:
    """Return id cells in NFC form and a warning when that made two different ids one.

    All-ASCII columns (the usual case) are returned as they are after one vectorised check.
    """
    text = values.dropna()
    if text.empty:
        return values, None
    array = pa.array(text.astype(str), type=pa.string())
    if pc.all(pc.string_is_ascii(array)).as_py():
        return values, None
    normal = values.map(lambda v: v if not isinstance(v, str) else nfc_name(v))
    before, after = values.nunique(dropna=True), normal.nunique(dropna=True)
    changed = int(((normal != values) & values.notna()).sum())
    if changed == 0:
        return values, None
    merged = before - after
    message = plural(
        "{changed} id written in another Unicode form (NFD) was brought to NFC",
        "{changed} ids written in another Unicode form (NFD) were brought to NFC",
        changed,
        changed=changed,
    )
    if merged:
        message = msg(
            "{message}; {merged} of them now equal another id", message=message, merged=merged
        )
    return normal, Problem(message, path=path, column=column, severity=Severity.WARNING)


def amount_findings(frame: pd.DataFrame, ctx: TableContext, *, max_amount: float) -> list[Finding]:
    """Return a finding per amount column with values beyond ±max_amount."""
    found = []
    for column in _AMOUNTS:
        if column not in frame.columns:
            continue
        values = frame[column].to_numpy(dtype="float64", na_value=np.nan)
        with np.errstate(invalid="ignore"):
            bad = np.abs(values) > max_amount
        if bool(bad.any()):
            found.append(
                Finding(
                    "amount outside the plausible range",
                    path=ctx.path,
                    rows=frame.index[bad].to_numpy(),
                    column=ctx.src(column),
                    values=ctx.values(column),
                    expected=(
                        msg(
                            "an amount up to {max_amount} (set plausibility.max_amount for "
                            "larger ones)",
                            max_amount=max_amount,
                        )
                    ),
                )
            )
    return found


def overpayment_findings(
    payments: pd.DataFrame,
    invoices: pd.DataFrame,
    at: np.ndarray,
    ctx: TableContext,
    *,
    max_share: float,
) -> list[Finding]:
    """Return a finding for the payments of invoices paid beyond (1 + max_share) × amount.

    `at[i]` is the row of payment i's invoice in `invoices` (−1: unknown invoice).
    """
    if "amount" not in payments.columns or "amount" not in invoices.columns or not len(payments):
        return []
    known = at >= 0
    if not bool(known.any()):
        return []
    paid = np.zeros(len(invoices))
    amounts = payments["amount"].to_numpy(dtype="float64", na_value=0.0)
    np.add.at(paid, at[known], amounts[known])
    billed = invoices["amount"].to_numpy(dtype="float64", na_value=np.nan)
    with np.errstate(invalid="ignore"):
        over = paid > np.abs(billed) * (1 + max_share) + 0.005
    if not bool(over.any()):
        return []
    rows = payments.index[known & over[np.maximum(at, 0)]].to_numpy()
    ids = invoices["invoice_id"].astype(str).to_numpy()
    details = pd.Series(
        [
            msg(
                "invoice {invoice}: {paid} paid on {billed}",
                invoice=str(ids[i]),
                paid=Amount(float(paid[i])),
                billed=Amount(float(billed[i])),
            )
            for i in at[known & over[np.maximum(at, 0)]]
        ],
        index=rows,
        dtype=object,
    )
    return [
        Finding(
            "payments exceed the invoice amount",
            path=ctx.path,
            rows=rows,
            column=ctx.src("amount"),
            values=ctx.values("amount"),
            expected=(
                msg(
                    "at most {share} of the invoice amount (set "
                    "plausibility.max_overpayment_share to accept more)",
                    share=f"{1 + max_share:.0%}",
                )
            ),
            details=details,
        )
    ]


def plausibility_findings(
    loaded: LoadedTable,
    done: dict[str, pd.DataFrame],
    rows_of: dict[str, np.ndarray],
    settings: Plausibility,
) -> list[Finding]:
    """Return the amount-range and overpayment findings of one loaded table."""
    frame, ctx = loaded.frame, loaded.ctx
    if frame is None or ctx is None:
        return []
    found = amount_findings(frame, ctx, max_amount=settings.max_amount)
    invoices = done.get("invoices")
    at = rows_of.get("payments")
    if loaded.name == "payments" and invoices is not None and at is not None:
        bad = {int(r) for f in found for r in f.rows}
        keep = ~frame.index.isin(list(bad)) if bad else np.ones(len(frame), dtype=bool)
        found += overpayment_findings(
            frame[keep], invoices, at[keep], ctx, max_share=settings.max_overpayment_share
        )
    return found
