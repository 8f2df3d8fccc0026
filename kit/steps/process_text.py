"""Step 03, the process summary: hours found, what they mean in FTE, what to do first."""

from __future__ import annotations

from kit.process import DuplicateGroup
from kit.report import Html, summary
from kit.report.context import ReportContext
from kit.steps.process import (
    _K,
    BANK_DUPLICATE_HOURS,
    BANK_MAPS,
    BANK_WASTE_HOURS,
    ProcessView,
    _h,
    _join,
    _plural,
    _trigger,
)
from kit.steps.thin import missing_summary

__all__ = ["process_summary"]

_TOP = 3  # duplicate groups named in the next steps


def _quoted(ctx: ReportContext, texts: list[str]) -> str:
    return ", ".join(ctx.t(_K + "quote", text=text) for text in texts)


def _group_maps(view: ProcessView, group: DuplicateGroup) -> str:
    return _join([view.map_name(m.map) for m in group.members])


def _summary_found(ctx: ReportContext, view: ProcessView) -> list[str]:
    a = view.analysis
    found = [
        ctx.t(
            _K + "found.duplicates",
            hours=_h(ctx, a.duplicate_hours_per_month),
            groups=len(a.groups),
            maps=len(view.maps),
            activities=a.activities,
            total=_h(ctx, view.total_hours_per_month),
        )
    ]
    if a.groups:
        top = a.groups[0]
        found.append(
            ctx.t(
                _K + "found.top",
                name=top.members[0].name,
                count=len(top.members),
                maps=_group_maps(view, top),
                hours=_h(ctx, top.avoidable_hours_per_month),
            )
        )
    if a.rework:
        loop = max(a.rework, key=lambda r: r.hours_per_month)
        found.append(
            _plural(
                ctx,
                "found.rework",
                len(a.rework),
                hours=_h(ctx, a.rework_hours_per_month),
                loops=len(a.rework),
                map=view.map_name(loop.map),
                trigger=_trigger(view, loop.map, loop.trigger),
                p=ctx.percent(loop.probability * 100, digits=0),
            )
        )
    else:
        found.append(ctx.t(_K + "found.no_rework"))
    found.append(
        ctx.t(
            _K + "found.handoffs",
            lanes=int(a.handoffs["lane_handoffs"].sum()),
            systems=int(a.handoffs["system_handoffs"].sum()),
            waits=len(a.waits),
        )
    )
    found.append(
        ctx.t(
            _K + "found.bank",
            bank_maps=BANK_MAPS,
            bank_dup=_h(ctx, BANK_DUPLICATE_HOURS),
            bank_waste=_h(ctx, BANK_WASTE_HOURS),
            bank_per_map=ctx.number(BANK_DUPLICATE_HOURS / BANK_MAPS, digits=0),
            per_map=ctx.number(a.duplicate_hours_per_month / len(view.maps), digits=0),
        )
    )
    return found


def _summary_means(ctx: ReportContext, view: ProcessView) -> list[str]:
    a, c = view.analysis, view.comparison
    means = [
        ctx.t(
            _K + "means.fte",
            hours=_h(ctx, view.waste_hours_per_month),
            fte=ctx.number(view.fte(view.waste_hours_per_month), digits=1),
            per_fte=_h(ctx, view.hours_per_fte_month),
        )
    ]
    if c.saved_hours_per_month > 0:
        means.append(
            ctx.t(
                _K + "means.to_be",
                to_be=_h(ctx, c.to_be_hours_per_month),
                as_is=_h(ctx, c.as_is_hours_per_month),
                saved=_h(ctx, c.saved_hours_per_month),
                fte=ctx.number(view.fte(c.saved_hours_per_month), digits=1),
            )
        )
    means.append(ctx.t(_K + "means.money"))
    unknown = a.unknown_effort()
    if unknown:
        names = _quoted(ctx, [view.activity_name(m, i) for m, i in unknown])
        means.append(_plural(ctx, "means.unknown", len(unknown), count=len(unknown), names=names))
    return means


def _summary_next(ctx: ReportContext, view: ProcessView) -> list[str]:
    a, c = view.analysis, view.comparison
    steps = [
        ctx.t(
            _K + "next.bundle",
            name=g.members[0].name,
            maps=_group_maps(view, g),
            hours=_h(ctx, g.avoidable_hours_per_month),
        )
        for g in a.groups[:_TOP]
        if g.avoidable_hours_per_month > 0
    ]
    if a.rework:
        loop = max(a.rework, key=lambda r: r.hours_per_month)
        steps.append(
            ctx.t(
                _K + "next.rework",
                map=view.map_name(loop.map),
                trigger=_trigger(view, loop.map, loop.trigger),
                hours=_h(ctx, loop.hours_per_month),
            )
        )
    if len(c.missing):
        steps.append(ctx.t(_K + "next.add", steps=_quoted(ctx, list(c.missing["name"]))))
    owners = _join([m.owner for m in view.maps])
    steps.append(ctx.t(_K + "next.confirm", owners=owners))
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
