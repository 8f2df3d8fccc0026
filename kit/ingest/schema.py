"""Pandera schemas of the canonical tables; failures are mapped back to source rows and columns."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from kit.errors import Problem
from kit.ingest.findings import Finding
from kit.ingest.parsing import kind_of
from kit.ledger import CANONICAL, CHANNELS, EVENTS
from kit.message import msg

if TYPE_CHECKING:
    import pandera.pandas as pa

__all__ = ["EARLIEST_DATE", "LATEST_YEARS", "plausible_range", "schema_findings", "table_schema"]

#: Dates before this are refused as implausible (typos such as 0226 or 1926).
EARLIEST_DATE = dt.date(1990, 1, 1)
#: Dates more than this many years after today are refused as implausible.
LATEST_YEARS = 5

_ALLOWED = {"channel": CHANNELS, "preferred_channel": CHANNELS, "event": EVENTS}


@dataclass(frozen=True)
class _Rule:
    """One column's contract: dtype (None = any), nulls allowed, and at most one value check."""

    dtype: str | None
    nullable: bool
    check: tuple[str, Any, Any] | None  # ("gt", 0, None), ("in_range", lo, hi), ("isin", v, None)


def plausible_range(today: dt.date | None = None) -> tuple[pd.Timestamp, pd.Timestamp]:
    """Return the earliest and latest plausible ledger date (1990-01-01 .. today + 5 years)."""
    today = today or dt.date.today()
    latest = pd.Timestamp(today) + pd.DateOffset(years=LATEST_YEARS)
    return pd.Timestamp(EARLIEST_DATE), pd.Timestamp(latest)


def _contract(table: str, columns: list[str], today: dt.date | None) -> dict[str, _Rule]:
    """Return the rules of the canonical columns present (the one definition of the schema)."""
    earliest, latest = plausible_range(today)
    required, optional = CANONICAL[table]
    rules: dict[str, _Rule] = {}
    for name in (*required, *optional):
        if name not in columns:
            continue
        kind = kind_of(name)
        if kind == "number":
            rules[name] = _Rule("float64", True, ("gt", 0, None) if name == "amount" else None)
        elif kind in ("date", "datetime"):
            rules[name] = _Rule("datetime64[ns]", True, ("in_range", earliest, latest))
        elif kind == "bool":
            rules[name] = _Rule("bool", False, None)
        elif name in _ALLOWED:
            rules[name] = _Rule(None, True, ("isin", list(_ALLOWED[name]), None))
    return rules


def table_schema(
    table: str, columns: list[str], *, today: dt.date | None = None
) -> pa.DataFrameSchema:
    """Return the pandera schema of a canonical table, restricted to the columns present."""
    import pandera.pandas as pa  # imported when needed: it takes a noticeable time to load

    spec: dict[str, pa.Column] = {}
    for name, rule in _contract(table, columns, today).items():
        listed: list[pa.Check] = []
        if rule.check is not None:
            what, low, high = rule.check
            if what == "gt":
                listed.append(pa.Check.gt(low))
            elif what == "in_range":
                listed.append(pa.Check.in_range(low, high))
            else:
                listed.append(pa.Check.isin(low))
        dtype: Any = bool if rule.dtype == "bool" else rule.dtype
        spec[name] = pa.Column(dtype, checks=listed, nullable=rule.nullable)
    return pa.DataFrameSchema(spec, strict=False, coerce=False)


def _clearly_valid(frame: pd.DataFrame, rules: dict[str, _Rule]) -> bool:
    """Return True when every rule plainly holds (exact dtype, no stray nulls, checks pass).

    A cheap vectorised pass for the common clean file; any doubt returns False and pandera
    decides (and names the failing rows).
    """
    for name, rule in rules.items():
        column = frame[name]
        if not isinstance(column, pd.Series):
            return False
        if rule.dtype is not None and column.dtype != np.dtype(rule.dtype):
            return False
        missing = column.isna().to_numpy(dtype=bool)
        if missing.any() and not rule.nullable:
            return False
        if rule.check is None:
            continue
        what, low, high = rule.check
        if what == "gt":
            ok = (column > low).to_numpy(dtype=bool)
        elif what == "in_range":
            ok = ((column >= low) & (column <= high)).to_numpy(dtype=bool)
        else:
            ok = column.isin(low).to_numpy(dtype=bool)
        if not (ok | missing).all():
            return False
    return True


def schema_findings(
    frame: pd.DataFrame,
    table: str,
    *,
    source_names: dict[str, str],
    raw: pd.DataFrame,
    path: str,
    today: dt.date | None = None,
) -> tuple[list[Finding], list[Problem]]:
    """Return row findings (and column-level problems) of the table against its pandera schema."""
    if _clearly_valid(frame, _contract(table, list(frame.columns), today)):
        return [], []
    import pandera.errors

    schema = table_schema(table, list(frame.columns), today=today)
    try:
        schema.validate(frame, lazy=True)
    except pandera.errors.SchemaErrors as exc:
        cases = exc.failure_cases
    else:
        return [], []
    earliest, latest = plausible_range(today)
    findings: list[Finding] = []
    problems: list[Problem] = []
    for (column, check), group in cases.groupby(["column", "check"], sort=False, dropna=False):
        name = str(column)
        src = source_names.get(name, name)
        rows = group["index"].dropna()
        if rows.empty:
            problems.append(
                Problem(msg("column fails the check {check}", check=check), path=path, column=src)
            )
            continue
        message, expected = _explain(str(check), name, earliest, latest)
        findings.append(
            Finding(
                message,
                path=path,
                rows=rows.astype("int64").to_numpy(),
                column=src,
                values=raw[src] if src in raw.columns else None,
                expected=expected,
            )
        )
    return findings, problems


def _explain(
    check: str, column: str, earliest: pd.Timestamp, latest: pd.Timestamp
) -> tuple[str, str]:
    if check.startswith("greater_than"):
        return (
            msg("{column} must be greater than 0", column=column),
            "a positive amount (a file of signed items with credit notes: read it as data.ledger)",
        )
    if check.startswith("in_range"):
        return (
            "date outside the plausible range",
            msg(
                "a date between {first} and {last}",
                first=earliest.date().isoformat(),
                last=latest.date().isoformat(),
            ),
        )
    if check.startswith("isin"):
        allowed = ", ".join(_ALLOWED.get(column, ()))
        return msg("unknown {column} value", column=column), msg(
            "one of {allowed} (translate others with values:)", allowed=allowed
        )
    return msg("{column} fails the check {check}", column=column, check=check), "a valid value"
