"""Rollout tracking: phase plan, exit criteria, status log, RAG and slippage, portfolio."""

from __future__ import annotations

from kit.rollout.log import (
    STATUS_COLUMNS,
    STATUSES,
    append_status,
    current_state,
    load_status,
    record_status,
)
from kit.rollout.plan import (
    AUTOMATIC_CRITERIA,
    DEFAULT_EXIT_CRITERIA,
    DEFAULT_PHASES,
    PlannedPhase,
    evaluate_exit_criteria,
    phase_plan,
)
from kit.rollout.portfolio import format_status_table, load_statuses, portfolio, portfolio_table
from kit.rollout.status import (
    PhaseStatus,
    RolloutStatus,
    rollout_glossary,
    rollout_status,
    status_for_plan,
)

__all__ = [
    "AUTOMATIC_CRITERIA",
    "DEFAULT_EXIT_CRITERIA",
    "DEFAULT_PHASES",
    "STATUSES",
    "STATUS_COLUMNS",
    "PhaseStatus",
    "PlannedPhase",
    "RolloutStatus",
    "append_status",
    "current_state",
    "evaluate_exit_criteria",
    "format_status_table",
    "load_status",
    "load_statuses",
    "phase_plan",
    "portfolio",
    "portfolio_table",
    "record_status",
    "rollout_glossary",
    "rollout_status",
    "status_for_plan",
]
