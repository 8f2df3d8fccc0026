"""Stakeholders: the register, RACI per phase, coverage checks and pseudonyms."""

from __future__ import annotations

from kit.stakeholders.register import (
    PHASE_IDS,
    RACI_LETTERS,
    ROLE_PATTERNS,
    STAKEHOLDER_COLUMNS,
    CheckResult,
    coverage_checks,
    has_role,
    load_register,
    phase_name,
    pseudonymise,
    pseudonyms,
)

__all__ = [
    "PHASE_IDS",
    "RACI_LETTERS",
    "ROLE_PATTERNS",
    "STAKEHOLDER_COLUMNS",
    "CheckResult",
    "coverage_checks",
    "has_role",
    "load_register",
    "phase_name",
    "pseudonymise",
    "pseudonyms",
]
