"""Step 03, the process summary: hours found, what they mean in FTE, what to do first."""

from __future__ import annotations

from kit.i18n import fmt_count
from kit.process import DuplicateGroup
from kit.report import Html, summary
from kit.report.context import ReportContext
from kit.steps.process.view import (
    BANK_DUPLICATE_HOURS,
    BANK_MAPS,
    BANK_WASTE_HOURS,
    ProcessView,
    hours_text,
    join_unique,
    trigger_text,
)
from kit.steps.thin import missing_summary

__all__ = ["process_summary"]

_TOP = 3  # duplicate groups named in the next steps


def _quoted(ctx: ReportContext, texts: list[str]) -> str:
    return ", ".join(ctx.tr("“{text}”", text=text) for text in texts)


def _group_maps(view: ProcessView, group: DuplicateGroup) -> str:
    return join_unique([view.map_name(m.map) for m in group.members])


def _summary_found(ctx: ReportContext, view: ProcessView) -> list[str]:
    """Return the summary's found sentences of the process report.

    Long because each sentence has its own condition and wording on the same view.
    """
    a = view.analysis
    found = [
        ctx.trn(
            "{hours} hours per month are duplicate work, in one group of "
            "identical activities. The basis is {maps} process maps with "
            "{activities} activities and a total effort of {total} hours per month.",
            "{hours} hours per month are duplicate work, spread over "
            "{groups} groups of identical activities. The basis is {maps} "
            "process maps with {activities} activities and a total effort "
            "of {total} hours per month.",
            len(a.groups),
            hours=hours_text(ctx, a.duplicate_hours_per_month),
            groups=fmt_count(len(a.groups), ctx.language),
            maps=fmt_count(len(view.maps), ctx.language),
            activities=a.activities,
            total=hours_text(ctx, view.total_hours_per_month),
        )
    ]
    if a.groups:
        top = a.groups[0]
        found.append(
            ctx.tr(
                "Largest single item: “{name}” is done in {count} places "
                "({maps}) – {hours} hours per month are avoidable.",
                name=top.members[0].name,
                count=len(top.members),
                maps=_group_maps(view, top),
                hours=hours_text(ctx, top.avoidable_hours_per_month),
            )
        )
    if a.rework:
        loop = max(a.rework, key=lambda r: r.hours_per_month)
        found.append(
            ctx.trn(
                (
                    "{hours} hours per month of rework in one loop: in “{map}” the "
                    "case goes back in {p} of cases ({trigger})."
                ),
                (
                    "{hours} hours per month of rework in {loops} loops; the "
                    "costliest in “{map}”: the case goes back in {p} of cases "
                    "({trigger})."
                ),
                len(a.rework),
                hours=hours_text(ctx, a.rework_hours_per_month),
                loops=len(a.rework),
                map=view.map_name(loop.map),
                trigger=trigger_text(view, loop.map, loop.trigger),
                p=ctx.percent(loop.probability * 100, digits=0),
            )
        )
    else:
        found.append(ctx.tr("The process maps contain no rework loops."))
    found.append(
        ctx.trn(
            "The processes contain {lanes} handoff between roles, {systems} and {waits}.",
            "The processes contain {lanes} handoffs between roles, {systems} and {waits}.",
            int(a.handoffs["lane_handoffs"].sum()),
            lanes=int(a.handoffs["lane_handoffs"].sum()),
            systems=ctx.trn(
                "{count} change of system",
                "{count} changes of system",
                int(a.handoffs["system_handoffs"].sum()),
            ),
            waits=ctx.trn("{n} waiting step", "{n} waiting steps", len(a.waits), n=len(a.waits)),
        )
    )
    found.append(
        ctx.tr(
            "For context (a published case, not a benchmark): a bank drew "
            "{bank_maps} process maps of its customer-payment processes "
            "and removed {bank_dup} hours per month of duplicate work and "
            "{bank_waste} hours of waste – about {bank_per_map} hours of "
            "duplicate work per map. Here it is {per_map} hours per map.",
            bank_maps=BANK_MAPS,
            bank_dup=hours_text(ctx, BANK_DUPLICATE_HOURS),
            bank_waste=hours_text(ctx, BANK_WASTE_HOURS),
            bank_per_map=ctx.number(BANK_DUPLICATE_HOURS / BANK_MAPS, digits=0),
            per_map=ctx.number(a.duplicate_hours_per_month / len(view.maps), digits=0),
        )
    )
    return found


def _summary_means(ctx: ReportContext, view: ProcessView) -> list[str]:
    a, c = view.analysis, view.comparison
    means = [
        ctx.tr(
            "Duplicate work and rework together take {hours} hours per "
            "month – the equivalent of {fte} full-time staff (at {per_fte} "
            "productive hours per FTE and month).",
            hours=hours_text(ctx, view.waste_hours_per_month),
            fte=ctx.number(view.fte(view.waste_hours_per_month), digits=1),
            per_fte=hours_text(ctx, view.hours_per_fte_month),
        )
    ]
    if c.saved_hours_per_month > 0:
        means.append(
            ctx.tr(
                "As a guide, the best-practice to-be process would need "
                "{to_be} instead of today's {as_is} hours per month: {saved} "
                "hours or {fte} full-time staff less.",
                to_be=hours_text(ctx, c.to_be_hours_per_month),
                as_is=hours_text(ctx, c.as_is_hours_per_month),
                saved=hours_text(ctx, c.saved_hours_per_month),
                fte=ctx.number(view.fte(c.saved_hours_per_month), digits=1),
            )
        )
    means.append(
        ctx.tr(
            "We deliberately show no money value because no hourly rates "
            "are available. The time freed up can go to open cases, "
            "customer conversations and disputes."
        )
    )
    unknown = a.unknown_effort()
    if unknown:
        names = _quoted(ctx, [view.activity_name(m, i) for m, i in unknown])
        means.append(
            ctx.trn(
                (
                    "One activity has no effort given ({names}); it counts as 0 "
                    "hours, so the hours are a lower bound."
                ),
                (
                    "{count} activities have no effort given ({names}); they count "
                    "as 0 hours, so the hours are a lower bound."
                ),
                len(unknown),
                names=names,
            )
        )
    return means


def _summary_next(ctx: ReportContext, view: ProcessView) -> list[str]:
    a, c = view.analysis, view.comparison
    steps = [
        ctx.tr(
            "Do “{name}” in one place only – today it is done in {maps}: "
            "up to {hours} hours per month.",
            name=g.members[0].name,
            maps=_group_maps(view, g),
            hours=hours_text(ctx, g.avoidable_hours_per_month),
        )
        for g in a.groups[:_TOP]
        if g.avoidable_hours_per_month > 0
    ]
    if a.rework:
        loop = max(a.rework, key=lambda r: r.hours_per_month)
        steps.append(
            ctx.tr(
                "Remove the cause of rework in “{map}” ({trigger}), e.g. with "
                "a checklist at first contact: {hours} hours per month.",
                map=view.map_name(loop.map),
                trigger=trigger_text(view, loop.map, loop.trigger),
                hours=hours_text(ctx, loop.hours_per_month),
            )
        )
    if len(c.missing):
        steps.append(
            ctx.tr(
                "Add the missing best-practice steps to the to-be process: {steps}.",
                steps=_quoted(ctx, list(c.missing["name"])),
            )
        )
    owners = join_unique([m.owner for m in view.maps])
    steps.append(
        ctx.tr(
            "Confirm the results with the process owners ({owners}) in a "
            "workshop, fill in missing effort, then fix the to-be process.",
            owners=owners,
        )
    )
    return steps


def process_summary(ctx: ReportContext, view: ProcessView) -> Html:
    """Return the executive summary: hours found, what they mean in FTE, what to do first."""
    if view.missing:
        return missing_summary(ctx, "process", missing=view.missing)
    return summary(
        ctx,
        found=_summary_found(ctx, view),
        means=_summary_means(ctx, view),
        next_steps=_summary_next(ctx, view),
    )
