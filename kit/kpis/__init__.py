"""Receivables, aging, dispute and digital-dunning KPIs exactly as specs/kpis.md defines them."""

from __future__ import annotations

from kit.kpis.aftercare import dunning_funnel, overdue_contributors, top_overdue
from kit.kpis.aging import BUCKETS
from kit.kpis.engine import compute_kpis, kpi_series, kpis_by
from kit.kpis.registry import REGISTRY, KpiInfo
from kit.kpis.result import KpiResult

__all__ = [
    "BUCKETS",
    "REGISTRY",
    "KpiInfo",
    "KpiResult",
    "compute_kpis",
    "dunning_funnel",
    "kpi_series",
    "kpis_by",
    "overdue_contributors",
    "top_overdue",
]
