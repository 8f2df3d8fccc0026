"""Read a ledger export as ERPs write it: title lines above the header, report rows in between.

`effective_source` merges a preset under the keys the engagement gives; `read_ledger_file`
finds the header row (below title lines) and returns every non-blank row below it as text, its
index the row number as the user sees it in the file.
"""

from __future__ import annotations

import codecs
import csv
import io
from pathlib import Path
from typing import Any

import pandas as pd

from kit.engagement import LedgerSource
from kit.errors import DataError, Problem
from kit.ingest.presets import load_preset
from kit.ingest.readers import (
    DAMAGED_SHEET,
    check_data_file,
    damaged_sheet,
    open_sheet,
)
from kit.message import msg

__all__ = ["SCAN_LINES", "effective_source", "find_header", "read_ledger_file"]

#: The header row is looked for in this many first lines of the file.
SCAN_LINES = 40
_SEPARATORS = ";,\t|"
_SAMPLE_BYTES = 256 * 1024
# Keys of the source model a preset may set (all but path, preset itself and the row layout).
_MERGED = ("columns", "document_types", "values")


def effective_source(source: LedgerSource, header: list[str] | None = None) -> LedgerSource:
    """Return the source with the preset's keys filled in where the engagement gives none.

    Mappings (`columns`, `document_types`, `values`) merge key by key, the engagement's entries
    winning. A preset `variant` whose `when_header` is in `header` adds its keys (e.g. the
    English FBL5N export's number format) unless the engagement sets them.
    """
    if source.preset is None:
        return source
    preset = load_preset(source.preset)
    variants: list[dict[str, Any]] = preset.pop("variants", []) or []
    if header is not None:
        for variant in variants:
            if str(variant.get("when_header")) in header:
                preset.update(variant.get("set", {}))
    given = source.model_fields_set
    update: dict[str, Any] = {}
    for key, value in preset.items():
        if key in _MERGED:
            mine = getattr(source, key)
            if key == "values":
                merged = {k: {**v, **mine.get(k, {})} for k, v in value.items()}
                update[key] = {**mine, **merged}
            else:
                update[key] = {**value, **mine}
        elif key not in given and key in LedgerSource.model_fields:
            update[key] = value
    return source.model_copy(update=update)


def _candidates(source: LedgerSource) -> set[str]:
    names = set(source.columns)
    if source.preset is not None:
        names |= set(load_preset(source.preset).get("columns", {}))
    return {n.strip().lower() for n in names}


def find_header(rows: list[list[str]], source: LedgerSource) -> int:
    """Return the index of the header among the first rows: the row naming most known columns.

    Known columns are the engagement's and the preset's. Without at least two matches the first
    row is the header.
    """
    known = _candidates(source)
    best, best_hits = 0, 1
    for index, row in enumerate(rows[:SCAN_LINES]):
        hits = sum(1 for cell in row if cell is not None and str(cell).strip().lower() in known)
        if hits > best_hits:
            best, best_hits = index, hits
    return best


def read_ledger_file(source: LedgerSource, *, root: Path) -> tuple[pd.DataFrame, LedgerSource, int]:
    """Return (rows as text, the effective source, header row number) of a ledger export.

    Rows are every non-blank line below the header, indexed by their row number in the file;
    the header row is found below title lines unless `skiprows` is given.

    Long because the read follows the preset and the export layout step by step, each step refining
    the same effective source.
    """
    file = source.file if source.file.is_absolute() else root / source.file
    check_data_file(file, key="data.ledger.path")
    kind = source.format or ("xlsx" if file.suffix.lower() in (".xlsx", ".xlsm") else "csv")
    if kind == "parquet":
        raise DataError(
            "a ledger of line items is read from CSV or XLSX",
            path=file,
            key="data.ledger.format",
            expected="csv or xlsx",
        )
    base = effective_source(source)
    rows = _xlsx_rows(file, base) if kind == "xlsx" else _csv_rows(file, base)
    if "skiprows" in source.model_fields_set:
        start = source.skiprows
    else:
        start = find_header(rows, base)
    if start >= len(rows):
        raise DataError("the file has no header row", path=file, row=start + 1)
    header = [str(c).lstrip("\ufeff").strip() if c is not None else "" for c in rows[start]]
    effective = effective_source(source, header)
    if kind == "csv" and effective.encoding != base.encoding:
        rows = _csv_rows(file, effective)
    names = [h if h else f"column {i + 1}" for i, h in enumerate(header)]
    width = len(names)
    body: list[list[Any]] = []
    numbers: list[int] = []
    for number, row in enumerate(rows[start + 1 :], start=start + 2):
        cells = list(row[:width]) + [None] * (width - len(row))
        if kind == "csv":
            if not "".join(row).strip():
                continue
        elif all(c is None or str(c).strip() == "" for c in cells):
            continue
        extra = [c for c in row[width:] if c is not None and str(c).strip() != ""]
        if extra:
            raise DataError(
                msg("row has {row} fields but the header has {width}", row=len(row), width=width),
                path=file,
                row=number,
                expected=msg("{width} fields", width=width),
                hint="check the separator (`sep`) and quoting of text that contains it",
            )
        body.append(cells)
        numbers.append(number)
    if not body:
        raise DataError(
            "the file has a header but no data rows",
            path=file,
            row=start + 1,
            expected="at least one data row below the header",
        )
    frame = pd.DataFrame(body, columns=names, index=pd.Index(numbers), dtype=object)
    if kind == "csv":  # text cells: Arrow strings, blank cells missing
        frame = frame.astype("str").apply(lambda col: col.where(col.str.strip() != ""))
    else:
        frame = frame.where(frame.notna(), None)
    return frame, effective.model_copy(update={"skiprows": start}), start + 1


def _csv_rows(file: Path, source: LedgerSource) -> list[list[str]]:
    data = file.read_bytes()
    if data.startswith(b"PK\x03\x04"):
        raise DataError(
            "this is a zip/Excel file, not CSV",
            path=file,
            hint="set `format: xlsx` for this source or export it as CSV",
        )
    encoding = source.encoding
    if codecs.lookup(encoding).name == "utf-8":
        encoding = "utf-8-sig"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        alternative = "cp1252" if encoding.startswith("utf-8") else "utf-8"
        raise DataError(
            msg(
                "the file is not valid {encoding} text at byte {byte}",
                encoding=encoding.removesuffix("-sig"),
                byte=str(exc.start),
            ),
            path=file,
            expected=msg("text encoded as {encoding}", encoding=encoding.removesuffix("-sig")),
            hint=msg(
                "set `encoding: {alternative}` (or the export's encoding) for this source",
                alternative=alternative,
            ),
        ) from None
    if "\x00" in text[:_SAMPLE_BYTES]:
        raise DataError(
            msg(
                "binary data, not a text table (NUL byte at byte {byte})",
                byte=str(text.index(chr(0))),
            ),
            path=file,
            expected="a CSV text file",
        )
    sep = source.sep or _sniff(text)
    return [list(r) for r in csv.reader(io.StringIO(text, newline=""), delimiter=sep)]


def _sniff(text: str) -> str:
    lines = text[:_SAMPLE_BYTES].splitlines()[:SCAN_LINES]
    counts = {sep: max((line.count(sep) for line in lines), default=0) for sep in _SEPARATORS}
    best = max(counts, key=lambda s: counts[s])
    return best if counts[best] else ","


def _xlsx_rows(file: Path, source: LedgerSource) -> list[list[Any]]:
    """Return every row of the ledger's sheet, read within the workbook limits of `open_sheet`."""
    sheet = source.sheet if isinstance(source.sheet, str) else int(source.sheet)
    with open_sheet(file, sheet) as (worksheet, name):
        try:
            return [list(row) for row in worksheet.iter_rows(values_only=True)]
        except DAMAGED_SHEET as exc:
            raise damaged_sheet(exc, file=file, sheet=name) from None


def header_problem(path: str, header_row: int, columns: list[str], missing: str) -> Problem:
    """Return the problem of a required ledger column that the header lacks."""
    return Problem(
        msg("required column '{missing}' is missing", missing=missing),
        path=path,
        row=header_row,
        column=missing,
        key="data.ledger.columns",
        expected=msg(
            "a column mapped to {missing}; columns found: {columns}",
            missing=missing,
            columns=", ".join(columns),
        ),
    )
