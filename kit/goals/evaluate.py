"""Goals: SMART checks, progress from baseline to target, trend forecast and starter goals.

The KPI engine computes the numbers; this module takes its monthly series as input, so it can be
tested with hand-made series.

Verdict rules (the same words appear in the report glossary, `goals.verdict.*.rule`):

- ``achieved``: the latest value meets the target (up: latest ≥ target; down: latest ≤ target).
- ``missed``: the deadline is on or before the as-of date and the target is not met.
- ``on_track``: the linear trend reaches the target by the deadline (the forecast at the
  deadline meets the target).
- ``at_risk``: the trend does not reach the target by the deadline, or there are fewer than two
  values to draw a trend from.
- ``unknown``: the KPI has no value at the baseline or at the as-of date.

The trend is a straight line (``numpy.polyfit``, degree 1, x in days) through the values from
the baseline date to the as-of date; when fewer than three values lie in that span, the last six
values of the series are used instead.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np
import pandas as pd

from kit.engagement import Goal
from kit.i18n.markers import N_
from kit.kpis.registry import REGISTRY
from kit.message import Day, Figure, Msg, wording

__all__ = [
    "RULES",
    "VERDICTS",
    "GoalStatus",
    "SmartCheck",
    "SuggestedGoal",
    "evaluate_goals",
    "suggest_goals",
]

_GOALS_SMART_SPECIFIC: dict[str, str] = {
    "fail": N_(
        "The goal has no statement. Without one, nobody on the team knows what is to be achieved."
    ),
    "ok": N_("The goal is stated in the client's words."),
}

_GOALS_SMART_TIME_BOUND: dict[str, str] = {
    "fail": N_(
        "The deadline {deadline} is not after the baseline date "
        "{baseline_date}; set a deadline in the future."
    ),
    "ok": N_("The deadline {deadline} is after the baseline date {baseline_date}."),
}

_GOALS_SUGGEST_RATIONALE: dict[str, str] = {
    "add": N_(
        "Customers pay {current} days after the due date on average, {gap} days more "
        "than the CRF median ({reference} days). This is the part of DSO that dunning "
        "influences."
    ),
    "cei": N_(
        "CEI is {current}, {gap} percentage points below the CRF median ({reference}): "
        "too little of what was collectible comes in."
    ),
    "dso": N_(
        "DSO is {current} days, {gap} days above the CRF median ({reference} days). "
        "Every day less frees cash worth one day of sales."
    ),
    "within": N_("{late} of invoices are paid later than {days} days after the invoice date."),
}

_GOALS_SUGGEST_STATEMENT: dict[str, str] = {
    "add": N_("Reduce average days delinquent to {reference} days"),
    "cei": N_("Raise the collection effectiveness index (CEI) to the CRF median of {reference}"),
    "dso": N_("Reduce DSO to the CRF median of {reference} days"),
    "within": N_("All invoices paid within {days} days"),
}


RULES = ("specific", "measurable", "direction", "time_bound", "owner")
VERDICTS = ("achieved", "on_track", "at_risk", "missed", "unknown")
_MIN_FIT_POINTS = 3
_FALLBACK_POINTS = 6
# Credit Research Foundation national medians, Q1 2021 (kpis.md)
_CRF = {"dso": 38.04, "add": 3.00, "cei": 86.52}
_FLAT = 1e-9  # KPI units per day below which a trend counts as flat
_HORIZON_DAYS = 36_500  # reach dates further out than 100 years are reported as never


def _with_unit(kpi: str, value: float) -> Figure:
    """Return a KPI value with its unit and the unit's decimals ("95,0 %", "40,0 Tage")."""
    info = REGISTRY.get(kpi)
    unit = info.unit if info is not None else "number"
    if unit == "currency":  # the ledger currency is not known here: whole units, no sign
        return Figure(value, digits=0)
    return Figure(value, unit)


@dataclass(frozen=True)
class SmartCheck:
    """One SMART rule applied to a goal: rule id, whether it holds, and why (a message)."""

    rule: str
    passed: bool
    reason: Msg


@dataclass(frozen=True)
class GoalStatus:
    """Where a goal stands at the as-of date: baseline, latest value, progress, trend, verdict."""

    goal: Goal
    baseline: float | None
    latest: float | None
    progress: float | None  # share of the way from baseline to target (1.0 = reached)
    slope_per_month: float | None  # KPI units per 30.4 days, from the linear fit
    forecast: float | None  # trend value at the deadline
    reach_date: date | None  # when the trend meets the target (None: never / already met)
    verdict: str
    smart: list[SmartCheck] = field(default_factory=list)

    @property
    def smart_ok(self) -> bool:
        """Return True when every SMART rule passes."""
        return all(check.passed for check in self.smart)


@dataclass(frozen=True)
class SuggestedGoal:
    """A starter goal derived from the data, with the gap in plain words (messages)."""

    kpi: str
    current: float
    target: float
    direction: str
    statement: Msg
    rationale: Msg


def _value(x: object) -> float | None:
    if x is None:
        return None
    number = float(x)  # type: ignore[arg-type]
    return None if math.isnan(number) else number


def _at_or_before(column: pd.Series, when: date) -> float | None:
    """Return the last non-missing value dated on or before `when`."""
    known = column.loc[: pd.Timestamp(when)].dropna()
    return None if known.empty else _value(known.iloc[-1])


def _latest(column: pd.Series, when: date) -> float | None:
    """Return the value at the last date on or before `when` (missing stays missing)."""
    upto = column.loc[: pd.Timestamp(when)]
    return None if upto.empty else _value(upto.iloc[-1])


def _fit_points(column: pd.Series, baseline_date: date, as_of: date) -> pd.Series:
    upto = column.loc[: pd.Timestamp(as_of)].dropna()
    span = upto.loc[pd.Timestamp(baseline_date) :]
    return span if len(span) >= _MIN_FIT_POINTS else upto.iloc[-_FALLBACK_POINTS:]


def _trend(
    column: pd.Series, baseline_date: date, as_of: date
) -> tuple[float, float, pd.Timestamp] | None:
    """Return (slope per day, intercept, origin) of the linear fit, or None with < 2 points."""
    points = _fit_points(column, baseline_date, as_of)
    if len(points) < 2:
        return None
    origin = pd.Timestamp(points.index[0])
    days = np.array([(pd.Timestamp(i) - origin).days for i in points.index], dtype=float)
    slope, intercept = np.polyfit(days, points.to_numpy(dtype=float), 1)
    return float(slope), float(intercept), origin


def _meets(value: float, goal: Goal) -> bool:
    return value >= goal.target if goal.direction == "up" else value <= goal.target


def _smart(
    goal: Goal,
    baseline: float | None,
    *,
    baseline_date: date,
    owners: set[str] | None,
    computable: set[str] | None,
) -> list[SmartCheck]:
    """Return the SMART checks of one goal (measurable, direction, deadline, owner ...).

    Long because the checks run in the order the report lists them, each a few lines on the same
    inputs.
    """
    checks = []
    stated = bool(goal.statement and goal.statement.strip())
    checks.append(SmartCheck("specific", stated, wording(_GOALS_SMART_SPECIFIC[_ok(stated)])))
    if computable is not None and goal.kpi not in computable:
        checks.append(
            SmartCheck(
                "measurable",
                False,
                wording(
                    "The KPI '{kpi}' is not known. Use a KPI from the glossary "
                    "(e.g. dso, cei, paid_within_45_rate).",
                    kpi=goal.kpi,
                ),
            )
        )
    elif baseline is None:
        checks.append(
            SmartCheck(
                "measurable",
                False,
                wording(
                    "{kpi} has no value at the baseline date {date} – the data do "
                    "not allow progress to be measured.",
                    kpi=goal.kpi,
                    date=Day(baseline_date),
                ),
            )
        )
    else:
        checks.append(
            SmartCheck(
                "measurable",
                True,
                wording("The KPI {kpi} can be computed from the data.", kpi=goal.kpi),
            )
        )
    if baseline is None:
        checks.append(
            SmartCheck(
                "direction", False, wording("Without a baseline the direction cannot be checked.")
            )
        )
    else:
        ahead = goal.target > baseline if goal.direction == "up" else goal.target < baseline
        if ahead:
            text = N_(
                "The target {target} lies in the intended direction from the baseline {baseline}."
            )
        elif goal.direction == "up":
            text = N_(
                "The target {target} is not above the baseline {baseline} – "
                "the goal is already met or the direction is wrong."
            )
        else:
            text = N_(
                "The target {target} is not below the baseline {baseline} – "
                "the goal is already met or the direction is wrong."
            )
        values = {
            "target": _with_unit(goal.kpi, goal.target),
            "baseline": _with_unit(goal.kpi, baseline),
        }
        checks.append(SmartCheck("direction", ahead, wording(text, **values)))
    timely = goal.deadline > baseline_date
    dates = {"deadline": Day(goal.deadline), "baseline_date": Day(baseline_date)}
    checks.append(
        SmartCheck("time_bound", timely, wording(_GOALS_SMART_TIME_BOUND[_ok(timely)], **dates))
    )
    owner = (goal.owner or "").strip()
    if not owner:
        checks.append(
            SmartCheck(
                "owner",
                False,
                wording("Nobody owns the goal. A goal without an owner is not followed up."),
            )
        )
    elif owners is not None and owner not in owners:
        checks.append(
            SmartCheck(
                "owner",
                False,
                wording(
                    "{owner} is not in the stakeholder register; add the person or "
                    "choose someone from the register.",
                    owner=owner,
                ),
            )
        )
    else:
        checks.append(SmartCheck("owner", True, wording("Owner: {owner}.", owner=owner)))
    return checks


def _ok(passed: bool) -> str:
    return "ok" if passed else "fail"


def _evaluate(
    goal: Goal, column: pd.Series, baseline: float | None, *, baseline_date: date, as_of: date
) -> tuple[float | None, float | None, float | None, float | None, date | None, str]:
    """Return latest, progress, slope per month, forecast, reach date and verdict of one goal."""
    latest = _latest(column, as_of)
    progress = None
    if baseline is not None and latest is not None and goal.target != baseline:
        progress = (latest - baseline) / (goal.target - baseline)
    fit = _trend(column, baseline_date, as_of)
    slope_month = forecast = None
    reach: date | None = None
    if fit is not None:
        slope, intercept, origin = fit
        slope_month = slope * 30.4375
        forecast = intercept + slope * (pd.Timestamp(goal.deadline) - origin).days
        towards = slope > _FLAT if goal.direction == "up" else slope < -_FLAT
        if towards and latest is not None and not _meets(latest, goal):
            days = math.ceil((goal.target - intercept) / slope - 1e-6)  # first whole day on target
            if days <= _HORIZON_DAYS:
                crossing = origin.date() + timedelta(days=days)
                reach = max(crossing, as_of + timedelta(days=1))
    if baseline is None or latest is None:
        verdict = "unknown"
    elif _meets(latest, goal):
        verdict = "achieved"
    elif goal.deadline <= as_of:
        verdict = "missed"
    elif forecast is not None and _meets(forecast, goal):
        verdict = "on_track"
    else:
        verdict = "at_risk"
    return latest, progress, slope_month, forecast, reach, verdict


def evaluate_goals(
    goals: Sequence[Goal],
    series: pd.DataFrame,
    *,
    baseline_date: date,
    as_of: date,
    owners: set[str] | None = None,
    computable: set[str] | None = None,
) -> list[GoalStatus]:
    """Return one GoalStatus per goal from monthly KPI values (columns = KPI ids, NaN = none).

    `owners` are the names of the stakeholder register (None skips the register check),
    `computable` the KPI ids the engine knows (None skips that check).
    """
    frame = series.sort_index()
    out = []
    for goal in goals:
        if goal.kpi in frame.columns:
            column = frame[goal.kpi].astype(float)
        else:
            column = pd.Series(np.nan, index=frame.index, dtype=float)
        baseline = _at_or_before(column, baseline_date)
        smart = _smart(
            goal, baseline, baseline_date=baseline_date, owners=owners, computable=computable
        )
        latest, progress, slope, forecast, reach, verdict = _evaluate(
            goal, column, baseline, baseline_date=baseline_date, as_of=as_of
        )
        out.append(
            GoalStatus(goal, baseline, latest, progress, slope, forecast, reach, verdict, smart)
        )
    return out


def suggest_goals(
    values: dict[str, float | None],
    *,
    worst_segment: str | None = None,
    goal_days: int = 45,
) -> list[SuggestedGoal]:
    """Return starter goals from current KPI values: the basics first, then the CRF medians.

    A KPI without a value, or one already at or better than the reference, gets no suggestion.
    """
    out = []
    within = _value(values.get("paid_within_45_rate"))
    if within is not None and within < 100:
        late = 100 - within
        rationale = wording(
            _GOALS_SUGGEST_RATIONALE["within"], late=Figure(late, "percent", 0), days=str(goal_days)
        )
        if worst_segment:
            start = wording(
                "The largest share comes from segment {segment} – start there.",
                segment=worst_segment,
            )
            rationale = wording("{reason} {advice}", reason=rationale, advice=start)
        statement = wording(_GOALS_SUGGEST_STATEMENT["within"], days=str(goal_days))
        out.append(SuggestedGoal("paid_within_45_rate", within, 100.0, "up", statement, rationale))
    for kpi, direction in (("dso", "down"), ("add", "down"), ("cei", "up")):
        current = _value(values.get(kpi))
        reference = _CRF[kpi]
        if current is None:
            continue
        gap = current - reference if direction == "down" else reference - current
        if gap <= 0:
            continue
        # One decimal for every figure, as everywhere else; the CEI in percent, days in words.
        kind = "percent" if kpi == "cei" else "number"
        text = {
            "current": Figure(current, kind, 1),
            "reference": Figure(reference, kind, 1),
            "gap": Figure(gap, digits=1),
        }
        statement = wording(_GOALS_SUGGEST_STATEMENT[kpi], **text)
        rationale = wording(_GOALS_SUGGEST_RATIONALE[kpi], **text)
        out.append(SuggestedGoal(kpi, current, reference, direction, statement, rationale))
    return out
