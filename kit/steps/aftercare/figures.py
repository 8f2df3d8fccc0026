"""Step 07, the after-care figures: goal KPI trends and overdue receivables by contributor."""

from __future__ import annotations

from matplotlib.figure import Figure

from kit.charts.aftercare import plot_contributors, plot_goal_trends
from kit.report import ReportContext
from kit.steps.aftercare.view import AftercareView, aftercare_kpi_name, group_label

__all__ = ["contributors_figure", "goal_trends_figure"]


def goal_trends_figure(ctx: ReportContext, view: AftercareView) -> Figure:
    """Return one panel per goal: monthly KPI since the baseline, baseline and target lines."""
    titles = [aftercare_kpi_name(ctx, s.goal.kpi) for s in view.goals]
    return plot_goal_trends(ctx, view.goals, view.series, titles=titles)


def contributors_figure(ctx: ReportContext, view: AftercareView) -> Figure:
    """Return bar charts of overdue AR by segment, aging bucket and dispute reason (currency)."""
    labels = {
        dimension: [group_label(ctx, dimension, str(i)) for i in frame.index]
        for dimension, frame in view.contributors.items()
    }
    return plot_contributors(ctx, view.contributors, labels=labels)
