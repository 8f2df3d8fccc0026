"""The one translator and the one set of locale formatters, below every other layer.

Messages live in `kit/i18n/messages/*.yaml` (key -> {de, en}); numbers, money, percentages and
dates are formatted with Babel for the report language.
"""

from __future__ import annotations

from kit.i18n.catalogue import LANGUAGES, Language, catalogue, t
from kit.i18n.format import (
    currency_symbol,
    fmt_bucket,
    fmt_count,
    fmt_date,
    fmt_date_range,
    fmt_datetime,
    fmt_days,
    fmt_hours,
    fmt_money,
    fmt_money_k,
    fmt_month,
    fmt_number,
    fmt_percent,
    fmt_range,
    fmt_threshold,
    fmt_value,
    locale_of,
    thousands_unit,
)

__all__ = [
    "LANGUAGES",
    "Language",
    "catalogue",
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
    "t",
    "thousands_unit",
]
