"""Step 03 (process mapping): duplicate work, rework, handoffs and the best-practice comparison.

The maps are read from the engagement's `process_maps` folder (YAML, CSV pairs, BPMN) and
analysed with `kit.process`. All effort is in hours per month; capacity is expressed in full-time
equivalents (hours ÷ the team's productive hours per FTE and month). Money is not shown: the kit
knows no hourly rates.

Context figures come from a published case (seed 002): a bank drew 64 process maps of its
customer-payment processes and removed 960 hours per month of duplicate work and 480 hours of
waste. They are context, labelled as such, never a benchmark.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import display
from matplotlib.figure import Figure

from kit.process import (
    Comparison,
    DuplicateGroup,
    ProcessAnalysis,
    ProcessMap,
    analyse,
    compare_with_reference,
    draw_overview,
    draw_swimlane,
    load_maps,
    load_synonyms,
)
from kit.process.compare import REFERENCE_DIR
from kit.report import Html, Tile, glossary, headline, note, summary, table, tiles
from kit.report.context import ReportContext

__all__ = [
    "BANK_DUPLICATE_HOURS",
    "BANK_MAPS",
    "BANK_WASTE_HOURS",
    "ProcessView",
    "avoided_table",
    "comparison_table",
    "duplicates_frame",
    "duplicates_table",
    "handoffs_table",
    "import_notes",
    "load_process",
    "maps_frame",
    "maps_table",
    "members_frame",
    "members_table",
    "overview_figure",
    "process_glossary",
    "process_headline",
    "process_summary",
    "process_tiles",
    "rework_table",
    "show",
    "swimlane_figures",
    "swimlanes",
    "waits_table",
]

BANK_MAPS = 64  # seed 002: process maps of the bank's customer-payment processes
BANK_DUPLICATE_HOURS = 960.0  # hours per month of duplicate work removed
BANK_WASTE_HOURS = 480.0  # hours per month of waste from inefficient processes removed
_TOP = 3  # duplicate groups named in the next steps
_K = "steps.process."


@dataclass(frozen=True)
class ProcessView:
    """What notebook 03 shows: the maps, their analysis and the best-practice comparison."""

    maps: tuple[ProcessMap, ...]
    analysis: ProcessAnalysis
    comparison: Comparison
    hours_per_fte_month: float

    @property
    def total_hours_per_month(self) -> float:
        """Return the hours per month of all activities of all maps."""
        return sum(m.total_hours() for m in self.maps)

    @property
    def waste_hours_per_month(self) -> float:
        """Return duplicate plus rework hours per month."""
        return self.analysis.duplicate_hours_per_month + self.analysis.rework_hours_per_month

    def fte(self, hours: float) -> float:
        """Return hours per month as full-time equivalents (hours ÷ productive hours per FTE)."""
        return hours / self.hours_per_fte_month

    def map_name(self, map_id: str) -> str:
        """Return the display name of a map."""
        return next(m.name for m in self.maps if m.id == map_id)

    def activity_name(self, map_id: str, activity_id: str) -> str:
        """Return the label of one activity (its id when it has none)."""
        pmap = next(m for m in self.maps if m.id == map_id)
        return str(pmap.graph.nodes[activity_id]["name"] or activity_id)


def load_process(ctx: ReportContext) -> ProcessView:
    """Return the engagement's maps, analysed and compared with the best-practice to-be map."""
    eng = ctx.engagement
    maps = load_maps([eng.resolve(eng.process_maps)])
    syn = load_synonyms(eng.resolve(eng.synonyms) if eng.synonyms else None)
    analysis = analyse(maps, synonyms=syn)
    comparison = compare_with_reference(maps, language=ctx.language, synonyms=syn)
    return ProcessView(tuple(maps), analysis, comparison, eng.team.hours_per_fte_month)


def show(fig: Figure) -> None:
    """Display a figure once in the report and close it; returns nothing."""
    display(fig)
    plt.close(fig)


def _plural(ctx: ReportContext, key: str, n: int, **values: object) -> str:
    return ctx.t(_K + key + (".one" if n == 1 else ".other"), **values)


def _quoted(ctx: ReportContext, texts: list[str]) -> str:
    return ", ".join(ctx.t(_K + "quote", text=text) for text in texts)


def _h(ctx: ReportContext, hours: float) -> str:
    return ctx.number(hours, digits=0)


def _join(values: list[str | None]) -> str:
    return ", ".join(dict.fromkeys(v for v in values if v)) or "–"


def _group_maps(view: ProcessView, group: DuplicateGroup) -> str:
    return _join([view.map_name(m.map) for m in group.members])


def _trigger(view: ProcessView, map_id: str, trigger: tuple[str, str]) -> str:
    return " → ".join(view.activity_name(map_id, a) for a in trigger)


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
    return summary(
        ctx,
        found=_summary_found(ctx, view),
        means=_summary_means(ctx, view),
        next_steps=_summary_next(ctx, view),
    )


def process_headline(ctx: ReportContext, view: ProcessView) -> None:
    """Publish the index card: duplicate hours per month, groups, rework and FTE."""
    a = view.analysis
    fte = view.fte(view.waste_hours_per_month)
    headline(
        ctx,
        title=ctx.t(_K + "headline.title"),
        value_text=ctx.t(_K + "headline.value", hours=_h(ctx, a.duplicate_hours_per_month)),
        takeaway=ctx.t(
            _K + "headline.takeaway",
            groups=len(a.groups),
            maps=len(view.maps),
            rework=_h(ctx, a.rework_hours_per_month),
            fte=ctx.number(fte, digits=1),
        ),
        status="good" if fte == 0 else "warn" if fte < 0.5 else "bad",
    )


def process_tiles(ctx: ReportContext, view: ProcessView) -> Html:
    """Return tiles: duplicate hours (with the bank case), rework hours, FTE bound, to-be saving."""
    a, unit = view.analysis, ctx.t(_K + "unit.hours")
    per_map = a.duplicate_hours_per_month / len(view.maps)
    items = [
        Tile(
            ctx.t(_K + "tile.duplicates"),
            a.duplicate_hours_per_month,
            unit=unit,
            digits=0,
            status="warn" if a.groups else "good",
            note=ctx.t(
                _K + "tile.groups",
                groups=len(a.groups),
                per_map=_h(ctx, per_map),
                bank=_h(ctx, BANK_DUPLICATE_HOURS / BANK_MAPS),
            ),
        ),
        Tile(
            ctx.t(_K + "tile.rework"),
            a.rework_hours_per_month,
            unit=unit,
            digits=0,
            status="warn" if a.rework else "good",
            note=_plural(ctx, "tile.loops", len(a.rework), loops=len(a.rework)),
        ),
        Tile(
            ctx.t(_K + "tile.fte"),
            view.fte(view.waste_hours_per_month),
            unit=ctx.t(_K + "unit.fte"),
            digits=1,
            note=ctx.t(_K + "tile.per_fte", hours=_h(ctx, view.hours_per_fte_month)),
        ),
        Tile(
            ctx.t(_K + "tile.to_be"),
            view.comparison.saved_hours_per_month,
            unit=unit,
            digits=0,
            note=ctx.t(_K + "tile.to_be_note"),
        ),
    ]
    return tiles(ctx, items)


_WARNINGS = (
    (re.compile(r"no branch probabilities: outgoing flows of (\d+) gateway"), "warn.split"),
    (
        re.compile(r"BPMN element '([^']+)' is not part of a process map.*\((\d+)×\)"),
        "warn.ignored",
    ),
)


def _warning_text(ctx: ReportContext, pmap: ProcessMap, message: str) -> str:
    for pattern, key in _WARNINGS:
        hit = pattern.search(message)
        if hit:
            first, last = hit.group(1), hit.groups()[-1]
            return ctx.t(_K + key, map=pmap.name, values=first, n=last)
    return ctx.t(_K + "warn.other", map=pmap.name, message=message)


def import_notes(ctx: ReportContext, view: ProcessView) -> Html | None:
    """Return a note with the import warnings of the maps (e.g. BPMN without probabilities)."""
    texts = [_warning_text(ctx, m, w.message) for m in view.maps for w in m.warnings]
    if not texts:
        return None
    return note(ctx, ctx.t(_K + "warn.intro") + " " + " ".join(texts), kind="warning")


def maps_frame(view: ProcessView) -> pd.DataFrame:
    """Return one row per map: name, owner, activities, lanes, hours per month, unknown effort."""
    return pd.DataFrame(
        {
            "map": [m.name for m in view.maps],
            "owner": [m.owner or "–" for m in view.maps],
            "activities": [m.graph.number_of_nodes() for m in view.maps],
            "lanes": [_join(list(m.lanes())) for m in view.maps],
            "hours_per_month": [m.total_hours() for m in view.maps],
            "unknown": [len(m.unknown_effort()) for m in view.maps],
        }
    )


def _labels(ctx: ReportContext, columns: list[str]) -> dict[str, str]:
    return {c: ctx.t(_K + "col." + c) for c in columns}


def maps_table(ctx: ReportContext, view: ProcessView) -> Html:
    """Return the overview of the maps analysed."""
    frame = maps_frame(view)
    formats = {"activities": "number:0", "hours_per_month": "number:1", "unknown": "number:0"}
    return table(
        ctx,
        frame,
        formats=formats,
        labels=_labels(ctx, list(frame.columns)),
        caption=ctx.t(_K + "caption.maps"),
    )


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
    what = ctx.t(_K + "reason." + level)
    if len(maps) == 1:
        where = (
            ctx.t(_K + "reason.double_entry", systems=" / ".join(systems))
            if len(systems) > 1
            else ctx.t(_K + "reason.one_map")
        )
    else:
        key = "reason.maps_lanes" if len(lanes) > 1 else "reason.maps"
        where = ctx.t(_K + key, maps=len(maps), lanes=len(lanes))
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


def duplicates_table(ctx: ReportContext, view: ProcessView) -> Html:
    """Return the duplicate groups, largest avoidable hours first."""
    frame = duplicates_frame(ctx, view)
    formats = {"group": "number:0", "places": "number:0", "hours_per_month": "number:1"}
    formats["avoidable_hours_per_month"] = "number:1"
    return table(
        ctx,
        frame,
        formats=formats,
        labels=_labels(ctx, list(frame.columns)),
        caption=ctx.t(_K + "caption.duplicates"),
    )


def members_table(ctx: ReportContext, view: ProcessView) -> Html:
    """Return the activities of every duplicate group with map, role, system and hours."""
    frame = members_frame(view)
    return table(
        ctx,
        frame,
        formats={"group": "number:0", "hours_per_month": "number:1"},
        labels=_labels(ctx, list(frame.columns)),
        caption=ctx.t(_K + "caption.members"),
    )


def rework_table(ctx: ReportContext, view: ProcessView) -> Html:
    """Return the rework loops: map, loop, trigger, probability (%), extra hours per month."""
    loops = view.analysis.rework
    frame = pd.DataFrame(
        {
            "map": [view.map_name(r.map) for r in loops],
            "loop": list(view.analysis.rework_frame()["loop"]),
            "trigger": [_trigger(view, r.map, r.trigger) for r in loops],
            "probability": [r.probability * 100 for r in loops],
            "extra_hours": [r.hours_per_month for r in loops],
        },
        columns=["map", "loop", "trigger", "probability", "extra_hours"],
    )
    return table(
        ctx,
        frame,
        formats={"probability": "percent:0", "extra_hours": "number:1"},
        labels=_labels(ctx, list(frame.columns)),
        caption=ctx.t(_K + "caption.rework"),
    )


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
    return table(
        ctx,
        frame,
        formats=formats,
        labels=_labels(ctx, list(frame.columns)),
        caption=ctx.t(_K + "caption.handoffs"),
    )


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
    return table(
        ctx,
        frame,
        formats={"hours_per_month": "number:1"},
        labels=_labels(ctx, list(frame.columns)),
        caption=ctx.t(_K + "caption.waits"),
    )


def overview_figure(ctx: ReportContext, view: ProcessView) -> None:
    """Display the network of all maps with their duplicate links."""
    show(draw_overview(view.maps, view.analysis.groups, language=ctx.language))


def swimlane_figures(ctx: ReportContext, view: ProcessView) -> list[Figure]:
    """Return one swimlane Figure per map, duplicates and rework loops highlighted."""
    return [draw_swimlane(m, highlight=view.analysis, language=ctx.language) for m in view.maps]


def swimlanes(ctx: ReportContext, view: ProcessView) -> None:
    """Display one swimlane per map."""
    for fig in swimlane_figures(ctx, view):
        show(fig)


def _client_steps(view: ProcessView, refs: str) -> str:
    pairs = [r.split("/", 1) for r in refs.split(", ") if r]
    return "; ".join(f"{view.activity_name(m, a)} ({view.map_name(m)})" for m, a in pairs) or "–"


def comparison_table(ctx: ReportContext, view: ProcessView) -> Html:
    """Return the to-be steps: done today or missing, as-is and to-be hours, hours saved."""
    s = view.comparison.steps
    missing = set(view.comparison.missing["id"])
    frame = pd.DataFrame(
        {
            "to_be_step": s["name"],
            "status": [ctx.t(_K + ("missing" if i in missing else "present")) for i in s["id"]],
            "today": [_client_steps(view, r) for r in s["client_activities"]],
            "as_is": s["as_is_hours_per_month"],
            "to_be": s["to_be_hours_per_month"],
            "saved": s["saved_hours_per_month"],
        }
    )
    return table(
        ctx,
        frame,
        formats={c: "number:1" for c in ("as_is", "to_be", "saved")},
        labels=_labels(ctx, list(frame.columns)),
        caption=ctx.t(_K + "caption.comparison"),
    )


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
    return table(
        ctx,
        frame,
        formats={"hours_per_month": "number:1"},
        labels=_labels(ctx, list(frame.columns)),
        caption=ctx.t(_K + "caption.avoided"),
    )


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
            ctx.t(_K + f"glossary.{term}"),
            ctx.t(
                _K + f"glossary.{term}.meaning",
                per_fte=_h(ctx, view.hours_per_fte_month),
                files=", ".join(files),
                reference=reference,
                threshold=ctx.number(view.analysis.threshold, digits=2),
            ),
            ctx.t(_K + f"glossary.{term}.formula"),
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
