"""Reading, checking and writing the editable dunning-ladder CSV."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from kit.errors import DataError, Problem, read_utf8_text
from kit.files import atomic_write
from kit.ledger import CHANNELS
from kit.message import msg

LADDER_COLUMNS = [
    "segment",
    "step",
    "day",
    "channel",
    "tone",
    "owner",
    "text_de",
    "text_en",
    "note",
]
_REQUIRED = ["segment", "step", "day", "channel", "tone", "owner"]
_TONES = ("friendly", "firm", "formal")
_LADDER_CHANNELS = (*CHANNELS, "preferred", "internal")
_DAY_RANGE = (-60, 730)
# Columns that take one of a few values: (column, the values, message for any other value).
_CHOICES = (("channel", _LADDER_CHANNELS, "unknown channel"), ("tone", _TONES, "unknown tone"))


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def validate_ladder(df: pd.DataFrame, *, path: str | Path | None = None) -> pd.DataFrame:
    """Return the ladder with clean types (day int); DataError naming row and column otherwise.

    Rows are numbered as a spreadsheet shows them (header = row 1).

    Long because each column of the ladder file is checked with its own message, collecting every
    problem.
    """
    where = None if path is None else str(path)
    missing = [c for c in _REQUIRED if c not in df.columns]
    if missing:
        raise DataError(
            "ladder lacks columns",
            path=where,
            row=1,
            value=", ".join(missing),
            expected=msg(
                "{columns} (text_de, text_en, note optional)", columns=", ".join(_REQUIRED)
            ),
        )
    problems: list[Problem] = []
    out = df.copy()
    for column in LADDER_COLUMNS:
        if column not in out.columns:
            out[column] = ""
        if column != "day":
            out[column] = [_text(v).strip() for v in out[column]]
    days: list[int] = []
    seen: dict[tuple[str, str], int] = {}
    for pos, row in enumerate(out.to_dict("records")):
        line = pos + 2

        def bad(column: str, value: object, expected: str, message: str, line: int = line) -> None:
            problems.append(
                Problem(
                    message,
                    path=where,
                    row=line,
                    column=column,
                    value=_text(value),
                    expected=expected,
                )
            )

        for column in ("segment", "step", "owner"):
            if not row[column]:
                bad(column, row[column], "a non-empty text", f"{column} is empty")
        day = _day(row["day"])
        if day is None:
            bad(
                "day",
                row["day"],
                msg(
                    "a whole number of days from {low} to {high} (negative = before due)",
                    low=_DAY_RANGE[0],
                    high=_DAY_RANGE[1],
                ),
                "day is not a whole number of days",
            )
        days.append(day if day is not None else 0)
        for column, allowed, message in _CHOICES:
            if row[column] not in allowed:
                bad(column, row[column], msg("one of {values}", values=", ".join(allowed)), message)
        key = (str(row["segment"]), str(row["step"]))
        if key in seen and row["step"]:
            bad(
                "step",
                row["step"],
                msg("each step once per segment (first in row {row})", row=str(seen[key])),
                "step listed twice for this segment",
            )
        seen.setdefault(key, line)
    out["day"] = days
    problems += _order_problems(out, where)
    if problems:
        raise DataError.from_problems(problems, hint="fix the ladder file and run again")
    return out[LADDER_COLUMNS].reset_index(drop=True)


def _day(value: object) -> int | None:
    try:
        number = float(_text(value).strip().replace(",", ".").replace("+", ""))
    except ValueError:
        return None
    if not number.is_integer() or not _DAY_RANGE[0] <= number <= _DAY_RANGE[1]:
        return None
    return int(number)


def _order_problems(ladder: pd.DataFrame, where: str | None) -> list[Problem]:
    """An agency hand-over needs an earlier final notice in its segment."""
    problems = []
    for pos, row in enumerate(ladder.to_dict("records")):
        if row["step"] != "agency_handover":
            continue
        finals = ladder[(ladder["segment"] == row["segment"]) & (ladder["step"] == "final_notice")]
        if not len(finals) or int(finals["day"].max()) >= int(row["day"]):
            problems.append(
                Problem(
                    "agency hand-over without an earlier final notice",
                    path=where,
                    row=pos + 2,
                    column="day",
                    value=str(row["day"]),
                    expected="a final_notice step of the same segment on an earlier day",
                )
            )
    return problems


def load_ladder(path: str | Path) -> pd.DataFrame:
    """Return the ladder table of a CSV file (`,` or `;`), checked row by row."""
    file = Path(path)
    if not file.is_file():
        raise DataError("ladder file not found", path=file, expected="a CSV file")
    text = read_utf8_text(file, hint="save the ladder as CSV UTF-8")
    header = text.splitlines()[0] if text.strip() else ""
    if not header:
        raise DataError(
            "the file is empty",
            path=file,
            row=1,
            expected=msg("a header: {columns}", columns=", ".join(LADDER_COLUMNS)),
        )
    sep = ";" if header.count(";") > header.count(",") else ","
    try:
        df = pd.read_csv(file, sep=sep, dtype=str, keep_default_na=False, encoding="utf-8-sig")
    except (pd.errors.ParserError, ValueError) as exc:
        raise DataError(
            msg("cannot read CSV: {reason}", reason=str(exc).splitlines()[0]), path=file
        ) from None
    return validate_ladder(df, path=file)


def save_ladder(df: pd.DataFrame, path: str | Path) -> Path:
    """Return the path after checking the ladder and writing it as CSV (UTF-8, atomically)."""
    file = Path(path)
    clean = validate_ladder(df, path=file)

    def write(tmp: Path) -> None:
        with tmp.open("w", encoding="utf-8-sig", newline="") as handle:
            clean.to_csv(handle, index=False)

    return atomic_write(file, write)
