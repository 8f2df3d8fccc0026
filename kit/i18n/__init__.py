"""The one translator and the one set of locale formatters, below every other layer.

Messages live in `kit/i18n/messages/*.yaml` (key -> {de, en}); numbers, money, percentages and
dates are formatted with Babel for the report language.
"""

from __future__ import annotations

from kit.i18n.catalogue import LANGUAGES, Language, catalogue, t
from kit.i18n.format import fmt_date, fmt_days, fmt_money, fmt_number, fmt_percent, locale_of

__all__ = [
    "LANGUAGES",
    "Language",
    "catalogue",
    "fmt_date",
    "fmt_days",
    "fmt_money",
    "fmt_number",
    "fmt_percent",
    "locale_of",
    "t",
]
