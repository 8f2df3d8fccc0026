"""The one translator and the one set of locale formatters, below every other layer.

Messages live in gettext catalogues `kit/locale/<language>/LC_MESSAGES/kit.po` with the English
text as message id (`tr`, `trn`, `trp`; `N_` / `NP_` mark ids chosen at run time); numbers,
money, percentages and dates are formatted with Babel for the report language.
"""

from __future__ import annotations

from kit.i18n.format import fmt_date, fmt_days, fmt_money, fmt_number, fmt_percent, locale_of
from kit.i18n.translations import LANGUAGES, N_, NP_, Language, tr, trn, trp

__all__ = [
    "LANGUAGES",
    "NP_",
    "N_",
    "Language",
    "fmt_date",
    "fmt_days",
    "fmt_money",
    "fmt_number",
    "fmt_percent",
    "locale_of",
    "tr",
    "trn",
    "trp",
]
