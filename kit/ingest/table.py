"""Load one source into its canonical table: read, map, filter, parse, convert, check the schema."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from kit.engagement import Source
from kit.errors import DataError, Problem, Severity
from kit.ingest.findings import Finding, problem_of
from kit.ingest.header_hint import header_row_problem
from kit.ingest.mapping import ColumnPlan, apply_filter, apply_fx, plan_columns
from kit.ingest.parsing import (
    date_example,
    expand_value_map,
    kind_of,
    number_example,
    parse_bool,
    parse_dates,
    parse_number,
    parse_text,
)
from kit.ingest.plausibility import nfc_ids
from kit.ingest.readers import read_raw
from kit.ingest.rules import TableContext, blank_required, row_findings
from kit.ingest.schema import schema_findings
from kit.ledger import CANONICAL
from kit.message import msg, plural

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

    Long because it is the one place where a source is read, mapped, parsed and checked, each in a
    few lines.
    """
    base = root
    path = str(source.file if source.file.is_absolute() else base / source.file)
    result = LoadedTable(name=name, path=path)
    try:
        raw_table = read_raw(source, root=base, table=name)
    except DataError as exc:
        result.problems = [problem_of(exc), *exc.problems]
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
            result.findings += blank_required(ctx, parsed[target], target, src, result.findings)
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
    """Return one source column parsed to its canonical kind; its findings go to `result`.

    Long because each kind (flag, number, date, text, id) is parsed in a few lines of its own, with
    its own findings.
    """
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
                    plural(
                        "{count} empty cell read as false (row {row})",
                        "{count} empty cells read as false (first in row {row})",
                        len(blank),
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
        result.findings += row_findings(ctx, bad, src, "not a number", number_example(source))
        return numbers
    if kind in ("date", "datetime"):
        stamps, bad = parse_dates(
            cells,
            date_format=source.date_format,
            dayfirst=source.dayfirst,
            with_time=kind == "datetime",
        )
        result.findings += row_findings(ctx, bad, src, "not a valid date", date_example(source))
        return stamps
    text = parse_text(cells)
    if not target.endswith("_id"):
        return text
    normal, warning = nfc_ids(text, column=src, path=ctx.path)
    if warning is not None:
        result.warnings.append(warning)
    return normal
