"""KPIs the data cannot carry: without any settlement information no settlement KPI exists.

A ledger that has neither a payments table nor paid dates on its invoices says nothing about
when (or whether) an invoice was paid. The settlement KPIs are then null with that reason,
never a confident 0 % (kpis.md, "Missing data, empty windows, data that cannot carry a KPI").
"""

from __future__ import annotations

import numpy as np

from kit.kpis.formulas import Computed
from kit.ledger import Ledger

__all__ = ["NO_SETTLEMENTS", "SETTLEMENT_KPIS", "settlement_nulls", "without_settlements"]

#: KPIs that need to know when invoices were settled (CEI: what was collected in the window).
SETTLEMENT_KPIS = (
    "cei",
    "collection_rate",
    "days_to_pay",
    "days_late",
    "on_time_rate",
    "paid_within_45_rate",
    "dunning_conversion_rate",
)
NO_SETTLEMENTS = "no settlement information: neither a payments table nor paid dates"


def _has_settlements(ledger: Ledger) -> bool:
    if ledger.payments is not None:
        return True
    paid = ledger.invoices.get("paid_date")
    return paid is not None and bool(paid.notna().any())


def without_settlements(ledger: Ledger, computed: Computed) -> Computed:
    """Return `computed` with the settlement KPIs null when the ledger has no settlement data."""
    if _has_settlements(ledger):
        return computed
    return settlement_nulls(computed)


def settlement_nulls(computed: Computed) -> Computed:
    """Return `computed` with every settlement KPI null, NO_SETTLEMENTS as the reason."""
    values = dict(computed.values)
    reasons = dict(computed.reasons)
    for kpi in SETTLEMENT_KPIS:
        if kpi in values:
            values[kpi] = np.full_like(values[kpi], np.nan, dtype=np.float64)
            reasons[kpi] = NO_SETTLEMENTS
    return Computed(
        values=values, reasons=reasons, countback_truncated=computed.countback_truncated
    )
