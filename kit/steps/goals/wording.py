"""Goal wording for step 01: KPI names and values, goal quotes, progress and forecast."""

from __future__ import annotations

from kit.goals import GoalStatus
from kit.i18n import N_, Language
from kit.kpis import REGISTRY
from kit.message import render
from kit.report.context import ReportContext
from kit.steps.wording import kpi_value

_STEPS_GOALS_PROGRESS: dict[str, str] = {
    "backward": N_(
        "Since the baseline date the value has moved away from the target (progress {pct})."
    ),
    "done": N_("The target is met or exceeded ({pct} of the way from the baseline to the target)."),
    "forward": N_("{pct} of the way from the baseline to the target is done."),
    "none": N_("Progress cannot be computed."),
}

__all__ = [
    "forecast_text",
    "goal_kpi_label",
    "goal_kpi_name",
    "goal_quote",
    "goal_value",
    "progress_text",
    "tile_unit",
    "with_kpi_name",
]


def goal_kpi_name(kpi: str, language: Language) -> str:
    """Return the KPI name in `language` as the registry writes it (the id when unknown)."""
    info = REGISTRY.get(kpi)
    if info is None:
        return kpi
    return info.name_in(language)


def goal_kpi_label(kpi: str, language: Language) -> str:
    """Return the KPI name with a capital first letter, for labels and table cells."""
    name = goal_kpi_name(kpi, language)
    return name[:1].upper() + name[1:]


def goal_value(ctx: ReportContext, kpi: str, value: float | None, *, digits: int = 1) -> str:
    """Return a KPI value formatted with its unit (days, %, money, hours, count)."""
    if kpi not in REGISTRY:
        return ctx.number(value)
    return kpi_value(ctx, kpi, value, digits=digits)


def tile_unit(kpi: str) -> str:
    """Return the tile unit of a KPI: days, percent, money or number."""
    unit = REGISTRY[kpi].unit if kpi in REGISTRY else "number"
    return {"days": "days", "percent": "percent", "currency": "money"}.get(unit, "number")


def goal_quote(ctx: ReportContext, status: GoalStatus) -> str:
    """Return the goal's statement (or KPI name) in quotation marks of the report language."""
    text = (status.goal.statement or "").strip() or goal_kpi_name(status.goal.kpi, ctx.language)
    return ctx.tr("“{text}”", text=text)


def forecast_text(ctx: ReportContext, status: GoalStatus) -> str:
    """Return the forecast verdict in words ("at the current pace the target is reached on …")."""
    goal, kpi = status.goal, status.goal.kpi
    values = {
        "deadline": ctx.date(goal.deadline),
        "target": goal_value(ctx, kpi, goal.target),
        "latest": goal_value(ctx, kpi, status.latest),
        "forecast": goal_value(ctx, kpi, status.forecast),
    }
    text = _FORECAST.get(status.verdict, "")
    if status.verdict in ("at_risk", "on_track"):
        if status.forecast is None:
            text = N_(
                "There are too few monthly values for a trend yet; progress "
                "will be judged from the next monthly values."
            )
        elif status.reach_date is not None:
            values["reach"] = ctx.date(status.reach_date)
            values["days"] = str(abs((goal.deadline - status.reach_date).days))
            on_time = status.verdict == "on_track"
            text = (
                _FORECAST["on_track"]
                if on_time
                else N_(
                    "At the current pace the target is reached only on {reach} – "
                    "not before the deadline of {deadline}. At the deadline "
                    "{forecast} is to be expected (target {target})."
                )
            )
        elif status.verdict == "on_track":
            text = N_(
                "At the current pace the value at the deadline of {deadline} "
                "is {forecast}, within the target."
            )
        else:
            slope = status.slope_per_month or 0.0
            towards = slope > 0 if goal.direction == "up" else slope < 0
            slow, away = (
                N_(
                    "The value moves too slowly towards the target: at the current "
                    "pace the target of {target} is not reached in the foreseeable "
                    "future; {forecast} is to be expected at the deadline of "
                    "{deadline}."
                ),
                N_(
                    "The trend leads away from the target: at the current pace the "
                    "target of {target} is not reached; {forecast} is to be "
                    "expected at the deadline of {deadline}."
                ),
            )
            text = slow if towards else away
    return ctx.tr(text, **values)


#: The forecast verdict by goal verdict (at risk and on track are refined by the trend).
_FORECAST: dict[str, str] = {
    "achieved": N_("The goal is met: currently {latest}, target {target}."),
    "missed": N_(
        "The deadline of {deadline} has passed; the target of {target} "
        "was not met (currently {latest})."
    ),
    "on_track": N_(
        "At the current pace the target is reached on {reach} – {days} "
        "days before the deadline of {deadline}."
    ),
    "unknown": N_(
        "The KPI has no value at the baseline date or the as-of date; progress cannot be measured."
    ),
}


def progress_text(ctx: ReportContext, status: GoalStatus) -> str:
    """Return the progress from baseline to target as a sentence (percent of the way)."""
    if status.progress is None:
        return ctx.tr("Progress cannot be computed.")
    share = ctx.percent(status.progress * 100, digits=0)
    key = "done" if status.progress >= 1 else "forward" if status.progress >= 0 else "backward"
    return ctx.tr(_STEPS_GOALS_PROGRESS[key], pct=share)


def with_kpi_name(ctx: ReportContext, text: str, kpi: str) -> str:
    """Return `text` (a message) in the report language, a known KPI id replaced by its name."""
    shown = render(text, ctx.language)
    return shown.replace(kpi, goal_kpi_name(kpi, ctx.language)) if kpi in REGISTRY else shown
