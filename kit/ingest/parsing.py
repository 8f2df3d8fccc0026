"""Vectorised, strict parsing of raw cells into canonical types (ids, text, numbers, dates, flags).

Each parser returns the parsed Series (same index, i.e. file row numbers) and the rows whose
non-blank value could not be parsed. Blank cells become missing values; whether a blank is
allowed is decided by the schema, not here.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from collections.abc import Callable
from typing import Any, Protocol

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from kit.message import msg

__all__ = [
    "KINDS",
    "CellFormats",
    "date_example",
    "expand_value_map",
    "kind_of",
    "number_example",
    "parse_bool",
    "parse_dates",
    "parse_number",
    "parse_text",
]

#: Canonical column → kind (id, text, number, date, datetime, bool); unlisted columns are text.
KINDS: dict[str, str] = {
    "invoice_id": "id",
    "customer_id": "id",
    "payment_id": "id",
    "dispute_id": "id",
    "message_id": "id",
    "issue_date": "date",
    "due_date": "date",
    "paid_date": "date",
    "payment_date": "date",
    "opened_date": "date",
    "resolved_date": "date",
    "timestamp": "datetime",
    "amount": "number",
    "credit_limit": "number",
    "disputed": "bool",
}

# Words YAML 1.1 reads as booleans: an unquoted `Yes:` key in a values map arrives as True.
_YAML_BOOL_WORDS = {
    True: ("y", "yes", "true", "on"),
    False: ("n", "no", "false", "off"),
}
_DEFAULT_BOOLS = {"true": True, "false": False, "1": True, "0": False}


def kind_of(column: str) -> str:
    """Return the kind of a canonical column (id, text, number, date, datetime, bool)."""
    return KINDS.get(column, "text")


def expand_value_map(mapping: dict[Any, Any]) -> dict[str, Any]:
    """Return a values map keyed by raw text; boolean keys match every YAML spelling."""
    expanded: dict[str, Any] = {}
    for key, value in mapping.items():
        if isinstance(key, bool):
            for word in _YAML_BOOL_WORDS[key]:
                for spelled in (word, word.capitalize(), word.upper()):
                    expanded.setdefault(spelled, value)
        else:
            expanded[str(key)] = value
    return expanded


def parse_text(raw: pd.Series) -> pd.Series:
    """Return cells as stripped text (str dtype); numbers stored as 1001.0 become '1001'."""
    if raw.dtype == object or not pd.api.types.is_string_dtype(raw.dtype):
        raw = raw.map(_cell_text, na_action="ignore").astype("str")
    text = raw.str.strip()
    empty = (text == "").to_numpy(dtype=bool, na_value=False)
    return text.where(~empty, np.nan) if empty.any() else text


def _cell_text(value: object) -> object:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | pd.Timestamp):
        return value.isoformat(sep=" ") if value.time() != dt.time() else value.date().isoformat()
    return str(value)


def parse_number(
    raw: pd.Series, *, decimal: str, thousands: str | None
) -> tuple[pd.Series, pd.Index]:
    """Return cells as float64 and the rows whose text is not a number in the given format."""
    if pd.api.types.is_numeric_dtype(raw.dtype) and raw.dtype != bool:
        return raw.astype("float64"), pd.Index([])
    text = parse_text(raw) if raw.dtype == object else raw.str.strip()
    if raw.dtype == object:
        numeric = raw.map(lambda v: isinstance(v, int | float) and not isinstance(v, bool))
        direct = pd.to_numeric(raw.where(numeric), errors="coerce")
    else:
        numeric, direct = None, None
    cleaned = text
    if thousands:
        cleaned = cleaned.str.replace(thousands, "", regex=False)
    if decimal != ".":
        cleaned = cleaned.str.replace(decimal, ".", regex=False)
    values = _to_float(cleaned)
    if numeric is not None and direct is not None:
        values = values.where(~numeric, direct)
    bad = text.notna() & ~np.isfinite(values.to_numpy(dtype="float64", na_value=np.nan))
    if thousands:  # "1,234.50" must not pass as 1.2345 when '.' is the thousands separator
        t, d = re.escape(thousands), re.escape(decimal)
        shape = rf"[+-]?(?:\d{{1,3}}(?:{t}\d{{3}})+|\d+)(?:{d}\d+)?"
        wellformed = text.str.fullmatch(shape).fillna(True).astype(bool)
        if numeric is not None:
            wellformed |= numeric
        bad |= ~wellformed
    return values, raw.index[bad.to_numpy()]


def _to_float(text: pd.Series) -> pd.Series:
    try:
        array = pc.cast(pa.array(text, type=pa.string(), from_pandas=True), pa.float64())
        return pd.Series(array.to_numpy(zero_copy_only=False), index=text.index, dtype="float64")
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return pd.to_numeric(text, errors="coerce").astype("float64")


def parse_dates(
    raw: pd.Series, *, date_format: str | None, dayfirst: bool, with_time: bool = False
) -> tuple[pd.Series, pd.Index]:
    """Return cells as datetime64[ns] (midnight unless with_time) and invalid rows."""
    if pd.api.types.is_datetime64_any_dtype(raw.dtype):
        parsed = pd.Series(raw, copy=False)
        bad = pd.Index([])
    elif raw.dtype != object:
        return _parse_distinct_dates(raw, date_format, dayfirst, with_time)
    else:
        text = parse_text(raw)
        parsed = _parse_text_dates(text, date_format, dayfirst)
        stamps = raw.map(lambda v: isinstance(v, dt.date))
        if bool(stamps.any()):
            direct = pd.to_datetime(raw.where(stamps), errors="coerce")
            parsed = parsed.where(~stamps, direct)
        bad = raw.index[(text.notna() & parsed.isna()).to_numpy()]
    if getattr(parsed.dt, "tz", None) is not None:
        parsed = parsed.dt.tz_localize(None)
    parsed = parsed.astype("datetime64[ns]")
    return (parsed if with_time else parsed.dt.normalize()), bad


def _parse_distinct_dates(
    raw: pd.Series, date_format: str | None, dayfirst: bool, with_time: bool
) -> tuple[pd.Series, pd.Index]:
    """Parse each distinct text once (ledgers repeat few dates), then spread to every row."""
    codes, uniques = pd.factorize(raw)
    distinct = parse_text(pd.Series(uniques, dtype="str"))
    parsed_u = _parse_text_dates(distinct, date_format, dayfirst)
    if getattr(parsed_u.dt, "tz", None) is not None:
        parsed_u = parsed_u.dt.tz_localize(None)
    parsed_u = parsed_u.astype("datetime64[ns]")
    if not with_time:
        parsed_u = parsed_u.dt.normalize()
    values = np.append(parsed_u.to_numpy(dtype="datetime64[ns]"), np.datetime64("NaT", "ns"))
    bad_u = np.append((distinct.notna() & parsed_u.isna()).to_numpy(dtype=bool), False)
    # code −1 (blank cell) picks the appended NaT and is never bad
    parsed = pd.Series(values[codes], index=raw.index, dtype="datetime64[ns]")
    bad = raw.index[bad_u[codes]] if bad_u.any() else raw.index[:0]
    return parsed, bad


#: A date written with dots (31.01.2026, 1.2.26, optionally with a time): day first, always.
_DOTTED = re.compile(r"\d{1,2}\.\d{1,2}\.(\d{4}|\d{2})(\s.*)?")


def _dotted(text: pd.Series) -> bool:
    """Return True when every cell that is not ISO is a date written with dots (day first)."""
    cells = text.dropna().astype(str).unique()
    return len(cells) > 0 and all(_DOTTED.fullmatch(cell.strip()) for cell in cells)


def _parse_text_dates(text: pd.Series, date_format: str | None, dayfirst: bool) -> pd.Series:
    if date_format is None:
        parsed = _per_distinct(text, lambda u: pd.to_datetime(u, format="ISO8601", errors="coerce"))
        if parsed.notna().sum() == text.notna().sum():
            return parsed
        # 01.06.2026 is the 1st of June wherever dates are written with dots; left to pandas
        # it would be read month first whenever the day is 12 or less (and refused otherwise).
        dayfirst = dayfirst or _dotted(text[parsed.isna()])
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            return _per_distinct(
                text, lambda u: pd.to_datetime(u, dayfirst=dayfirst, errors="coerce")
            )
    parsed = _fast_strict(text, date_format)
    if "%H" in date_format and " " in date_format:
        missing = text.notna() & parsed.isna()
        if bool(missing.any()):
            day_only = _fast_strict(text[missing], date_format.split(" ")[0])
            parsed = parsed.where(~missing, day_only.reindex(parsed.index))
    return parsed


def _fast_strict(text: pd.Series, fmt: str) -> pd.Series:
    """Parse strictly with the format (31.02. is invalid, not 03.03.)."""
    return _per_distinct(text, lambda u: pd.to_datetime(u, format=fmt, errors="coerce"))


def _per_distinct(text: pd.Series, parse: Callable[[pd.Series], pd.Series]) -> pd.Series:
    """Apply a date parser once per distinct value (ledgers repeat few dates) and spread back."""
    codes, uniques = pd.factorize(text)
    if len(uniques) == 0:  # every cell blank
        return pd.Series(np.datetime64("NaT", "ns"), index=text.index, dtype="datetime64[ns]")
    values = pd.Series(parse(pd.Series(uniques))).to_numpy(dtype="datetime64[ns]")
    picked = np.where(codes >= 0, values[np.clip(codes, 0, None)], np.datetime64("NaT", "ns"))
    return pd.Series(picked, index=text.index, dtype="datetime64[ns]")


def parse_bool(raw: pd.Series, mapping: dict[str, Any]) -> tuple[pd.Series, pd.Index, pd.Index]:
    """Return a yes/no column as bool, the rows with an unmapped value and the blank rows."""
    text = parse_text(raw)
    if mapping:
        mapped = text.map(lambda v: mapping.get(v, mapping.get(str(v).lower())), na_action="ignore")
    else:
        mapped = text.str.lower().map(_DEFAULT_BOOLS)
    mapped = mapped.map(_as_bool, na_action="ignore")
    bad = raw.index[(text.notna() & mapped.isna()).to_numpy()]
    blank = raw.index[text.isna().to_numpy()]
    result = mapped.where(mapped.notna(), False).astype(bool)
    return result, bad, blank


def _as_bool(value: object) -> object:
    if isinstance(value, bool | np.bool_):
        return bool(value)
    lowered = str(value).strip().lower()
    return _DEFAULT_BOOLS.get(lowered)


class CellFormats(Protocol):
    """The number and date formats of a source (a data source or a ledger source)."""

    @property
    def decimal(self) -> str: ...
    @property
    def thousands(self) -> str | None: ...
    @property
    def date_format(self) -> str | None: ...
    @property
    def dayfirst(self) -> bool: ...


def number_example(source: CellFormats) -> str:
    """Return what a number of `source` looks like, for the `expected` of a finding."""
    whole = f"1{source.thousands}234" if source.thousands else "1234"
    if source.decimal == "." and not source.thousands:  # the default: say how 1.234,56 is read
        return msg(
            "a number like {example} (decimal point; for 1.234,56 set decimal: ',' and "
            "thousands: '.' in engagement.yaml)",
            example=f"{whole}{source.decimal}56",
        )
    return msg(
        "a number like {example} (decimal '{decimal}', thousands '{thousands}')",
        example=f"{whole}{source.decimal}56",
        decimal=source.decimal,
        thousands=source.thousands or "",
    )


def date_example(source: CellFormats) -> str:
    """Return what a date of `source` looks like, for the `expected` of a finding."""
    sample = dt.datetime(2026, 3, 31, 14, 30)
    if source.date_format:
        return msg(
            "a date like {example} (format {date_format})",
            example=sample.strftime(source.date_format),
            date_format=source.date_format,
        )
    if source.dayfirst:
        return "a date like 2026-03-31 (day first; set date_format for other layouts)"
    return "a date like 2026-03-31 (ISO year-month-day; set date_format for other layouts)"
