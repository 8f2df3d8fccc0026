"""The one formatter: months, ranges, thresholds, thousands, units and times in both languages."""

from __future__ import annotations

from datetime import UTC, date, datetime

from kit.i18n import (
    fmt_bucket,
    fmt_date_range,
    fmt_datetime,
    fmt_days,
    fmt_hours,
    fmt_money_k,
    fmt_month,
    fmt_range,
    fmt_threshold,
    fmt_value,
    thousands_unit,
)
from kit.i18n.counts import groups_text, maps_text

NB = "\u00a0"


def test_one_month_format_per_language() -> None:
    assert fmt_month(date(2025, 7, 31), "de") == "Juli 2025"
    assert fmt_month(date(2025, 12, 1), "de") == "Dez. 2025"
    assert fmt_month(date(2025, 7, 31), "en") == "Jul 2025"
    assert fmt_month(datetime(2026, 3, 1, 12, 0), "de") == "März 2026"


def test_ranges_take_an_en_dash_and_open_ends_words() -> None:
    assert fmt_range(1, 30, "de") == "1–30"
    assert fmt_range(60, 70, "en", unit="%") == f"60–70{NB}%"
    assert fmt_range(180, None, "de", unit="Tage") == f"über 180{NB}Tage"
    assert fmt_threshold(180, "en") == "over 180"
    assert fmt_threshold(3, "de", above=False) == "unter 3"
    assert fmt_bucket("1-30", "de") == "1–30"
    assert fmt_bucket(">180", "de", unit="Tage") == f"über 180{NB}Tage"
    assert fmt_bucket("current", "en") == "current"
    assert fmt_date_range(date(2026, 1, 5), date(2026, 2, 13), "de") == "05.01.2026 – 13.02.2026"


def test_thousands_have_one_unit_per_language() -> None:
    assert thousands_unit("EUR", "de") == f"Tsd.{NB}€"
    assert thousands_unit("EUR", "en") == f"k{NB}€"
    # 158,560 € ÷ 1000 = 158.56 → 159 thousand
    assert fmt_money_k(158_560, "de") == f"159{NB}Tsd.{NB}€"


def test_each_kind_has_its_decimals_and_unit() -> None:
    assert fmt_value(38.04, "days", "de") == f"38,0{NB}Tage"
    assert fmt_value(86.52, "percent", "de") == f"86,5{NB}%"
    assert fmt_value(86.52, "percent", "en") == "86.5%"
    assert fmt_value(141.46, "hours", "de") == f"141,5{NB}h"
    assert fmt_value(1775206.111, "money", "de") == f"1.775.206,11{NB}€"
    assert fmt_value(5000, "count", "de") == "5.000"
    assert fmt_days(1, "de", digits=0) == f"1{NB}Tag"
    assert fmt_hours(None, "de") == "–"


def test_counts_take_singular_and_plural() -> None:
    assert groups_text(1, "de") == "1 Gruppe" and groups_text(7, "de") == "7 Gruppen"
    assert maps_text(1, "en") == "1 process map" and maps_text(5, "en") == "5 process maps"


def test_footer_time_is_local_with_the_zone_name() -> None:
    moment = datetime(2026, 6, 30, 10, 5, tzinfo=UTC)
    assert fmt_datetime(moment, "de", tz="Europe/Berlin") == "30.06.2026, 12:05 MESZ"
    assert fmt_datetime(moment, "en", tz="Europe/London") == "30 Jun 2026, 11:05 BST"
