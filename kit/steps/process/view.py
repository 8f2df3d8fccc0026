"""Step 03 (process mapping): the view (maps, analysis, to-be comparison), headline, tiles, notes.

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

from kit.i18n import N_
from kit.i18n.counts import groups_text, maps_text
from kit.message import render
from kit.process import (
    Comparison,
    ProcessAnalysis,
    ProcessMap,
    analyse,
    compare_with_reference,
    load_synonyms,
)
from kit.report import Html, Tile, headline, note, tiles
from kit.report.context import ReportContext
from kit.steps.thin import maps_or_none, missing_headline, needs

__all__ = [
    "BANK_DUPLICATE_HOURS",
    "BANK_MAPS",
    "BANK_WASTE_HOURS",
    "PROCESS_KEYS",
    "ProcessView",
    "hours_text",
    "import_notes",
    "join_unique",
    "load_process",
    "process_headline",
    "process_tiles",
    "trigger_text",
]

BANK_MAPS = 64  # seed 002: process maps of the bank's customer-payment processes
BANK_DUPLICATE_HOURS = 960.0  # hours per month of duplicate work removed
BANK_WASTE_HOURS = 480.0  # hours per month of waste from inefficient processes removed
PROCESS_KEYS = "steps.process."


@dataclass(frozen=True)
class ProcessView:
    """What notebook 03 shows: the maps, their analysis and the best-practice comparison."""

    maps: tuple[ProcessMap, ...]
    analysis: ProcessAnalysis
    comparison: Comparison
    hours_per_fte_month: float

    @property
    def missing(self) -> tuple[str, ...]:
        """Return ("maps",) while the engagement has no process maps yet, else ()."""
        return () if self.maps else ("maps",)

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
    maps = maps_or_none(eng.resolve(eng.process_maps))
    syn = load_synonyms(eng.resolve(eng.synonyms) if eng.synonyms else None)
    analysis = analyse(maps, synonyms=syn)
    comparison = compare_with_reference(maps, language=ctx.language, synonyms=syn)
    return ProcessView(tuple(maps), analysis, comparison, eng.team.hours_per_fte_month)


def hours_text(ctx: ReportContext, hours: float) -> str:
    """Return hours as a whole number in the report language."""
    return ctx.number(hours, digits=0)


def join_unique(values: list[str | None]) -> str:
    """Return the distinct non-empty values joined with commas (a dash when none)."""
    return ", ".join(dict.fromkeys(v for v in values if v)) or "–"


def trigger_text(view: ProcessView, map_id: str, trigger: tuple[str, str]) -> str:
    """Return a rework trigger as its two activity names joined by an arrow."""
    return " → ".join(view.activity_name(map_id, a) for a in trigger)


def process_headline(ctx: ReportContext, view: ProcessView) -> None:
    """Publish the index card: duplicate hours per month, groups, rework and FTE."""
    if view.missing:
        missing_headline(ctx, "process", missing="maps", title=ctx.tr("Processes"))
        return
    a = view.analysis
    fte = view.fte(view.waste_hours_per_month)
    headline(
        ctx,
        title=ctx.tr("Processes"),
        value_text=ctx.tr(
            "{hours} h/month duplicate work", hours=hours_text(ctx, a.duplicate_hours_per_month)
        ),
        takeaway=ctx.tr(
            "{groups} in {maps}; with {rework} h of rework together {fte} full-time staff.",
            groups=groups_text(len(a.groups), ctx.language),
            maps=maps_text(len(view.maps), ctx.language),
            rework=hours_text(ctx, a.rework_hours_per_month),
            fte=ctx.number(fte, digits=1),
        ),
        status="good" if fte == 0 else "warn" if fte < 0.5 else "bad",
    )


@needs("maps")
def process_tiles(ctx: ReportContext, view: ProcessView) -> Html:
    """Return tiles: duplicate hours (with the bank case), rework hours, FTE bound, to-be saving."""
    a, unit = view.analysis, ctx.tr("h/month")
    per_map = a.duplicate_hours_per_month / len(view.maps)
    items = [
        Tile(
            ctx.tr("Duplicate work"),
            a.duplicate_hours_per_month,
            unit=unit,
            digits=0,
            status="warn" if a.groups else "good",
            note=ctx.tr(
                "{groups}; {per_map} h per process map (bank in the published case: {bank} h)",
                groups=groups_text(len(a.groups), ctx.language),
                per_map=hours_text(ctx, per_map),
                bank=hours_text(ctx, BANK_DUPLICATE_HOURS / BANK_MAPS),
            ),
        ),
        Tile(
            ctx.tr("Rework"),
            a.rework_hours_per_month,
            unit=unit,
            digits=0,
            status="warn" if a.rework else "good",
            note=ctx.trn("in one loop", "in {loops} loops", len(a.rework), loops=len(a.rework)),
        ),
        Tile(
            ctx.tr("Capacity tied up"),
            view.fte(view.waste_hours_per_month),
            unit=ctx.tr("FTE"),
            digits=1,
            note=ctx.tr(
                "duplicate work and rework, {hours} h per FTE",
                hours=hours_text(ctx, view.hours_per_fte_month),
            ),
        ),
        Tile(
            ctx.tr("Saving of the to-be process"),
            view.comparison.saved_hours_per_month,
            unit=unit,
            digits=0,
            note=ctx.tr("as-is effort minus best-practice effort"),
        ),
    ]
    return tiles(ctx, items)


_WARNINGS = (
    (
        re.compile(r"no branch probabilities: outgoing flows of (\d+) gateway"),
        N_(
            "“{map}” (BPMN) has no branch probabilities: the paths after "
            "decisions were weighted equally (decisions affected: "
            "{values}). Where it matters, ask for the probabilities in the "
            "workshop."
        ),
    ),
    (
        re.compile(r"BPMN element '([^']+)' is not part of a process map.*\((\d+)×\)"),
        N_(
            "“{map}” (BPMN): elements of type “{values}” ({n}×) are not "
            "part of the flow and were skipped."
        ),
    ),
)


def _warning_text(ctx: ReportContext, pmap: ProcessMap, message: str) -> str:
    for pattern, text in _WARNINGS:
        hit = pattern.search(message)
        if hit:
            first, last = hit.group(1), hit.groups()[-1]
            return ctx.tr(text, map=pmap.name, values=first, n=last)
    return ctx.tr("“{map}”: {message}", map=pmap.name, message=render(message, ctx.language))


@needs("maps")
def import_notes(ctx: ReportContext, view: ProcessView) -> Html | None:
    """Return a note with the import warnings of the maps (e.g. BPMN without probabilities)."""
    texts = [_warning_text(ctx, m, w.message) for m in view.maps for w in m.warnings]
    if not texts:
        return None
    return note(
        ctx,
        ctx.tr("Reading the process maps raised notes.") + " " + " ".join(texts),
        kind="warning",
    )
