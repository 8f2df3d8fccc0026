"""Row-level findings of ingest rules and their conversion to Problems (capped for big files)."""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from kit.errors import DataError, Problem, Severity
from kit.message import as_msg, msg, plural

__all__ = ["MAX_PROBLEMS", "Finding", "problem_of", "to_problems"]

#: At most this many problems are listed one by one; a final problem says how many more there are.
MAX_PROBLEMS = 200


@dataclass
class Finding:
    """One rule broken by a set of rows of one source file (rows are numbered as in the file).

    A view over `Problem`: `problem` is the shared part (message id, file, column, expectation,
    severity); `problems()` gives one Problem per row with its value and note (`details`, a
    message per row, shown in brackets after the message).
    """

    message: str
    path: str
    rows: np.ndarray
    column: str | None = None
    values: pd.Series | None = None
    expected: str | None = None
    severity: Severity = Severity.ERROR
    details: pd.Series | None = None

    @property
    def problem(self) -> Problem:
        """Return the problem every row of the finding shares (no row, no value)."""
        return Problem(
            self.message,
            path=self.path,
            column=self.column,
            expected=self.expected,
            severity=Severity(self.severity),
        )

    def problems(self, limit: int | None = None) -> list[Problem]:
        """Return one Problem per row (the first `limit` rows when a limit is given)."""
        rows = self.rows if limit is None else self.rows[:limit]
        shown = _shown_values(self.values, rows)
        notes = _notes(self.details, rows)
        shared = self.problem
        return [
            replace(
                shared,
                message=shared.message
                if note is None
                else msg("{message} ({note})", message=as_msg(shared.message), note=note),
                row=int(row),
                value=value,
            )
            for row, value, note in zip(rows, shown, notes, strict=True)
        ]


def _shown_values(values: pd.Series | None, rows: np.ndarray) -> list[str | None]:
    if values is None:
        return [None] * len(rows)
    picked = values.reindex(rows)
    return [None if _missing(v) else str(v) for v in picked.tolist()]


def _notes(details: pd.Series | None, rows: np.ndarray) -> list[str | None]:
    """Return the note of each row: a message (kept as it is, so it renders in any language)."""
    if details is None:
        return [None] * len(rows)
    picked = details.reindex(rows)
    return [None if _missing(v) else v if isinstance(v, str) else str(v) for v in picked.tolist()]


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
        severity = Severity(findings[0].severity) if findings else Severity.ERROR
        problems.append(
            Problem(
                plural(
                    "{count} more row with problems is not listed",
                    "{count} more rows with problems are not listed",
                    total - len(problems),
                ),
                expected=msg(
                    "fix the {count} listed first, then run the check again",
                    count=len(problems),
                ),
                severity=severity,
            )
        )
    return problems


def problem_of(exc: DataError) -> Problem:
    """Return a DataError's own location, message and hint as a Problem."""
    return replace(exc.as_problem(), hint=exc.hint)
