"""Report helpers: message catalogue, locale formatting, figure style, index page."""

from __future__ import annotations

from kit.report.format import fmt_date, fmt_days, fmt_money, fmt_number, fmt_percent
from kit.report.i18n import t

__all__ = ["fmt_date", "fmt_days", "fmt_money", "fmt_number", "fmt_percent", "t"]
