"""The one translator and the one set of locale formatters, below every other layer.

Messages live in gettext catalogues `kit/locale/<language>/LC_MESSAGES/kit.po` with the English
text as message id (`tr`, `trn`, `trp`; `N_` / `NP_` mark ids chosen at run time); numbers,
money, percentages and dates are formatted with Babel for the report language. Every formatter
of `kit.i18n.format` is public here under its own name (its `__all__` is the list).
"""

from __future__ import annotations

from kit.i18n import format as _format
from kit.i18n.format import *  # noqa: F403 - the package exports exactly the formatters' __all__
from kit.i18n.translations import LANGUAGES, N_, NP_, Language, tr, trn, trp

__all__ = ["LANGUAGES", "NP_", "N_", "Language", "tr", "trn", "trp", *_format.__all__]
