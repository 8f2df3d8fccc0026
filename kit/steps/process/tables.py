"""Step 03, the process report's tables (all effort in hours per month).

Maps, duplicate groups, rework, handoffs, waits, to-be comparison and glossary.
"""

from __future__ import annotations

import pandas as pd

from kit.i18n import N_, NP_
from kit.process import DuplicateGroup
from kit.report import Html, glossary, table
from kit.report.context import ReportContext
from kit.steps.process.view import ProcessView, hours_text, join_unique, trigger_text
from kit.steps.thin import needs

_STEPS_PROCESS: dict[str, str] = {
    "missing": N_("missing"),
    "present": N_("in place"),
    "quote": N_("“{text}”"),
}

_STEPS_PROCESS_CAPTION: dict[str, str] = {
    "avoided": N_(
        "As-is steps without a match in the to-be process – to check "
        "in the workshop: are they dropped, automated or absorbed by a "
        "to-be step?"
    ),
    "comparison": N_("Best-practice steps compared with the as-is process (hours per month)"),
    "duplicates": N_("Groups of duplicate work, largest avoidable hours first"),
    "handoffs": N_("Handoffs per process map"),
    "maps": N_("Process maps analysed (effort in hours per month)"),
    "members": N_("The activities of each group: where the work is done today"),
    "rework": N_("Rework loops and their extra hours per month"),
    "waits": N_("Waiting steps (– = effort not recorded)"),
}

_STEPS_PROCESS_COL: dict[str, str] = {
    "activities": N_("Activities"),
    "activity": N_("Activity"),
    "as_is": N_("As-is (h/month)"),
    "avoidable_hours_per_month": N_("Avoidable (h/month)"),
    "extra_hours": N_("Extra h/month"),
    "flows": N_("Flows"),
    "group": N_("No."),
    "handoff_share": N_("Share of handoffs"),
    "hours_per_month": N_("Hours/month"),
    "lane": N_("Role"),
    "lane_handoffs": N_("Handoffs between roles"),
    "lanes": N_("Roles"),
    "loop": N_("Loop"),
    "map": N_("Process map"),
    "maps": N_("Process maps"),
    "owner": N_("Owner"),
    "places": N_("Places"),
    "probability": N_("Probability"),
    "reason": N_("Why a duplicate"),
    "saved": N_("Saved (h/month)"),
    "status": N_("Today"),
    "step": N_("Step"),
    "system": N_("System"),
    "system_handoffs": N_("Changes of system"),
    "systems": N_("Systems"),
    "to_be": N_("To-be (h/month)"),
    "to_be_step": N_("Best-practice step"),
    "today": N_("Matching as-is steps"),
    "trigger": N_("Trigger (back-flow)"),
    "unknown": N_("Effort unknown"),
    "work": N_("Work"),
}

_STEPS_PROCESS_GLOSSARY: dict[str, str] = {
    "avoidable": N_("Avoidable hours"),
    "bank": N_("Published bank case"),
    "duplicate": N_("Duplicate work"),
    "fte": N_("Full-time equivalent (FTE)"),
    "handoff": N_("Handoff"),
    "hours": N_("Hours per month"),
    "not_duplicate": N_("Not duplicate work"),
    "rework": N_("Rework"),
    "sources": NP_("sources", "Data sources"),
    "to_be": N_("Best-practice to-be process"),
    "wait": N_("Waiting step"),
}

_STEPS_PROCESS_GLOSSARY_FORMULA: dict[str, str] = {
    "avoidable": N_("avoidable = Σ hours of the group − largest hours of the group"),
    "bank": N_("960 h ÷ 64 maps = 15 h of duplicate work per map"),
    "duplicate": "",
    "fte": N_("FTE = hours per month ÷ productive hours per FTE and month"),
    "handoff": N_("share of handoffs = handoffs between roles ÷ all flows"),
    "hours": N_("hours = minutes × executions per month ÷ 60"),
    "not_duplicate": "",
    "rework": N_("extra hours = Σ hours of the loop × p ÷ (1 − p)"),
    "sources": "",
    "to_be": N_("saving = as-is hours − to-be hours"),
    "wait": "",
}

_STEPS_PROCESS_GLOSSARY_MEANING: dict[str, str] = {
    "avoidable": N_(
        "In each group of duplicate work the largest execution stays "
        "and all others go. This keeps the estimate of the saving "
        "cautious."
    ),
    "bank": N_(
        "A bank drew 64 process maps of its customer-payment processes "
        "and removed 960 hours per month of duplicate work and 480 "
        "hours of waste. The figure only shows the order of magnitude; "
        "it is not a target."
    ),
    "duplicate": N_(
        "The same action on the same business object (e.g. check the "
        "credit limit, record a dispute) is done in several places – "
        "in different processes, roles or as double entry in two "
        "systems. Detected from the label after normalisation "
        "(spelling, synonyms, German/English), the business object and "
        "neighbouring steps; similarity threshold {threshold}."
    ),
    "fte": N_(
        "Converts hours into staff capacity at {per_fte} productive "
        "hours per FTE and month (from the engagement settings)."
    ),
    "handoff": N_(
        "A flow where the work passes from one role (swimlane) to "
        "another. Every handoff costs coordination and idle time. A "
        "change of system is a flow between two IT systems."
    ),
    "hours": N_(
        "Effort of an activity: minutes per execution times executions "
        "per month. Where a figure is missing, the activity counts as "
        "0 hours and is listed as “effort unknown”."
    ),
    "not_duplicate": N_(
        "Successive stages of one procedure on another channel or "
        "level (e-mail reminder, later a second dunning letter); the "
        "same activity reached again through a loop (that is rework); "
        "start, end and decisions; generic labels such as “check” "
        "without a business object."
    ),
    "rework": N_(
        "A loop leads back to work already done with probability p. "
        "Each activity on the loop then runs 1 ÷ (1 − p) times on "
        "average; the extra effort is rework."
    ),
    "sources": N_("Process maps: {files}. To-be process: the reference model of the kit."),
    "to_be": N_(
        "Reference flow of the receivables cycle ({reference}): "
        "invoice, pre-due reminder, dunning levels, dispute handling "
        "from the start, promise to pay and instalment plan, "
        "collection-agency hand-over, cash application and after-care. "
        "An as-is step counts as in place when it matches a to-be "
        "step; as-is steps without a match are not needed in the to-be "
        "process."
    ),
    "wait": N_(
        "A step in which the case rests until something arrives from "
        "outside (payment, documents). It lengthens the lead time and "
        "is a candidate for waste."
    ),
}

_STEPS_PROCESS_REASON: dict[str, str] = {
    "double_entry": N_("in the same process, entered twice in {systems}."),
    "identical": N_("Identical activity"),
    "maps": N_("in {maps} process maps."),
    "maps_lanes": N_("in {maps} process maps and {lanes} roles."),
    "one_map": N_("twice in the same process."),
    "same": N_("Same action on the same business object, named differently,"),
    "similar": N_("Similar action on the same business object"),
}

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
    return {c: ctx.tr(_STEPS_PROCESS_COL[c]) for c in columns}


def _table(
    ctx: ReportContext, frame: pd.DataFrame, *, formats: dict[str, str], caption: str
) -> Html:
    """Return a report table with the step's column labels and caption `caption.<caption>`."""
    return table(
        ctx,
        frame,
        formats=formats,
        labels=_labels(ctx, list(frame.columns)),
        caption=ctx.tr(_STEPS_PROCESS_CAPTION[caption]),
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
    what = ctx.tr(_STEPS_PROCESS_REASON[level])
    if len(maps) == 1:
        where = (
            ctx.tr("in the same process, entered twice in {systems}.", systems=" / ".join(systems))
            if len(systems) > 1
            else ctx.tr("twice in the same process.")
        )
    else:
        text = (
            N_("in {maps} process maps and {lanes} roles.")
            if len(lanes) > 1
            else N_("in {maps} process maps.")
        )
        where = ctx.tr(text, maps=len(maps), lanes=len(lanes))
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
                ctx.tr(_STEPS_PROCESS["missing" if i in missing else "present"]) for i in s["id"]
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
    files = sorted(
        {
            m.source.stem.replace("_", " ")  # the map's name, not where its file lies
            for m in view.maps
            if m.source
        }
    )
    reference = ctx.tr("the reference model of the kit")
    rows = [
        (
            ctx.tr(_STEPS_PROCESS_GLOSSARY[term]),
            ctx.tr(
                _STEPS_PROCESS_GLOSSARY_MEANING[term],
                per_fte=hours_text(ctx, view.hours_per_fte_month),
                files=", ".join(files),
                reference=reference,
                threshold=ctx.number(view.analysis.threshold, digits=2),
            ),
            ctx.tr(_STEPS_PROCESS_GLOSSARY_FORMULA[term]),
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
