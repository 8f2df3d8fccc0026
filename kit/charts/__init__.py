"""Every figure of the reports (matplotlib): one style, locale-aware axes, each returns a Figure.

Domain packages hand data in; the functions here draw it, all named `plot_<what>`. Colours and
sizes come from `kit.charts.style`. The step packages (`kit.steps.<step>.figures`) pick the data
and the shown names from their view and call these.
"""

from __future__ import annotations

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
