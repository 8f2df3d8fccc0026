"""The one formatter: numbers, money, percentages, days, hours, dates, months, ranges, thresholds.

Every figure a report, a table, a tile or a chart axis shows is written here, with Babel, in the
report language. Each kind of figure has one fixed number of decimals (`DIGITS`): days, hours and
percentages one, money two (or whole units / thousands where a table says so), counts none. There
is one month format per language (`MONTH_PATTERN`), ranges are joined with an en dash and open
ends are written in words ("über 180" / "over 180").
"""

from __future__ import annotations

import math
from datetime import date, datetime
from typing import Literal

from babel.dates import format_date, format_datetime, get_timezone
from babel.numbers import format_currency, format_decimal, get_currency_symbol

from kit.i18n.translations import Language

__all__ = [
    "DIGITS",
    "MONTH_PATTERN",
    "Kind",
    "currency_symbol",
    "fmt_bucket",
    "fmt_count",
    "fmt_date",
    "fmt_date_range",
    "fmt_datetime",
    "fmt_days",
    "fmt_hours",
    "fmt_money",
    "fmt_money_k",
    "fmt_month",
    "fmt_number",
    "fmt_percent",
    "fmt_range",
    "fmt_threshold",
    "fmt_value",
    "locale_of",
    "thousands_unit",
]

_LOCALES = {"de": "de_DE", "en": "en_GB"}
_DASH = "–"  # an en dash: the empty value and the joint of every range
_NBSP = "\u00a0"

#: A kind of figure; each kind has one number of decimals in every report.
Kind = Literal["days", "percent", "hours", "money", "count", "number"]
#: Decimals per kind of figure (money: cents; `fmt_money(digits=0)` for whole units in tables).
DIGITS: dict[str, int] = {"days": 1, "percent": 1, "hours": 1, "money": 2, "count": 0, "number": 1}
#: The one month format per language ("Juli 2025" / "Jul 2025"), for text, tables and axes.
MONTH_PATTERN: dict[str, str] = {"de": "MMM yyyy", "en": "MMM yyyy"}
_DATE_PATTERN = {"de": "dd.MM.yyyy", "en": "d MMM yyyy"}
_DATETIME_PATTERN = {"de": "dd.MM.yyyy, HH:mm z", "en": "d MMM yyyy, HH:mm z"}
_DAYS_UNIT = {"de": ("Tag", "Tage"), "en": ("day", "days")}
_OVER = {"de": "über", "en": "over"}
_UNDER = {"de": "unter", "en": "under"}
_THOUSANDS = {"de": "Tsd.\u00a0{symbol}", "en": "k\u00a0{symbol}"}


def _missing(value: float | None) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def _no_negative_zero(value: float, digits: int) -> float:
    """Return 0.0 for a value that rounds to zero at `digits` decimals (never "−0,00")."""
    return 0.0 if round(float(value), max(digits, 0)) == 0 else float(value)


def locale_of(language: Language) -> str:
    """Return the Babel locale used for a report language ("de" -> de_DE, "en" -> en_GB)."""
    return _LOCALES[language]


def fmt_number(value: float | None, language: Language, *, digits: int = 1) -> str:
    """Return a number with the locale's separators and `digits` decimals ("1.234,5" in German)."""
    if value is None or math.isnan(value):
        return _DASH
    pattern = "#,##0" + ("." + "0" * digits if digits > 0 else "")
    value = _no_negative_zero(value, digits)
    return format_decimal(value, format=pattern, locale=locale_of(language))


def fmt_count(value: float | None, language: Language) -> str:
    """Return a count as a whole number with thousands separators ("5.000")."""
    return fmt_number(value, language, digits=0)


def currency_symbol(currency: str, language: Language) -> str:
    """Return the sign of `currency` in the locale ("€", "US$" in German, "US$" / "$")."""
    return str(get_currency_symbol(currency, locale=locale_of(language)))


def thousands_unit(currency: str, language: Language) -> str:
    """Return the one unit of amounts in thousands: "Tsd. €" (de) / "k €" (en)."""
    return _THOUSANDS[language].format(symbol=currency_symbol(currency, language))


def fmt_money(
    value: float | None, language: Language, *, currency: str = "EUR", digits: int = 2
) -> str:
    """Return an amount with currency sign for the locale ("1.234,56 €" / "€1,234.56")."""
    if value is None or math.isnan(value):
        return _DASH
    value = _no_negative_zero(value, digits)
    if digits == 0:
        pattern = "#,##0\u00a0¤" if language == "de" else "¤#,##0"
        return format_currency(
            value, currency, format=pattern, locale=locale_of(language), currency_digits=False
        )
    return format_currency(value, currency, locale=locale_of(language))


def fmt_money_k(
    value: float | None, language: Language, *, currency: str = "EUR", digits: int = 0
) -> str:
    """Return an amount in thousands with the one thousands unit ("159 Tsd. €" / "159 k €")."""
    if value is None or math.isnan(value):
        return _DASH
    number = fmt_number(value / 1000.0, language, digits=digits)
    return f"{number}{_NBSP}{thousands_unit(currency, language)}"


def fmt_percent(value: float | None, language: Language, *, digits: int = 1) -> str:
    """Return a value already in percent (84.1) as "84,1 %" (de) or "84.1%" (en)."""
    if value is None or math.isnan(value):
        return _DASH
    number = fmt_number(value, language, digits=digits)
    return f"{number}\u00a0%" if language == "de" else f"{number}%"


def fmt_days(value: float | None, language: Language, *, digits: int = 1) -> str:
    """Return a number of days with its unit ("41,2 Tage" / "41.2 days"; "1 Tag" for one day)."""
    if value is None or math.isnan(value):
        return _DASH
    one, many = _DAYS_UNIT[language]
    unit = one if digits == 0 and round(float(value)) == 1 else many
    return f"{fmt_number(value, language, digits=digits)}\u00a0{unit}"


def fmt_hours(value: float | None, language: Language, *, digits: int = 1) -> str:
    """Return a number of hours with the unit sign ("141,5 h")."""
    if _missing(value):
        return _DASH
    return f"{fmt_number(value, language, digits=digits)}{_NBSP}h"


def fmt_value(
    value: float | None,
    kind: str,
    language: Language,
    *,
    currency: str = "EUR",
    digits: int | None = None,
) -> str:
    """Return a figure of `kind` (days, percent, hours, money, count, number) with its unit.

    The decimals are the kind's (`DIGITS`) unless `digits` is given; an unknown kind is a number.
    """
    places = DIGITS.get(kind, 1) if digits is None else digits
    if kind == "days":
        return fmt_days(value, language, digits=places)
    if kind == "percent":
        return fmt_percent(value, language, digits=places)
    if kind == "hours":
        return fmt_hours(value, language, digits=places)
    if kind in ("money", "currency"):
        return fmt_money(value, language, currency=currency, digits=places)
    if kind == "count":
        return fmt_count(value, language)
    return fmt_number(value, language, digits=places)


def fmt_date(value: date | datetime | None, language: Language) -> str:
    """Return a date as "30.06.2026" (de) or "30 Jun 2026" (en)."""
    if value is None:
        return _DASH
    return format_date(value, format=_DATE_PATTERN[language], locale=locale_of(language))


def fmt_month(value: date | datetime | None, language: Language) -> str:
    """Return the month of a date in the one month format ("Juli 2025" / "Jul 2025")."""
    if value is None:
        return _DASH
    day = value.date() if isinstance(value, datetime) else value
    return format_date(day, format=MONTH_PATTERN[language], locale=locale_of(language))


def fmt_date_range(
    start: date | datetime | None, end: date | datetime | None, language: Language
) -> str:
    """Return two dates joined by a spaced en dash ("05.01.2026 – 13.02.2026")."""
    return f"{fmt_date(start, language)} {_DASH} {fmt_date(end, language)}"


def fmt_range(
    low: float | None,
    high: float | None,
    language: Language,
    *,
    digits: int = 0,
    unit: str | None = None,
) -> str:
    """Return a range of numbers joined by an en dash ("1–30", "60–70 %"); open ends in words.

    A missing `high` gives "über 180" / "over 180" (see `fmt_threshold`); `unit` follows the
    upper end ("1–30 Tage").
    """
    if high is None:
        return fmt_threshold(low, language, digits=digits, unit=unit)
    start, end = fmt_number(low, language, digits=digits), fmt_number(high, language, digits=digits)
    text = f"{start}{_DASH}{end}"
    return f"{text}{_NBSP}{unit}" if unit else text


def fmt_threshold(
    value: float | None,
    language: Language,
    *,
    digits: int = 0,
    unit: str | None = None,
    above: bool = True,
) -> str:
    """Return an open bound in words: "über 180" / "over 180" ("unter 3" / "under 3" below)."""
    word = (_OVER if above else _UNDER)[language]
    text = f"{word} {fmt_number(value, language, digits=digits)}"
    return f"{text}{_NBSP}{unit}" if unit else text


def fmt_datetime(value: datetime, language: Language, *, tz: str | None = None) -> str:
    """Return a moment in the local time zone with its name ("01.12.2026, 23:53 MEZ").

    `tz` is an IANA zone name; None is the machine's local zone. A naive datetime is UTC.
    """
    from datetime import UTC

    moment = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    return format_datetime(
        moment,
        format=_DATETIME_PATTERN[language],
        tzinfo=get_timezone(tz),
        locale=locale_of(language),
    )


def fmt_bucket(bucket: str, language: Language, *, unit: str | None = None) -> str:
    """Return an aging bucket ("1-30", ">180") as a range ("1–30", "über 180"); `unit` follows.

    A bucket that is not a range or an open bound (such as "current") is returned unchanged;
    its word comes from the catalogue.
    """
    text = bucket.strip()
    if text.startswith(">"):
        return fmt_threshold(float(text[1:]), language, unit=unit)
    low, dash, high = text.partition("-")
    if dash and low.strip().isdigit() and high.strip().isdigit():
        return fmt_range(float(low), float(high), language, unit=unit)
    return bucket
