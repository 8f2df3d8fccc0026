"""Ingest's side of a ledger source and of the row accounting of every other source."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from kit.engagement import Engagement
from kit.errors import Problem
from kit.ingest.accounting import ITEM_TABLES, SourceAccount
from kit.ingest.findings import Finding
from kit.ingest.ledger_items import load_ledger_items

if TYPE_CHECKING:
    from kit.ingest.load import Ingested

__all__ = ["TOTALS_MESSAGE", "ingest_ledger_source", "table_account"]

#: The reader's warning for a totals row it left out at the end of a table.
TOTALS_MESSAGE = "totals row at the end of the table left out"


def ingest_ledger_source(
    engagement: Engagement, out: Ingested, blocking: list[Problem], *, today: dt.date | None
) -> list[Finding]:
    """Load `data.ledger` into `out` (invoices, credit_notes, payments); return blocking findings.

    Table-level problems go to `blocking`; with `on_error: skip` the rows with problems are in
    `out.excluded` and the returned list is empty.
    """
    source = engagement.data.ledger
    if source is None:
        return []
    items = load_ledger_items(
        source, root=engagement.root, currency=engagement.currency, today=today
    )
    out.warnings.extend(items.warnings)
    blocking.extend(items.problems)
    out.excluded.extend(items.excluded)
    out.contains = source.contains
    account = items.account or SourceAccount(source="ledger", path=items.path, rows_read=0)
    out.accounts.append(account)
    for name, table in items.tables.items():
        out.tables[name] = table
    out.info["ledger"] = {
        "path": items.path,
        "rows": account.rows_read,
        "filtered": account.left_out.get("filter", 0),
        "excluded": account.left_out.get("skipped_problem", 0)
        + account.left_out.get("other_document_type", 0),
        **{f"rows_{name}": int(account.used.get(name, 0)) for name in ITEM_TABLES},
    }
    return items.errors


def table_account(name: str, info: dict[str, object], warnings: list[Problem]) -> SourceAccount:
    """Return the accounting of a table source from ingest's counts and the reader's warnings."""
    path = str(info["path"])
    totals = sum(1 for w in warnings if w.message == TOTALS_MESSAGE)
    used = int(str(info["rows"]))
    filtered = int(str(info["filtered"]))
    skipped = int(str(info["excluded"]))
    account = SourceAccount(source=name, path=path, rows_read=used + filtered + skipped + totals)
    account.use(name, used)
    account.leave_out("filter", filtered)
    account.leave_out("skipped_problem", skipped)
    account.leave_out("subtotal", totals)
    return account
