"""Numbers, money, percentages and dates formatted for the report language with Babel."""

from __future__ import annotations

import math
from datetime import date, datetime

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal

from kit.i18n.translations import Language

__all__ = ["fmt_date", "fmt_days", "fmt_money", "fmt_number", "fmt_percent", "locale_of"]

_LOCALES = {"de": "de_DE", "en": "en_GB"}
_DASH = "–"


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


def fmt_percent(value: float | None, language: Language, *, digits: int = 1) -> str:
    """Return a value already in percent (84.1) as "84,1 %" (de) or "84.1%" (en)."""
    if value is None or math.isnan(value):
        return _DASH
    number = fmt_number(value, language, digits=digits)
    return f"{number}\u00a0%" if language == "de" else f"{number}%"


def fmt_days(value: float | None, language: Language, *, digits: int = 1) -> str:
    """Return a number of days with its unit ("41,2 Tage" / "41.2 days")."""
    if value is None or math.isnan(value):
        return _DASH
    unit = "Tage" if language == "de" else "days"
    return f"{fmt_number(value, language, digits=digits)}\u00a0{unit}"


def fmt_date(value: date | datetime | None, language: Language) -> str:
    """Return a date as "30.06.2026" (de) or "30 Jun 2026" (en)."""
    if value is None:
        return _DASH
    pattern = "dd.MM.yyyy" if language == "de" else "d MMM yyyy"
    return format_date(value, format=pattern, locale=locale_of(language))
