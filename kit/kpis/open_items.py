"""KPIs of an open-items list (ledgers.md): what the data can carry at extracted_on, else null.

An open-items list shows only what was open on the export date E: invoices paid before E are not
in it, so sales, settlements and history are unknown. The open-item KPIs hold at T = E only;
any other as-of date is refused.
"""

from __future__ import annotations

from datetime import date

import numpy as np

from kit.errors import ConfigError
from kit.kpis.formulas import Computed
from kit.ledger import Ledger

__all__ = ["HISTORY_KPIS", "OPEN_ITEM_KPIS", "check_open_items", "open_items_reason", "restrict"]

#: KPIs an open-items list carries at its export date.
OPEN_ITEM_KPIS = (
    "ar_total",
    "ar_current",
    "ar_overdue",
    "pct_current",
    "open_credits",
    "ar_net",
    "disputed_ar",
)
#: KPIs that need sales, settlements or history (null for an open-items list).
HISTORY_KPIS = (
    "credit_sales",
    "dso",
    "bpdso",
    "add",
    "cei",
    "dso_countback",
    "collection_rate",
    "days_to_pay",
    "days_late",
    "on_time_rate",
    "paid_within_45_rate",
    "dispute_rate",
    "dispute_days_to_resolve",
)


def open_items_reason(ledger: Ledger) -> str:
    """Return the reason a history KPI of an open-items list is null."""
    day = ledger.extracted_on.isoformat() if ledger.extracted_on else "?"
    return (
        f"the export holds only open items (extracted {day}): sales and payments of the window "
        "are unknown"
    )


def check_open_items(ledger: Ledger, as_of: date) -> None:
    """Refuse an as-of date other than extracted_on for an open-items list (ConfigError)."""
    if not ledger.open_items_only or ledger.extracted_on is None:
        return
    if as_of != ledger.extracted_on:
        raise ConfigError(
            f"the ledger is an open-items list extracted on {ledger.extracted_on.isoformat()}: "
            f"KPIs can only be computed as of that date, not {as_of.isoformat()}",
            key="as_of",
            value=as_of.isoformat(),
            expected=f"the date of extracted_on ({ledger.extracted_on.isoformat()})",
            hint="leave as_of out or set it to extracted_on; for other dates export all items",
        )


def restrict(computed: Computed, ledger: Ledger) -> Computed:
    """Return the KPIs with every history KPI null (and its reason) for an open-items list."""
    if not ledger.open_items_only:
        return computed
    reason = open_items_reason(ledger)
    values = dict(computed.values)
    reasons = dict(computed.reasons)
    for kpi in HISTORY_KPIS:
        values[kpi] = np.full_like(values[kpi], np.nan)
        reasons[kpi] = reason
    truncated = np.zeros_like(computed.countback_truncated)
    return Computed(values=values, reasons=reasons, countback_truncated=truncated)
