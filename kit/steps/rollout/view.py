"""Step 06, rollout tracking: the view (status, log, checks, criteria), headline and tiles.

"Today" is always the report's as-of date (`ctx.as_of`), never the system date, so a report can
be reproduced for any past date.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from kit.errors import KitError
from kit.i18n.labels import ROLLOUT_RAG
from kit.message import render
from kit.report import Html, ReportContext, Tile, headline, tiles
from kit.rollout import (
    RolloutStatus,
    evaluate_exit_criteria,
    load_status,
    phase_plan,
    status_for_plan,
)
from kit.stakeholders import load_register, pseudonyms
from kit.steps.rollout.checks import AutoCheck, automatic_checks

__all__ = [
    "RAG_TILE_STATUS",
    "RolloutView",
    "blocked_episodes",
    "display_names",
    "rag_text",
    "rollout_headline",
    "rollout_tiles",
    "rollout_view",
]

RAG_TILE_STATUS = {"red": "bad", "amber": "warn", "green": "good", "grey": "neutral"}
_P = "steps.rollout."


@dataclass(frozen=True)
class RolloutView:
    """Everything the rollout report shows: status on the as-of date, log, checks, criteria."""

    status: RolloutStatus
    log: pd.DataFrame
    checks: dict[str, AutoCheck]
    criteria: pd.DataFrame


def display_names(ctx: ReportContext) -> Callable[[str], str]:
    """Return a function giving a person's name as the report may show it (pseudonym if asked)."""
    if ctx.engagement.privacy != "pseudonymise":
        return lambda name: name
    try:
        register = load_register(ctx.engagement.resolve(ctx.engagement.stakeholders))
        known = list(register["name"].astype(str))
    except KitError:
        known = []
    mapping = pseudonyms(known)

    def name_of(name: str) -> str:
        if not name:
            return name
        if name not in mapping:
            mapping.update(pseudonyms([*mapping, name]))
        return mapping[name]

    return name_of


def rollout_view(ctx: ReportContext) -> RolloutView:
    """Return the rollout's status on the as-of date with its log, checks and exit criteria."""
    eng = ctx.engagement
    plan = phase_plan(eng)
    log = load_status(eng.resolve(eng.status_log), phases=plan)
    status = status_for_plan(plan, log, today=ctx.as_of, client=eng.client, language=ctx.language)
    checks = automatic_checks(ctx)
    criteria = evaluate_exit_criteria(plan, automatic={k: c.met for k, c in checks.items()})
    for column in ("phase_name", "text"):
        criteria[column] = [render(m, ctx.language) for m in criteria[column]]
    criteria["detail"] = [checks[c].detail if c in checks else "" for c in criteria["criterion"]]
    return RolloutView(status, log[log["date"] <= pd.Timestamp(ctx.as_of)], checks, criteria)


def blocked_episodes(view: RolloutView) -> pd.DataFrame:
    """Return every stretch a phase was blocked: phase, from, until (NaT = still), days, note."""
    rows = []
    names = {p.phase.id: p.name for p in view.status.phases}
    for phase, entries in view.log.groupby("phase", sort=False):
        current: dict[str, object] | None = None
        for _, entry in entries.sort_values("date", kind="stable").iterrows():
            if entry["status"] == "blocked" and current is None:
                current = {
                    "phase": phase,
                    "name": names.get(str(phase), phase),
                    "since": entry["date"],
                    "note": entry["note"],
                }
            elif entry["status"] != "blocked" and current is not None:
                rows.append({**current, "until": entry["date"]})
                current = None
        if current is not None:
            rows.append({**current, "until": pd.NaT})
    frame = pd.DataFrame(rows, columns=["phase", "name", "since", "until", "note"])
    frame["since"] = pd.to_datetime(frame["since"]).astype("datetime64[ns]")
    frame["until"] = pd.to_datetime(frame["until"]).astype("datetime64[ns]")
    end = frame["until"].fillna(pd.Timestamp(view.status.today))
    frame["days"] = (end - frame["since"]).dt.days.astype("int64")
    frame["open"] = frame["until"].isna()
    return frame.sort_values("since", kind="stable").reset_index(drop=True)


def rag_text(ctx: ReportContext, rag: str) -> str:
    """Return the RAG word (green, amber, red) in the report language."""
    return ctx.tr(ROLLOUT_RAG[rag])


def rollout_headline(ctx: ReportContext, view: RolloutView) -> None:
    """Publish the index card: current phase, percent complete and RAG; returns nothing."""
    status = view.status
    current = status.phase(status.current_phase) if status.current_phase else None
    if current is None:
        value = ctx.tr("All phases finished")
    else:
        value = ctx.tr(
            "{phase} · {percent} · RAG {rag}",
            phase=current.name,
            percent=ctx.percent(current.percent, digits=0),
            rag=rag_text(ctx, status.rag),
        )
    nxt = status.milestones[0] if status.milestones else None
    takeaway = (  # without planned ends there is no slippage to state
        ctx.tr("Slippage {slip}.", slip=ctx.days(status.slippage_days, digits=0))
        if status.slippage_days is not None
        else ""
    )
    if nxt is not None:
        takeaway += " " + ctx.tr(
            "Next milestone: end of {phase} on {date}.",
            phase=nxt["name"],
            date=ctx.date(nxt["planned_end"]),
        )
    headline(
        ctx,
        title=ctx.tr("Rollout status"),
        value_text=value,
        takeaway=takeaway.strip(),
        status=RAG_TILE_STATUS[status.rag],
    )


def rollout_tiles(ctx: ReportContext, view: RolloutView) -> Html:
    """Return tiles: current phase (% complete), slippage, phases done, blocked, criteria met."""
    status, tr = view.status, ctx.tr
    current = status.phase(status.current_phase) if status.current_phase else None
    done = sum(p.status == "done" for p in status.phases)
    auto = view.criteria[view.criteria["check"] == "automatic"]
    met = int(auto["met"].fillna(False).sum())
    of = tr("of {total}", total=len(status.phases))
    items = [
        Tile(
            tr("Current phase: {phase}", phase=current.name if current else "–"),
            current.percent if current else 100.0,
            unit="percent",
            digits=0,
            status=RAG_TILE_STATUS[current.rag] if current else "good",
            note=tr("RAG {rag}", rag=rag_text(ctx, current.rag)) if current else None,
        ),
    ]
    if status.slippage_days is not None:  # no planned end: no slippage (the summary says why)
        items.append(
            Tile(
                tr("Slippage (forecast)"),
                float(status.slippage_days),
                unit="days",
                digits=0,
                status=RAG_TILE_STATUS[status.rag],
                note=tr("largest slippage of the open phases"),
            )
        )
    items += [
        Tile(tr("Phases finished"), float(done), unit=of, digits=0, status="neutral"),
        Tile(
            tr("Automatic criteria met"),
            float(met),
            unit=tr("of {total}", total=len(auto)),
            digits=0,
            status="good" if met == len(auto) else "warn",
        ),
    ]
    if status.blocked:  # only worth a tile when something is blocked; the summary says so too
        items.insert(
            2,
            Tile(
                tr("Blocked phases"),
                float(len(status.blocked)),
                unit="number",
                digits=0,
                status="bad",
            ),
        )
    return tiles(ctx, items)
