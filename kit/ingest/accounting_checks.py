"""Checks on the row accounting: the required tables that ended up empty, the counts per source.

The accounting is data (`SourceAccount.as_dict()`); `kit validate` and the KPI report write it
in words.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from kit.errors import Problem
from kit.i18n.labels import LEDGER_TABLE
from kit.i18n.markers import N_
from kit.message import msg

__all__ = ["account_counts", "empty_tables", "source_label"]


def source_label(source: str) -> str:
    """Return the message id naming a source: the line-item export or the table it fills."""
    return N_("line-item export") if source == "ledger" else LEDGER_TABLE[source]


def account_counts(
    account: dict[str, object],
) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any], dict[str, Any]]:
    """Return an account's rows and amounts used per table and left out per reason (JSON)."""
    parts = [account.get(k) or {} for k in ("used", "used_amount", "left_out", "left_out_amount")]
    assert all(isinstance(p, dict) for p in parts)  # noqa: S101 - the shape of the JSON
    used, used_amount, left, left_amount = cast(list[dict[str, Any]], parts)
    return used, used_amount, left, left_amount


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
