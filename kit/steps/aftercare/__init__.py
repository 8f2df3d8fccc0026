"""Step 7, aftercare: what its notebook shows; the notebook imports this package.

The notebook opens with `from kit.steps import aftercare` and calls
`aftercare.open_report(...)`, then one function a cell.
"""

from __future__ import annotations

from kit.report import open_report, show
from kit.steps.aftercare.figures import (
    plot_contributors,
    plot_goal_trends,
)
from kit.steps.aftercare.forecast import (
    ActualView,
    actual_figure,
    actual_table,
    forecast_vs_actual,
)
from kit.steps.aftercare.tables import (
    aftercare_glossary_block,
    backlog_table,
    contributor_table,
    customer_table,
    goal_table,
    lever_table,
)
from kit.steps.aftercare.text import (
    aftercare_summary,
)
from kit.steps.aftercare.view import (
    LEVER_KPIS,
    OLD_BUCKETS,
    AftercareView,
    aftercare_headline,
    aftercare_kpi_name,
    aftercare_tiles,
    aftercare_value,
    aftercare_view,
    backlog_ids,
    bucket_share,
    group_label,
    late_items,
    levers,
    overdue_total,
)

__all__ = [
    "LEVER_KPIS",
    "OLD_BUCKETS",
    "ActualView",
    "AftercareView",
    "actual_figure",
    "actual_table",
    "aftercare_glossary_block",
    "aftercare_headline",
    "aftercare_kpi_name",
    "aftercare_summary",
    "aftercare_tiles",
    "aftercare_value",
    "aftercare_view",
    "backlog_ids",
    "backlog_table",
    "bucket_share",
    "contributor_table",
    "customer_table",
    "forecast_vs_actual",
    "goal_table",
    "group_label",
    "late_items",
    "lever_table",
    "levers",
    "open_report",
    "overdue_total",
    "plot_contributors",
    "plot_goal_trends",
    "show",
]
