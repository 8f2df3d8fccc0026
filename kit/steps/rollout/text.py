"""Step 06, the rollout's executive summary: what was found, what it means, what to do next."""

from __future__ import annotations

from collections.abc import Callable

from kit.i18n import N_
from kit.report import Html, ReportContext, summary
from kit.steps.rollout.view import RolloutView, blocked_episodes, display_names, rag_text

_STEPS_ROLLOUT_MEANS_RAG: dict[str, str] = {
    "amber": N_("The rollout is slipping (RAG amber, {slip}); without action it will turn red."),
    "green": N_("The rollout is on plan (RAG green)."),
    "grey": N_("The rollout has not started yet; there is no progress to judge."),
    "red": N_("The rollout is off plan (RAG red): at the current pace the end moves by {slip}."),
}

__all__ = ["rollout_summary"]

_P = "steps.rollout."


def _found(ctx: ReportContext, view: RolloutView) -> list[str]:
    """Return the summary's found sentences of the rollout report.

    Long because each sentence has its own condition and wording on the same view.
    """
    status, tr = view.status, ctx.tr
    found = []
    current = status.phase(status.current_phase) if status.current_phase else None
    if current is None:
        found.append(
            ctx.trn(
                "The one phase is finished.",
                "All {n} phases are finished.",
                len(status.phases),
                n=len(status.phases),
            )
        )
    else:
        end = current.phase.end
        found.append(
            tr(
                N_(
                    "Current phase: {phase}, {percent} complete, RAG {rag}; "
                    "planned end {end}, forecast slippage {slip}."
                )
                if end is not None
                else N_(
                    "Current phase: {phase}, {percent} complete, RAG {rag}. No end "
                    "is planned for this phase yet, so no slippage can be computed."
                ),
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
        ctx.trn(
            "{done} of {total} phase is finished.",
            "{done} of {total} phases are finished.",
            len(status.phases),
            done=len(done),
            total=len(status.phases),
        )
        + (
            " " + tr("Finished later than planned: {phases}.", phases=", ".join(late))
            if late
            else " " + tr("Every finished phase was completed on time.")
            if done
            else ""
        )
    )
    episodes = blocked_episodes(view)
    if status.blocked:
        for item in status.blocked:
            found.append(
                tr(
                    "Blocked: {phase} since {since} – “{note}”.",
                    phase=item["name"],
                    since=ctx.date(item["since"]),
                    note=item["note"],
                )
            )
    elif not episodes.empty:
        last = episodes.iloc[-1]
        found.append(
            ctx.trn(
                "No phase is blocked at present; the last blockage was {phase} "
                "from {since} to {until} ({days} day): “{note}”.",
                "No phase is blocked at present; the last blockage was {phase} "
                "from {since} to {until} ({days} days): “{note}”.",
                int(last["days"]),
                phase=last["name"],
                since=ctx.date(last["since"]),
                until=ctx.date(last["until"]),
                days=int(last["days"]),
                note=last["note"],
            )
        )
    else:
        found.append(tr("No phase has been blocked so far."))
    failed = [c for c, check in view.checks.items() if check.met is False]
    auto = view.criteria[view.criteria["check"] == "automatic"]
    met = int(auto["met"].fillna(False).sum())
    found.append(
        ctx.trn(
            "{met} of {total} exit criterion that can be checked automatically is met.",
            "{met} of {total} exit criteria that can be checked automatically are met.",
            len(auto),
            met=met,
            total=len(auto),
        )
    )
    for _, row in view.criteria[view.criteria["criterion"].isin(failed)].iterrows():
        found.append(
            tr(
                "Not met ({phase}): {criterion}. {detail}",
                phase=row["phase_name"],
                criterion=row["text"],
                detail=row["detail"],
            )
        )
    return found


def _means(ctx: ReportContext, view: RolloutView) -> list[str]:
    status, tr = view.status, ctx.tr
    means = [
        tr(_STEPS_ROLLOUT_MEANS_RAG[status.rag], slip=ctx.days(status.slippage_days or 0, digits=0))
    ]
    current = status.phase(status.current_phase) if status.current_phase else None
    after = [p for p in status.phases if p.status == "not_started" and p.phase.start]
    if current is not None and (current.slippage_days or 0) > 0 and after:
        means.append(
            tr(
                "The slippage carries into the next phase: {phase} is planned "
                "from {start} and would start about {slip} later.",
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
        means.append(
            tr(
                "The {phase} phase was closed although not every exit "
                "criterion is met – the gap carries into the later phases.",
                phase=name,
            )
        )
    return means


def _next(ctx: ReportContext, view: RolloutView, name: Callable[[str], str]) -> list[str]:
    status, tr = view.status, ctx.tr
    steps = []
    for item in status.blocked:
        steps.append(
            tr(
                "Resolve the blocker in {phase} with {owner}: {note}",
                phase=item["name"],
                owner=name(item["owner"] or "–"),
                note=item["note"],
            )
        )
    current = status.phase(status.current_phase) if status.current_phase else None
    if current is not None and current.rag in ("red", "amber") and current.status != "blocked":
        steps.append(
            tr(
                "Agree a recovery plan for {phase} with {owner}: finish the "
                "remaining {rest} by {end} (extra capacity) or consciously "
                "re-plan the end date.",
                phase=current.name,
                owner=name(current.phase.owner or "–"),
                rest=ctx.percent(100 - current.percent, digits=0),
                end=ctx.date(current.phase.end),
            )
        )
    failed = view.criteria[view.criteria["met"].eq(False).fillna(False)]
    for text in dict.fromkeys(failed["text"]):
        steps.append(
            tr(
                "Catch up on the unmet criterion “{criterion}”: fix the cause "
                "and file the evidence with the project.",
                criterion=text,
            )
        )
    if current is not None:
        manual = view.criteria[
            (view.criteria["phase"] == current.phase.id) & (view.criteria["check"] == "manual")
        ]
        if not manual.empty:
            steps.append(
                tr(
                    "Before closing {phase}, confirm manually: {criteria}.",
                    phase=current.name,
                    criteria="; ".join(manual["text"]),
                )
            )
    for item in status.milestones:
        steps.append(
            ctx.trn(
                "Next milestone: end of {phase} on {date} (in {days} day).",
                "Next milestone: end of {phase} on {date} (in {days} days).",
                int(item["days_left"]),
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
