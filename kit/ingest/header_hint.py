"""Where the header row really is: a title block above it makes every column "Unnamed"."""

from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path
from typing import Any

from kit.engagement import Source
from kit.errors import Problem
from kit.message import msg

__all__ = ["header_row_problem", "looks_like_title"]

_SCAN = 40


def looks_like_title(columns: list[str]) -> bool:
    """Return True when the header read is probably a title line (mostly unnamed columns)."""
    unnamed = sum(1 for c in columns if c.startswith("Unnamed: ") or not c.strip())
    return unnamed > 0 and unnamed >= len(columns) / 2


def _first_rows(file: Path, source: Source) -> list[list[Any]]:
    if file.suffix.lower() in (".xlsx", ".xlsm") or source.format == "xlsx":
        import openpyxl

        book = openpyxl.load_workbook(file, read_only=True, data_only=True)
        try:
            sheet = source.sheet if isinstance(source.sheet, str) else book.sheetnames[source.sheet]
            rows = book[sheet].iter_rows(values_only=True, max_row=_SCAN)
            return [list(r) for r in rows]
        finally:
            book.close()
    encoding = "utf-8-sig" if codecs.lookup(source.encoding).name == "utf-8" else source.encoding
    with file.open("rb") as handle:
        text = handle.read(256 * 1024).decode(encoding, errors="replace")
    lines = text.splitlines()[:_SCAN]
    sep = source.sep or max(";,\t|", key=lambda s: sum(line.count(s) for line in lines))
    return [list(r) for r in csv.reader(io.StringIO("\n".join(lines)), delimiter=sep)]


def header_row_problem(
    columns: list[str], source: Source, *, path: str, table: str
) -> Problem | None:
    """Return the problem "the header is in row N: set skiprows", or None.

    It is given when the mapped columns are found lower in the file than the row read as
    header; None when they are not found.
    """
    if not looks_like_title(columns) or not source.columns:
        return None
    try:
        rows = _first_rows(Path(path), source)
    except (OSError, ValueError, KeyError, IndexError, LookupError):
        return None
    known = {k.strip().lower() for k in source.columns}
    best, hits = -1, 1
    for index, row in enumerate(rows):
        found = sum(1 for cell in row if cell is not None and str(cell).strip().lower() in known)
        if found > hits:
            best, hits = index, found
    if best <= source.skiprows:
        return None
    return Problem(
        msg("the header row is row {row}: the rows above it are titles", row=str(best + 1)),
        path=path,
        row=source.skiprows + 1,
        key=f"data.{table}.skiprows",
        expected=msg("skiprows: {skiprows} for this source", skiprows=str(best)),
    )
