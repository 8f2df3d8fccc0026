"""Words for the forecast, shared by `kit forecast` and reports 04, 05 and 07.

Every text comes from `kit/report/messages/forecast.yaml`, in German or English.
"""

from __future__ import annotations

import math
from typing import Any

from kit.forecast import Forecast
from kit.i18n import Language, fmt_days, fmt_number, t

__all__ = ["method_text", "reason_text", "why"]


def method_text(fc: Forecast, language: Language) -> str:
    """Return the method line: model, simple rule, or no forecast."""
    return t(f"forecast.method.{fc.method or 'none'}", language)


def reason_text(fc: Forecast, language: Language) -> str | None:
    """Return why the simple rule (or nothing) is used, None when the model is used."""
    if fc.reason is None:
        return None
    values: dict[str, object] = {}
    if fc.reason == "thin_history":
        values["settled"] = fmt_number(fc.settled, language, digits=0)
    if fc.reason == "model_not_better":
        values["model"] = fmt_days(fc.backtest.mean("mae_days"), language)
        values["baseline"] = fmt_days(fc.backtest.mean("baseline_mae_days"), language)
    return t(f"forecast.reason.{fc.reason}", language, **values)


def _days(value: float, language: Language) -> str:
    return fmt_number(abs(value), language, digits=0)


def why(row: dict[str, Any], language: Language) -> str:
    """Return the worklist reason of one customer row of `kit.forecast.worklist`, in words."""
    parts = []
    mean = row.get("hist_mean")
    if mean is None or (isinstance(mean, float) and math.isnan(mean)):
        parts.append(t("forecast.why.new", language))
    elif round(mean) >= 1:
        parts.append(t("forecast.why.mean_late", language, days=_days(mean, language)))
    elif round(mean) <= -1:
        parts.append(t("forecast.why.mean_early", language, days=_days(mean, language)))
    else:
        parts.append(t("forecast.why.on_time", language))
    disputed = int(row.get("disputed") or 0)
    if disputed == 1:
        parts.append(t("forecast.why.disputed_one", language))
    elif disputed > 1:
        parts.append(t("forecast.why.disputed", language, count=disputed))
    trend = row.get("hist_trend")
    if isinstance(trend, float) and not math.isnan(trend) and trend >= 5:
        parts.append(t("forecast.why.worse", language, days=_days(trend, language)))
    overdue = int(row.get("days_overdue") or 0)
    if overdue > 0:
        parts.append(t("forecast.why.overdue", language, days=overdue))
    level = int(row.get("dunning_level") or 0)
    if level > 0:
        parts.append(t("forecast.why.reminders", language, count=level))
    return "; ".join(parts)
