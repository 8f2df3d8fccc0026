"""Step 2, stakeholders: what its notebook shows; the notebook imports this package.

The notebook opens with `from kit.steps import stakeholders` and calls
`stakeholders.open_report(...)`, then one function a cell.
"""

from __future__ import annotations

from kit.report import open_report, show
from kit.steps.stakeholders.view import (
    QUADRANTS,
    StakeholdersView,
    checks_table,
    load_stakeholders,
    power_interest,
    privacy_note,
    quadrant,
    raci_matrix,
    register_table,
    stakeholders_glossary,
    stakeholders_headline,
    stakeholders_summary,
    stakeholders_tiles,
)

__all__ = [
    "QUADRANTS",
    "StakeholdersView",
    "checks_table",
    "load_stakeholders",
    "open_report",
    "power_interest",
    "privacy_note",
    "quadrant",
    "raci_matrix",
    "register_table",
    "show",
    "stakeholders_glossary",
    "stakeholders_headline",
    "stakeholders_summary",
    "stakeholders_tiles",
]
