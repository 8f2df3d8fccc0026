"""Step 5, strategy: what its notebook shows; the notebook imports this package.

The notebook opens with `from kit.steps import strategy` and calls
`strategy.open_report(...)`, then one function a cell.
"""

from __future__ import annotations

from kit.report import open_report, show
from kit.steps.strategy.figures import (
    capacity_chart,
    channel_chart,
    segment_chart,
)
from kit.steps.strategy.labels import (
    segment_label,
    segment_labels,
)
from kit.steps.strategy.summary import (
    strategy_summary,
)
from kit.steps.strategy.tables import (
    capacity_table,
    channel_table,
    handover_block,
    handover_table,
    ladder_note,
    ladder_table,
    segment_rules_table,
    segment_table,
    workload_table,
)
from kit.steps.strategy.text import (
    catalogue_or_value,
    channel_name,
    describe_segment,
    segment_name,
    strategy_glossary,
)
from kit.steps.strategy.view import (
    LATE_SEGMENTS,
    LOOKBACK_DAYS,
    MIN_MESSAGES,
    StrategyView,
    exports_dir,
    invoices_per_month,
    strategy_headline,
    strategy_summary_block,
    strategy_tiles,
    strategy_view,
    workload_by_map,
)
from kit.steps.strategy.worklist import (
    EXPORT_COLUMNS,
    SHOWN,
    WorklistView,
    export_worklist,
    worklist_block,
    worklist_table,
    worklist_view,
)

__all__ = [
    "EXPORT_COLUMNS",
    "LATE_SEGMENTS",
    "LOOKBACK_DAYS",
    "MIN_MESSAGES",
    "SHOWN",
    "StrategyView",
    "WorklistView",
    "capacity_chart",
    "capacity_table",
    "catalogue_or_value",
    "channel_chart",
    "channel_name",
    "channel_table",
    "describe_segment",
    "export_worklist",
    "exports_dir",
    "handover_block",
    "handover_table",
    "invoices_per_month",
    "ladder_note",
    "ladder_table",
    "open_report",
    "segment_chart",
    "segment_label",
    "segment_labels",
    "segment_name",
    "segment_rules_table",
    "segment_table",
    "show",
    "strategy_glossary",
    "strategy_headline",
    "strategy_summary",
    "strategy_summary_block",
    "strategy_tiles",
    "strategy_view",
    "worklist_block",
    "worklist_table",
    "worklist_view",
    "workload_by_map",
    "workload_table",
]
