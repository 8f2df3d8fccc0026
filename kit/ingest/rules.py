"""Vectorised rules across columns and tables: unique ids, date order, references to invoices."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from kit.errors import Severity
from kit.ingest.findings import Finding
from kit.message import msg

__all__ = [
    "TableContext",
    "all_distinct",
    "blank_required",
    "date_order",
    "duplicates",
    "positions",
    "row_findings",
    "unknown_references",
]


@dataclass
class TableContext:
    """What a rule needs to name source rows: the file, its raw cells and header names."""

    path: str
    raw: pd.DataFrame
    source_names: dict[str, str]

    def src(self, canonical: str) -> str:
        """Return the file's header for a canonical column."""
        return self.source_names.get(canonical, canonical)

    def values(self, canonical: str) -> pd.Series | None:
        """Return the raw cells of a canonical column (None when the column is not in the file)."""
        name = self.src(canonical)
        return self.raw[name] if name in self.raw.columns else None


def row_findings(
    ctx: TableContext, rows: pd.Index | np.ndarray, column: str, message: str, expected: str | None
) -> list[Finding]:
    """Return the finding that `rows` of the file's column `column` break `message` (or none)."""
    if not len(rows):
        return []
    values = ctx.raw[column] if column in ctx.raw.columns else None
    finding = Finding(
        message,
        path=ctx.path,
        rows=np.asarray(rows),
        column=column,
        values=values,
        expected=expected,
    )
    return [finding]


def blank_required(
    ctx: TableContext, values: pd.Series, canonical: str, column: str, reported: list[Finding]
) -> list[Finding]:
    """Return the finding of empty cells in the required column `canonical` (file's `column`).

    Rows already `reported` for that column (a value that could not be parsed) are left out.
    """
    blank = values.isna()
    known = [f.rows for f in reported if f.column == column]
    if known:
        blank &= ~values.index.isin(np.concatenate(known))
    if not bool(blank.any()):
        return []
    rows = values.index[blank.to_numpy()].to_numpy()
    message = msg("empty value in the required column {name}", name=canonical)
    return [Finding(message, ctx.path, rows, column=column, expected="a value in every row")]


def duplicates(
    frame: pd.DataFrame,
    column: str,
    ctx: TableContext,
    *,
    what: str,
    distinct: bool | None = None,
) -> list[Finding]:
    """Return a finding for every row whose id repeats an earlier row (naming that row).

    `distinct` may carry `all_distinct` of the column when the caller has it already.
    """
    if column not in frame.columns:
        return []
    ids = frame[column]
    if distinct if distinct is not None else all_distinct(ids):
        return []
    repeated = ids.duplicated(keep="first") & ids.notna()
    if not bool(repeated.any()):
        return []
    first_rows = pd.Series(ids.index, index=ids.to_numpy()).groupby(level=0).first()
    again = ids[repeated]
    details = pd.Series(
        [
            msg("first in row {row}", row=str(r))
            for r in first_rows.reindex(again.to_numpy()).to_numpy()
        ],
        index=again.index,
        dtype=object,
    )
    return [
        Finding(
            msg("{what} used more than once", what=msg(what)),
            path=ctx.path,
            rows=again.index.to_numpy(),
            column=ctx.src(column),
            values=ctx.values(column),
            expected=msg("each {what} once", what=msg(what)),
            details=details,
        )
    ]


def all_distinct(ids: pd.Series) -> bool:
    """Return True when no value repeats (Arrow hashing; faster than pandas' duplicated)."""
    try:
        array = _arrow(ids)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return False
    return len(pc.unique(array)) == len(array)


def date_order(
    frame: pd.DataFrame,
    later: str,
    earlier: pd.Series,
    ctx: TableContext,
    *,
    message: str,
    expected: str,
) -> list[Finding]:
    """Return a finding for rows whose `later` date lies before `earlier` (aligned by row)."""
    if later not in frame.columns:
        return []
    before = (frame[later] < earlier).fillna(False).to_numpy(dtype=bool)
    if not before.any():
        return []
    rows = frame.index[before]
    details = pd.Series(
        [
            msg("{what} {day}", what=msg(expected), day=d.date().isoformat())
            for d in earlier[before]
        ],
        index=rows,
        dtype=object,
    )
    return [
        Finding(
            message,
            path=ctx.path,
            rows=rows.to_numpy(),
            column=ctx.src(later),
            values=ctx.values(later),
            expected=msg("a date not before the {what}", what=msg(expected)),
            details=details,
        )
    ]


def _arrow(values: pd.Series | pd.Index) -> pa.Array:
    array = pa.array(values, from_pandas=True)
    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks()
    return array.cast(pa.large_string()) if pa.types.is_string(array.type) else array


def positions(ids: pd.Series, known: pd.Series) -> np.ndarray:
    """Return, per id, its position among `known` (first occurrence), -1 when absent or null.

    Arrow hashing: fast on millions of text ids (pandas' isin/map loop over Python strings).
    """
    found = pc.index_in(_arrow(ids), value_set=_arrow(known))
    return np.asarray(pc.fill_null(found, -1).to_numpy(zero_copy_only=False), dtype=np.int64)


def unknown_references(
    frame: pd.DataFrame,
    column: str,
    known: pd.Series,
    ctx: TableContext,
    *,
    what: str,
    severity: Severity = Severity.ERROR,
    at: np.ndarray | None = None,
) -> list[Finding]:
    """Return a finding for rows whose id is not among the known ids (e.g. unknown invoices).

    `at` may carry the ids' positions among `known` when the caller has them already.
    """
    if column not in frame.columns:
        return []
    ids = frame[column]
    where = positions(ids, known) if at is None else at
    unknown = ids.notna().to_numpy(dtype=bool) & (where < 0)
    if not unknown.any():
        return []
    return [
        Finding(
            msg("{what} not found", what=msg(what)),
            path=ctx.path,
            rows=frame.index[unknown].to_numpy(),
            column=ctx.src(column),
            values=ctx.values(column),
            expected=msg(
                "an id that exists in the {table} table", table=msg(what.split()[0] + "s")
            ),
            severity=severity,
        )
    ]
