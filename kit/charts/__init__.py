"""Every figure of the reports (matplotlib): one style, locale-aware axes, each returns a Figure.

Domain packages hand data in; the functions here draw it. Colours and sizes come from
`kit.charts.style`.
"""

from __future__ import annotations

from kit.charts.capacity import plot_capacity
from kit.charts.gantt import plot_gantt
from kit.charts.goals import plot_goal
from kit.charts.process_overview import plot_process_overview
from kit.charts.stakeholders import plot_power_interest, plot_raci
from kit.charts.style import OKABE_ITO, STATUS_COLOURS, new_figure, style_figures
from kit.charts.swimlane import plot_swimlane

__all__ = [
    "OKABE_ITO",
    "STATUS_COLOURS",
    "new_figure",
    "plot_capacity",
    "plot_gantt",
    "plot_goal",
    "plot_power_interest",
    "plot_process_overview",
    "plot_raci",
    "plot_swimlane",
    "style_figures",
]
