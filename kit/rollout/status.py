"""Rollout status per phase: actual dates, slippage in days, RAG, current phase, milestones.

Rules (also in the catalogue under `rollout.rule.*` for the report glossary):

* slippage (days): done → actual end − planned end (negative = finished early). Open → forecast
  end − planned end, never negative, where forecast end = max(today, planned start) + open work,
  open work = ceil((100 − percent) / 100 × planned duration) days. Without a planned start only
  max(0, today − planned end) counts; without a planned end slippage is None.
* RAG: red = blocked, or slippage > 10 days, or not started more than 5 days after the planned
  start; amber = slippage 1–10 days; grey = not started and before the planned start (or no
  dates); green otherwise.
* overall RAG = worst of all phases that are not grey; overall slippage = largest slippage of the
  open phases (all done: the last phase's slippage).
* current phase = the last phase in progress or blocked (plan order), else the first not done.
* actual start = date of the first in_progress or done row (or blocked with percent > 0); actual
  end = date of the first done row after the last row that was not done.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import pandas as pd

from kit.engagement import Engagement
from kit.i18n.markers import N_, Language
from kit.message import Msg, render, wording
from kit.rollout.log import load_status
from kit.rollout.plan import PlannedPhase, phase_plan

_ROLLOUT_RULE: dict[str, str] = {
    "amber": N_(
        "Amber: slippage of 1 to {red_days} days. Slippage already "
        "includes how far the percent complete lags the linear plan."
    ),
    "current": N_(
        "Current phase: the last phase in progress or blocked in plan "
        "order, otherwise the first one not done."
    ),
    "green": N_("Green: on plan – no slippage and not blocked (finishing early included)."),
    "grey": N_(
        "Grey: not started and the planned start has not been reached (or no date is planned)."
    ),
    "milestones": N_(
        "Next milestones: planned ends of open phases within the next {horizon_days} days."
    ),
    "overall": N_(
        "Overall status: the worst RAG of all phases that have started "
        "or should have started (phases not grey); overall slippage: "
        "the largest slippage of the open phases, once all are done "
        "the slippage of the last one."
    ),
    "red": N_(
        "Red: the phase is blocked, or slippage exceeds {red_days} "
        "days, or it has not started more than {late_start_days} days "
        "after its planned start."
    ),
    "slippage": N_(
        "Slippage in days: for a finished phase the actual minus the "
        "planned end (negative = finished early). For an open phase "
        "the forecast: today (at the earliest the planned start) plus "
        "the work still open (100 % minus percent complete, as a share "
        "of the planned duration, rounded up to whole days) minus the "
        "planned end; never negative while the phase is not done. "
        "Without a planned end there is no slippage; without a planned "
        "start only the days past the planned end count."
    ),
}

_ROLLOUT_TERM: dict[str, str] = {
    "amber": N_("RAG amber"),
    "current": N_("Current phase"),
    "green": N_("RAG green"),
    "grey": N_("RAG grey"),
    "milestones": N_("Next milestones"),
    "overall": N_("Overall status"),
    "red": N_("RAG red"),
    "slippage": N_("Slippage"),
}

__all__ = [
    "LATE_START_DAYS",
    "MILESTONE_HORIZON_DAYS",
    "RAGS",
    "RED_SLIPPAGE_DAYS",
    "PhaseStatus",
    "RolloutStatus",
    "phase_rag",
    "phase_slippage",
    "rollout_glossary",
    "rollout_status",
    "status_for_plan",
]

RED_SLIPPAGE_DAYS = 10
LATE_START_DAYS = 5
MILESTONE_HORIZON_DAYS = 30
RAGS = ("grey", "green", "amber", "red")  # from best to worst


@dataclass(frozen=True)
class PhaseStatus:
    """Where one phase stands: plan, latest status, actual dates, slippage (days) and RAG."""

    phase: PlannedPhase
    name: str
    status: str
    percent: float
    actual_start: date | None
    actual_end: date | None
    slippage_days: int | None
    rag: str
    note: str = ""
    since: date | None = None  # date of the latest status row

    def as_dict(self) -> dict[str, Any]:
        """Return the phase as a JSON-ready dict (ISO dates or None)."""
        return {
            "id": self.phase.id,
            "name": self.name,
            "owner": self.phase.owner,
            "status": self.status,
            "percent": self.percent,
            "planned_start": _iso(self.phase.start),
            "planned_end": _iso(self.phase.end),
            "actual_start": _iso(self.actual_start),
            "actual_end": _iso(self.actual_end),
            "rag": self.rag,
            "slippage_days": self.slippage_days,
        }


@dataclass(frozen=True)
class RolloutStatus:
    """The rollout of one engagement on `today`: phases, current phase, overall RAG, alerts."""

    client: str
    today: date
    language: Language
    phases: list[PhaseStatus]
    current_phase: str | None
    rag: str
    slippage_days: int | None
    blocked: list[dict[str, Any]] = field(default_factory=list)
    milestones: list[dict[str, Any]] = field(default_factory=list)

    def phase(self, phase_id: str) -> PhaseStatus:
        """Return the status of one phase by id (KeyError if the plan has no such phase)."""
        for item in self.phases:
            if item.phase.id == phase_id:
                return item
        raise KeyError(phase_id)

    def as_dict(self) -> dict[str, Any]:
        """Return the JSON shape of `kit status --json` for this engagement (without its path)."""
        return {
            "client": self.client,
            "today": self.today.isoformat(),
            "current_phase": self.current_phase,
            "rag": self.rag,
            "slippage_days": self.slippage_days,
            "phases": [p.as_dict() for p in self.phases],
        }

    def frame(self) -> pd.DataFrame:
        """Return one row per phase (the JSON fields) for display in a notebook."""
        rows = [p.as_dict() for p in self.phases]
        frame = pd.DataFrame(rows, columns=list(_PHASE_FIELDS))
        for column in ("planned_start", "planned_end", "actual_start", "actual_end"):
            frame[column] = pd.to_datetime(frame[column]).astype("datetime64[ns]")
        frame["slippage_days"] = frame["slippage_days"].astype("Int64")
        return frame


_PHASE_FIELDS = (
    "id", "name", "owner", "status", "percent", "planned_start", "planned_end",
    "actual_start", "actual_end", "rag", "slippage_days",
)  # fmt: skip


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value is not None else None


def phase_slippage(phase: PlannedPhase, *, status: str, percent: float, actual_end: date | None,
                   today: date) -> int | None:  # fmt: skip
    """Return the phase's slippage in days by the module rules (None without a planned end)."""
    if phase.end is None:
        return None
    if status == "done" and actual_end is not None:
        return (actual_end - phase.end).days
    duration = phase.duration_days
    if phase.start is None or duration is None:
        return max(0, (today - phase.end).days)
    # open work in planned days; multiply before dividing so whole percents stay exact
    open_days = math.ceil(round((100 - percent) * duration / 100, 6))
    forecast_end = max(today, phase.start) + timedelta(days=open_days)
    return max(0, (forecast_end - phase.end).days)


def phase_rag(phase: PlannedPhase, *, status: str, slippage_days: int | None, today: date) -> str:
    """Return red, amber, green or grey for one phase by the module rules."""
    if status == "blocked":
        return "red"
    if status == "not_started":
        if phase.start is None or today < phase.start:
            return "grey"
        if (today - phase.start).days > LATE_START_DAYS:
            return "red"
    slip = slippage_days or 0
    if slip > RED_SLIPPAGE_DAYS:
        return "red"
    if slip >= 1:
        return "amber"
    return "green"


def _actual_dates(rows: pd.DataFrame) -> tuple[date | None, date | None]:
    # work has begun with the first in_progress or done row, or a blocked row with progress
    begun = rows["status"].isin(["in_progress", "done"])
    begun |= (rows["status"] == "blocked") & (rows["percent_complete"] > 0)
    started = rows[begun]
    start = started["date"].iloc[0].date() if not started.empty else None
    end = None
    if not rows.empty and rows["status"].iloc[-1] == "done":
        not_done = [i for i, s in enumerate(rows["status"]) if s != "done"]
        first_done = not_done[-1] + 1 if not_done else 0
        end = rows["date"].iloc[first_done].date()
    return start, end


def _phase_status(
    phase: PlannedPhase, rows: pd.DataFrame, *, today: date, language: Language
) -> PhaseStatus:
    if rows.empty:
        status, percent, note, since = "not_started", 0.0, "", None
    else:
        last = rows.iloc[-1]
        status, percent = str(last["status"]), float(last["percent_complete"])
        note, since = str(last["note"]), last["date"].date()
        if status == "blocked":
            blocked_run = [i for i, s in enumerate(rows["status"]) if s != "blocked"]
            since = rows["date"].iloc[blocked_run[-1] + 1 if blocked_run else 0].date()
    actual_start, actual_end = _actual_dates(rows)
    slip = phase_slippage(phase, status=status, percent=percent, actual_end=actual_end, today=today)
    return PhaseStatus(
        phase=phase,
        name=render(phase.title(), language),
        status=status,
        percent=percent,
        actual_start=actual_start,
        actual_end=actual_end,
        slippage_days=slip,
        rag=phase_rag(phase, status=status, slippage_days=slip, today=today),
        note=note,
        since=since,
    )


def status_for_plan(
    plan: list[PlannedPhase],
    status: pd.DataFrame,
    *,
    today: date,
    client: str = "",
    language: Language = "en",
    horizon_days: int = MILESTONE_HORIZON_DAYS,
) -> RolloutStatus:
    """Return the RolloutStatus of a plan and a status log frame (as from load_status).

    Long because each phase's actual dates, status and percent come from the same log rows in one
    pass.
    """
    ordered = status[status["date"].dt.date <= today] if not status.empty else status
    ordered = ordered.sort_values("date", kind="stable")
    phases = [
        _phase_status(p, ordered[ordered["phase"] == p.id], today=today, language=language)
        for p in plan
    ]
    active = [p for p in phases if p.status in ("in_progress", "blocked")]
    open_ = [p for p in phases if p.status != "done"]
    current = active[-1] if active else (open_[0] if open_ else None)
    counted = [p.rag for p in phases if p.rag != "grey"]
    rag = max(counted, key=RAGS.index) if counted else "grey"
    slips = [p.slippage_days for p in open_ if p.slippage_days is not None]
    if open_:
        slippage = max(slips) if slips else None
    else:
        slippage = phases[-1].slippage_days if phases else None
    blocked = [
        {
            "phase": p.phase.id,
            "name": p.name,
            "since": p.since,
            "note": p.note,
            "owner": p.phase.owner,
        }
        for p in phases
        if p.status == "blocked"
    ]
    horizon = today + timedelta(days=horizon_days)
    milestones = [
        {"phase": p.phase.id, "name": p.name, "planned_end": p.phase.end,
         "days_left": (p.phase.end - today).days, "rag": p.rag}
        for p in open_
        if p.phase.end is not None and today <= p.phase.end <= horizon
    ]  # fmt: skip
    return RolloutStatus(
        client=client,
        today=today,
        language=language,
        phases=phases,
        current_phase=current.phase.id if current else None,
        rag=rag,
        slippage_days=slippage,
        blocked=blocked,
        milestones=sorted(milestones, key=lambda m: m["planned_end"]),
    )


def rollout_status(
    engagement: Engagement,
    *,
    today: date | None = None,
    status: pd.DataFrame | None = None,
    language: Language | None = None,
) -> RolloutStatus:
    """Return the engagement's rollout status on `today` (default: today's date).

    `status` defaults to the validated log at engagement.status_log; rows dated after `today`
    are ignored, so a past date shows the rollout as it stood then.
    """
    plan = phase_plan(engagement)
    if status is None:
        status = load_status(engagement.resolve(engagement.status_log), phases=plan)
    return status_for_plan(
        plan,
        status,
        today=today or date.today(),
        client=engagement.client,
        language=language or engagement.language,
    )


def rollout_glossary() -> list[tuple[Msg, Msg, Msg]]:
    """Return (term, meaning, formula) rows explaining slippage, RAG and milestones for a report."""
    values = {
        "red_days": RED_SLIPPAGE_DAYS,
        "late_start_days": LATE_START_DAYS,
        "horizon_days": MILESTONE_HORIZON_DAYS,
    }
    formula = wording(
        "done: actual end − planned end; open: max(0, max(today, "
        "planned start) + ⌈(100 − percent) / 100 × planned duration⌉ − "
        "planned end)"
    )
    return [
        (
            wording(_ROLLOUT_TERM[name]),
            wording(_ROLLOUT_RULE[name], **values),
            formula if name == "slippage" else wording(""),
        )
        for name in (
            "slippage",
            "red",
            "amber",
            "green",
            "grey",
            "overall",
            "current",
            "milestones",
        )
    ]
