"""Step 06, the rollout's table blocks: phases, status notes, exit criteria, blockages, glossary."""

from __future__ import annotations

from datetime import date

import pandas as pd

from kit.report import Html, ReportContext, glossary, note, table
from kit.rollout import rollout_glossary
from kit.steps.rollout.view import RolloutView, blocked_episodes, display_names, rag_text

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
            "status": ctx.t("rollout.status." + p.status),
            "percent": p.percent,
            "rag": rag_text(ctx, p.rag),
            "slippage_days": p.slippage_days,
            "red": p.rag == "red",
        }
        for p in view.status.phases
    ]
    frame = pd.DataFrame(rows, columns=list(rows[0]) if rows else ["name", "red"])
    labels = {c: ctx.t("rollout.column." + c) for c in ("owner", "status", "percent", "rag")}
    labels.update(
        name=ctx.t("rollout.column.phase"),
        planned=ctx.t(_P + "column.planned"),
        actual=ctx.t(_P + "column.actual"),
        slippage_days=ctx.t("rollout.column.slippage_days"),
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
        caption=ctx.t(_P + "caption.phases", date=ctx.date(ctx.as_of)),
    )


def notes_table(ctx: ReportContext, view: RolloutView) -> Html:
    """Return the latest status update per phase that has one: date, status, note."""
    rows = [
        {
            "name": p.name,
            "since": p.since,
            "status": ctx.t("rollout.status." + p.status),
            "note": p.note,
            "blocked": p.status == "blocked",
        }
        for p in view.status.phases
        if p.since is not None
    ]
    frame = pd.DataFrame(rows, columns=["name", "since", "status", "note", "blocked"])
    labels = {
        "name": ctx.t("rollout.column.phase"),
        "since": ctx.t(_P + "column.latest"),
        "status": ctx.t("rollout.column.status"),
        "note": ctx.t("rollout.column.note"),
    }
    return table(
        ctx,
        frame,
        highlight="blocked",
        labels=labels,
        formats={"since": "date"},
        caption=ctx.t(_P + "caption.notes"),
    )


def _result(ctx: ReportContext, met: object, closed: bool) -> str:
    if met is pd.NA or met is None:
        return ctx.t(_P + "met.confirmed") if closed else ctx.t("rollout.met.open")
    return ctx.t("rollout.met." + ("yes" if met else "no"))


def criteria_table(ctx: ReportContext, view: RolloutView) -> Html:
    """Return the exit criteria per phase: automatic or manual, met / not met / open, why."""
    frame = view.criteria.copy()
    frame["check"] = frame["check"].map(lambda c: ctx.t("rollout.check." + c))
    done = {p.phase.id for p in view.status.phases if p.status == "done"}
    frame["result"] = [
        _result(ctx, met, phase in done)
        for met, phase in zip(view.criteria["met"], frame["phase"], strict=True)
    ]
    frame["failed"] = view.criteria["met"].eq(False).fillna(False).astype(bool)
    shown = ["phase_name", "text", "check", "result", "detail", "failed"]
    labels = {
        "phase_name": ctx.t("rollout.column.phase"),
        "text": ctx.t(_P + "column.criterion"),
        "check": ctx.t(_P + "column.check"),
        "result": ctx.t(_P + "column.result"),
        "detail": ctx.t(_P + "column.detail"),
    }
    return table(
        ctx, frame[shown], highlight="failed", labels=labels, caption=ctx.t(_P + "caption.criteria")
    )


def blocked_table(ctx: ReportContext, view: RolloutView) -> Html:
    """Return every blocked stretch of the log (current ones highlighted) with its note."""
    frame = blocked_episodes(view)
    labels = {
        "name": ctx.t("rollout.column.phase"),
        "since": ctx.t("rollout.column.since"),
        "until": ctx.t(_P + "column.until"),
        "days": ctx.t(_P + "column.days"),
        "note": ctx.t("rollout.column.note"),
    }
    shown = frame[["name", "since", "until", "days", "note", "open"]]
    if shown.empty:
        return note(ctx, ctx.t(_P + "found.never_blocked"))
    return table(
        ctx,
        shown,
        highlight="open",
        labels=labels,
        formats={"days": "number:0", "until": "date"},
        caption=ctx.t(_P + "caption.blocked"),
    )


def rollout_glossary_block(ctx: ReportContext) -> Html:
    """Return the glossary: RAG and slippage rules, automatic versus manual criteria, the log."""
    rows = list(rollout_glossary(ctx.language))
    for term in ("automatic", "manual", "log"):
        rows.append((ctx.t(_P + f"term.{term}"), ctx.t(_P + f"rule.{term}"), ""))
    return glossary(ctx, rows)
