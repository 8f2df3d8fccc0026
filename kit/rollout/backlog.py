"""The after-care improvement backlog `tracking/backlog.csv`: validated loading and an overview."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd

from kit.errors import DataError, Problem
from kit.message import msg
from kit.rollout.records import parse_date, read_records

__all__ = [
    "BACKLOG_COLUMNS",
    "BACKLOG_STATUSES",
    "backlog_overview",
    "empty_backlog",
    "load_backlog",
]

BACKLOG_COLUMNS = ("id", "item", "owner", "kpi", "expected_effect", "status", "due_date")
BACKLOG_STATUSES = ("open", "in_progress", "done", "dropped")
_CLOSED = ("done", "dropped")


def empty_backlog() -> pd.DataFrame:
    """Return a backlog frame with no items and the backlog's columns (plus `row`)."""
    return _frame([])


def _frame(rows: list[dict[str, object]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=[*BACKLOG_COLUMNS, "row"])
    for column in ("id", "item", "owner", "kpi", "expected_effect", "status"):
        frame[column] = frame[column].astype(object)
    frame["due_date"] = pd.to_datetime(frame["due_date"]).astype("datetime64[ns]")
    frame["row"] = frame["row"].astype("int64")
    return frame


def _problems(
    number: int, record: dict[str, str], path: Path, known_kpis: set[str] | None, seen: set[str]
) -> list[Problem]:
    def problem(column: str, message: str, expected: str) -> Problem:
        return Problem(message, path=str(path), row=number, column=column,
                       value=record[column], expected=expected)  # fmt: skip

    found = []
    item_id = record["id"].strip()
    if not item_id:
        found.append(problem("id", "missing id", "a short unique id such as B-01"))
    elif item_id in seen:
        found.append(problem("id", "id used twice", "a unique id per item"))
    if not record["item"].strip():
        found.append(problem("item", "missing item", "what is to be improved, in words"))
    kpi = record["kpi"].strip()
    if kpi and known_kpis is not None and kpi not in known_kpis:
        found.append(
            problem("kpi", "unknown KPI", "a KPI id such as " + ", ".join(sorted(known_kpis)[:6]))
        )
    if record["status"].strip() not in BACKLOG_STATUSES:
        found.append(
            problem(
                "status", "bad status", msg("one of {values}", values=", ".join(BACKLOG_STATUSES))
            )
        )
    due = record["due_date"].strip()
    if due and parse_date(due) is None:
        found.append(
            problem("due_date", "bad date", "a date like 2026-09-30 (or 30.09.2026), or empty")
        )
    return found


def load_backlog(path: Path, *, known_kpis: set[str] | None = None) -> pd.DataFrame:
    """Return the validated backlog, one row per item in file order; a missing file → no items.

    Columns: id, item, owner, kpi, expected_effect, status, due_date (datetime64, NaT if empty)
    and `row` (header = row 1). `known_kpis` restricts the kpi column (empty kpi allowed). All bad
    rows are reported in one DataError.
    """
    path = Path(path)
    if not path.exists():
        return empty_backlog()
    problems: list[Problem] = []
    rows: list[dict[str, object]] = []
    seen: set[str] = set()
    for number, record in read_records(path, columns=BACKLOG_COLUMNS):
        found = _problems(number, record, path, known_kpis, seen)
        seen.add(record["id"].strip())
        if found:
            problems.extend(found)
            continue
        due = record["due_date"].strip()
        rows.append(
            {
                **{c: record[c].strip() for c in BACKLOG_COLUMNS if c != "due_date"},
                "due_date": parse_date(due) if due else None,
                "row": number,
            }
        )
    if problems:
        raise DataError.from_problems(problems, path=path)
    return _frame(rows)


def backlog_overview(backlog: pd.DataFrame, *, today: date) -> pd.DataFrame:
    """Return the number of items per status and how many open ones are past their due date."""
    counts = backlog["status"].value_counts().reindex(list(BACKLOG_STATUSES), fill_value=0)
    open_items = backlog[~backlog["status"].isin(_CLOSED)]
    late = open_items["due_date"].notna() & (open_items["due_date"] < pd.Timestamp(today))
    overdue = late.groupby(open_items["status"]).sum()
    frame = pd.DataFrame({"status": list(BACKLOG_STATUSES), "items": counts.to_numpy()})
    frame["overdue"] = [int(overdue.get(s, 0)) for s in BACKLOG_STATUSES]
    return frame.astype({"items": "int64", "overdue": "int64"})
