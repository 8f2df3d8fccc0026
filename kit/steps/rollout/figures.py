"""Step 06, the rollout's figure: the Gantt chart of planned against actual phase dates."""

from __future__ import annotations

from matplotlib.figure import Figure

from kit.charts import plot_gantt
from kit.report import ReportContext
from kit.steps.rollout.view import RolloutView

__all__ = ["gantt_chart"]


def gantt_chart(ctx: ReportContext, view: RolloutView) -> Figure:
    """Return the Gantt chart of planned against actual phase dates up to the as-of date."""
    return plot_gantt(view.status, language=ctx.language, today=ctx.as_of)
