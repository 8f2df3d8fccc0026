"""The result of one KPI computation at an as-of date, and its JSON form for `kit kpis --json`."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

__all__ = ["KpiResult"]


@dataclass
class KpiResult:
    """Every KPI at T: values (None = null), notes (why null, or caveats), aging, warnings."""

    as_of: date
    period_days: int
    values: dict[str, float | None]
    notes: dict[str, str]
    aging: pd.DataFrame
    warnings: list[str] = field(default_factory=list)
    goal_days: int = 45
    overpaid_count: int = 0  # invoices paid beyond their amount at T (they count as 0 open)
    overpaid_amount: float = 0.0  # what was paid beyond them, in total

    def to_json_dict(self, *, client: str, currency: str) -> dict[str, object]:
        """Return the `kit kpis --json` document (architecture.md shape), floats unrounded."""
        kpis: dict[str, float | None] = {}
        for kpi, value in self.values.items():
            kpis[kpi] = None if value is None or math.isnan(value) else float(value)
        return {
            "client": client,
            "as_of": self.as_of.isoformat(),
            "period_days": int(self.period_days),
            "currency": currency,
            "kpis": kpis,
            "aging": {str(b): float(a) for b, a in self.aging["amount"].items()},
            "notes": dict(self.notes),
        }
