"""Reading hand-kept tracking CSV files record by record, with row numbers as a user sees them."""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

from kit.errors import DataError, Problem, not_utf8
from kit.files import check_size
from kit.message import literal, msg

__all__ = ["DATE_FORMATS", "Record", "parse_date", "read_records"]

DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y")
_DATE_SHAPE = re.compile(r"\d{4}-\d{2}-\d{2}|\d{2}\.\d{2}\.\d{4}")
MAX_TRACKING_BYTES = 20_000_000

Record = tuple[int, dict[str, str]]


def parse_date(text: str) -> date | None:
    """Return the date of an ISO (2026-03-27) or German (27.03.2026) string, None when invalid."""
    text = text.strip()
    if not _DATE_SHAPE.fullmatch(text):
        return None
    for pattern in DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def _rows(path: Path) -> Iterator[list[str]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            yield from csv.reader(handle, strict=True)
    except UnicodeDecodeError as exc:
        raise not_utf8(exc, path=path, error=DataError, hint="save the file as UTF-8 CSV") from None


def read_records(path: Path, *, columns: tuple[str, ...]) -> list[Record]:
    """Return (row number with header = row 1, {column: text}) for every non-blank record.

    Rows are counted as a spreadsheet shows them: a quoted note spanning several lines is one row.
    The header must hold exactly `columns` (any order); DataError otherwise.
    """
    check_size(path.stat().st_size, max_bytes=MAX_TRACKING_BYTES, path=path, error=DataError)
    records: list[Record] = []
    header: list[str] | None = None
    problems: list[Problem] = []
    number = 0
    try:
        for number, row in enumerate(_rows(path), start=1):
            if header is None:
                header = [cell.strip() for cell in row]
                _check_header(path, header, columns)
                continue
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(header):
                problems.append(
                    Problem(
                        msg(
                            "row has {row} fields, the header has {header}",
                            row=len(row),
                            header=len(header),
                        ),
                        path=str(path),
                        row=number,
                        value=",".join(row),
                        expected="one value per column; quote notes holding commas",
                    )
                )
                continue
            records.append((number, dict(zip(header, row, strict=True))))
    except csv.Error as exc:
        raise DataError(
            msg("CSV syntax error: {error}", error=str(exc)),
            path=path,
            row=number + 1,
            hint='a quote (") opened in a note is not closed',
        ) from None
    if header is None:
        return []
    if problems:
        raise DataError.from_problems(problems, path=path)
    return records


def _check_header(path: Path, header: list[str], columns: tuple[str, ...]) -> None:
    missing = [c for c in columns if c not in header]
    unknown = [c for c in header if c not in columns]
    if missing or unknown or len(set(header)) != len(header):
        found = ",".join(header)
        message: str = "header does not match"
        if missing:
            message = msg(
                "{message}; missing column(s) {columns}",
                message=message,
                columns=", ".join(missing),
            )
        if unknown:
            message = msg(
                "{message}; unknown column(s) {columns}",
                message=message,
                columns=", ".join(unknown),
            )
        raise DataError(message, path=path, row=1, value=found, expected=literal(",".join(columns)))
