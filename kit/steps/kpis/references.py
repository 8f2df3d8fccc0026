"""Which reference values apply to an engagement, and the sentence a share above 100 % needs.

CRF medians describe B2B receivables; receeve's "60–70 % of MRR" is a subscription benchmark.
`business` in engagement.yaml (b2b by default, or subscription) decides which one a report shows.
"""

from __future__ import annotations

from kit.i18n import N_
from kit.report.context import ReportContext

__all__ = ["OVER_100", "crf_applies", "over_100", "receeve_applies"]

#: Shares that can exceed 100 % for a sound reason, with the message that explains it.
OVER_100 = {
    "collection_rate": N_(
        "The collection rate of {value} is above 100 % because more "
        "cash came in during the window than invoices fell due: older, "
        "already overdue receivables were paid too."
    )
}


def crf_applies(ctx: ReportContext) -> bool:
    """Return True when the CRF medians (B2B receivables) are a fair reference."""
    return ctx.engagement.business == "b2b"


def receeve_applies(ctx: ReportContext) -> bool:
    """Return True when receeve's MRR collection benchmark applies (a subscription business)."""
    return ctx.engagement.business == "subscription"


def over_100(ctx: ReportContext, kpi: str, value: float | None) -> str | None:
    """Return the sentence explaining a value above 100 % of `kpi`, None when none is needed."""
    key = OVER_100.get(kpi)
    if key is None or value is None or value <= 100.0:
        return None
    return ctx.tr(key, value=ctx.percent(value))
