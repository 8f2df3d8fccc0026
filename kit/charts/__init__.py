"""Every figure of the reports (matplotlib): one style, locale-aware axes, each returns a Figure.

Domain packages hand data in; the functions here draw it, all named `plot_<what>`. Colours and
sizes come from `kit.charts.style`. The step packages (`kit.steps.<step>.figures`) pick the data
and the shown names from their view and call these.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kit.lazy import lazy_getattr as _lazy_getattr

if TYPE_CHECKING:
    from kit.charts.aftercare import plot_contributors, plot_goal_trends
    from kit.charts.business_case import plot_business_case
    from kit.charts.capacity import plot_capacity
    from kit.charts.forecast import plot_weekly_cash_in
    from kit.charts.gantt import plot_gantt
    from kit.charts.goals import plot_goal
    from kit.charts.kpis import plot_aging, plot_funnel, plot_kpi_trend, plot_segment_dso
    from kit.charts.process_overview import plot_process_overview
    from kit.charts.stakeholders import plot_power_interest, plot_raci
    from kit.charts.strategy import plot_channel_rates, plot_segment_shares
    from kit.charts.style import OKABE_ITO, STATUS_COLOURS, new_figure, style_figures
    from kit.charts.swimlane import plot_swimlane

# Imported on first use, so a command that draws nothing loads no matplotlib.
_LAZY = {
    "OKABE_ITO": "kit.charts.style",
    "STATUS_COLOURS": "kit.charts.style",
    "new_figure": "kit.charts.style",
    "plot_aging": "kit.charts.kpis",
    "plot_business_case": "kit.charts.business_case",
    "plot_capacity": "kit.charts.capacity",
    "plot_channel_rates": "kit.charts.strategy",
    "plot_contributors": "kit.charts.aftercare",
    "plot_funnel": "kit.charts.kpis",
    "plot_gantt": "kit.charts.gantt",
    "plot_goal": "kit.charts.goals",
    "plot_goal_trends": "kit.charts.aftercare",
    "plot_kpi_trend": "kit.charts.kpis",
    "plot_power_interest": "kit.charts.stakeholders",
    "plot_process_overview": "kit.charts.process_overview",
    "plot_raci": "kit.charts.stakeholders",
    "plot_segment_dso": "kit.charts.kpis",
    "plot_segment_shares": "kit.charts.strategy",
    "plot_swimlane": "kit.charts.swimlane",
    "plot_weekly_cash_in": "kit.charts.forecast",
    "style_figures": "kit.charts.style",
}

__getattr__ = _lazy_getattr(__name__, _LAZY)

__all__ = [
    "OKABE_ITO",
    "STATUS_COLOURS",
    "new_figure",
    "plot_aging",
    "plot_business_case",
    "plot_capacity",
    "plot_channel_rates",
    "plot_contributors",
    "plot_funnel",
    "plot_gantt",
    "plot_goal",
    "plot_goal_trends",
    "plot_kpi_trend",
    "plot_power_interest",
    "plot_process_overview",
    "plot_raci",
    "plot_segment_dso",
    "plot_segment_shares",
    "plot_swimlane",
    "plot_weekly_cash_in",
    "style_figures",
]
