"""Step 06, the rollout's executive summary: what was found, what it means, what to do next."""

from __future__ import annotations

from collections.abc import Callable

from kit.report import Html, ReportContext, summary
from kit.steps.rollout.view import RolloutView, blocked_episodes, display_names, rag_text

__all__ = ["rollout_summary"]

_P = "steps.rollout."


def _found(ctx: ReportContext, view: RolloutView) -> list[str]:
    """Return the summary's found sentences of the rollout report.

    Long because each sentence has its own condition and wording on the same view.
    """
    status, t = view.status, ctx.t
    found = []
    current = status.phase(status.current_phase) if status.current_phase else None
    if current is None:
        found.append(t(_P + "found.all_done", n=len(status.phases)))
    else:
        end = current.phase.end
        found.append(
            t(
                _P + "found.current" if end is not None else "steps.thin.rollout.found.current",
                phase=current.name,
                percent=ctx.percent(current.percent, digits=0),
                rag=rag_text(ctx, current.rag),
                end=ctx.date(end),
                slip=ctx.days(current.slippage_days or 0, digits=0),
            )
        )
    done = [p for p in status.phases if p.status == "done"]
    late = [
        f"{p.name} (+{ctx.days(p.slippage_days, digits=0)})"
        for p in done
        if p.slippage_days and p.slippage_days > 0
    ]
    found.append(
        t(_P + "found.done", done=len(done), total=len(status.phases))
        + " "
        + (t(_P + "found.late", phases=", ".join(late)) if late else t(_P + "found.on_time"))
    )
    episodes = blocked_episodes(view)
    if status.blocked:
        for item in status.blocked:
            found.append(
                t(
                    _P + "found.blocked",
                    phase=item["name"],
                    since=ctx.date(item["since"]),
                    note=item["note"],
                )
            )
    elif not episodes.empty:
        last = episodes.iloc[-1]
        found.append(
            t(
                _P + "found.was_blocked",
                phase=last["name"],
                since=ctx.date(last["since"]),
                until=ctx.date(last["until"]),
                days=int(last["days"]),
                note=last["note"],
            )
        )
    else:
        found.append(t(_P + "found.never_blocked"))
    failed = [c for c, check in view.checks.items() if check.met is False]
    auto = view.criteria[view.criteria["check"] == "automatic"]
    met = int(auto["met"].fillna(False).sum())
    found.append(t(_P + "found.criteria", met=met, total=len(auto)))
    for _, row in view.criteria[view.criteria["criterion"].isin(failed)].iterrows():
        found.append(
            t(
                _P + "found.criterion_failed",
                phase=row["phase_name"],
                criterion=row["text"],
                detail=row["detail"],
            )
        )
    return found


def _means(ctx: ReportContext, view: RolloutView) -> list[str]:
    status, t = view.status, ctx.t
    means = [t(_P + f"means.rag.{status.rag}", slip=ctx.days(status.slippage_days or 0, digits=0))]
    current = status.phase(status.current_phase) if status.current_phase else None
    after = [p for p in status.phases if p.status == "not_started" and p.phase.start]
    if current is not None and (current.slippage_days or 0) > 0 and after:
        means.append(
            t(
                _P + "means.knock_on",
                phase=after[0].name,
                start=ctx.date(after[0].phase.start),
                slip=ctx.days(current.slippage_days, digits=0),
            )
        )
    failed = set(c for c, check in view.checks.items() if check.met is False)
    closed = {p.phase.id for p in status.phases if p.status == "done"}
    gaps = view.criteria[
        view.criteria["criterion"].isin(failed) & view.criteria["phase"].isin(closed)
    ]
    for name in dict.fromkeys(gaps["phase_name"]):
        means.append(t(_P + "means.closed_with_gap", phase=name))
    return means


def _next(ctx: ReportContext, view: RolloutView, name: Callable[[str], str]) -> list[str]:
    status, t = view.status, ctx.t
    steps = []
    for item in status.blocked:
        steps.append(
            t(
                _P + "next.unblock",
                phase=item["name"],
                owner=name(item["owner"] or "–"),
                note=item["note"],
            )
        )
    current = status.phase(status.current_phase) if status.current_phase else None
    if current is not None and current.rag in ("red", "amber") and current.status != "blocked":
        steps.append(
            t(
                _P + "next.recover",
                phase=current.name,
                owner=name(current.phase.owner or "–"),
                rest=ctx.percent(100 - current.percent, digits=0),
                end=ctx.date(current.phase.end),
            )
        )
    failed = view.criteria[view.criteria["met"].eq(False).fillna(False)]
    for text in dict.fromkeys(failed["text"]):
        steps.append(t(_P + "next.fix_criterion", criterion=text))
    if current is not None:
        manual = view.criteria[
            (view.criteria["phase"] == current.phase.id) & (view.criteria["check"] == "manual")
        ]
        if not manual.empty:
            steps.append(
                t(_P + "next.confirm", phase=current.name, criteria="; ".join(manual["text"]))
            )
    for item in status.milestones:
        steps.append(
            t(
                _P + "next.milestone",
                phase=item["name"],
                date=ctx.date(item["planned_end"]),
                days=item["days_left"],
            )
        )
    return steps


def rollout_summary(ctx: ReportContext, view: RolloutView) -> Html:
    """Return the executive summary: where the rollout stands, what it means, what to do next."""
    return summary(
        ctx,
        found=_found(ctx, view),
        means=_means(ctx, view),
        next_steps=_next(ctx, view, display_names(ctx)),
    )
