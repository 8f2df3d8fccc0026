"""The credit-management rollout kit: goals, stakeholders, process maps, KPIs, strategy, rollout."""

from __future__ import annotations

from kit.engagement import Engagement, load_engagement, resolve_engagement_dir
from kit.errors import (
    ConfigError,
    DataError,
    KitError,
    Problem,
    ProcessMapError,
    ReportError,
    RunError,
)
from kit.ledger import Ledger

__version__ = "0.1.0"

__all__ = [
    "ConfigError",
    "DataError",
    "Engagement",
    "KitError",
    "Ledger",
    "Problem",
    "ProcessMapError",
    "ReportError",
    "RunError",
    "__version__",
    "load_engagement",
    "resolve_engagement_dir",
]
