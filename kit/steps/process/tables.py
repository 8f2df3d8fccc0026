"""Step 03, the process report's tables (all effort in hours per month).

Maps, duplicate groups, rework, handoffs, waits, to-be comparison and glossary.
"""

from __future__ import annotations

import pandas as pd

from kit.process import DuplicateGroup
from kit.process.compare import REFERENCE_DIR
from kit.report import Html, glossary, table
from kit.report.context import ReportContext
from kit.steps.process.view import PROCESS_KEYS, ProcessView, hours_text, join_unique, trigger_text
from kit.steps.thin import needs

__all__ = [
    "avoided_table",
    "comparison_table",
    "duplicates_frame",
    "duplicates_table",
    "handoffs_table",
    "maps_frame",
    "maps_table",
    "members_frame",
    "members_table",
    "process_glossary",
    "rework_table",
    "waits_table",
]


def maps_frame(view: ProcessView) -> pd.DataFrame:
    """Return one row per map: name, owner, activities, lanes, hours per month, unknown effort."""
    return pd.DataFrame(
        {
            "map": [m.name for m in view.maps],
            "owner": [m.owner or "–" for m in view.maps],
            "activities": [m.graph.number_of_nodes() for m in view.maps],
            "lanes": [join_unique(list(m.lanes())) for m in view.maps],
            "hours_per_month": [m.total_hours() for m in view.maps],
            "unknown": [len(m.unknown_effort()) for m in view.maps],
        }
    )


def _labels(ctx: ReportContext, columns: list[str]) -> dict[str, str]:
    return {c: ctx.t(PROCESS_KEYS + "col." + c) for c in columns}


def _table(
    ctx: ReportContext, frame: pd.DataFrame, *, formats: dict[str, str], caption: str
) -> Html:
    """Return a report table with the step's column labels and caption `caption.<caption>`."""
    return table(
        ctx,
        frame,
        formats=formats,
        labels=_labels(ctx, list(frame.columns)),
        caption=ctx.t(PROCESS_KEYS + "caption." + caption),
    )


@needs("maps")
def maps_table(ctx: ReportContext, view: ProcessView) -> Html:
    """Return the overview of the maps analysed."""
    frame = maps_frame(view)
    formats = {"activities": "number:0", "hours_per_month": "number:1", "unknown": "number:0"}
    return _table(ctx, frame, formats=formats, caption="maps")


def _reason(ctx: ReportContext, view: ProcessView, group: DuplicateGroup) -> str:
    sigs = {
        (s.actions, s.core_objects, s.levels, s.channels, s.residual)
        for s in (m.signature for m in group.members)
    }
    maps = {m.map for m in group.members}
    lanes = {m.lane for m in group.members if m.lane}
    systems = sorted({m.system for m in group.members if m.system})
    names = {m.name.casefold().strip() for m in group.members}
    level = "identical" if len(names) == 1 else "same" if len(sigs) == 1 else "similar"
    what = ctx.t(PROCESS_KEYS + "reason." + level)
    if len(maps) == 1:
        where = (
            ctx.t(PROCESS_KEYS + "reason.double_entry", systems=" / ".join(systems))
            if len(systems) > 1
            else ctx.t(PROCESS_KEYS + "reason.one_map")
        )
    else:
        key = "reason.maps_lanes" if len(lanes) > 1 else "reason.maps"
        where = ctx.t(PROCESS_KEYS + key, maps=len(maps), lanes=len(lanes))
    return f"{what} {where}"


def duplicates_frame(ctx: ReportContext, view: ProcessView) -> pd.DataFrame:
    """Return one row per duplicate group: work, places, hours, avoidable hours, reason."""
    rows = [
        {
            "group": n,
            "work": g.members[0].name,
            "places": len(g.members),
            "hours_per_month": g.hours_per_month,
            "avoidable_hours_per_month": g.avoidable_hours_per_month,
            "reason": _reason(ctx, view, g),
        }
        for n, g in enumerate(view.analysis.groups, start=1)
    ]
    columns = ["group", "work", "places", "hours_per_month", "avoidable_hours_per_month"]
    return pd.DataFrame(rows, columns=[*columns, "reason"])


def members_frame(view: ProcessView) -> pd.DataFrame:
    """Return one row per activity of each duplicate group: map, lane, system, hours per month."""
    rows = [
        {
            "group": n,
            "activity": m.name,
            "map": view.map_name(m.map),
            "lane": m.lane or "–",
            "system": m.system or "–",
            "hours_per_month": m.hours_per_month,
        }
        for n, g in enumerate(view.analysis.groups, start=1)
        for m in g.members
    ]
    columns = ["group", "activity", "map", "lane", "system", "hours_per_month"]
    return pd.DataFrame(rows, columns=columns)


@needs("maps")
def duplicates_table(ctx: ReportContext, view: ProcessView) -> Html:
    """Return the duplicate groups, largest avoidable hours first."""
    frame = duplicates_frame(ctx, view)
    formats = {"group": "number:0", "places": "number:0", "hours_per_month": "number:1"}
    formats["avoidable_hours_per_month"] = "number:1"
    return _table(ctx, frame, formats=formats, caption="duplicates")


@needs("maps")
def members_table(ctx: ReportContext, view: ProcessView) -> Html:
    """Return the activities of every duplicate group with map, role, system and hours."""
    frame = members_frame(view)
    return _table(
        ctx, frame, formats={"group": "number:0", "hours_per_month": "number:1"}, caption="members"
    )


@needs("maps")
def rework_table(ctx: ReportContext, view: ProcessView) -> Html:
    """Return the rework loops: map, loop, trigger, probability (%), extra hours per month."""
    loops = view.analysis.rework
    frame = pd.DataFrame(
        {
            "map": [view.map_name(r.map) for r in loops],
            "loop": list(view.analysis.rework_frame()["loop"]),
            "trigger": [trigger_text(view, r.map, r.trigger) for r in loops],
            "probability": [r.probability * 100 for r in loops],
            "extra_hours": [r.hours_per_month for r in loops],
        },
        columns=["map", "loop", "trigger", "probability", "extra_hours"],
    )
    return _table(
        ctx,
        frame,
        formats={"probability": "percent:0", "extra_hours": "number:1"},
        caption="rework",
    )


@needs("maps")
def handoffs_table(ctx: ReportContext, view: ProcessView) -> Html:
    """Return per map the flows, the handoffs between lanes and between systems."""
    h = view.analysis.handoffs
    frame = pd.DataFrame(
        {
            "map": [view.map_name(m) for m in h["map"]],
            "flows": h["flows"],
            "lane_handoffs": h["lane_handoffs"],
            "handoff_share": [
                100 * n / f if f else 0.0
                for n, f in zip(h["lane_handoffs"], h["flows"], strict=True)
            ],
            "system_handoffs": h["system_handoffs"],
        }
    )
    formats = {c: "number:0" for c in ("flows", "lane_handoffs", "system_handoffs")}
    formats["handoff_share"] = "percent:0"
    return _table(ctx, frame, formats=formats, caption="handoffs")


@needs("maps")
def waits_table(ctx: ReportContext, view: ProcessView) -> Html:
    """Return the waiting steps with their hours per month (– where the effort is unknown)."""
    w = view.analysis.waits
    unknown = set(view.analysis.unknown_effort())
    frame = pd.DataFrame(
        {
            "map": [view.map_name(m) for m in w["map"]],
            "step": w["name"],
            "lane": w["lane"].fillna("–"),
            "hours_per_month": [
                None if (m, i) in unknown else h
                for m, i, h in zip(w["map"], w["id"], w["hours_per_month"], strict=True)
            ],
        },
        columns=["map", "step", "lane", "hours_per_month"],
    )
    return _table(ctx, frame, formats={"hours_per_month": "number:1"}, caption="waits")


def _client_steps(view: ProcessView, refs: str) -> str:
    pairs = [r.split("/", 1) for r in refs.split(", ") if r]
    return "; ".join(f"{view.activity_name(m, a)} ({view.map_name(m)})" for m, a in pairs) or "–"


@needs("maps")
def comparison_table(ctx: ReportContext, view: ProcessView) -> Html:
    """Return the to-be steps: done today or missing, as-is and to-be hours, hours saved."""
    s = view.comparison.steps
    missing = set(view.comparison.missing["id"])
    frame = pd.DataFrame(
        {
            "to_be_step": s["name"],
            "status": [
                ctx.t(PROCESS_KEYS + ("missing" if i in missing else "present")) for i in s["id"]
            ],
            "today": [_client_steps(view, r) for r in s["client_activities"]],
            "as_is": s["as_is_hours_per_month"],
            "to_be": s["to_be_hours_per_month"],
            "saved": s["saved_hours_per_month"],
        }
    )
    return _table(
        ctx,
        frame,
        formats={c: "number:1" for c in ("as_is", "to_be", "saved")},
        caption="comparison",
    )


@needs("maps")
def avoided_table(ctx: ReportContext, view: ProcessView) -> Html:
    """Return the client's steps that the to-be process does without, largest hours first."""
    av = view.comparison.avoided.sort_values("hours_per_month", ascending=False, kind="stable")
    frame = pd.DataFrame(
        {
            "map": [view.map_name(m) for m in av["map"]],
            "step": av["name"],
            "lane": av["lane"].fillna("–"),
            "hours_per_month": av["hours_per_month"],
        },
        columns=["map", "step", "lane", "hours_per_month"],
    )
    return _table(ctx, frame, formats={"hours_per_month": "number:1"}, caption="avoided")


@needs("maps")
def process_glossary(ctx: ReportContext, view: ProcessView) -> Html:
    """Return the glossary: hours, avoidable hours, rework, handoff, duplicates, sources."""
    root = ctx.engagement.root
    files = sorted(
        {
            str(m.source.relative_to(root) if m.source.is_relative_to(root) else m.source.name)
            for m in view.maps
            if m.source
        }
    )
    reference = (REFERENCE_DIR / ctx.language / "receivables_to_be.yaml").name
    rows = [
        (
            ctx.t(PROCESS_KEYS + f"glossary.{term}"),
            ctx.t(
                PROCESS_KEYS + f"glossary.{term}.meaning",
                per_fte=hours_text(ctx, view.hours_per_fte_month),
                files=", ".join(files),
                reference=reference,
                threshold=ctx.number(view.analysis.threshold, digits=2),
            ),
            ctx.t(PROCESS_KEYS + f"glossary.{term}.formula"),
        )
        for term in (
            "hours",
            "avoidable",
            "rework",
            "fte",
            "handoff",
            "wait",
            "duplicate",
            "not_duplicate",
            "to_be",
            "bank",
            "sources",
        )
    ]
    return glossary(ctx, rows, sources=False)
