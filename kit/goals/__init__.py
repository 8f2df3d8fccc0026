"""Goals: SMART checks, progress from baseline to target, trend forecast and starter goals."""

from __future__ import annotations

from kit.goals.evaluate import (
    RULES,
    VERDICTS,
    GoalStatus,
    SmartCheck,
    SuggestedGoal,
    evaluate_goals,
    suggest_goals,
)

__all__ = [
    "RULES",
    "VERDICTS",
    "GoalStatus",
    "SmartCheck",
    "SuggestedGoal",
    "evaluate_goals",
    "suggest_goals",
]
