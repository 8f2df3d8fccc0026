"""Step 1, goals: what its notebook shows; the notebook imports this package.

The notebook opens with `from kit.steps import goals` and calls
`goals.open_report(...)`, then one function a cell.
"""

from __future__ import annotations

from kit.report import open_report, show
from kit.steps.goals.business_case import (
    business_case_block,
    business_case_figure,
    business_case_glossary_rows,
    business_case_headline,
    business_case_lines,
    business_case_view,
    figure_png,
    sensitivity_frame,
)
from kit.steps.goals.tables import (
    goal_sections,
    goals_glossary,
    goals_overview,
    starter_goals,
)
from kit.steps.goals.text import (
    goals_summary,
)
from kit.steps.goals.view import (
    GoalsView,
    default_baseline_date,
    goals_headline,
    goals_notes,
    goals_tiles,
    late_by_segment,
    load_goals,
)
from kit.steps.goals.wording import (
    forecast_text,
    goal_kpi_label,
    goal_kpi_name,
    goal_quote,
    goal_value,
    progress_text,
    tile_unit,
    with_kpi_name,
)

__all__ = [
    "GoalsView",
    "business_case_block",
    "business_case_figure",
    "business_case_glossary_rows",
    "business_case_headline",
    "business_case_lines",
    "business_case_view",
    "default_baseline_date",
    "figure_png",
    "forecast_text",
    "goal_kpi_label",
    "goal_kpi_name",
    "goal_quote",
    "goal_sections",
    "goal_value",
    "goals_glossary",
    "goals_headline",
    "goals_notes",
    "goals_overview",
    "goals_summary",
    "goals_tiles",
    "late_by_segment",
    "load_goals",
    "open_report",
    "progress_text",
    "sensitivity_frame",
    "show",
    "starter_goals",
    "tile_unit",
    "with_kpi_name",
]
