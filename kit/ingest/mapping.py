"""Column mapping (source header → canonical name), `filter` rows and `fx` conversion."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from rapidfuzz import fuzz, process, utils

from kit.engagement import Source
from kit.errors import Problem, Severity
from kit.ingest.findings import Finding
from kit.ingest.parsing import expand_value_map
from kit.ledger import CANONICAL
from kit.message import msg, plural

__all__ = ["ColumnPlan", "apply_filter", "apply_fx", "closest", "missing_column", "plan_columns"]


@dataclass
class ColumnPlan:
    """Which source column becomes which canonical column, and what is missing."""

    rename: dict[str, str]
    extras: dict[str, str]
    problems: list[Problem] = field(default_factory=list)

    def source_name(self, canonical: str) -> str:
        """Return the file's header of a canonical column (the canonical name when unmapped)."""
        for src, target in self.rename.items():
            if target == canonical:
                return src
        return canonical


def closest(name: str, choices: list[str]) -> str | None:
    """Return the choice most similar to name (rapidfuzz WRatio ≥ 60), or None."""
    if not choices:
        return None
    match = process.extractOne(
        name, choices, scorer=fuzz.WRatio, processor=utils.default_process, score_cutoff=60
    )
    return None if match is None else str(match[0])


def missing_column(
    src: str,
    target: str,
    found: list[str],
    unmapped: list[str],
    *,
    path: str,
    row: int | None,
    key: str,
) -> Problem:
    """Return the problem of a mapped column `src` not in the header `found`.

    It names the closest of the `unmapped` columns found as a guess.
    """
    guess = closest(src, unmapped)
    return Problem(
        msg("column '{src}' (mapped to {target}) not found", src=src, target=target),
        suggestion=guess,
        path=path,
        row=row,
        column=src,
        key=key,
        expected=msg("one of the columns found: {listed}", listed=", ".join(found)),
    )


def plan_columns(
    found: list[str], source: Source, table: str, *, path: str, header_row: int | None
) -> ColumnPlan:
    """Return the rename plan of a header; missing mapped or required columns are problems."""
    rename: dict[str, str] = {}
    problems: list[Problem] = []
    for src, target in source.columns.items():
        if src in found:
            rename[src] = target
            continue
        unmapped = [c for c in found if c not in source.columns]
        problems.append(
            missing_column(
                src, target, found, unmapped, path=path, row=header_row, key=f"data.{table}.columns"
            )
        )
    mapped_targets = set(rename.values()) | set(source.columns.values())
    required, _ = CANONICAL[table]
    # A header that still holds a separator was split with the wrong one.
    separator = next((s for s in (";", "\t", "|", ",") if any(s in c for c in found)), None)
    for name in required:
        if name in mapped_targets or name in found:
            continue
        candidates = [c for c in found if c not in rename]
        guess = closest(name, candidates)
        missing: str = msg("required column '{name}' is missing", name=name)
        if separator is not None:
            missing = msg(
                "{message}; the header contains {sep}: set sep: {sep} for this source",
                message=missing,
                sep=repr(separator),
            )
        problems.append(
            Problem(
                missing,
                suggestion=guess if separator is None else None,
                path=path,
                row=header_row,
                column=name,
                key=f"data.{table}.columns",
                expected=msg(
                    "a column mapped to {name}; columns found: {listed}",
                    name=name,
                    listed=", ".join(found),
                ),
            )
        )
    targets = set(rename.values())
    extras = {c: (f"{c}_source" if c in targets else c) for c in found if c not in rename}
    return ColumnPlan(rename=rename, extras=extras, problems=problems)


def apply_filter(
    raw: pd.DataFrame, source: Source, plan: ColumnPlan, *, table: str, path: str
) -> tuple[pd.DataFrame, list[Problem]]:
    """Return the rows the `filter` keeps and a warning per filter that left rows out."""
    notes: list[Problem] = []
    keep = np.ones(len(raw), dtype=bool)
    for key, allowed in source.filter.items():
        column = key if key in raw.columns else plan.source_name(key)
        if column not in raw.columns:
            notes.append(
                Problem(
                    "filter column not found",
                    path=path,
                    key=f"data.{table}.filter",
                    value=key,
                    expected=msg("one of {values}", values=", ".join(map(str, raw.columns))),
                )
            )
            continue
        text = raw[column].map(_text_or_none, na_action="ignore")
        allowed_text = {str(v) for v in allowed}
        values = expand_value_map(source.values.get(plan.rename.get(column, column), {}))
        mapped = text.map(lambda v, m=values: str(m.get(v, v)), na_action="ignore")
        hit = (text.isin(allowed_text) | mapped.isin(allowed_text)).to_numpy()
        dropped = int((keep & ~hit).sum())
        keep &= hit
        if dropped:
            notes.append(
                Problem(
                    plural(
                        "{count} row left out by the filter on this column",
                        "{count} rows left out by the filter on this column",
                        dropped,
                    ),
                    path=path,
                    column=column,
                    key=f"data.{table}.filter",
                    expected=msg("one of {values}", values=", ".join(sorted(allowed_text))),
                    severity=Severity.WARNING,
                )
            )
    return (raw if keep.all() else raw[keep]), notes


def _text_or_none(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def apply_fx(
    frame: pd.DataFrame,
    source: Source,
    plan: ColumnPlan,
    *,
    currency: str,
    path: str,
    raw: pd.DataFrame,
) -> list[Finding]:
    """Convert foreign amounts to the reporting currency in place; rateless rows are findings."""
    if "currency" not in frame.columns or "amount" not in frame.columns:
        return []
    codes = frame["currency"].str.upper()
    foreign = codes.notna() & (codes != currency)
    if not bool(foreign.any()):
        return []
    rates = codes.map({k.upper(): float(v) for k, v in source.fx.items()})
    converted = foreign & rates.notna()
    frame["original_amount"] = frame["amount"]
    frame["original_currency"] = codes
    frame["amount"] = frame["amount"].where(~converted, frame["amount"] * rates)
    frame["currency"] = codes.where(~converted, currency)
    missing = foreign & rates.isna()
    if not bool(missing.any()):
        return []
    column = plan.source_name("currency")
    return [
        Finding(
            "amount in a foreign currency without an exchange rate",
            path=path,
            rows=frame.index[missing.to_numpy()].to_numpy(),
            column=column,
            values=raw[column] if column in raw.columns else None,
            expected=msg(
                "{currency} or a rate under fx: (e.g. fx: {{USD: 0.92}})", currency=currency
            ),
        )
    ]
