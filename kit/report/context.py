"""What a notebook needs to write its report: engagement, language, as-of date, formatting."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from kit.charts.style import style_figures
from kit.engagement import Engagement, load_engagement
from kit.errors import ConfigError
from kit.i18n import (
    LANGUAGES,
    Language,
    fmt_date,
    fmt_days,
    fmt_money,
    fmt_number,
    fmt_percent,
    tr,
    trn,
    trp,
)
from kit.message import msg

__all__ = ["ReportContext", "open_report", "parse_as_of"]


@dataclass(frozen=True)
class ReportContext:
    """The engagement of a report plus its language and as-of date, with locale formatting."""

    engagement: Engagement
    language: Language
    as_of: date

    def tr(self, message: str, /, **values: object) -> str:
        """Return `message` (English id, literal at the call) in the report language."""
        return tr(message, self.language, **values)

    def trn(self, singular: str, plural: str, count: int, /, **values: object) -> str:
        """Return the singular or plural form for `count` in the report language."""
        return trn(singular, plural, count, self.language, **values)

    def trp(self, context: str, message: str, /, **values: object) -> str:
        """Return `message` with gettext `context` in the report language."""
        return trp(context, message, self.language, **values)

    def money(self, value: float | None, *, digits: int = 2) -> str:
        """Return an amount in the engagement currency ("1.234,56 €")."""
        return fmt_money(value, self.language, currency=self.engagement.currency, digits=digits)

    def number(self, value: float | None, *, digits: int = 1) -> str:
        """Return a number with the locale's separators ("1.234,5")."""
        return fmt_number(value, self.language, digits=digits)

    def percent(self, value: float | None, *, digits: int = 1) -> str:
        """Return a value already in percent as "84,1 %" / "84.1%"."""
        return fmt_percent(value, self.language, digits=digits)

    def days(self, value: float | None, *, digits: int = 1) -> str:
        """Return a number of days with unit ("41,2 Tage")."""
        return fmt_days(value, self.language, digits=digits)

    def date(self, value: date | datetime | None) -> str:
        """Return a date in the locale's format ("30.06.2026")."""
        return fmt_date(value, self.language)


def parse_as_of(value: str | date | None, *, key: str = "as_of") -> date | None:
    """Return an as-of date from an ISO string (as papermill passes it), a date or None."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ConfigError(
            "not a date", key=key, value=value, expected="an ISO date such as 2026-06-30"
        ) from None


def open_report(
    engagement_path: str | Path,
    *,
    as_of: str | date | None = None,
    language: Language | None = None,
) -> ReportContext:
    """Return the ReportContext of an engagement; parameters override engagement.yaml.

    The as-of date is the parameter, else the engagement's `as_of`, else today. The figure style
    is applied as a side effect so every figure of the notebook looks the same.
    """
    engagement = load_engagement(engagement_path)
    chosen = language or engagement.language
    if chosen not in LANGUAGES:
        raise ConfigError(
            msg("unsupported language '{chosen}'", chosen=chosen),
            key="language",
            value=chosen,
            expected="de or en",
        )
    resolved = parse_as_of(as_of) or engagement.as_of or date.today()
    style_figures()
    return ReportContext(engagement=engagement, language=chosen, as_of=resolved)
