"""Date cells read as text: each distinct value parsed once, blanks empty, bad rows named."""

from __future__ import annotations

import pandas as pd

from kit.ingest.parsing import parse_dates


def _cells(*values: str | None) -> pd.Series:
    # index = row numbers as in the file (header = row 1)
    return pd.Series(pd.array(list(values), dtype="str"), index=range(2, 2 + len(values)))


def test_repeated_blank_and_invalid_dates() -> None:
    cells = _cells("31.03.2026", None, " 31.03.2026 ", "31.02.2026", "01.04.2026 14:30", "x")
    parsed, bad = parse_dates(cells, date_format="%d.%m.%Y %H:%M", dayfirst=True)
    assert parsed.dtype == "datetime64[ns]"
    # rows 2 and 4 are the same day (spaces stripped), row 6 keeps only the day (midnight),
    # row 3 is blank, rows 5 (no 31 February) and 7 are not dates
    assert parsed.tolist()[:3] == [pd.Timestamp("2026-03-31"), pd.NaT, pd.Timestamp("2026-03-31")]
    assert parsed[6] == pd.Timestamp("2026-04-01") and parsed[[5, 7]].isna().all()
    assert bad.tolist() == [5, 7]


def test_timestamps_keep_their_time_and_clean_columns_have_no_bad_rows() -> None:
    cells = _cells("2026-03-31 08:15", "2026-03-31 08:15", "2026-04-01 23:59")
    parsed, bad = parse_dates(cells, date_format="%Y-%m-%d %H:%M", dayfirst=False, with_time=True)
    assert parsed.tolist() == [
        pd.Timestamp("2026-03-31 08:15"),
        pd.Timestamp("2026-03-31 08:15"),
        pd.Timestamp("2026-04-01 23:59"),
    ]
    assert len(bad) == 0
    blank, none_bad = parse_dates(_cells(None, None), date_format=None, dayfirst=False)
    assert blank.isna().all() and len(none_bad) == 0


def test_dates_with_dots_are_read_day_first_without_a_date_format() -> None:
    # an export whose days are all 12 or less must not be read month first (10.05. = 10 May)
    cells = _cells("10.05.2026", "01.06.2026", "03.02.2026", None)
    parsed, bad = parse_dates(cells, date_format=None, dayfirst=False)
    assert parsed.tolist()[:3] == [
        pd.Timestamp("2026-05-10"),
        pd.Timestamp("2026-06-01"),
        pd.Timestamp("2026-02-03"),
    ]
    assert len(bad) == 0
    # a day over 12 among them is read the same way, not refused
    mixed, mixed_bad = parse_dates(
        _cells("10.05.2026", "15.01.2026"), date_format=None, dayfirst=False
    )
    assert mixed.tolist() == [pd.Timestamp("2026-05-10"), pd.Timestamp("2026-01-15")]
    assert len(mixed_bad) == 0
    # slashes stay as they were: month first unless dayfirst is set
    us, _ = parse_dates(_cells("02/03/2026"), date_format=None, dayfirst=False)
    assert us.tolist() == [pd.Timestamp("2026-02-03")]
