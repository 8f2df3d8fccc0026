"""Words for the forecast, shared by `kit forecast` and reports 04, 05 and 07.

Every text comes from `kit/report/messages/forecast.yaml`, in German or English.
"""

from __future__ import annotations

import math
from typing import Any

from kit.forecast import Forecast
from kit.i18n import N_, Language, fmt_days, fmt_number, tr, trn

_FORECAST_METHOD: dict[str, str] = {
    "baseline": N_("Method: simple rule – due date plus the customer's mean days late so far"),
    "model": N_("Method: forecasting model (more accurate than the simple rule in the backtest)"),
    "none": N_("No forecast: not enough payment history"),
}

_FORECAST_REASON: dict[str, str] = {
    "model_not_better": N_(
        "In the backtest the forecasting model was not more accurate "
        "than the simple rule ({model} against {baseline} mean error); "
        "the forecast therefore uses the simple rule."
    ),
    "no_backtest": N_(
        "There is no earlier date yet on which a forecasting model "
        "could be checked; the forecast uses the simple rule."
    ),
    "no_history": N_(
        "No invoice was settled by the as-of date; without payment "
        "history no payment date can be predicted."
    ),
    "thin_history": N_(
        "The history is still too short for a forecasting model "
        "({settled} settled invoices); the forecast uses the simple "
        "rule."
    ),
}

__all__ = ["method_text", "reason_text", "why"]


def method_text(fc: Forecast, language: Language) -> str:
    """Return the method line: model, simple rule, or no forecast."""
    return tr(_FORECAST_METHOD[fc.method or "none"], language)


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
    return tr(_FORECAST_REASON[fc.reason], language, **values)


def _days(value: float, language: Language) -> str:
    return fmt_number(abs(value), language, digits=0)


def why(row: dict[str, Any], language: Language) -> str:
    """Return the worklist reason of one customer row of `kit.forecast.worklist`, in words."""
    parts = []
    mean = row.get("hist_mean")
    if mean is None or (isinstance(mean, float) and math.isnan(mean)):
        parts.append(tr("new customer without payment history", language))
    elif round(mean) >= 1:
        parts.append(
            trn(
                "pays {days} day after the due date on average",
                "pays {days} days after the due date on average",
                abs(round(mean)),
                language,
                days=_days(mean, language),
            )
        )
    elif round(mean) <= -1:
        parts.append(
            trn(
                "pays {days} day before the due date on average",
                "pays {days} days before the due date on average",
                abs(round(mean)),
                language,
                days=_days(mean, language),
            )
        )
    else:
        parts.append(tr("pays on time on average", language))
    disputed = int(row.get("disputed") or 0)
    if disputed > 0:
        parts.append(
            trn("{count} disputed invoice", "{count} disputed invoices", disputed, language)
        )
    trend = row.get("hist_trend")
    if isinstance(trend, float) and not math.isnan(trend) and trend >= 5:
        parts.append(
            tr("lately {days} days later than usual", language, days=_days(trend, language))
        )
    overdue = int(row.get("days_overdue") or 0)
    if overdue > 0:
        parts.append(
            trn(
                "oldest invoice {days} day past due",
                "oldest invoice {days} days past due",
                overdue,
                language,
                days=overdue,
            )
        )
    level = int(row.get("dunning_level") or 0)
    if level > 0:
        parts.append(
            trn(
                "{count} reminder without payment",
                "{count} reminders without payment",
                level,
                language,
            )
        )
    return "; ".join(parts)
