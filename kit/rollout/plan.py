"""The rollout phase plan (seven default phases) and its exit criteria."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd

from kit.engagement import Engagement, PhaseSchedule
from kit.errors import ConfigError
from kit.i18n.labels import ROLLOUT_CRITERION, ROLLOUT_PHASE
from kit.message import Msg, literal, msg, wording

__all__ = [
    "AUTOMATIC_CRITERIA",
    "DEFAULT_EXIT_CRITERIA",
    "DEFAULT_PHASES",
    "PlannedPhase",
    "criterion_text",
    "evaluate_exit_criteria",
    "phase_name",
    "phase_plan",
]

DEFAULT_PHASES = (
    "blueprint",
    "setup",
    "training",
    "acceptance_test",
    "go_live",
    "hypercare",
    "continuous_improvement",
)

# Criterion ids per default phase; their texts are `rollout.criterion.<id>` in the catalogue.
DEFAULT_EXIT_CRITERIA: Mapping[str, tuple[str, ...]] = {
    "blueprint": (
        "goals_smart",
        "stakeholders_ok",
        "maps_analysed",
        "baseline_computed",
        "blueprint_signed_off",
    ),
    "setup": ("data_connected", "configuration_done", "dispute_owner_named"),
    "training": ("end_users_trained", "training_material_ready"),
    "acceptance_test": ("test_cases_passed", "acceptance_signed_off"),
    "go_live": ("go_live_decision", "cutover_done"),
    "hypercare": ("incidents_resolved", "kpis_monitored", "aftercare_owner_named"),
    "continuous_improvement": ("kpi_trend_reviewed", "backlog_maintained"),
}

# Criteria the kit can check itself; the caller passes their results to evaluate_exit_criteria.
AUTOMATIC_CRITERIA = (
    "goals_smart",
    "stakeholders_ok",
    "maps_analysed",
    "baseline_computed",
    "data_connected",
    "dispute_owner_named",
    "aftercare_owner_named",
    "kpi_trend_reviewed",
    "backlog_maintained",
)


class PlannedPhase(PhaseSchedule):
    """One phase of the plan: id, optional own name, owner, planned dates, exit criteria."""

    exit_criteria: tuple[str, ...] = ()

    def title(self) -> Msg:
        """Return the phase's display name: its own name, the catalogue name, or its id."""
        return phase_name(self.id, own=self.name)

    @property
    def duration_days(self) -> int | None:
        """Return planned end − planned start in days (None without both dates)."""
        if self.start is None or self.end is None:
            return None
        return (self.end - self.start).days


def phase_name(phase_id: str, *, own: str | None = None) -> Msg:
    """Return the display name of a phase id (own name first, then catalogue, id)."""
    if own:
        return literal(own)
    name = ROLLOUT_PHASE.get(phase_id)
    return wording(name) if name else literal(phase_id)


def criterion_text(criterion: str) -> Msg:
    """Return the catalogue text of a criterion id; free-text criteria are returned unchanged."""
    text = ROLLOUT_CRITERION.get(criterion)
    return wording(text) if text else literal(criterion)


def phase_plan(engagement: Engagement) -> list[PlannedPhase]:
    """Return the engagement's phases in plan order, or the seven defaults (no dates) if none."""
    if not engagement.phases:
        return [PlannedPhase(id=p, exit_criteria=DEFAULT_EXIT_CRITERIA[p]) for p in DEFAULT_PHASES]
    return [
        PlannedPhase(
            **p.model_dump(exclude={"exit_criteria"}),
            exit_criteria=tuple(p.exit_criteria) or DEFAULT_EXIT_CRITERIA.get(p.id, ()),
        )
        for p in engagement.phases
    ]


def evaluate_exit_criteria(
    plan: Sequence[PlannedPhase],
    *,
    automatic: Mapping[str, bool | None],
) -> pd.DataFrame:
    """Return one row per phase and exit criterion: check (automatic/manual) and met (bool/NA).

    `phase_name` and `text` are messages the report renders in its language.

    `automatic` holds what the kit checked (criterion id -> True/False, None = could not check);
    criteria not in it are manual: a person confirms them (met is NA).
    """
    unknown = sorted(set(automatic) - set(AUTOMATIC_CRITERIA))
    if unknown:
        raise ConfigError(
            "unknown automatic exit criterion",
            key="automatic",
            value=", ".join(unknown),
            expected=msg("one of {values}", values=", ".join(AUTOMATIC_CRITERIA)),
        )
    rows = []
    for phase in plan:
        for criterion in phase.exit_criteria:
            checked = criterion in automatic
            result = automatic.get(criterion)
            rows.append(
                {
                    "phase": phase.id,
                    "phase_name": phase.title(),
                    "criterion": criterion,
                    "text": criterion_text(criterion),
                    "check": "automatic" if checked else "manual",
                    "met": pd.NA if result is None else bool(result),
                }
            )
    columns = ["phase", "phase_name", "criterion", "text", "check", "met"]
    frame = pd.DataFrame(rows, columns=columns)
    frame["met"] = frame["met"].astype("boolean")
    for column in ("phase_name", "text"):  # messages: kept as objects, not turned into text
        frame[column] = pd.Series([r[column] for r in rows], index=frame.index, dtype=object)
    return frame
