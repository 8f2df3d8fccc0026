"""The append-only phase status log `tracking/status.csv`: validated reading, locked appending."""

from __future__ import annotations

import csv
import io
import math
import os
import re
from collections.abc import Collection, Iterable
from datetime import date
from pathlib import Path
from typing import Required, TypedDict, Unpack

import pandas as pd
from filelock import FileLock

from kit.engagement import Engagement
from kit.errors import DataError, Problem
from kit.message import literal, msg
from kit.rollout.plan import PlannedPhase, phase_plan
from kit.rollout.records import parse_date, read_records

__all__ = [
    "STATUSES",
    "STATUS_COLUMNS",
    "StatusEntry",
    "append_status",
    "current_state",
    "empty_status",
    "load_status",
    "lock_path",
    "record_status",
]

STATUS_COLUMNS = ("date", "phase", "status", "percent_complete", "note", "author")
STATUSES = ("not_started", "in_progress", "done", "blocked")
_PHASE_ID = re.compile(r"[a-z][a-z0-9_]*")
_MAX_NOTE = 2000


def _phase_ids(phases: Iterable[str | PlannedPhase] | None) -> list[str] | None:
    if phases is None:
        return None
    return [p.id if isinstance(p, PlannedPhase) else p for p in phases]


def _percent(text: str) -> float | None:
    try:
        value = float(text.strip().replace(",", ".").removesuffix("%"))
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _row_problems(
    number: int, record: dict[str, str], path: Path, known: Collection[str] | None
) -> list[Problem]:
    def problem(column: str, message: str, expected: str) -> Problem:
        return Problem(
            message, path=str(path), row=number, column=column, value=record[column],
            expected=expected,
        )  # fmt: skip

    found: list[Problem] = []
    if parse_date(record["date"]) is None:
        found.append(problem("date", "bad date", "a date like 2026-03-27 (or 27.03.2026)"))
    phase = record["phase"].strip()
    if known is not None and phase not in known:
        found.append(
            problem("phase", "unknown phase", msg("one of {values}", values=", ".join(known)))
        )
    elif known is None and not _PHASE_ID.fullmatch(phase):
        found.append(problem("phase", "bad phase id", "a lower-case id such as setup"))
    status = record["status"].strip()
    if status not in STATUSES:
        found.append(
            problem("status", "bad status", msg("one of {values}", values=", ".join(STATUSES)))
        )
    percent = _percent(record["percent_complete"])
    if percent is None or not 0 <= percent <= 100:
        found.append(problem("percent_complete", "percent out of range", "a number from 0 to 100"))
    elif status == "done" and percent != 100:
        found.append(problem("percent_complete", "a done phase must be 100 % complete", "100"))
    elif status == "not_started" and percent != 0:
        found.append(problem("percent_complete", "a phase not started must be 0 % complete", "0"))
    return found


def empty_status() -> pd.DataFrame:
    """Return a status frame with no rows and the log's columns (plus `row`)."""
    return _frame([])


def _frame(rows: list[dict[str, object]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=[*STATUS_COLUMNS, "row"])
    frame["date"] = pd.to_datetime(frame["date"]).astype("datetime64[ns]")
    frame["percent_complete"] = frame["percent_complete"].astype("float64")
    frame["row"] = frame["row"].astype("int64")
    for column in ("phase", "status", "note", "author"):
        frame[column] = frame[column].astype(object)
    return frame


def load_status(path: Path, *, phases: Iterable[str | PlannedPhase] | None) -> pd.DataFrame:
    """Return the validated status log sorted by date (stable), one row per entry; no file → empty.

    Columns: date (datetime64), phase, status, percent_complete (0–100), note, author, and `row`,
    the row number in the file as a spreadsheet shows it (header = row 1). Every bad row is
    reported in one DataError (unknown phase, bad status, percent out of range, bad date).
    """
    path = Path(path)
    if not path.exists():
        return empty_status()
    known = _phase_ids(phases)
    problems: list[Problem] = []
    rows: list[dict[str, object]] = []
    for number, record in read_records(path, columns=STATUS_COLUMNS):
        found = _row_problems(number, record, path, known)
        if found:
            problems.extend(found)
            continue
        rows.append(
            {
                "date": parse_date(record["date"]),
                "phase": record["phase"].strip(),
                "status": record["status"].strip(),
                "percent_complete": _percent(record["percent_complete"]),
                "note": record["note"],
                "author": record["author"].strip(),
                "row": number,
            }
        )
    if problems:
        raise DataError.from_problems(
            problems,
            path=path,
            hint="fix the rows in the file; new entries are best added with `kit status --update`",
        )
    frame = _frame(rows)
    return frame.sort_values("date", kind="stable").reset_index(drop=True)


def current_state(status: pd.DataFrame) -> pd.DataFrame:
    """Return the latest row per phase (by date, later file rows win on the same date)."""
    if status.empty:
        return status.copy()
    ordered = status.sort_values("date", kind="stable")
    return ordered.groupby("phase", sort=False).tail(1).reset_index(drop=True)


def _validated_values(
    *,
    phase: str,
    status: str,
    percent: float,
    note: str,
    author: str,
    on: date,
    phases: Collection[str] | None,
) -> dict[str, str]:
    def fail(key: str, value: object, message: str, expected: str) -> DataError:
        return DataError(message, key=key, value=value, expected=expected)

    if phases is not None and phase not in phases:
        raise fail(
            "phase", phase, "unknown phase", msg("one of {values}", values=", ".join(phases))
        )
    if not _PHASE_ID.fullmatch(phase):
        raise fail("phase", phase, "bad phase id", "a lower-case id such as setup")
    if status not in STATUSES:
        raise fail(
            "status", status, "bad status", msg("one of {values}", values=", ".join(STATUSES))
        )
    numeric = isinstance(percent, int | float) and not isinstance(percent, bool)
    if not numeric or not math.isfinite(percent) or not 0 <= percent <= 100:
        raise fail("percent", percent, "percent out of range", "a number from 0 to 100")
    if status == "done" and percent != 100:
        raise fail("percent", percent, "a done phase must be 100 % complete", "100")
    if status == "not_started" and percent != 0:
        raise fail("percent", percent, "a phase not started must be 0 % complete", "0")
    if len(note) > _MAX_NOTE or "\x00" in note:
        raise fail(
            "note",
            note[:60],
            "note too long or not text",
            msg("≤ {max_note} characters", max_note=_MAX_NOTE),
        )
    if "\x00" in author or "\n" in author or "\r" in author:
        raise fail("author", author, "bad author", "a name on one line")
    return {
        "date": on.isoformat(),
        "phase": phase,
        "status": status,
        "percent_complete": f"{percent:g}",
        "note": note,
        "author": author.strip(),
    }


def _csv_line(values: dict[str, str], columns: Iterable[str]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow([values[c] for c in columns])
    return buffer.getvalue()


def append_status(
    path: Path,
    *,
    phase: str,
    status: str,
    percent: float,
    note: str = "",
    author: str | None = None,
    on: date | None = None,
    phases: Iterable[str | PlannedPhase] | None = None,
) -> None:
    """Append one validated entry to the status log (created with its header when absent).

    History is never rewritten: the file is opened with O_APPEND and the whole line goes out in
    one os.write, then fsync, under an exclusive lock (filelock; the hidden lock file
    `.status.csv.lock` sits beside the log). `phases` (ids or the plan) restricts `phase`; `on`
    defaults to today. Bad input raises DataError before anything is written.
    """
    path = Path(path)
    known = _phase_ids(phases)
    values = _validated_values(
        phase=phase,
        status=status,
        percent=percent,
        note=note,
        author=author or "",
        on=on or date.today(),
        phases=known,
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    header = ",".join(STATUS_COLUMNS) + "\n"
    with FileLock(lock_path(path)):
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            size = os.fstat(fd).st_size
            if size == 0:
                text = header + _csv_line(values, STATUS_COLUMNS)
            else:
                line = _csv_line(values, _existing_columns(path))
                text = line if _ends_with_newline(path, size) else "\n" + line
            data = text.encode("utf-8")
            written = os.write(fd, data)
            if written != len(data):
                raise DataError(
                    msg("only {written} of {size} bytes written", written=written, size=len(data)),
                    path=path,
                    hint="check free disk space; the last line of the file may be incomplete",
                )  # fmt: skip
            os.fsync(fd)
        finally:
            os.close(fd)


def lock_path(path: Path) -> Path:
    """Return the lock file that serialises appends to the status log `path` (hidden, beside it)."""
    return path.with_name(f".{path.name}.lock")


class StatusEntry(TypedDict, total=False):
    """One entry of the status log as `append_status` takes it (phase, status, percent required)."""

    phase: Required[str]
    status: Required[str]
    percent: Required[float]
    note: str
    author: str | None
    on: date | None


def record_status(engagement: Engagement, **entry: Unpack[StatusEntry]) -> Path:
    """Return the status log path after appending one entry (phase checked against the plan)."""
    path = engagement.resolve(engagement.status_log)
    append_status(path, phases=phase_plan(engagement), **entry)
    return path


def _existing_columns(path: Path) -> list[str]:
    with path.open("rb") as handle:
        first = handle.readline(4096).decode("utf-8-sig", errors="replace").strip()
    columns = [c.strip() for c in first.split(",")]
    if sorted(columns) != sorted(STATUS_COLUMNS):
        raise DataError(
            "header does not match; nothing was appended",
            path=path,
            row=1,
            value=first,
            expected=literal(",".join(STATUS_COLUMNS)),
        )
    return columns


def _ends_with_newline(path: Path, size: int) -> bool:
    with path.open("rb") as handle:
        handle.seek(size - 1)
        return handle.read(1) == b"\n"
