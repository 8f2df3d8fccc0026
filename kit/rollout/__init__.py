"""Rollout tracking: phase plan, exit criteria, status log, RAG and slippage, portfolio, backlog."""

from __future__ import annotations

from kit.rollout.backlog import (
    BACKLOG_COLUMNS,
    BACKLOG_STATUSES,
    backlog_overview,
    empty_backlog,
    load_backlog,
)
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
from kit.rollout.portfolio import load_statuses, portfolio, portfolio_table, summary_frame
from kit.rollout.status import (
    PhaseStatus,
    RolloutStatus,
    rollout_glossary,
    rollout_status,
    status_for_plan,
)

__all__ = [
    "AUTOMATIC_CRITERIA",
    "BACKLOG_COLUMNS",
    "BACKLOG_STATUSES",
    "DEFAULT_EXIT_CRITERIA",
    "DEFAULT_PHASES",
    "STATUSES",
    "STATUS_COLUMNS",
    "PhaseStatus",
    "PlannedPhase",
    "RolloutStatus",
    "append_status",
    "backlog_overview",
    "current_state",
    "empty_backlog",
    "evaluate_exit_criteria",
    "load_backlog",
    "load_status",
    "load_statuses",
    "phase_plan",
    "portfolio",
    "portfolio_table",
    "record_status",
    "rollout_glossary",
    "rollout_status",
    "status_for_plan",
    "summary_frame",
]
