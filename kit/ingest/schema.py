"""Pandera schemas of the canonical tables; failures are mapped back to source rows and columns."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pandera.pandas as pa

from kit.errors import Problem
from kit.ingest.findings import Finding
from kit.ingest.parsing import kind_of
from kit.ledger import CANONICAL, CHANNELS, EVENTS

__all__ = ["EARLIEST_DATE", "LATEST_YEARS", "plausible_range", "schema_findings", "table_schema"]

#: Dates before this are refused as implausible (typos such as 0226 or 1926).
EARLIEST_DATE = dt.date(1990, 1, 1)
#: Dates more than this many years after today are refused as implausible.
LATEST_YEARS = 5

_ALLOWED = {"channel": CHANNELS, "preferred_channel": CHANNELS, "event": EVENTS}


def plausible_range(today: dt.date | None = None) -> tuple[pd.Timestamp, pd.Timestamp]:
    """Return the earliest and latest plausible ledger date (1990-01-01 .. today + 5 years)."""
    today = today or dt.date.today()
    latest = pd.Timestamp(today) + pd.DateOffset(years=LATEST_YEARS)
    return pd.Timestamp(EARLIEST_DATE), pd.Timestamp(latest)


def table_schema(
    table: str, columns: list[str], *, today: dt.date | None = None
) -> pa.DataFrameSchema:
    """Return the pandera schema of a canonical table, restricted to the columns present."""
    earliest, latest = plausible_range(today)
    required, optional = CANONICAL[table]
    spec: dict[str, pa.Column] = {}
    for name in (*required, *optional):
        if name not in columns:
            continue
        kind = kind_of(name)
        if kind == "number":
            checks = [pa.Check.gt(0)] if name == "amount" else []
            spec[name] = pa.Column("float64", checks=checks, nullable=True)
        elif kind in ("date", "datetime"):
            spec[name] = pa.Column(
                "datetime64[ns]", checks=[pa.Check.in_range(earliest, latest)], nullable=True
            )
        elif kind == "bool":
            spec[name] = pa.Column(bool, nullable=False)
        elif name in _ALLOWED:
            spec[name] = pa.Column(checks=[pa.Check.isin(list(_ALLOWED[name]))], nullable=True)
    return pa.DataFrameSchema(spec, strict=False, coerce=False)


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
    schema = table_schema(table, list(frame.columns), today=today)
    try:
        schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
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
            problems.append(Problem(f"column fails the check {check}", path=path, column=src))
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
            f"{column} must be greater than 0",
            "a positive amount (credit notes belong in payments)",
        )
    if check.startswith("in_range"):
        return (
            "date outside the plausible range",
            f"a date between {earliest.date().isoformat()} and {latest.date().isoformat()}",
        )
    if check.startswith("isin"):
        allowed = ", ".join(_ALLOWED.get(column, ()))
        return f"unknown {column} value", f"one of {allowed} (translate others with values:)"
    return f"{column} fails the check {check}", "a valid value"
