"""Raw readers for ledger files: CSV (sniffed separator, BOM, encodings), XLSX and Parquet.

Every reader returns a DataFrame whose index is the row number as the user sees it in the file
(CSV/XLSX: header = row 1 + `skiprows`, so the first data row is 2 + `skiprows`; Parquet has no
header, its first record is row 1). CSV cells stay text; XLSX and Parquet cells keep the type
the file stored (numbers, dates) and are parsed later by `kit.ingest.parsing`.
"""

from __future__ import annotations

import codecs
import csv
import re
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from kit.engagement import Source
from kit.errors import DataError, Problem, Severity
from kit.files import check_size
from kit.ingest.plausibility import header_problems, nfc_name
from kit.message import literal, msg

__all__ = [
    "DAMAGED_SHEET",
    "MAX_FILE_BYTES",
    "RawTable",
    "check_data_file",
    "damaged_sheet",
    "open_sheet",
    "read_raw",
    "read_table",
]

#: What openpyxl raises on sheet XML cut off or damaged: xml.etree's ParseError is a
#: SyntaxError, and a cut-off archive entry fails its CRC.
DAMAGED_SHEET = (SyntaxError, ValueError, zipfile.BadZipFile, EOFError)

#: Files larger than this (bytes, checked with stat() before reading) are refused.
MAX_FILE_BYTES = 1 << 30

_SAMPLE_BYTES = 64 * 1024
_SEPARATORS = ",;\t|"
_TOTALS = re.compile(
    r"^\s*(summe|gesamt|gesamtsumme|endsumme|total|totals|sum|grand total)\b", re.I
)
_ID_COLUMNS = {
    "invoices": "invoice_id",
    "payments": "invoice_id",
    "customers": "customer_id",
    "disputes": "invoice_id",
    "dunning_events": "invoice_id",
}
_SUFFIXES = {
    ".csv": "csv",
    ".txt": "csv",
    ".tsv": "csv",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".parquet": "parquet",
    ".pq": "parquet",
}


@dataclass
class RawTable:
    """A file read as is: the frame (index = file row number), its path and reader warnings."""

    frame: pd.DataFrame
    path: str
    warnings: list[Problem] = field(default_factory=list)
    excluded: list[Problem] = field(default_factory=list)


def read_table(source: Source, *, root: Path, table: str) -> pd.DataFrame:
    """Return the source file as a raw DataFrame (index = row number in the file, no totals row)."""
    return read_raw(source, root=root, table=table).frame


def check_data_file(file: Path, *, key: str) -> None:
    """Refuse (DataError) a data file that is missing, empty or larger than MAX_FILE_BYTES."""
    if not file.is_file():
        raise DataError("data file not found", path=file, key=key)
    size = file.stat().st_size
    check_size(
        size,
        max_bytes=MAX_FILE_BYTES,
        path=file,
        error=DataError,
        hint="split the export by year or keep only the columns the kit needs",
    )
    if size == 0:
        raise DataError("the file is empty", path=file, expected="a header row and data rows")


def read_raw(source: Source, *, root: Path, table: str) -> RawTable:
    """Return the raw table of a source with its reader warnings; DataError when unreadable."""
    file = source.file if source.file.is_absolute() else root / source.file
    check_data_file(file, key=f"data.{table}.path")
    kind = source.format or _SUFFIXES.get(file.suffix.lower(), "csv")
    if kind == "xlsx":
        frame = _read_xlsx(file, source)
    elif kind == "parquet":
        frame = _read_parquet(file)
    else:
        frame = _read_csv(file, source)
    frame.columns = pd.Index([nfc_name(str(c).lstrip("\ufeff").strip()) for c in frame.columns])
    if kind == "parquet":  # CSV and XLSX headers were checked as written
        _refuse_repeated(list(frame.columns), file=file, row=None)
    if frame.empty and table == "invoices":  # other tables may be present but still empty
        raise DataError(
            "the file has a header but no data rows",
            path=file,
            row=source.skiprows + 1,
            expected="at least one data row below the header",
            hint="a new engagement's files hold only the header: put the client's ledger export "
            "in data/ and name it and its columns in engagement.yaml",
        )
    raw = RawTable(frame=frame, path=str(file))
    _drop_totals(raw, source, table)
    return raw


def _read_csv(file: Path, source: Source) -> pd.DataFrame:
    with file.open("rb") as handle:
        sample = handle.read(_SAMPLE_BYTES)
    encoding = source.encoding
    utf8 = codecs.lookup(encoding).name == "utf-8"
    if not sample.strip():
        raise DataError("the file is empty (only blank space)", path=file)
    if sample.startswith(b"PK\x03\x04"):
        raise DataError(
            "this is a zip/Excel file, not CSV",
            path=file,
            hint="set `format: xlsx` for this source or export it as CSV",
        )
    nul = sample.find(b"\x00")
    if nul >= 0 and not codecs.lookup(encoding).name.startswith("utf-16"):
        raise DataError(
            msg("binary data, not a text table (NUL byte at byte {byte})", byte=str(nul)),
            path=file,
            expected="a CSV text file",
        )
    text = _decode_sample(sample, "utf-8-sig" if utf8 else encoding, file)
    lines = text.splitlines()[source.skiprows : source.skiprows + 50]
    sep = source.sep or _sniff(lines)
    if lines:
        names = (
            next(csv.reader([lines[0]], delimiter=sep)) if len(sep) == 1 else lines[0].split(sep)
        )
        _refuse_repeated(names, file=file, row=source.skiprows + 1)
    try:
        return _csv_frame(
            file, sep=sep, encoding="utf-8" if utf8 else encoding, skip=source.skiprows
        )
    except UnicodeDecodeError as exc:
        raise _encoding_error(file, encoding, None) from exc
    except Exception as exc:  # pyarrow raises ArrowInvalid for malformed text
        message = str(exc)
        if "UTF8" in message or "decode" in message.lower():
            raise _encoding_error(file, encoding, None) from None
        if "Expected" in message and "columns" in message:
            raise _ragged_error(file, sep, "utf-8-sig" if utf8 else encoding, source) from None
        if isinstance(exc, pd.errors.EmptyDataError):
            raise DataError("no header row found", path=file) from None
        raise DataError(
            msg("cannot read the file as CSV: {reason}", reason=message.splitlines()[0]),
            path=file,
        ) from None


def _csv_frame(file: Path, *, sep: str, encoding: str, skip: int) -> pd.DataFrame:
    options: dict[str, Any] = {
        "sep": sep,
        "dtype": str,
        "encoding": encoding,
        "keep_default_na": False,
        "na_values": [""],
    }
    if len(sep) == 1:
        frame: pd.DataFrame = pd.read_csv(file, engine="pyarrow", skiprows=skip, **options)
    else:  # multi-character separators need the python engine
        frame = pd.read_csv(file, engine="python", skiprows=skip, **options)
    frame.index = pd.RangeIndex(skip + 2, skip + 2 + len(frame))
    return frame


def _decode_sample(sample: bytes, encoding: str, file: Path) -> str:
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        return str(decoder.decode(sample, final=False))
    except UnicodeDecodeError as exc:
        raise _encoding_error(file, encoding, exc.start) from None


def _encoding_error(file: Path, encoding: str, offset: int | None) -> DataError:
    if offset is None:
        offset = _first_bad_byte(file, encoding)
    alternative = "cp1252" if codecs.lookup(encoding).name.startswith("utf-8") else "utf-8"
    encoding = encoding.removesuffix("-sig")
    return DataError(
        msg("the file is not valid {encoding} text", encoding=encoding)
        if offset is None
        else msg(
            "the file is not valid {encoding} text at byte {byte}",
            encoding=encoding,
            byte=str(offset),
        ),
        path=file,
        expected=msg("text encoded as {encoding}", encoding=encoding),
        hint=msg(
            "set `encoding: {alternative}` (or the export's encoding) for this source",
            alternative=alternative,
        ),
    )


def _first_bad_byte(file: Path, encoding: str) -> int | None:
    decoder = codecs.getincrementaldecoder(encoding)()
    consumed = 0
    with file.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            try:
                decoder.decode(chunk, final=False)
            except UnicodeDecodeError as exc:
                return consumed + exc.start - len(decoder.getstate()[0])
            consumed += len(chunk)
    return None


def _sniff(lines: list[str]) -> str:
    sample = "\n".join(lines[:20])
    try:
        return csv.Sniffer().sniff(sample, delimiters=_SEPARATORS).delimiter
    except csv.Error:
        header = lines[0] if lines else ""
        counts = {sep: header.count(sep) for sep in _SEPARATORS}
        best = max(counts, key=lambda sep: counts[sep])
        return best if counts[best] else ","


def _ragged_error(file: Path, sep: str, encoding: str, source: Source) -> DataError:
    with file.open(encoding=encoding, newline="") as handle:
        for _ in range(source.skiprows):
            handle.readline()
        reader = csv.reader(handle, delimiter=sep)
        header = next(reader, [])
        for record in reader:
            if record and len(record) != len(header):
                return DataError(
                    msg(
                        "row has {record} fields but the header has {header}",
                        record=len(record),
                        header=len(header),
                    ),
                    path=file,
                    row=reader.line_num + source.skiprows,
                    value=sep.join(record),
                    expected=msg(
                        "{header} fields separated by '{sep}'", header=len(header), sep=sep
                    ),
                    hint="check the separator (`sep`) and quoting of text that contains it",
                )
    return DataError("rows have differing numbers of fields", path=file, hint="check `sep`")


@contextmanager
def open_sheet(file: Path, wanted: str | int) -> Iterator[tuple[Any, str]]:
    """Yield the chosen worksheet of an XLSX file and its name, after the workbook's limits.

    The unpacked size, the sheet's dimension and cell lengths are checked before openpyxl reads
    (`kit.ingest.xlsx_limits`); formulas without a saved value are refused with their cells.
    """
    import openpyxl

    from kit.ingest.xlsx_limits import check_package, check_sheet

    check_package(file)
    try:
        book = openpyxl.load_workbook(file, read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError, SyntaxError) as exc:
        raise DataError(
            msg("not a readable XLSX workbook ({error})", error=type(exc).__name__),
            path=file,
            expected="an .xlsx file",
        ) from None
    try:
        names = book.sheetnames
        if isinstance(wanted, str):
            if wanted not in names:
                raise DataError(
                    "sheet not found",
                    path=file,
                    key="sheet",
                    value=wanted,
                    expected=literal(", ".join(names)),
                )
            sheet = wanted
        else:
            if not 0 <= wanted < len(names):
                raise DataError(
                    msg("sheet index {wanted} does not exist", wanted=wanted),
                    path=file,
                    key="sheet",
                    expected=msg(
                        "0..{value} ({names})", value=len(names) - 1, names=", ".join(names)
                    ),
                )
            sheet = names[wanted]
        worksheet = book[sheet]
        formulas = check_sheet(file, str(getattr(worksheet, "_worksheet_path", "")), sheet=sheet)
        if formulas:
            raise DataError.from_problems(
                formulas, path=file, hint="the kit reads saved values, not formulas"
            )
        yield worksheet, sheet
    finally:
        book.close()


def damaged_sheet(exc: Exception, *, file: Path, sheet: str) -> DataError:
    """Return the error for sheet XML that cannot be read to its end."""
    return DataError(
        msg(
            "the sheet is damaged or cut off ({kind}: {error})", kind=type(exc).__name__, error=exc
        ),
        path=file,
        key="sheet",
        value=sheet,
        expected="a complete workbook; save it again in Excel",
    )


def _read_xlsx(file: Path, source: Source) -> pd.DataFrame:
    with open_sheet(file, source.sheet) as (worksheet, sheet):
        header, numbered = _xlsx_rows(worksheet, file=file, source=source, sheet=sheet)
    _refuse_repeated(list(header), file=file, row=source.skiprows + 1)
    names_ = [f"Unnamed: {i}" if h is None else str(h) for i, h in enumerate(header)]
    width = len(names_)
    records = [tuple(row[:width]) + (None,) * (width - len(row)) for _, row in numbered]
    frame = pd.DataFrame.from_records(records, columns=names_, index=[n for n, _ in numbered])
    frame = frame.astype(object).where(frame.notna(), None)
    empty = [c for c in frame.columns if c.startswith("Unnamed: ") and frame[c].isna().all()]
    return frame.drop(columns=empty)


def _xlsx_rows(
    worksheet: Any, *, file: Path, source: Source, sheet: str
) -> tuple[tuple[Any, ...], list[tuple[int, tuple[Any, ...]]]]:
    """Return the header and the numbered non-empty rows; DataError for damaged sheet XML."""
    try:
        rows = worksheet.iter_rows(values_only=True)
        for _ in range(source.skiprows):
            next(rows, None)
        header = next(rows, None)
        if header is None:
            raise DataError("the sheet is empty", path=file, key="sheet", value=sheet)
        start = source.skiprows + 2
        numbered = [
            (number, row)
            for number, row in enumerate(rows, start=start)
            if any(cell is not None and str(cell).strip() != "" for cell in row)
        ]
    except DAMAGED_SHEET as exc:
        raise damaged_sheet(exc, file=file, sheet=sheet) from None
    return header, numbered


def _refuse_repeated(names: list[Any], *, file: Path, row: int | None) -> None:
    """Raise DataError when the header names a column twice (after NFC and trimming)."""
    problems = header_problems(names, path=str(file), row=row)
    if problems:
        raise DataError.from_problems(problems, path=file)


def _read_parquet(file: Path) -> pd.DataFrame:
    try:
        frame = pd.read_parquet(file, engine="pyarrow")
    except Exception as exc:  # pyarrow raises ArrowInvalid for damaged files
        raise DataError(
            msg("not a readable Parquet file: {reason}", reason=str(exc).splitlines()[0]),
            path=file,
        ) from None
    frame.index = pd.RangeIndex(1, 1 + len(frame))
    return frame


def _drop_totals(raw: RawTable, source: Source, table: str) -> None:
    frame = raw.frame
    canonical = _ID_COLUMNS.get(table)
    by_target = {target: name for name, target in source.columns.items()}
    id_column = by_target.get(canonical or "", canonical)
    if id_column not in frame.columns:
        id_column = str(frame.columns[0])
    drop: list[Any] = []
    for label in reversed(frame.index[-3:]):
        row = frame.loc[label]
        ident = row[id_column]
        blank = (
            ident is None or (isinstance(ident, float) and pd.isna(ident)) or not str(ident).strip()
        )
        labels = [str(v) for v in row.tolist() if isinstance(v, str)]
        if not (blank and any(_TOTALS.match(text) for text in labels)):
            break
        drop.append(label)
        where = next(
            (str(c) for c in frame.columns if isinstance(row[c], str) and _TOTALS.match(row[c])),
            id_column,
        )
        raw.warnings.append(
            Problem(
                "totals row at the end of the table left out",
                path=raw.path,
                row=int(label),
                column=where,
                value=next(t for t in labels if _TOTALS.match(t)),
                expected="one row per item; sums are computed by the kit",
                severity=Severity.WARNING,
            )
        )
    if drop:
        raw.frame = frame.drop(index=drop)
