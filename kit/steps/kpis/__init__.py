"""Step 4, kpis: what its notebook shows; the notebook imports this package.

The notebook opens with `from kit.steps import kpis` and calls
`kpis.open_report(...)`, then one function a cell.
"""

from __future__ import annotations

from kit.report import open_report, show
from kit.steps.kpis.figures import (
    aging_figure,
    funnel_figure,
    segment_figure,
    trend_figure,
)
from kit.steps.kpis.forecast import (
    WEEKS,
    ForecastView,
    backtest_table,
    forecast_block,
    forecast_figure,
    forecast_weeks_table,
    load_forecast,
)
from kit.steps.kpis.ledger import (
    accounting_table,
    net_sentence,
    open_items_notice,
)
from kit.steps.kpis.quality import (
    quality_anomalies,
    quality_overview,
    table_value,
)
from kit.steps.kpis.references import (
    OVER_100,
    crf_applies,
    over_100,
    receeve_applies,
)
from kit.steps.kpis.tables import (
    aging_rows,
    aging_table,
    digital_table,
    funnel_table,
    kpi_table,
    kpis_glossary,
    segment_table,
    top_overdue_table,
)
from kit.steps.kpis.text import (
    kpis_summary,
    summary_lines,
)
from kit.steps.kpis.view import (
    HEADLINE_KPIS,
    KpisView,
    dispute_tiles,
    headline_tiles,
    kpis_headline,
    kpis_tiles,
    load_kpis,
)

__all__ = [
    "HEADLINE_KPIS",
    "OVER_100",
    "WEEKS",
    "ForecastView",
    "KpisView",
    "accounting_table",
    "aging_figure",
    "aging_rows",
    "aging_table",
    "backtest_table",
    "crf_applies",
    "digital_table",
    "dispute_tiles",
    "forecast_block",
    "forecast_figure",
    "forecast_weeks_table",
    "funnel_figure",
    "funnel_table",
    "headline_tiles",
    "kpi_table",
    "kpis_glossary",
    "kpis_headline",
    "kpis_summary",
    "kpis_tiles",
    "load_forecast",
    "load_kpis",
    "net_sentence",
    "open_items_notice",
    "open_report",
    "over_100",
    "quality_anomalies",
    "quality_overview",
    "receeve_applies",
    "segment_figure",
    "segment_table",
    "show",
    "summary_lines",
    "table_value",
    "top_overdue_table",
    "trend_figure",
]
