"""KPIs of an open-items list (ledgers.md): what the data can carry at extracted_on, else null.

An open-items list shows only what was open on the export date E: invoices paid before E are not
in it, so sales, settlements and history are unknown. The open-item KPIs hold at T = E only; the
commands refuse any other as-of date (`refuse_as_of`), and the engine gives null at other dates
(a baseline or a month of a series).
"""

from __future__ import annotations

from datetime import date

import numpy as np

from kit.engagement import Engagement
from kit.errors import ConfigError
from kit.kpis.formulas import Computed
from kit.ledger import Ledger
from kit.message import msg

__all__ = [
    "HISTORY_KPIS",
    "OPEN_ITEM_KPIS",
    "open_items_reason",
    "other_date_reason",
    "refuse_as_of",
    "restrict",
]

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
    return msg(
        "the export holds only open items (extracted {day}): sales and payments of the window "
        "are unknown",
        day=day,
    )


def refuse_as_of(engagement: Engagement, as_of: date | None) -> None:
    """Refuse an as-of date other than extracted_on for an open-items list (ConfigError, exit 2)."""
    source = engagement.data.ledger
    if source is None or source.contains != "open_items" or source.extracted_on is None:
        return
    if as_of is not None and as_of != source.extracted_on:
        day = source.extracted_on.isoformat()
        raise ConfigError(
            msg(
                "the ledger is an open-items list extracted on {day}: KPIs can only be computed "
                "as of that date, not {as_of}",
                day=day,
                as_of=as_of.isoformat(),
            ),
            key="as_of",
            value=as_of.isoformat(),
            expected=msg("the date of extracted_on ({day})", day=day),
            hint="leave as_of out or set it to extracted_on; for other dates export all items",
        )


def other_date_reason(ledger: Ledger) -> str:
    """Return why every KPI of an open-items list is null at a date other than extracted_on."""
    day = ledger.extracted_on.isoformat() if ledger.extracted_on else "?"
    return msg(
        "the export holds only open items (extracted {day}): no KPI at another date", day=day
    )


def restrict(computed: Computed, ledger: Ledger, day: date) -> Computed:
    """Return the KPIs with every history KPI null (and its reason) for an open-items list.

    At a date other than extracted_on every KPI is null: the list shows that one day only.
    """
    if not ledger.open_items_only:
        return computed
    other = ledger.extracted_on is not None and day != ledger.extracted_on
    reason = other_date_reason(ledger) if other else open_items_reason(ledger)
    values = dict(computed.values)
    reasons = dict(computed.reasons)
    for kpi in list(values) if other else HISTORY_KPIS:
        values[kpi] = np.full_like(values[kpi], np.nan)
        reasons[kpi] = reason
    truncated = np.zeros_like(computed.countback_truncated)
    return Computed(values=values, reasons=reasons, countback_truncated=truncated)
