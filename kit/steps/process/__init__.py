"""Step 3, process: what its notebook shows; the notebook imports this package.

The notebook opens with `from kit.steps import process` and calls
`process.open_report(...)`, then one function a cell.
"""

from __future__ import annotations

from kit.report import open_report, show
from kit.steps.process.figures import (
    overview_figure,
    swimlane_figures,
    swimlanes,
)
from kit.steps.process.tables import (
    avoided_table,
    comparison_table,
    duplicates_frame,
    duplicates_table,
    handoffs_table,
    maps_frame,
    maps_table,
    members_frame,
    members_table,
    process_glossary,
    rework_table,
    waits_table,
)
from kit.steps.process.text import (
    process_summary,
)
from kit.steps.process.view import (
    BANK_DUPLICATE_HOURS,
    BANK_MAPS,
    BANK_WASTE_HOURS,
    PROCESS_KEYS,
    ProcessView,
    hours_text,
    import_notes,
    join_unique,
    load_process,
    plural_text,
    process_headline,
    process_tiles,
    trigger_text,
)

__all__ = [
    "BANK_DUPLICATE_HOURS",
    "BANK_MAPS",
    "BANK_WASTE_HOURS",
    "PROCESS_KEYS",
    "ProcessView",
    "avoided_table",
    "comparison_table",
    "duplicates_frame",
    "duplicates_table",
    "handoffs_table",
    "hours_text",
    "import_notes",
    "join_unique",
    "load_process",
    "maps_frame",
    "maps_table",
    "members_frame",
    "members_table",
    "open_report",
    "overview_figure",
    "plural_text",
    "process_glossary",
    "process_headline",
    "process_summary",
    "process_tiles",
    "rework_table",
    "show",
    "swimlane_figures",
    "swimlanes",
    "trigger_text",
    "waits_table",
]
