"""Step 04 blocks for ledger exports: the open-items notice, the net balance and row accounting."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import pandas as pd

from kit.i18n import N_
from kit.i18n.labels import LEDGER_REASON, LEDGER_TABLE
from kit.ingest.accounting import REASONS, TABLES
from kit.ingest.accounting_checks import account_counts, source_label
from kit.report import Html, note, table
from kit.report.context import ReportContext

_LEDGER_COL: dict[str, str] = {
    "amount": N_("Amount"),
    "rows": N_("Rows"),
    "source": N_("Source"),
    "what": N_("Where the rows went"),
}

__all__ = ["accounting_frame", "accounting_table", "net_sentence", "open_items_notice"]


def open_items_notice(ctx: ReportContext, extracted_on: date | None) -> Html | None:
    """Return the one prominent notice that the data are an open-items list (None otherwise)."""
    if extracted_on is None:
        return None
    return note(
        ctx,
        ctx.tr(
            "The data are an open-items list (as of {date}): they hold "
            "only what was open on that day. Sales, payments received and "
            "history are unknown from it, so the key figures that need "
            "them (DSO, CEI, collection rate, days to pay, trends) are not "
            "shown.",
            date=ctx.date(extracted_on),
        ),
        kind="warning",
    )


def net_sentence(ctx: ReportContext, values: dict[str, float | None]) -> str | None:
    """Return the sentence saying which balance is gross and which net (None: no open credits)."""
    credits, net = values.get("open_credits"), values.get("ar_net")
    if not credits or net is None:
        return None
    return ctx.tr(
        "Total receivables, aging and DSO count open invoices only "
        "(gross). The net receivables balance deducts open credit "
        "notes and unapplied payments of {credits}: {net}.",
        credits=ctx.money(credits, digits=0),
        net=ctx.money(net, digits=0),
    )


def accounting_table(ctx: ReportContext, accounts: list[dict[str, object]]) -> Html | None:
    """Return the table of where every row read went, per source (None without accounting)."""
    if not accounts:
        return None
    frame = accounting_frame(ctx, accounts)
    labels = {c: ctx.tr(_LEDGER_COL[c]) for c in frame.columns}
    return table(
        ctx,
        frame,
        formats={"source": "text", "what": "text", "rows": "number:0", "amount": "money"},
        labels=labels,
        caption=ctx.tr(
            "Where every row read went: used per table or left out with "
            "its reason (signed amounts: debit +, credit −)"
        ),
    )


def accounting_frame(ctx: ReportContext, accounts: Sequence[dict[str, object]]) -> pd.DataFrame:
    """Return one row per source and destination: source, where the rows went, rows, amount."""
    rows: list[dict[str, object]] = []
    used_word, left_word = ctx.tr("used"), ctx.tr("left out")
    for account in accounts:
        source = ctx.tr(source_label(str(account["source"])))
        used, used_amount, left, left_amount = account_counts(account)
        for name in TABLES:
            if name in used and (used[name] or name == "invoices"):
                rows.append(
                    {
                        "source": source,
                        "what": f"{used_word}: {ctx.tr(LEDGER_TABLE[name])}",
                        "rows": used[name],
                        "amount": used_amount.get(name),
                    }
                )
        for reason in REASONS:
            if left.get(reason):
                rows.append(
                    {
                        "source": source,
                        "what": f"{left_word}: {ctx.tr(LEDGER_REASON[reason])}",
                        "rows": left[reason],
                        "amount": left_amount.get(reason),
                    }
                )
    return pd.DataFrame(rows, columns=["source", "what", "rows", "amount"])
