"""The business case of reaching the goals, in money, from the client's own data.

Inputs (every one shown and editable in engagement.yaml under `business_case`):

- working capital released = (DSO today − DSO target) × net credit sales ÷ P, for the DSO goal;
  the same for every goal on a KPI measured in days of sales (`CASH_KPIS`: DSO, best possible
  DSO, ADD), each on its own (they overlap: DSO = best possible DSO + ADD, so they are not added);
- financing cost saved per year = working capital released × interest rate;
- hours freed per month = avoidable duplicate hours + rework hours of the process maps (step 03);
  the saving against the best-practice to-be map is kept apart as an estimate;
- cost saved per year = hours freed per month × 12 × hourly cost;
- sensitivity: every figure at half and at full goal achievement (all are linear in the share).

A goal that is already met releases nothing (0). A figure whose input is missing (no DSO goal,
no credit sales in the window, no process maps) is None with a reason id (`REASONS`); nothing
here raises for missing data. Money is in the ledger currency (`Engagement.currency`); the hourly
cost is in `business_case.currency` (the ledger currency unless set).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from kit.engagement import Engagement, Goal
from kit.i18n.markers import Language

__all__ = [
    "CASH_KPIS",
    "FIGURES",
    "REASONS",
    "SHARES",
    "BusinessCase",
    "CashGoal",
    "Scenario",
    "business_case",
    "load_business_case",
]

CASH_KPIS = ("dso", "bpdso", "add")  # KPIs in days of credit sales: a day less frees cash
SHARES = (0.5, 1.0)  # goal achievement of the sensitivity: half and full
MONTHS_PER_YEAR = 12
#: The headline figures of a business case and of each of its scenarios, in the order shown.
FIGURES = (
    "working_capital_released",
    "interest_saved_per_year",
    "hours_freed_per_month",
    "cost_saved_per_year",
)
# The inputs of the money figures, then of the hours figures (`kit business-case --json`).
_MONEY_INPUTS = ("dso", "dso_target", "credit_sales", "period_days", "interest_rate")
_HOURS_INPUTS = ("hourly_cost", "duplicate_hours", "rework_hours")
REASONS = (
    "no_dso_goal",  # engagement.yaml has no goal on DSO
    "goal_not_down",  # the DSO goal's direction is up: no cash to release
    "no_kpi_value",  # the KPI cannot be computed at the as-of date (see `kit kpis` notes)
    "no_credit_sales",  # no credit sales in the window
    "no_process_maps",  # the engagement has no process maps
)


@dataclass(frozen=True)
class CashGoal:
    """One goal on a KPI in days of sales: value today, target and the cash reaching it frees."""

    kpi: str
    today: float | None  # days
    target: float  # days
    released: float | None  # ledger currency; 0 when the goal is met, None with `reason`
    reason: str | None = None


@dataclass(frozen=True)
class Scenario:
    """The business case at one share of goal achievement (0.5 = half the way to the goals)."""

    share: float
    working_capital_released: float | None
    interest_saved_per_year: float | None
    hours_freed_per_month: float | None
    cost_saved_per_year: float | None


@dataclass(frozen=True)
class BusinessCase:
    """What reaching the goals is worth: inputs, per-goal cash and the headline figures."""

    as_of: date
    currency: str  # of the ledger amounts
    cost_currency: str  # of the hourly cost
    interest_rate: float  # per year, 0.06 = 6 %
    hourly_cost: float  # per hour in cost_currency
    period_days: int
    dso: float | None
    dso_target: float | None
    credit_sales: float | None  # net credit sales of the window
    duplicate_hours: float | None  # avoidable duplicate hours per month
    rework_hours: float | None  # rework hours per month
    to_be_saving_hours: float | None  # estimate: as-is − to-be hours per month
    goals: tuple[CashGoal, ...] = ()
    reasons: Mapping[str, str] = field(default_factory=dict)  # figure → reason id

    @property
    def dso_goal(self) -> CashGoal | None:
        """Return the DSO goal's cash line, or None without a DSO goal."""
        return next((g for g in self.goals if g.kpi == "dso"), None)

    @property
    def working_capital_released(self) -> float | None:
        """Return the working capital the DSO goal releases (ledger currency), or None."""
        goal = self.dso_goal
        return goal.released if goal is not None else None

    @property
    def interest_saved_per_year(self) -> float | None:
        """Return the financing cost saved per year (released × interest rate), or None."""
        released = self.working_capital_released
        return None if released is None else released * self.interest_rate

    @property
    def hours_freed_per_month(self) -> float | None:
        """Return avoidable duplicate hours + rework hours per month, or None without maps."""
        if self.duplicate_hours is None or self.rework_hours is None:
            return None
        return self.duplicate_hours + self.rework_hours

    @property
    def cost_saved_per_year(self) -> float | None:
        """Return hours freed per month × 12 × hourly cost (cost currency), or None."""
        hours = self.hours_freed_per_month
        return None if hours is None else hours * MONTHS_PER_YEAR * self.hourly_cost

    @property
    def to_be_cost_per_year(self) -> float | None:
        """Return the estimated yearly cost of the to-be saving (hours × 12 × hourly cost)."""
        hours = self.to_be_saving_hours
        return None if hours is None else hours * MONTHS_PER_YEAR * self.hourly_cost

    @property
    def has_figures(self) -> bool:
        """Return True when at least one headline figure is known."""
        return self.working_capital_released is not None or self.hours_freed_per_month is not None

    def scenario(self, share: float) -> Scenario:
        """Return every headline figure at `share` of goal achievement (linear in the share)."""

        def scaled(value: float | None) -> float | None:
            return None if value is None else value * share

        return Scenario(share, *(scaled(getattr(self, name)) for name in FIGURES))

    def sensitivity(self) -> list[Scenario]:
        """Return the scenarios at half and at full goal achievement."""
        return [self.scenario(share) for share in SHARES]

    def to_json_dict(self) -> dict[str, Any]:
        """Return the `kit business-case --json` document (plain floats or null, unrounded)."""
        figures = {name: getattr(self, name) for name in FIGURES}
        inputs = {name: getattr(self, name) for name in (*_MONEY_INPUTS, *_HOURS_INPUTS)}
        return {**figures, "inputs": inputs}


def _cash_goal(
    goal: Goal, values: Mapping[str, float | None], credit_sales: float | None, period_days: int
) -> CashGoal:
    today = values.get(goal.kpi)
    if goal.direction != "down":
        return CashGoal(goal.kpi, today, goal.target, None, "goal_not_down")
    if today is None:
        return CashGoal(goal.kpi, None, goal.target, None, "no_kpi_value")
    if credit_sales is None or credit_sales <= 0:
        return CashGoal(goal.kpi, today, goal.target, None, "no_credit_sales")
    released = max(today - goal.target, 0.0) * credit_sales / period_days
    return CashGoal(goal.kpi, today, goal.target, released)


def business_case(
    engagement: Engagement,
    *,
    as_of: date,
    values: Mapping[str, float | None],
    duplicate_hours: float | None,
    rework_hours: float | None,
    to_be_saving_hours: float | None = None,
    goals: Sequence[Goal] | None = None,
) -> BusinessCase:
    """Return the business case from KPI values at `as_of` and the process hours per month.

    `values` are the KPIs of `compute_kpis` (days, ledger currency); hours None means the
    engagement has no process maps. `goals` defaults to the engagement's goals.
    """
    settings = engagement.business_case
    chosen = list(engagement.goals if goals is None else goals)
    credit_sales = values.get("credit_sales")
    period = engagement.period_days
    cash = tuple(_cash_goal(g, values, credit_sales, period) for g in chosen if g.kpi in CASH_KPIS)
    dso_goal = next((g for g in cash if g.kpi == "dso"), None)
    reasons: dict[str, str] = {}
    if dso_goal is None:
        reasons["working_capital_released"] = "no_dso_goal"
    elif dso_goal.reason is not None:
        reasons["working_capital_released"] = dso_goal.reason
    if "working_capital_released" in reasons:
        reasons["interest_saved_per_year"] = reasons["working_capital_released"]
    if duplicate_hours is None or rework_hours is None:
        reasons["hours_freed_per_month"] = reasons["cost_saved_per_year"] = "no_process_maps"
    return BusinessCase(
        as_of=as_of,
        currency=engagement.currency,
        cost_currency=settings.currency or engagement.currency,
        interest_rate=settings.interest_rate,
        hourly_cost=settings.hourly_cost,
        period_days=period,
        dso=values.get("dso"),
        dso_target=dso_goal.target if dso_goal is not None else None,
        credit_sales=credit_sales,
        duplicate_hours=duplicate_hours,
        rework_hours=rework_hours,
        to_be_saving_hours=to_be_saving_hours,
        goals=cash,
        reasons=reasons,
    )


def _has_maps(engagement: Engagement) -> bool:
    folder = engagement.resolve(engagement.process_maps)
    suffixes = (".yaml", ".yml", ".csv", ".bpmn")
    return folder.is_dir() and any(f.suffix in suffixes for f in folder.rglob("*"))


def load_business_case(
    engagement: Engagement, *, as_of: date | None = None, language: Language | None = None
) -> BusinessCase:
    """Return the business case of an engagement: its ledger's KPIs and its process maps.

    The duplicates are found as `kit duplicates ENGAGEMENT` finds them (default threshold, the
    engagement's synonyms); the to-be estimate compares with the shipped reference map in
    `language` (the engagement's by default).
    """
    from kit.ingest import load_ledger
    from kit.kpis import compute_kpis

    when = as_of or engagement.as_of or date.today()
    ledger = load_ledger(engagement)
    values = compute_kpis(
        ledger, as_of=when, period_days=engagement.period_days, goal_days=engagement.goal_days
    ).values
    duplicate_hours = rework_hours = to_be = None
    if _has_maps(engagement):
        from kit.process import analyse, compare_with_reference, load_maps, load_synonyms

        maps = load_maps([engagement.resolve(engagement.process_maps)])
        synonyms = load_synonyms(
            engagement.resolve(engagement.synonyms) if engagement.synonyms else None
        )
        analysis = analyse(maps, synonyms=synonyms)
        duplicate_hours = float(analysis.duplicate_hours_per_month)
        rework_hours = float(analysis.rework_hours_per_month)
        comparison = compare_with_reference(
            maps, language=language or engagement.language, synonyms=synonyms
        )
        to_be = float(comparison.saved_hours_per_month)
    return business_case(
        engagement,
        as_of=when,
        values=values,
        duplicate_hours=duplicate_hours,
        rework_hours=rework_hours,
        to_be_saving_hours=to_be,
    )
