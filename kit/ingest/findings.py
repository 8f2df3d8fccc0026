"""Row-level findings of ingest rules and their conversion to Problems (capped for big files)."""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from kit.errors import DataError, Problem

__all__ = ["MAX_PROBLEMS", "Finding", "problem_of", "to_problems"]

#: At most this many problems are listed one by one; a final problem says how many more there are.
MAX_PROBLEMS = 200


@dataclass
class Finding:
    """One rule broken by a set of rows of one source file (rows are numbered as in the file)."""

    message: str
    path: str
    rows: np.ndarray
    column: str | None = None
    values: pd.Series | None = None
    expected: str | None = None
    severity: str = "error"
    details: pd.Series | None = None

    def problems(self, limit: int | None = None) -> list[Problem]:
        """Return one Problem per row (the first `limit` rows when a limit is given)."""
        rows = self.rows if limit is None else self.rows[:limit]
        shown = _shown_values(self.values, rows)
        notes = _shown_values(self.details, rows)
        return [
            Problem(
                self.message if note is None else f"{self.message} ({note})",
                path=self.path,
                row=int(row),
                column=self.column,
                value=value,
                expected=self.expected,
                severity=self.severity,
            )
            for row, value, note in zip(rows, shown, notes, strict=True)
        ]


def _shown_values(values: pd.Series | None, rows: np.ndarray) -> list[str | None]:
    if values is None:
        return [None] * len(rows)
    picked = values.reindex(rows)
    return [None if _missing(v) else str(v) for v in picked.tolist()]


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NaT


def to_problems(findings: list[Finding], *, limit: int = MAX_PROBLEMS) -> list[Problem]:
    """Return the findings as Problems, at most `limit`, plus one saying how many were left out."""
    problems: list[Problem] = []
    total = sum(len(f.rows) for f in findings)
    for finding in findings:
        room = limit - len(problems)
        if room <= 0:
            break
        problems.extend(finding.problems(room))
    if total > len(problems):
        severity = findings[0].severity if findings else "error"
        problems.append(
            Problem(
                f"{total - len(problems)} more rows with problems are not listed",
                expected=f"fix the {len(problems)} listed first, then run the check again",
                severity=severity,
            )
        )
    return problems


def problem_of(exc: DataError) -> Problem:
    """Return a DataError's own location and message as a Problem, its hint in the message."""
    problem = exc.as_problem()
    return replace(problem, message=f"{exc.message} (hint: {exc.hint})") if exc.hint else problem
