"""Step 06, the rollout's figure: the Gantt chart of planned against actual phase dates."""

from __future__ import annotations

from matplotlib.figure import Figure

from kit.charts import plot_gantt
from kit.report import ReportContext
from kit.steps.rollout.view import RolloutView

__all__ = ["gantt_figure"]


def gantt_figure(ctx: ReportContext, view: RolloutView) -> Figure | None:
    """Return the Gantt chart of planned against actual phase dates up to the as-of date.

    None while no phase has a planned or actual date: an empty chart says nothing.
    """
    if not any(
        p.phase.start or p.phase.end or p.actual_start or p.actual_end for p in view.status.phases
    ):
        return None
    return plot_gantt(view.status, language=ctx.language, today=ctx.as_of)
