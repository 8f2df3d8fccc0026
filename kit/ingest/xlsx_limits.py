"""Limits checked on an XLSX workbook before openpyxl reads it, so a crafted file costs little.

An XLSX file is a zip archive: a 3 MB file can unpack to gigabytes, and one cell can hold
hundreds of megabytes. Before the workbook is opened the declared unpacked sizes are checked
(zipfile never returns more than an entry declares: a lying entry fails its CRC), and the shared
strings are scanned for a text longer than Excel allows in a cell. Before the chosen sheet is
read its XML is scanned once, in C-speed byte searches: the declared dimension, the longest text
and formulas saved without a value (a workbook written by a program that does not calculate; the
kit would read such a cell as empty).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path

from kit.errors import DataError, Problem
from kit.message import msg, plural

__all__ = [
    "MAX_CELL_BYTES",
    "MAX_SHEET_CELLS",
    "MAX_UNPACKED_BYTES",
    "check_package",
    "check_sheet",
]

#: Largest total unpacked size of a workbook (bytes).
MAX_UNPACKED_BYTES = 256 * 1024 * 1024
#: Longest text in one cell: Excel's limit of 32,767 characters, four UTF-8 bytes each at most.
MAX_CELL_BYTES = 32_767 * 4 + 1024
#: Most cells the sheet's declared dimension may span (rows × columns).
MAX_SHEET_CELLS = 50_000_000
#: Formula cells without a saved value listed at most.
_LISTED = 10

_CHUNK = 1 << 20
_OVERLAP = 64 * 1024
_LONG_RUN = re.compile(rb"[^<]{%d,}" % MAX_CELL_BYTES)
_NS = rb"(?:[A-Za-z_][\w.-]*:)?"
# A formula element directly followed by the cell's end (no <v> or an empty one): no value saved.
_NO_VALUE = re.compile(
    rb"(?:</" + _NS + rb"f>|<" + _NS + rb"f\b[^>]*/>)\s*(?:<" + _NS + rb"v\s*/>|<" + _NS
    + rb"v>\s*</" + _NS + rb"v>)?\s*</" + _NS + rb"c>"
)  # fmt: skip
_CELL_START = re.compile(rb"<" + _NS + rb"c\b[^>]*\br=\"([A-Z]{1,3})(\d+)\"")
_DIMENSION = re.compile(
    rb"<" + _NS + rb"dimension\b[^>]*\bref=\"([A-Z]{1,3}\d+(?::[A-Z]{1,3}\d+)?)\""
)
_REF = re.compile(r"([A-Z]{1,3})(\d+)")


def check_package(file: Path) -> None:
    """Raise DataError when the workbook unpacks too large or a shared string is too long."""
    try:
        with zipfile.ZipFile(file) as archive:
            infos = archive.infolist()
            total = sum(info.file_size for info in infos)
            if total > MAX_UNPACKED_BYTES:
                biggest = max(infos, key=lambda info: info.file_size)
                raise DataError(
                    msg("workbook unpacks to {total} bytes", total=total),
                    path=file,
                    value=biggest.filename,
                    expected=msg(
                        "at most {max_unpacked_bytes} bytes unpacked",
                        max_unpacked_bytes=MAX_UNPACKED_BYTES,
                    ),
                    hint="save only the sheet with the ledger, or export it as CSV",
                )
            for info in infos:
                if info.filename.endswith("sharedStrings.xml"):
                    if _longest_run(archive, info.filename) > MAX_CELL_BYTES:
                        raise _long_cell(file, info.filename)
    except zipfile.BadZipFile as exc:
        raise DataError(
            msg("not a readable XLSX workbook ({error})", error=str(exc)),
            path=file,
            expected="an .xlsx file",
        ) from None


def check_sheet(file: Path, entry: str, *, sheet: str) -> list[Problem]:
    """Return a problem per formula cell saved without a value; DataError for oversize.

    `entry` is the sheet's path inside the archive (openpyxl's `_worksheet_path`).
    """
    problems: list[Problem] = []
    try:
        with zipfile.ZipFile(file) as archive:
            _check_dimension(archive, entry, file=file, sheet=sheet)
            if _longest_run(archive, entry) > MAX_CELL_BYTES:
                raise _long_cell(file, entry)
            missing, count = _formulas_without_value(archive, entry)
    except (zipfile.BadZipFile, KeyError) as exc:
        raise DataError(
            msg("the sheet cannot be unpacked ({error})", error=str(exc)),
            path=file,
            key="sheet",
            value=sheet,
        ) from None
    for column, row in missing:
        problems.append(
            Problem(
                "formula without a saved value",
                path=str(file),
                row=row,
                column=f"{column}{row}",
                expected="values: open the workbook in Excel and save it, or paste values only",
            )
        )
    if count > len(missing):
        problems.append(
            Problem(
                plural(
                    "{count} more formula cell without a saved value",
                    "{count} more formula cells without a saved value",
                    count - len(missing),
                ),
                path=str(file),
            )
        )
    return problems


def _chunks(archive: zipfile.ZipFile, entry: str) -> Iterator[bytes]:
    with archive.open(entry) as handle:
        while chunk := handle.read(_CHUNK):
            yield chunk


def _longest_run(archive: zipfile.ZipFile, entry: str) -> int:
    """Return a lower bound of the longest stretch without '<' (a text), exact up to the limit."""
    longest = run = 0
    for chunk in _chunks(archive, entry):
        first = chunk.find(b"<")
        if first < 0:
            run += len(chunk)
            longest = max(longest, run)
            if longest > MAX_CELL_BYTES:
                return longest
            continue
        longest = max(longest, run + first)
        if _LONG_RUN.search(chunk):
            return MAX_CELL_BYTES + 1
        run = len(chunk) - chunk.rfind(b"<") - 1
        if longest > MAX_CELL_BYTES:
            return longest
    return max(longest, run)


def _formulas_without_value(
    archive: zipfile.ZipFile, entry: str
) -> tuple[list[tuple[str, int]], int]:
    """Return (column letters, row) of the first formula cells without a saved value, and a count.

    The count is of all such cells in the sheet.
    """
    found: dict[tuple[str, int], None] = {}
    count = 0
    tail = b""
    offset = 0  # position in the sheet of data[0]
    seen_until = 0  # matches ending before this sheet position were counted already
    for chunk in _chunks(archive, entry):
        data = tail + chunk
        for match in _NO_VALUE.finditer(data):
            if offset + match.end() <= seen_until:
                continue
            count += 1
            if len(found) < _LISTED:
                low = max(0, match.start() - _OVERLAP)
                starts = list(_CELL_START.finditer(data, low, match.start()))
                if starts:
                    found.setdefault((starts[-1].group(1).decode(), int(starts[-1].group(2))))
        seen_until = offset + len(data)
        tail = data[-_OVERLAP:]
        offset += len(data) - len(tail)
    return list(found), count


def _check_dimension(archive: zipfile.ZipFile, entry: str, *, file: Path, sheet: str) -> None:
    with archive.open(entry) as handle:
        head = handle.read(_OVERLAP)
    match = _DIMENSION.search(head)
    if match is None:
        return
    refs = _REF.findall(match.group(1).decode())
    if len(refs) != 2:
        return
    (c1, r1), (c2, r2) = refs
    rows = abs(int(r2) - int(r1)) + 1
    columns = abs(_column_number(c2) - _column_number(c1)) + 1
    if rows * columns > MAX_SHEET_CELLS:
        raise DataError(
            msg("the sheet spans {rows} rows × {columns} columns", rows=rows, columns=columns),
            path=file,
            key="sheet",
            value=sheet,
            expected=msg("at most {max_sheet_cells} cells", max_sheet_cells=MAX_SHEET_CELLS),
            hint="delete empty rows and columns below and right of the table, or export as CSV",
        )


def _column_number(letters: str) -> int:
    number = 0
    for char in letters:
        number = number * 26 + ord(char) - ord("A") + 1
    return number


def _long_cell(file: Path, entry: str) -> DataError:
    return DataError(
        "a cell holds more than 32,767 characters (Excel's limit)",
        path=file,
        value=entry,
        expected="a ledger export with ordinary cells",
    )
