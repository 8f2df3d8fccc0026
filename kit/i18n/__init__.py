"""The one translator and the one set of locale formatters, below every other layer.

Messages live in gettext catalogues `kit/locale/<language>/LC_MESSAGES/kit.po` with the English
text as message id (`tr`, `trn`, `trp`; `N_` / `NP_` mark ids chosen at run time); numbers,
money, percentages and dates are formatted with Babel for the report language.
"""

from __future__ import annotations

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
from kit.i18n.translations import LANGUAGES, N_, NP_, Language, tr, trn, trp

__all__ = [
    "LANGUAGES",
    "NP_",
    "N_",
    "Language",
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
    "tr",
    "trn",
    "trp",
]
