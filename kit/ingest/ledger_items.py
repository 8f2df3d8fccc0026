"""A `data.ledger` source: signed line items split into invoices, credit notes and payments.

The contract is `ledgers.md` ("Derivation"): the sign rule makes every amount debit + / credit −,
`document_types` maps each raw type to invoice, credit_note, payment, residual or other, and every
row read ends up in exactly one place: a derived table, or a counted reason for leaving it out
(filter, skipped problem, subtotal row, heading row, other document type).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from kit.engagement import LedgerSource
from kit.errors import DataError, Problem, Severity
from kit.ingest.accounting import SourceAccount
from kit.ingest.findings import Finding, problem_of
from kit.ingest.ledger_read import header_problem, read_ledger_file
from kit.ingest.mapping import ColumnPlan, apply_filter, apply_fx, missing_column
from kit.ingest.parsing import (
    date_example,
    expand_value_map,
    number_example,
    parse_bool,
    parse_dates,
    parse_number,
    parse_text,
)
from kit.ingest.rules import TableContext, blank_required, duplicates, row_findings
from kit.ingest.schema import plausible_range
from kit.message import Amount, msg, plural

__all__ = ["KINDS", "LEDGER_COLUMNS", "LedgerItems", "load_ledger_items"]

#: Canonical line-item columns and their kind (id, text, number, date, bool).
LEDGER_COLUMNS: dict[str, str] = {
    "customer_id": "id",
    "document_id": "id",
    "document_type": "text",
    "issue_date": "date",
    "due_date": "date",
    "amount": "number",
    "debit_amount": "number",
    "credit_amount": "number",
    "debit_credit": "text",
    "cleared_date": "date",
    "clearing_id": "id",
    "posting_date": "date",
    "invoice_ref": "id",
    "line": "id",
    "currency": "text",
    "text": "text",
    "dunning_block": "text",
    "dunning_level": "number",
    "disputed": "bool",
}
#: What `document_types` may map a raw type to.
KINDS = ("invoice", "credit_note", "payment", "residual", "other")
_TOTALS = re.compile(
    r"^\s*(?:\*+|summe\b|zwischensumme\b|gesamt|endsumme\b|saldo\b|total\b|totals\b|sum\b|"
    r"grand total\b)",
    re.I,
)
_DEBIT_CREDIT = {
    "s": "debit",
    "h": "credit",
    "soll": "debit",
    "haben": "credit",
    "d": "debit",
    "c": "credit",
    "debit": "debit",
    "credit": "credit",
    "+": "debit",
    "-": "credit",
}
_SYMBOLS = re.compile(r"[$€£¥]|\b(?:EUR|USD|GBP|CHF)\b")


@dataclass
class LedgerItems:
    """What a ledger source yields: derived tables, row findings, problems and the accounting."""

    path: str
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    errors: list[Finding] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    excluded: list[Problem] = field(default_factory=list)
    account: SourceAccount | None = None
    source: LedgerSource | None = None


def load_ledger_items(
    source: LedgerSource, *, root: Path, currency: str, today: dt.date | None = None
) -> LedgerItems:
    """Return the canonical tables derived from a ledger source; never raises for bad data."""
    path = str(source.file if source.file.is_absolute() else root / source.file)
    out = LedgerItems(path=path)
    try:
        raw, eff, header_row = read_ledger_file(source, root=root)
    except DataError as exc:
        out.problems.append(problem_of(exc))
        return out
    out.source = eff
    account = SourceAccount(source="ledger", path=path, rows_read=len(raw))
    out.account = account
    plan = _plan(list(map(str, raw.columns)), eff, path, header_row, out)
    if out.problems:
        return out
    source_names = {target: src for src, target in plan.rename.items()}
    raw = _structure(raw, eff, source_names, account, out)
    if eff.group_rows is not None:
        plan.rename.setdefault(source_names[eff.group_rows], eff.group_rows)
    before = raw
    raw, notes = apply_filter(raw, eff, plan, table="ledger", path=path)
    if len(raw) < len(before):
        gone = before.index.difference(raw.index)
        account.leave_out("filter", gone, _raw_amounts(before.loc[gone], eff, source_names))
    out.warnings.extend(n for n in notes if n.severity == Severity.WARNING)
    out.problems.extend(n for n in notes if n.severity != Severity.WARNING)
    ctx = TableContext(path=path, raw=raw, source_names=source_names)
    items = _parse(raw, eff, plan, ctx, out)
    out.errors.extend(apply_fx(items, eff, plan, currency=currency, path=path, raw=raw))
    kind = _kinds(items, eff, ctx, out)
    _checks(items, kind, ctx, out, today)
    _settle(items, kind, eff, out, account, ctx)
    _warn_unsettled(items, kind, eff, path, out)
    return out


def _plan(
    found: list[str], source: LedgerSource, path: str, header_row: int, out: LedgerItems
) -> ColumnPlan:
    """Return the rename plan: the engagement's columns must exist, a preset's are optional."""
    from kit.ingest.presets import load_preset

    given = dict(source.columns)
    preset_columns: dict[str, str] = {}
    if source.preset is not None:
        preset_columns = dict(load_preset(source.preset).get("columns", {}))
    rename: dict[str, str] = {}
    user_keys = {k for k, v in given.items() if preset_columns.get(k) != v}
    # The engagement's own columns first: they win over the preset's for the same target.
    ordered = sorted(given.items(), key=lambda item: item[0] not in user_keys)
    for src, target in ordered:
        if src in found:
            if target not in rename.values():
                rename[src] = target
            continue
        if src in user_keys:
            unmapped = [c for c in found if c not in given]
            out.problems.append(
                missing_column(
                    src,
                    target,
                    found,
                    unmapped,
                    path=path,
                    row=header_row,
                    key="data.ledger.columns",
                )
            )
    targets = set(rename.values())
    required = ["document_id", "issue_date", "due_date"]
    if source.group_rows != "customer_id":
        required.insert(0, "customer_id")
    if not {"debit_amount", "credit_amount"} & targets:
        required.append("amount")
    if source.document_types:
        required.append("document_type")
    if source.sign == "indicator":
        required.append("debit_credit")
    for name in required:
        if name not in targets and name not in found:
            out.problems.append(header_problem(path, header_row, found, name))
        elif name not in targets:
            rename[name] = name
    extras = {c: c for c in found if c not in rename}
    return ColumnPlan(rename=rename, extras=extras)


def _cells(raw: pd.DataFrame, names: dict[str, str], target: str) -> pd.Series | None:
    src = names.get(target)
    return raw[src] if src is not None and src in raw.columns else None


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and value != value)


def _blank(cells: pd.Series) -> np.ndarray:
    """Return per cell whether it is empty (missing or only blank space)."""
    if pd.api.types.is_string_dtype(cells.dtype) and cells.dtype != object:
        empty = cells.str.strip() == ""
        return np.asarray(cells.isna().to_numpy() | empty.to_numpy(dtype=bool, na_value=True))
    return np.array(
        [v is None or (isinstance(v, float) and v != v) or str(v).strip() == "" for v in cells],
        dtype=bool,
    )


def _structure(
    raw: pd.DataFrame,
    source: LedgerSource,
    names: dict[str, str],
    account: SourceAccount,
    out: LedgerItems,
) -> pd.DataFrame:
    """Return the item rows: subtotal and heading rows are left out, counted and warned about.

    A row without a document number is a subtotal row when one of its cells reads like a total
    (Summe, Total, Gesamt, a leading `*`), and a heading row (a customer or aging section of a
    report, a print date) when it has no amount either. With `group_rows`, a heading's first
    text fills that column of the items below it.

    Long because subtotal, heading and filter rows are told apart in one pass over the same masks,
    in the order ledgers.md gives.
    """
    doc = _cells(raw, names, "document_id")
    if doc is None:
        return raw
    no_doc = _blank(doc)
    # Only rows without a document number can be totals or headings: look at those alone.
    blank_rows = raw.index[no_doc]
    text = raw.loc[blank_rows].map(lambda v: "" if _missing(v) else str(v).strip())
    totals = np.zeros(len(raw), bool)
    has_amount = np.zeros(len(raw), bool)
    if len(blank_rows):
        totals[no_doc] = text.apply(lambda col: col.str.match(_TOTALS)).any(axis=1).to_numpy()
        amount_cols = [
            c for t in ("amount", "debit_amount", "credit_amount") if (c := names.get(t)) in raw
        ]
        if amount_cols:
            has_amount[no_doc] = (text[amount_cols] != "").any(axis=1).to_numpy()
    heading = no_doc & ~totals & ~has_amount
    if source.group_rows is not None:
        first = text.apply(lambda row: next((v for v in row if v), ""), axis=1)
        first = first.reindex(raw.index)
        group = first.where(pd.Series(heading, index=raw.index)).replace("", np.nan).ffill()
        target = source.group_rows
        column = names.get(target, target)
        names.setdefault(target, column)
        raw = raw.copy()
        current = raw[column] if column in raw.columns else pd.Series(None, index=raw.index)
        raw[column] = current.where(~pd.Series(_blank(current), index=raw.index), group)
    if totals.any():
        rows = raw.index[totals]
        amounts = _raw_amounts(raw.loc[rows], source, names)
        account.leave_out("subtotal", rows, amounts)
        shown = ", ".join(str(r) for r in rows[:5]) + (" …" if len(rows) > 5 else "")
        out.warnings.append(
            Problem(
                plural(
                    "{count} subtotal or total row left out (row {shown})",
                    "{count} subtotal or total rows left out (rows {shown})",
                    len(rows),
                    shown=shown,
                ),
                path=out.path,
                expected="one row per item; sums are computed by the kit",
                severity=Severity.WARNING,
            )
        )
        _check_totals(raw, totals, source, names, out)
    if heading.any():
        account.leave_out("heading", raw.index[heading], np.zeros(int(heading.sum())))
    kept: pd.DataFrame = raw[~(totals | heading)]
    return kept


def _numbers(cells: pd.Series, source: LedgerSource) -> tuple[pd.Series, pd.Index]:
    """Return signed numbers: trailing minus (1.234,56-) and (1,234.56) read as negative."""
    if cells.dtype == object:
        numeric = cells.map(lambda v: isinstance(v, int | float) and not isinstance(v, bool))
        numeric = numeric.fillna(False).astype(bool)
    else:
        numeric = pd.Series(False, index=cells.index)
    text = parse_text(cells)
    if text.isna().all():
        return pd.Series(np.nan, index=cells.index), pd.Index([])
    # Signs and symbols as exports write them; most cells are plain numbers and skip this.
    present = text.notna().to_numpy(dtype=bool)
    plain = text.str.fullmatch(r"[+-]?[\d.,]+").to_numpy(dtype=bool, na_value=True)
    odd = pd.Series(present & ~plain, index=text.index) & ~numeric
    if bool(odd.any()):
        fixed = text[odd].str.replace(_SYMBOLS, "", regex=True).str.strip()
        trailing = fixed.str.endswith("-").fillna(False).astype(bool)
        fixed = fixed.where(~trailing, "-" + fixed.str.slice(0, -1).str.strip())
        parens = (fixed.str.startswith("(") & fixed.str.endswith(")")).fillna(False).astype(bool)
        fixed = fixed.where(~parens, "-" + fixed.str.slice(1, -1).str.strip())
        text = text.where(~odd, fixed.reindex(text.index))
    if not bool(numeric.any()):
        values, bad = parse_number(
            text[present], decimal=source.decimal, thousands=source.thousands
        )
        return values.reindex(text.index), bad
    mixed = text.astype(object).where(~numeric, cells.astype(object))
    return parse_number(mixed, decimal=source.decimal, thousands=source.thousands)


def _raw_amounts(rows: pd.DataFrame, source: LedgerSource, names: dict[str, str]) -> np.ndarray:
    """Return the signed amount of raw rows (NaN where none can be read)."""
    total = np.zeros(len(rows))
    seen = np.zeros(len(rows), bool)
    for target, factor in (("amount", 1.0), ("debit_amount", 1.0), ("credit_amount", -1.0)):
        cells = _cells(rows, names, target)
        if cells is None:
            continue
        values, _ = _numbers(cells, source)
        array = values.to_numpy(dtype=np.float64, na_value=np.nan)
        seen |= np.isfinite(array)
        total += factor * np.nan_to_num(array)
    return np.where(seen, total, np.nan)


def _check_totals(
    raw: pd.DataFrame,
    totals: np.ndarray,
    source: LedgerSource,
    names: dict[str, str],
    out: LedgerItems,
) -> None:
    """Warn when the last total row's amount differs from the sum of the items above it."""
    last = int(np.flatnonzero(totals)[-1])
    items = ~totals
    items[last:] = False
    amounts = _raw_amounts(raw, source, names)
    shown = amounts[last]
    cur = _cells(raw, names, "currency")
    if cur is not None and str(cur.iloc[last] or "").strip():
        items &= (cur.map(lambda v: str(v or "").strip()) == str(cur.iloc[last]).strip()).to_numpy()
    # Items of earlier total rows of the same layout are summed too: a grand total covers all.
    computed = float(np.nansum(amounts[items]))
    if np.isfinite(shown) and abs(shown - computed) > 0.005 + 1e-9 * abs(shown):
        out.warnings.append(
            Problem(
                msg(
                    "the total row shows {shown}, the items above it sum to {computed}",
                    shown=Amount(shown),
                    computed=Amount(computed),
                ),
                path=out.path,
                row=int(raw.index[last]),
                expected="the sum of the items (a differing total is shown, not used)",
                severity=Severity.WARNING,
            )
        )


def _parse(
    raw: pd.DataFrame, source: LedgerSource, plan: ColumnPlan, ctx: TableContext, out: LedgerItems
) -> pd.DataFrame:
    parsed: dict[str, pd.Series] = {}
    extras: dict[str, pd.Series] = {}
    for src in raw.columns:
        target = plan.rename.get(src)
        if target is None or target not in LEDGER_COLUMNS:
            extras[str(src)] = raw[src]
            continue
        cells = raw[src]
        values = expand_value_map(source.values.get(target, source.values.get(src, {})))
        kind = LEDGER_COLUMNS[target]
        if values and kind != "bool":
            text = parse_text(cells)
            mapped = text.map({k: str(v) for k, v in values.items()})
            cells = mapped.where(mapped.notna(), text)
        if kind == "number":
            series, bad = _numbers(cells, source)
            out.errors += row_findings(ctx, bad, src, "not a number", number_example(source))
        elif kind == "date":
            series, bad = parse_dates(
                cells, date_format=source.date_format, dayfirst=source.dayfirst
            )
            out.errors += row_findings(ctx, bad, src, "not a valid date", date_example(source))
        elif kind == "bool":
            series, bad, _ = parse_bool(cells, values)
            out.errors += row_findings(
                ctx, bad, src, f"value not in the yes/no map of {target}", "true or false"
            )
        else:
            series = parse_text(cells)
        parsed[target] = series
    frame = pd.DataFrame(parsed, index=raw.index)
    if "amount" not in frame and ({"debit_amount", "credit_amount"} & set(frame.columns)):
        debit = frame.get("debit_amount", pd.Series(np.nan, index=frame.index))
        credit = frame.get("credit_amount", pd.Series(np.nan, index=frame.index))
        both = debit.isna() & credit.isna()
        frame["amount"] = (debit.fillna(0.0) - credit.fillna(0.0)).where(~both)
    if source.sign == "indicator" and "debit_credit" in frame:
        _indicator(frame, source, ctx, out)
    for name, value in extras.items():
        if name not in frame:
            frame[name] = value
    return frame


def _indicator(
    frame: pd.DataFrame, source: LedgerSource, ctx: TableContext, out: LedgerItems
) -> None:
    """Apply the debit/credit indicator: amount = |amount|, negative for credit items."""
    side = frame["debit_credit"].map(
        lambda v: _DEBIT_CREDIT.get(str(v).strip().lower(), str(v).strip().lower()),
        na_action="ignore",
    )
    bad = side.notna() & ~side.isin(["debit", "credit"])
    _flag(
        out,
        ctx,
        bad,
        "debit_credit",
        "unknown debit/credit indicator",
        "S or H (Soll/Haben), D or C (Debit/Credit); map others under values: {debit_credit: ...}",
    )
    factor = np.where(side == "credit", -1.0, 1.0)
    frame["amount"] = frame["amount"].abs() * factor


def _flag(
    out: LedgerItems, ctx: TableContext, rows: pd.Series, name: str, message: str, expected: str
) -> None:
    """Add the finding that the `rows` marked True break `message` in canonical column `name`."""
    out.errors += row_findings(ctx, rows.index[rows.to_numpy()], ctx.src(name), message, expected)


def _kinds(
    items: pd.DataFrame, source: LedgerSource, ctx: TableContext, out: LedgerItems
) -> pd.Series:
    """Return per row its derived kind: invoice, credit_note, payment, residual or other."""
    amount = items["amount"]
    if not source.document_types or "document_type" not in items:
        out.warnings.append(
            Problem(
                "no document_types given: debit items are read as invoices, credit items as "
                "payments",
                path=ctx.path,
                key="data.ledger.document_types",
                expected="document_types mapping each document type to invoice, credit_note, "
                "payment or residual",
                severity=Severity.WARNING,
            )
        )
        return pd.Series(np.where(amount < 0, "payment", "invoice"), index=items.index)
    raw_type = items["document_type"]
    mapping = {str(k).strip(): v for k, v in source.document_types.items()}
    kind = parse_text(raw_type).map(mapping).fillna("unmapped").astype(object)
    listed = ", ".join(mapping)
    unmapped = kind == "unmapped"
    _flag(
        out,
        ctx,
        unmapped,
        "document_type",
        "document type not in document_types",
        f"one of {listed} (map others under document_types:)",
    )
    _flag(
        out,
        ctx,
        kind == "other",
        "document_type",
        "document type mapped to other: not an invoice, credit note, payment or residual",
        "invoice, credit_note, payment or residual (on_error: skip leaves it out, counted)",
    )
    return kind.where(~unmapped, "other")


def _checks(
    items: pd.DataFrame,
    kind: pd.Series,
    ctx: TableContext,
    out: LedgerItems,
    today: dt.date | None,
) -> None:
    """Add the row findings of ledgers.md: blanks, sign against type, dates, repeated ids.

    Long because the row rules of ledgers.md run in their documented order on the same frame; a rule
    is a few lines each.
    """
    for name in ("customer_id", "document_id", "issue_date", "amount"):
        if name not in items:
            continue
        out.errors += blank_required(ctx, items[name], name, ctx.src(name), out.errors)
    amount = items["amount"]
    contradicts = ((kind.isin(["invoice", "residual"]) & (amount < 0)) |
                   (kind.isin(["credit_note", "payment"]) & (amount > 0)))  # fmt: skip
    if bool(contradicts.any()):
        rows = items.index[contradicts.to_numpy()]
        out.errors.append(
            Finding(
                "the amount's sign contradicts the document type",
                path=ctx.path,
                rows=rows.to_numpy(),
                column=ctx.src("amount"),
                values=ctx.values("amount"),
                expected="invoices and residual items as debits (+), credit notes and payments "
                "as credits (−)",
                details=pd.Series(
                    [msg("type {kind}", kind=str(t)) for t in kind.loc[rows]],
                    index=rows,
                    dtype=object,
                ),
            )
        )
    _flag(out, ctx, amount == 0, "amount", "amount is 0", "a debit or credit amount other than 0")
    invoice = kind == "invoice"
    if "due_date" in items:
        no_due = (kind.isin(["invoice", "residual"]) & items["due_date"].isna()).to_numpy()
        known_bad = [f.rows for f in out.errors if f.column == ctx.src("due_date")]
        if known_bad:
            no_due &= ~items.index.isin(np.concatenate(known_bad))
        if no_due.any():
            out.errors.append(
                Finding(
                    "an invoice without a due date",
                    path=ctx.path,
                    rows=items.index[no_due].to_numpy(),
                    column=ctx.src("due_date"),
                    expected="the net due date of every invoice and residual item",
                )
            )
        early = (invoice & (items["due_date"] < items["issue_date"])).fillna(False)
        _flag(
            out,
            ctx,
            early,
            "due_date",
            "due date before the issue date",
            "a date not before the issue date",
        )
    earliest, latest = plausible_range(today)
    for name in ("issue_date", "due_date", "cleared_date", "posting_date"):
        if name not in items:
            continue
        dates = items[name]
        outside = dates.notna() & ((dates < earliest) | (dates > latest))
        _flag(
            out,
            ctx,
            outside,
            name,
            "date outside the plausible range",
            f"a date between {earliest.date().isoformat()} and {latest.date().isoformat()}",
        )
    ids = _item_ids(items)
    is_inv = kind.isin(["invoice", "residual"])
    frame = pd.DataFrame({"invoice_id": ids[is_inv]})
    out.errors.extend(duplicates(frame, "invoice_id", _id_ctx(ctx), what="invoice id"))


def _id_ctx(ctx: TableContext) -> TableContext:
    return TableContext(
        path=ctx.path, raw=ctx.raw, source_names={"invoice_id": ctx.src("document_id")}
    )


def _item_ids(items: pd.DataFrame) -> pd.Series:
    """Return the item ids: the document number, with the line where a number repeats."""
    ids = items["document_id"].astype(object)
    if "line" in items:
        repeated = ids.duplicated(keep=False) & ids.notna() & items["line"].notna()
        ids = ids.where(~repeated, ids.astype(str) + "-" + items["line"].astype(str))
    return ids


def _settle(
    items: pd.DataFrame,
    kind: pd.Series,
    source: LedgerSource,
    out: LedgerItems,
    account: SourceAccount,
    ctx: TableContext,
) -> None:
    """Leave out rows with problems (on_error: skip) or block, then derive the tables."""
    errors = out.errors
    bad_rows = np.unique(np.concatenate([f.rows for f in errors])) if errors else np.empty(0)
    if errors and source.on_error != "skip":
        return
    amount = items["amount"].to_numpy(dtype=np.float64, na_value=np.nan)
    if len(bad_rows):
        excluded: list[Problem] = []
        other_rows = set()
        for finding in errors:
            if finding.message.startswith("document type"):
                other_rows |= set(finding.rows.tolist())
            excluded.extend(finding.problems())
        out.excluded.extend(sorted(excluded, key=lambda p: p.row or 0))
        is_bad = items.index.isin(bad_rows)
        is_other = items.index.isin(sorted(other_rows)) & is_bad
        account.leave_out("other_document_type", items.index[is_other], amount[is_other])
        rest = is_bad & ~is_other
        account.leave_out("skipped_problem", items.index[rest], amount[rest])
        items, kind = items[~is_bad], kind[~is_bad]
        out.errors = []
    out.tables = derive_tables(items, kind)
    for name, table in out.tables.items():
        if name == "invoices":
            residual = table["residual"].to_numpy(dtype=bool)
            account.use("invoices", int((~residual).sum()), float(table["amount"][~residual].sum()))
            account.use(
                "residual_items", int(residual.sum()), float(table["amount"][residual].sum())
            )
        else:
            account.use(name, len(table), -float(table["amount"].sum()))


def derive_tables(items: pd.DataFrame, kind: pd.Series) -> dict[str, pd.DataFrame]:
    """Return invoices, credit_notes and payments of checked line items (ledgers.md).

    Amounts become positive; invoices carry `paid_date = cleared_date` and `residual`; a credit
    note's `invoice_id` is its `invoice_ref` when that names an invoice of the ledger; payments
    are dated by `posting_date` when mapped, else the document date, and settle no invoice by
    id (the clearing does, through `paid_date`); `settles` lists the invoices that share their
    clearing document.

    Long because the tables are derived from one set of masks in the order ledgers.md describes;
    split, each step would take all of them.
    """
    ids = _item_ids(items)
    col = items.get
    inv_mask = kind.isin(["invoice", "residual"]).to_numpy()
    inv = items[inv_mask]
    known = set(ids[inv_mask].dropna().astype(str))
    base = [c for c in items.columns if c not in ("document_id", "amount")]
    invoices = pd.DataFrame(
        {
            "invoice_id": ids[inv_mask].astype(str),
            "customer_id": inv["customer_id"].astype(str),
            "issue_date": inv["issue_date"],
            "due_date": inv["due_date"],
            "amount": inv["amount"].abs(),
            "paid_date": col("cleared_date", pd.Series(pd.NaT, index=items.index))[inv_mask],
            "residual": (kind[inv_mask] == "residual").to_numpy(),
        },
        index=inv.index,
    )
    for name in base:
        if name not in invoices and name not in ("cleared_date",):
            invoices[name] = inv[name]
    if "disputed" in invoices:
        invoices["disputed"] = invoices["disputed"].fillna(False).astype(bool)

    def credits(mask: np.ndarray, id_name: str, date_name: str) -> pd.DataFrame:
        part = items[mask]
        frame = pd.DataFrame(
            {
                id_name: ids[mask].astype(str),
                "customer_id": part["customer_id"].astype(str),
                date_name: part["issue_date"],
                "amount": part["amount"].abs(),
                "cleared_date": col("cleared_date", pd.Series(pd.NaT, index=items.index))[mask],
            },
            index=part.index,
        )
        if date_name == "payment_date" and "posting_date" in part:
            frame[date_name] = part["posting_date"].where(
                part["posting_date"].notna(), part["issue_date"]
            )
        ref = part["invoice_ref"] if "invoice_ref" in part else pd.Series(None, index=part.index)
        applied = pd.Series(
            [isinstance(v, str) and v in known for v in ref.tolist()], index=part.index
        )
        if date_name == "payment_date":
            frame["invoice_id"] = pd.Series(None, index=part.index, dtype=object)
        else:
            frame["invoice_id"] = ref.where(applied, None).astype(object)
        for name in base:
            if name not in frame and name not in ("issue_date", "cleared_date", "due_date"):
                frame[name] = part[name]
        return frame

    tables = {
        "invoices": invoices,
        "credit_notes": credits((kind == "credit_note").to_numpy(), "credit_note_id", "issue_date"),
        "payments": credits((kind == "payment").to_numpy(), "payment_id", "payment_date"),
    }
    if "clearing_id" in invoices:
        # Items cleared together share the clearing document: show which invoices they settle.
        cleared = invoices.dropna(subset=["clearing_id"])
        settled = cleared.groupby("clearing_id")["invoice_id"].agg(", ".join)
        for name in ("credit_notes", "payments"):
            table = tables[name]
            if "clearing_id" in table:
                table["settles"] = table["clearing_id"].map(settled).astype(object)
    return tables


def _warn_unsettled(
    items: pd.DataFrame, kind: pd.Series, source: LedgerSource, path: str, out: LedgerItems
) -> None:
    if source.contains != "all_items" or items.empty:
        return
    cleared = "cleared_date" in items and bool(items["cleared_date"].notna().any())
    if cleared or bool((kind == "payment").any()):
        return
    out.warnings.append(
        Problem(
            "no settled items: is this an open-items list? then set contains: open_items",
            path=path,
            key="data.ledger.contains",
            expected="open_items with extracted_on, or an export of open and cleared items",
            severity=Severity.WARNING,
        )
    )
