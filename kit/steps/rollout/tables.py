"""Step 06, the rollout's table blocks: phases, status notes, exit criteria, blockages, glossary."""

from __future__ import annotations

from datetime import date

import pandas as pd

from kit.i18n import N_
from kit.i18n.labels import ROLLOUT_COLUMN, ROLLOUT_STATUS
from kit.message import render
from kit.report import Html, ReportContext, glossary, note, table
from kit.rollout import rollout_glossary
from kit.steps.rollout.view import RolloutView, blocked_episodes, display_names, rag_text

_ROLLOUT_CHECK: dict[str, str] = {
    "automatic": N_("checked automatically"),
    "manual": N_("to be confirmed manually"),
}


#: The glossary rows of the criteria and the status log: term and rule.
_STEPS_ROLLOUT_GLOSSARY: dict[str, tuple[str, str]] = {
    "automatic": (
        N_("Automatically checked criterion"),
        N_(
            "We check it ourselves from the project files: goals (SMART "
            "check), stakeholder register (RACI, project lead, IT from "
            "Blueprint, owners for disputes and after-care), process maps, "
            "baseline KPIs, data connection and improvement backlog."
        ),
    ),
    "manual": (
        N_("Manual criterion"),
        N_(
            "A responsible person confirms it (e.g. a formal sign-off). "
            "With the status update “done” in the status log it counts as "
            "confirmed; before that it shows as open."
        ),
    ),
    "log": (
        N_("Status log"),
        N_(
            "The status log of the engagement: one row per status update (date, phase, "
            "status, percent complete, note, author); rows are only added, "
            "never overwritten. The latest update per phase up to the "
            "as-of date counts."
        ),
    ),
}

__all__ = [
    "blocked_table",
    "criteria_table",
    "notes_table",
    "phase_table",
    "rollout_glossary_block",
]

_P = "steps.rollout."


def _span(ctx: ReportContext, start: date | None, end: date | None) -> str:
    if start is None and end is None:
        return "–"
    return f"{ctx.date(start) if start else '…'} – {ctx.date(end) if end else '…'}"


def phase_table(ctx: ReportContext, view: RolloutView) -> Html:
    """Return the phase table: owner, planned/actual period, status, %, RAG, slippage (days)."""
    name = display_names(ctx)
    rows = [
        {
            "name": p.name,
            "owner": name(p.phase.owner or ""),
            "planned": _span(ctx, p.phase.start, p.phase.end),
            "actual": _span(ctx, p.actual_start, p.actual_end),
            "status": ctx.tr(ROLLOUT_STATUS[p.status]),
            "percent": p.percent,
            "rag": rag_text(ctx, p.rag),
            "slippage_days": p.slippage_days,
            "red": p.rag == "red",
        }
        for p in view.status.phases
    ]
    frame = pd.DataFrame(rows, columns=list(rows[0]) if rows else ["name", "red"])
    labels = {c: ctx.tr(ROLLOUT_COLUMN[c]) for c in ("owner", "status", "percent", "rag")}
    labels.update(
        name=ctx.tr("Phase"),
        planned=ctx.tr("Planned"),
        actual=ctx.trp("column.actual", "Actual"),
        slippage_days=ctx.tr("Slippage (days)"),
    )
    return table(
        ctx,
        frame,
        highlight="red",
        labels=labels,
        formats={
            "percent": "percent:0",
            "slippage_days": "number:0",
            "planned": "text",
            "actual": "text",
        },
        caption=ctx.tr("Phases as of {date} (marked: RAG red)", date=ctx.date(ctx.as_of)),
    )


def notes_table(ctx: ReportContext, view: RolloutView) -> Html:
    """Return the latest status update per phase that has one: date, status, note."""
    rows = [
        {
            "name": p.name,
            "since": p.since,
            "status": ctx.tr(ROLLOUT_STATUS[p.status]),
            "note": p.note,
            "blocked": p.status == "blocked",
        }
        for p in view.status.phases
        if p.since is not None
    ]
    frame = pd.DataFrame(rows, columns=["name", "since", "status", "note", "blocked"])
    labels = {
        "name": ctx.tr("Phase"),
        "since": ctx.tr("Latest update"),
        "status": ctx.tr("Status"),
        "note": ctx.trp("note", "Note"),
    }
    return table(
        ctx,
        frame,
        highlight="blocked",
        labels=labels,
        formats={"since": "date"},
        caption=ctx.tr("Latest status update per phase (marked: blocked)"),
    )


def _result(ctx: ReportContext, met: object, closed: bool) -> str:
    if met is pd.NA or met is None:
        return ctx.tr("confirmed at phase closure") if closed else ctx.tr("open")
    return ctx.tr("met") if met else ctx.tr("not met")


def criteria_table(ctx: ReportContext, view: RolloutView) -> Html:
    """Return the exit criteria per phase: automatic or manual, met / not met / open, why."""
    frame = view.criteria.copy()
    frame["check"] = frame["check"].map(lambda c: ctx.tr(_ROLLOUT_CHECK[c]))
    done = {p.phase.id for p in view.status.phases if p.status == "done"}
    frame["result"] = [
        _result(ctx, met, phase in done)
        for met, phase in zip(view.criteria["met"], frame["phase"], strict=True)
    ]
    frame["failed"] = view.criteria["met"].eq(False).fillna(False).astype(bool)
    shown = ["phase_name", "text", "check", "result", "detail", "failed"]
    labels = {
        "phase_name": ctx.tr("Phase"),
        "text": ctx.tr("Criterion"),
        "check": ctx.tr("Check"),
        "result": ctx.tr("Result"),
        "detail": ctx.trp("detail", "Why"),
    }
    return table(
        ctx,
        frame[shown],
        highlight="failed",
        labels=labels,
        caption=ctx.tr("Exit criteria per phase (marked: checked automatically and not met)"),
    )


def blocked_table(ctx: ReportContext, view: RolloutView) -> Html:
    """Return every blocked stretch of the log (current ones highlighted) with its note."""
    frame = blocked_episodes(view)
    labels = {
        "name": ctx.tr("Phase"),
        "since": ctx.tr("Since"),
        "until": ctx.tr("Until"),
        "days": ctx.tr("Days"),
        "note": ctx.trp("note", "Note"),
    }
    shown = frame[["name", "since", "until", "days", "note", "open"]]
    if shown.empty:
        return note(ctx, ctx.tr("No phase has been blocked so far."))
    return table(
        ctx,
        shown,
        highlight="open",
        labels=labels,
        formats={"days": "number:0", "until": "date"},
        caption=ctx.tr("Blockages in the status log (marked: not yet resolved)"),
    )


def rollout_glossary_block(ctx: ReportContext) -> Html:
    """Return the glossary: RAG and slippage rules, automatic versus manual criteria, the log."""
    rows = [tuple(render(m, ctx.language) for m in row) for row in rollout_glossary()]
    rows.extend((ctx.tr(term), ctx.tr(rule), "") for term, rule in _STEPS_ROLLOUT_GLOSSARY.values())
    return glossary(ctx, rows)
