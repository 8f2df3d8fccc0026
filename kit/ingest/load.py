"""Load every source of an engagement into a Ledger, with cross-table rules and `on_error: skip`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from kit.engagement import Engagement, require_files
from kit.errors import DataError, Problem, Severity
from kit.ingest.accounting import SourceAccount
from kit.ingest.findings import MAX_PROBLEMS, Finding, to_problems
from kit.ingest.ledger_accounts import ingest_ledger_source, table_account
from kit.ingest.plausibility import plausibility_findings
from kit.ingest.rules import (
    TableContext,
    all_distinct,
    date_order,
    duplicates,
    positions,
    unknown_references,
)
from kit.ingest.table import LoadedTable, load_table
from kit.ledger import Ledger

__all__ = ["Ingested", "ingest", "load_ledger"]

# Customers first (invoices refer to them), invoices before the tables that refer to invoices.
_ORDER = ("customers", "invoices", "payments", "disputes", "dunning_events")
# The id column of each table that must not repeat.
_UNIQUE = {
    "customers": "customer_id",
    "invoices": "invoice_id",
    "payments": "payment_id",
    "disputes": "dispute_id",
}


@dataclass
class Ingested:
    """Everything ingest found: the tables it could build, blocking errors, warnings, exclusions."""

    tables: dict[str, pd.DataFrame] = field(default_factory=dict)
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    excluded: list[Problem] = field(default_factory=list)
    info: dict[str, dict[str, object]] = field(default_factory=dict)
    #: Per kept payment, the row of its invoice in `tables["invoices"]` (−1: unknown invoice).
    payment_rows: np.ndarray | None = None
    #: Per source, where its rows went (kit.ingest.accounting).
    accounts: list[SourceAccount] = field(default_factory=list)
    #: "open_items" when the ledger source holds only open items.
    contains: str = "all_items"


def load_ledger(engagement: Engagement) -> Ledger:
    """Return the engagement's canonical Ledger; DataError listing every blocking problem."""
    result = ingest(engagement)
    if result.errors or "invoices" not in result.tables:
        problems = result.errors or [Problem("no invoices could be loaded")]
        raise DataError.from_problems(
            problems,
            hint="`kit validate` lists every problem; `on_error: skip` leaves bad rows out",
        )
    # A header-only optional file (as `kit new` writes them) is a table not yet supplied.
    tables = {n: t for n, t in result.tables.items() if n == "invoices" or len(t)}
    items = engagement.data.ledger
    ledger = Ledger(
        invoices=tables["invoices"],
        payments=tables.get("payments"),
        customers=tables.get("customers"),
        disputes=tables.get("disputes"),
        dunning_events=tables.get("dunning_events"),
        warnings=result.warnings,
        excluded=result.excluded,
        credit_notes=tables.get("credit_notes"),
        contains=result.contains,
        extracted_on=items.extracted_on if items is not None else None,
        accounting=[a.as_dict() for a in result.accounts],
    )
    if engagement.privacy == "pseudonymise":
        from kit.privacy import pseudonymise_customers

        pseudonymise_customers(ledger, language=engagement.language)
    return ledger


def ingest(engagement: Engagement, *, today: dt.date | None = None) -> Ingested:
    """Return what loading the engagement's sources yields; never raises for data problems.

    Long because the sources are read in parallel and checked in dependency order (customers and
    invoices before the tables that refer to them).
    """
    require_files(engagement)  # a ledger named in the engine is read there (kit kpis, validate)
    sources = dict(engagement.data.items())
    blocking: list[Problem] = []
    findings: list[Finding] = []
    warn_findings: list[Finding] = []
    out = Ingested()
    with ThreadPoolExecutor(max_workers=1) as pool:
        for name in _ORDER:
            if name == "invoices" and "ledger" in sources:
                findings.extend(ingest_ledger_source(engagement, out, blocking, today=today))
                continue
            source = sources.get(name)
            if source is None:
                continue
            lookups: dict[str, Future[Any]] = {}
            loaded = load_table(
                name,
                source,
                root=engagement.root,
                currency=engagement.currency,
                today=today,
                on_parsed=_early_lookup(name, out.tables.get("invoices"), pool, lookups),
            )
            out.warnings.extend(loaded.warnings)
            blocking.extend(loaded.problems)
            if loaded.frame is None:
                out.info[name] = {
                    "path": loaded.path,
                    "rows": 0,
                    "filtered": loaded.filtered,
                    "excluded": 0,
                }
                # A file that gave no table still stands in the accounting, with what was read.
                out.accounts.append(table_account(name, out.info[name], loaded.warnings))
                continue
            rows_of: dict[str, np.ndarray] = {}
            rules = _rules(loaded, out.tables, rows_of, lookups)
            rules += plausibility_findings(loaded, out.tables, rows_of, engagement.plausibility)
            errors = [f for f in loaded.findings + rules if f.severity == Severity.ERROR]
            warn_findings.extend(f for f in rules if f.severity != Severity.ERROR)
            frame = loaded.frame
            excluded = 0
            if source.on_error == "skip" and errors:
                bad = np.unique(np.concatenate([f.rows for f in errors]))
                excluded = len(bad)
                for finding in errors:
                    out.excluded.extend(finding.problems())
                keep = ~frame.index.isin(bad)
                frame = frame.drop(index=pd.Index(bad))
                if "payments" in rows_of:
                    rows_of["payments"] = rows_of["payments"][keep]
            else:
                findings.extend(errors)
            out.tables[name] = frame
            if name == "payments":
                out.payment_rows = rows_of.get("payments")
            out.info[name] = {
                "path": loaded.path,
                "rows": len(frame),
                "filtered": loaded.filtered,
                "excluded": excluded,
            }
            out.accounts.append(table_account(name, out.info[name], loaded.warnings))
            # The raw cells of this table are no longer needed (findings keep what they name):
            # free them before the next file is read.
            del loaded, rules, errors, frame, lookups
    out.warnings.extend(to_problems(warn_findings))
    rows = to_problems(findings, limit=max(MAX_PROBLEMS - len(blocking), 1))
    out.errors = blocking[:MAX_PROBLEMS] + rows
    out.tables = {n: t.reset_index(drop=True) for n, t in out.tables.items()}
    # Give back what Arrow's pool still holds of the raw files, so the KPIs that follow fit.
    pa.default_memory_pool().release_unused()
    return out


def _early_lookup(
    name: str,
    invoices: pd.DataFrame | None,
    pool: ThreadPoolExecutor,
    lookups: dict[str, Future[Any]],
) -> Callable[[str, pd.Series], None]:
    """Return a hook that starts hashing a table's ids as soon as they are parsed.

    Arrow hashes without holding the GIL, so the id checks (repeated ids, positions among the
    invoices) run while the other columns parse.
    """

    def hook(column: str, values: pd.Series) -> None:
        if column == _UNIQUE.get(name):
            lookups[column] = pool.submit(all_distinct, values)
        if column == "invoice_id" and invoices is not None and "invoice_id" in invoices:
            lookups["positions"] = pool.submit(positions, values, invoices["invoice_id"])

    return hook


def _known(lookups: dict[str, Future[Any]], column: str) -> bool | None:
    early = lookups.get(column)
    return None if early is None else bool(early.result())


#: The id column of each table whose ids must be distinct.
_ID_COLUMNS = {
    "customers": "customer_id",
    "invoices": "invoice_id",
    "payments": "payment_id",
    "disputes": "dispute_id",
}


def _rules(
    loaded: LoadedTable,
    done: dict[str, pd.DataFrame],
    rows_of: dict[str, np.ndarray],
    lookups: dict[str, Future[Any]],
) -> list[Finding]:
    """Return the findings of the rules across rows and tables for one loaded table."""
    frame, ctx = loaded.frame, loaded.ctx
    if frame is None or ctx is None:
        return []
    found: list[Finding] = []
    id_column = _ID_COLUMNS.get(loaded.name)
    if id_column is not None:
        what = id_column.replace("_", " ")
        found += duplicates(frame, id_column, ctx, what=what, distinct=_known(lookups, id_column))
    if loaded.name == "invoices":
        found += _invoice_rules(frame, ctx, done.get("customers"))
    if loaded.name == "disputes" and "opened_date" in frame.columns:
        found += date_order(
            frame,
            "resolved_date",
            frame["opened_date"],
            ctx,
            message="resolved before it was opened",
            expected="opened date",
        )
    invoices = done.get("invoices")
    if (
        invoices is not None
        and loaded.name in ("payments", "disputes", "dunning_events")
        and "invoice_id" in frame.columns
    ):
        at = _invoice_positions(frame, invoices, lookups)
        rows_of[loaded.name] = at
        found += unknown_references(
            frame, "invoice_id", invoices["invoice_id"], ctx, what="invoice id", at=at
        )
        if loaded.name == "payments" and "issue_date" in invoices.columns:
            found += _payments_before_issue(frame, ctx, invoices, at)
    return found


def _invoice_rules(
    frame: pd.DataFrame, ctx: TableContext, customers: pd.DataFrame | None
) -> list[Finding]:
    """Return the invoices' findings: due or paid before issue, customers not in customers."""
    found: list[Finding] = []
    if "issue_date" in frame.columns:
        for column, name in (("due_date", "due date"), ("paid_date", "paid date")):
            found += date_order(
                frame,
                column,
                frame["issue_date"],
                ctx,
                message=f"{name} before the issue date",
                expected="issue date",
            )
    if customers is not None and len(customers):  # a header-only file is not yet supplied
        found += unknown_references(
            frame,
            "customer_id",
            customers["customer_id"],
            ctx,
            what="customer id",
            severity=Severity.WARNING,
        )
    return found


def _invoice_positions(
    frame: pd.DataFrame, invoices: pd.DataFrame, lookups: dict[str, Future[Any]]
) -> np.ndarray:
    """Return per row the position of its invoice in the invoices (-1 when unknown)."""
    early = lookups.get("positions")
    if early is not None:
        at: np.ndarray = early.result()
        return at
    return positions(frame["invoice_id"], invoices["invoice_id"])


def _payments_before_issue(
    frame: pd.DataFrame, ctx: TableContext, invoices: pd.DataFrame, at: np.ndarray
) -> list[Finding]:
    """Return the finding of payments dated before their invoice was issued."""
    dates = invoices["issue_date"].to_numpy(dtype="datetime64[ns]")
    issued = pd.Series(
        np.where(at >= 0, dates[np.maximum(at, 0)], np.datetime64("NaT")),
        index=frame.index,
    )
    return date_order(
        frame,
        "payment_date",
        issued,
        ctx,
        message="payment dated before the invoice was issued",
        expected="invoice's issue date",
    )
