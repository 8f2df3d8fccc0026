"""Every KPI definition of kpis.md, in one place, as formulas over per-group aggregates.

Each function gets arrays of length G (one value per group) and returns the KPI per group, NaN
where it is null; `NULL_REASONS` says why. Nothing here touches invoices one by one, so the same
formulas apply to aggregates computed by numpy, by DuckDB or by Spark.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from kit.kpis.aggregates import Receivables
from kit.kpis.digital import Digital
from kit.kpis.disputes import Disputes

__all__ = ["Computed", "countback_days", "evaluate"]

_F = np.ndarray


@dataclass(frozen=True)
class Computed:
    """KPI values per group (NaN = null), the reason per null KPI, and countback truncation."""

    values: dict[str, np.ndarray]
    reasons: dict[str, str]
    countback_truncated: np.ndarray  # bool per group


def _ratio(num: _F, den: _F, scale: float = 1.0) -> _F:
    num = np.asarray(num, dtype=np.float64)
    den = np.asarray(den, dtype=np.float64)
    out = np.full(np.broadcast(num, den).shape, np.nan)
    ok = den != 0
    out[ok] = num[ok] / den[ok] * scale
    return out


def countback_days(ar: _F, monthly_sales: _F, slice_days: _F) -> tuple[_F, _F]:
    """Return countback DSO per group (days) and whether the sales history ran out.

    Walk back from T over calendar-month slices: while R > S of the slice, add its days and
    subtract S; else add R ÷ S × days and stop. Vectorised: the stop slice k is the first whose
    cumulative sales reach R; D = days of slices before k + (R − sales before k) ÷ S_k × days_k.
    """
    ar = np.asarray(ar, dtype=np.float64)
    sales = np.atleast_2d(np.asarray(monthly_sales, dtype=np.float64))
    days = np.asarray(slice_days, dtype=np.float64)
    groups, months = sales.shape
    if months == 0:
        return np.zeros(groups), ar > 0
    cum = np.cumsum(sales, axis=1)
    tol = 1e-9 * np.maximum(ar, 1.0)
    reached = cum >= (ar - tol)[:, None]
    found = reached.any(axis=1)
    k = np.where(found, reached.argmax(axis=1), months - 1)
    before = np.where(k > 0, cum[np.arange(groups), np.maximum(k - 1, 0)], 0.0)
    days_before = np.concatenate(([0.0], np.cumsum(days)))[k]
    s_k = sales[np.arange(groups), k]
    part = np.clip(_ratio(ar - before, s_k), 0.0, 1.0)
    result = days_before + np.nan_to_num(part) * days[k]
    truncated = ~found & (ar > 0)
    result = np.where(truncated, days.sum(), result)
    result = np.where(ar <= 0, 0.0, result)
    return result, truncated


def evaluate(rec: Receivables, dis: Disputes, dig: Digital, *, period_days: int) -> Computed:
    """Return every KPI of REGISTRY per group from the aggregates (NaN where null)."""
    p = float(period_days)
    v: dict[str, _F] = {}
    reasons: dict[str, str] = {}

    def put(kpi: str, value: _F, reason: str) -> None:
        v[kpi] = np.asarray(value, dtype=np.float64)
        reasons[kpi] = reason

    no_sales = "no invoices issued in window"
    ar_total = rec.aging_amount.sum(axis=1)  # aging buckets sum exactly to AR
    ar_current = rec.aging_amount[:, 0]
    put("ar_total", ar_total, "")
    put("ar_current", ar_current, "")
    put("ar_overdue", ar_total - ar_current, "")
    put("pct_current", _ratio(ar_current, ar_total, 100.0), "no open receivables at as-of date")
    groups = ar_total.shape[0]
    open_credits = rec.open_credits if rec.open_credits is not None else np.zeros(groups)
    put("open_credits", open_credits, "")
    put("ar_net", ar_total - open_credits, "")
    put("credit_sales", rec.credit_sales, "")
    put("dso", _ratio(ar_total, rec.credit_sales, p), no_sales)
    put("bpdso", _ratio(ar_current, rec.credit_sales, p), no_sales)
    put("add", v["dso"] - v["bpdso"], no_sales)
    put(
        "cei",
        _ratio(
            rec.ar_start + rec.credit_sales - ar_total,
            rec.ar_start + rec.credit_sales - ar_current,
            100.0,
        ),
        "CEI denominator (opening AR + sales − current AR) is 0",
    )
    countback, truncated = countback_days(ar_total, rec.monthly_sales, rec.slice_days)
    put("dso_countback", countback, "")
    put("collection_rate", _ratio(rec.paid_in_w, rec.due_in_w, 100.0), "no invoices due in window")
    no_settled = "no invoices settled in window"
    put("days_to_pay", _ratio(rec.settled_amount_x_days_to_pay, rec.settled_amount), no_settled)
    put("days_late", _ratio(rec.settled_amount_x_days_late, rec.settled_amount), no_settled)
    put("on_time_rate", _ratio(rec.on_time_count, rec.settled_count, 100.0), no_settled)
    put(
        "paid_within_45_rate",
        _ratio(rec.within_goal_count, rec.settled_count, 100.0),
        no_settled,
    )
    _disputes(dis, put, no_sales, rec.issued_count)
    _digital(dig, put)
    return Computed(values=v, reasons=reasons, countback_truncated=truncated)


def _disputes(
    dis: Disputes, put: Callable[[str, _F, str], None], no_sales: str, issued: _F
) -> None:
    groups = issued.shape[0]
    nan = np.full(groups, np.nan)
    none = "no dispute data (neither a disputed flag nor a disputes table)"
    if not dis.available:
        for kpi in ("dispute_rate", "disputed_ar", "dispute_days_to_resolve"):
            put(kpi, nan, none)
        return
    put("dispute_rate", _ratio(dis.issued_disputed_count, issued, 100.0), no_sales)
    put("disputed_ar", dis.disputed_ar, "")
    if dis.resolution_available:
        put(
            "dispute_days_to_resolve",
            _ratio(dis.resolved_days_sum, dis.resolved_count),
            "no disputes resolved in window",
        )
    else:
        put("dispute_days_to_resolve", nan, "no disputes table with resolved_date")


def _digital(dig: Digital, put: Callable[[str, _F, str], None]) -> None:
    ids = (
        "email_bounce_rate",
        "email_open_rate",
        "email_click_rate",
        "click_to_open_rate",
        "landing_page_views",
        "response_time_hours",
        "payment_success_rate",
        "dunning_conversion_rate",
    )
    if not dig.available:
        nan = np.full(dig.email_sent.shape[0], np.nan)
        for kpi in ids:
            put(kpi, nan, "no dunning_events data")
        return
    delivered = dig.email_sent - dig.email_bounced
    put("email_bounce_rate", _ratio(dig.email_bounced, dig.email_sent, 100.0),
        "no emails sent in window")  # fmt: skip
    no_delivered = "no emails delivered in window"
    put("email_open_rate", _ratio(dig.email_opened, delivered, 100.0), no_delivered)
    put("email_click_rate", _ratio(dig.email_clicked, delivered, 100.0), no_delivered)
    put("click_to_open_rate", _ratio(dig.email_clicked, dig.email_opened, 100.0),
        "no emails opened in window")  # fmt: skip
    put("landing_page_views", dig.page_views.astype(np.float64), "")
    put("response_time_hours", dig.response_median_hours,
        "no response within 14 days of a reminder sent in window")  # fmt: skip
    put(
        "payment_success_rate",
        _ratio(dig.pay_succeeded, dig.pay_succeeded + dig.pay_failed, 100.0),
        "no payment attempts with an outcome in window",
    )
    put("dunning_conversion_rate", _ratio(dig.reminders_converted, dig.reminders_sent, 100.0),
        "no reminders sent in window")  # fmt: skip
