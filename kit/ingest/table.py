"""Load one source into its canonical table: read, map, filter, parse, convert, check the schema."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd

from kit.engagement import Source
from kit.errors import DataError, Problem, Severity
from kit.ingest.findings import Finding
from kit.ingest.header_hint import header_row_problem
from kit.ingest.mapping import ColumnPlan, apply_filter, apply_fx, plan_columns
from kit.ingest.parsing import (
    expand_value_map,
    kind_of,
    parse_bool,
    parse_dates,
    parse_number,
    parse_text,
)
from kit.ingest.plausibility import nfc_ids
from kit.ingest.readers import read_raw
from kit.ingest.rules import TableContext
from kit.ingest.schema import schema_findings
from kit.ledger import CANONICAL
from kit.message import msg

__all__ = ["LoadedTable", "load_table"]


@dataclass
class LoadedTable:
    """A parsed canonical table with what went wrong: row findings and table-level problems."""

    name: str
    path: str
    frame: pd.DataFrame | None = None
    ctx: TableContext | None = None
    findings: list[Finding] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    filtered: int = 0


def _problem_of(exc: DataError) -> Problem:
    return replace(exc.as_problem(), hint=exc.hint)


def load_table(
    name: str,
    source: Source,
    *,
    root: Path,
    currency: str,
    today: dt.date | None = None,
    on_parsed: Callable[[str, pd.Series], None] | None = None,
) -> LoadedTable:
    """Return the table parsed to canonical types, with findings; never raises for bad data.

    `on_parsed(column, values)` hears of each canonical column as soon as it is parsed (ingest
    starts looking up invoice ids while the other columns are still being parsed).
    """
    base = root
    path = str(source.path if source.path.is_absolute() else base / source.path)
    result = LoadedTable(name=name, path=path)
    try:
        raw_table = read_raw(source, root=base, table=name)
    except DataError as exc:
        result.problems = [_problem_of(exc), *exc.problems]
        return result
    result.warnings.extend(raw_table.warnings)
    raw = raw_table.frame
    header_row = (
        None
        if (source.format or "").lower() == "parquet" or path.endswith(".parquet")
        else source.skiprows + 1
    )
    plan = plan_columns(list(map(str, raw.columns)), source, name, path=path, header_row=header_row)
    if plan.problems:
        lower = header_row_problem(list(map(str, raw.columns)), source, path=path, table=name)
        result.problems = [lower] if lower is not None else plan.problems
        return result
    before = len(raw)
    raw, notes = apply_filter(raw, source, plan, table=name, path=path)
    result.filtered = before - len(raw)
    result.warnings.extend(n for n in notes if n.severity == Severity.WARNING)
    result.problems.extend(n for n in notes if n.severity != Severity.WARNING)
    source_names = {target: src for src, target in plan.rename.items()}
    ctx = TableContext(path=path, raw=raw, source_names=source_names)
    frame = _parse_columns(raw, source, plan, name, ctx, result, on_parsed)
    result.findings.extend(apply_fx(frame, source, plan, currency=currency, path=path, raw=raw))
    findings, problems = schema_findings(
        frame, name, source_names=source_names, raw=raw, path=path, today=today
    )
    result.findings.extend(findings)
    result.problems.extend(problems)
    result.frame = frame
    result.ctx = ctx
    return result


def _parse_columns(
    raw: pd.DataFrame,
    source: Source,
    plan: ColumnPlan,
    table: str,
    ctx: TableContext,
    result: LoadedTable,
    on_parsed: Callable[[str, pd.Series], None] | None,
) -> pd.DataFrame:
    required, optional = CANONICAL[table]
    canonical = set(required) | set(optional)
    parsed: dict[str, pd.Series] = {}
    extras: dict[str, pd.Series] = {}
    for src in raw.columns:
        target = plan.rename.get(src, plan.extras.get(src, src))
        if target not in canonical:
            extras[target] = raw[src]
            continue
        values = expand_value_map(source.values.get(target, source.values.get(src, {})))
        parsed[target] = _parse_one(raw[src], target, src, values, source, ctx, result)
        if on_parsed is not None:
            on_parsed(target, parsed[target])
        if target in required:
            bad = [f.rows for f in result.findings if f.column == src]
            blank = parsed[target].isna()
            if bad:
                blank &= ~parsed[target].index.isin(np.concatenate(bad))
            if bool(blank.any()):
                result.findings.append(
                    Finding(
                        msg("empty value in the required column {target}", target=target),
                        path=ctx.path,
                        rows=raw.index[blank.to_numpy()].to_numpy(),
                        column=src,
                        expected="a value in every row",
                    )
                )
    ordered = [c for c in (*required, *optional) if c in parsed]
    columns = {c: parsed[c] for c in ordered} | extras
    return pd.DataFrame(columns, index=raw.index)


def _parse_one(
    cells: pd.Series,
    target: str,
    src: str,
    values: dict[str, object],
    source: Source,
    ctx: TableContext,
    result: LoadedTable,
) -> pd.Series:
    kind = kind_of(target)
    if kind == "bool":
        flags, bad, blank = parse_bool(cells, values)
        if len(bad):
            known = ", ".join(map(str, values)) if values else "true, false, 1, 0"
            result.findings.append(
                Finding(
                    msg("value not in the yes/no map of {target}", target=target),
                    path=ctx.path,
                    rows=bad.to_numpy(),
                    column=src,
                    values=cells,
                    expected=msg(
                        "one of {known} (add it under values: {{{target}: ...}})",
                        known=known,
                        target=target,
                    ),
                )
            )
        if len(blank):
            result.warnings.append(
                Problem(
                    msg(
                        "{count} empty cells read as false (first in row {row})",
                        count=len(blank),
                        row=str(int(blank[0])),
                    ),
                    path=ctx.path,
                    column=src,
                    severity=Severity.WARNING,
                )
            )
        return flags
    if values and kind != "bool":
        text = parse_text(cells)
        mapped = text.map({k: str(v) for k, v in values.items()})
        cells = mapped.where(mapped.notna(), text)
    if kind == "number":
        numbers, bad = parse_number(cells, decimal=source.decimal, thousands=source.thousands)
        if len(bad):
            result.findings.append(
                Finding(
                    "not a number",
                    path=ctx.path,
                    rows=bad.to_numpy(),
                    column=src,
                    values=ctx.raw[src],
                    expected=_number_example(source),
                )
            )
        return numbers
    if kind in ("date", "datetime"):
        stamps, bad = parse_dates(
            cells,
            date_format=source.date_format,
            dayfirst=source.dayfirst,
            with_time=kind == "datetime",
        )
        if len(bad):
            result.findings.append(
                Finding(
                    "not a valid date",
                    path=ctx.path,
                    rows=bad.to_numpy(),
                    column=src,
                    values=ctx.raw[src],
                    expected=_date_example(source),
                )
            )
        return stamps
    text = parse_text(cells)
    if not target.endswith("_id"):
        return text
    normal, warning = nfc_ids(text, column=src, path=ctx.path)
    if warning is not None:
        result.warnings.append(warning)
    return normal


def _number_example(source: Source) -> str:
    whole = f"1{source.thousands}234" if source.thousands else "1234"
    return msg(
        "a number like {example} (decimal '{decimal}', thousands '{thousands}')",
        example=f"{whole}{source.decimal}56",
        decimal=source.decimal,
        thousands=source.thousands or "",
    )


def _date_example(source: Source) -> str:
    sample = dt.datetime(2026, 3, 31, 14, 30)
    if source.date_format:
        return msg(
            "a date like {example} (format {date_format})",
            example=sample.strftime(source.date_format),
            date_format=source.date_format,
        )
    if source.dayfirst:
        return "a date like 2026-03-31 (day first; set date_format for other layouts)"
    return "a date like 2026-03-31 (ISO year-month-day; set date_format for other layouts)"
