"""Step 6, rollout: what its notebook shows; the notebook imports this package.

The notebook opens with `from kit.steps import rollout` and calls
`rollout.open_report(...)`, then one function a cell.
"""

from __future__ import annotations

from kit.report import open_report, show
from kit.steps.rollout.checks import (
    AutoCheck,
    automatic_checks,
    blueprint_checks,
    goal_series,
)
from kit.steps.rollout.figures import (
    gantt_chart,
)
from kit.steps.rollout.tables import (
    blocked_table,
    criteria_table,
    notes_table,
    phase_table,
    rollout_glossary_block,
)
from kit.steps.rollout.text import (
    rollout_summary,
)
from kit.steps.rollout.view import (
    RAG_TILE_STATUS,
    RolloutView,
    blocked_episodes,
    display_names,
    rag_text,
    rollout_headline,
    rollout_tiles,
    rollout_view,
)

__all__ = [
    "RAG_TILE_STATUS",
    "AutoCheck",
    "RolloutView",
    "automatic_checks",
    "blocked_episodes",
    "blocked_table",
    "blueprint_checks",
    "criteria_table",
    "display_names",
    "gantt_chart",
    "goal_series",
    "notes_table",
    "open_report",
    "phase_table",
    "rag_text",
    "rollout_glossary_block",
    "rollout_headline",
    "rollout_summary",
    "rollout_tiles",
    "rollout_view",
    "show",
]
