"""The credit-management rollout kit: goals, stakeholders, process maps, KPIs, strategy, rollout."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kit.errors import (
    ConfigError,
    DataError,
    KitError,
    Problem,
    ProcessMapError,
    ReportError,
    RunError,
)
from kit.lazy import lazy_getattr as _lazy_getattr

if TYPE_CHECKING:
    from kit.engagement import Engagement, load_engagement, resolve_engagement_dir
    from kit.ledger import Ledger

# Imported on first use: `kit duplicates` and other light commands need neither pydantic nor pandas.
_LAZY = {
    "Engagement": "kit.engagement",
    "load_engagement": "kit.engagement",
    "resolve_engagement_dir": "kit.engagement",
    "Ledger": "kit.ledger",
}


__getattr__ = _lazy_getattr(__name__, _LAZY)


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
