"""Step 03, the process report's figures: the overview network and one swimlane per map."""

from __future__ import annotations

from matplotlib.figure import Figure

from kit.charts import plot_process_overview, plot_swimlane
from kit.report import show
from kit.report.context import ReportContext
from kit.steps.process.view import ProcessView
from kit.steps.thin import needs

__all__ = ["overview_figure", "swimlane_figures", "swimlanes"]


@needs("maps")
def overview_figure(ctx: ReportContext, view: ProcessView) -> Figure:
    """Return the network of all maps with their duplicate links (None without maps)."""
    return plot_process_overview(view.maps, view.analysis.groups, language=ctx.language)


def swimlane_figures(ctx: ReportContext, view: ProcessView) -> list[Figure]:
    """Return one swimlane Figure per map, duplicates and rework loops highlighted."""
    return [plot_swimlane(m, highlight=view.analysis, language=ctx.language) for m in view.maps]


@needs("maps")
def swimlanes(ctx: ReportContext, view: ProcessView) -> None:
    """Display one swimlane per map."""
    for fig in swimlane_figures(ctx, view):
        show(fig)
