"""Step 05 (collection strategy): segments, channels, dunning ladder, capacity, agency hand-over.

Everything notebook 05 shows is built here from the engagement: the ledger (segments, channels,
hand-over list), the process maps (workload hours) and the engagement settings (team, strategy).
Behaviour and channels are measured over the 365 days up to the as-of date.

Exports: the agency hand-over list (CSV and XLSX) and the proposed dunning ladder (CSV, for the
consultant to edit) are written atomically into the run's ``exports/`` folder, which `kit run`
publishes with the reports as ``reports/exports/``; the report links them as ``exports/<file>``, so
the links work offline wherever the reports folder is copied.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Literal

import pandas as pd

from kit.engagement import Engagement
from kit.i18n import N_
from kit.ingest import load_ledger
from kit.ledger import Ledger
from kit.message import render, wording
from kit.report import Html, Tile, headline, summary
from kit.report import tiles as tile_row
from kit.report.context import ReportContext
from kit.steps.strategy.handover import export_handover
from kit.steps.strategy.labels import segment_labels
from kit.steps.strategy.summary import strategy_summary
from kit.steps.thin import maps_or_none, thin_sentences
from kit.strategy import (
    CapacityPlan,
    agency_handover,
    capacity_plan,
    channel_effectiveness,
    load_ladder,
    preferred_channels,
    propose_ladder,
    save_ladder,
    segment_customers,
    segment_summary,
)

__all__ = [
    "LATE_SEGMENTS",
    "LOOKBACK_DAYS",
    "MIN_MESSAGES",
    "StrategyView",
    "exports_dir",
    "invoices_per_month",
    "strategy_headline",
    "strategy_summary_block",
    "strategy_tiles",
    "strategy_view",
    "workload_by_map",
]

LOOKBACK_DAYS = 365
MIN_MESSAGES = 20
LATE_SEGMENTS = ("disputer", "high_value_at_risk", "chronic_late")
_TIGHT_GROWTH = 0.2  # less headroom than +20 % volume counts as tight


@dataclass(frozen=True)
class StrategyView:
    """What notebook 05 shows: segments, channels, ladder, capacity plan and hand-over list."""

    segments: pd.DataFrame  # one row per customer
    summary: pd.DataFrame  # one row per segment (segment_summary)
    effectiveness: pd.DataFrame  # per segment and channel
    by_channel: pd.DataFrame  # per channel, all segments
    preferred: dict[str, str]
    ladder: pd.DataFrame
    ladder_file: Path | None  # the edited ladder in use, None = the proposal
    proposal_file: Path  # the proposal written for editing
    workload: pd.DataFrame  # map, name, hours per month
    plan: CapacityPlan
    handover: pd.DataFrame
    exports: tuple[Path, Path]  # hand-over CSV, XLSX
    method: str  # rules | kmeans

    @property
    def missing(self) -> tuple[str, ...]:
        """Return what the view lacks: "maps" (no workload), "events" (no dunning messages)."""
        lacking = []
        if self.workload.empty or float(self.workload["hours"].sum()) <= 0:
            lacking.append("maps")
        if self.by_channel.empty or float(self.by_channel["messages"].sum()) <= 0:
            lacking.append("events")
        return tuple(lacking)


def exports_dir(engagement: Engagement) -> Path:
    """Return the folder for files the client opens from the reports.

    Under `kit run` it is the run's `exports/` folder (published with the reports as
    `reports/exports/`); a notebook run by hand writes to `<engagement>/output/exports/`.
    """
    from kit.files import EXPORTS_ENV

    chosen = os.environ.get(EXPORTS_ENV)
    return Path(chosen) if chosen else engagement.output_dir / "exports"


def workload_by_map(engagement: Engagement) -> pd.DataFrame:
    """Return per process map its working hours a month (minutes × per month ÷ 60, no waits)."""
    maps = maps_or_none(engagement.resolve(engagement.process_maps))
    rows = []
    for pmap in maps:
        hours = sum(
            pmap.hours(node)
            for node, kind in pmap.graph.nodes(data="kind")
            if kind in ("task", "decision")
        )
        rows.append({"map": pmap.id, "name": pmap.name, "hours": float(hours)})
    return pd.DataFrame(rows, columns=["map", "name", "hours"])


def invoices_per_month(ledger: Ledger, *, as_of: date) -> float:
    """Return the mean number of invoices issued a month over the 12 months up to as_of."""
    end = pd.Timestamp(as_of).normalize()
    start = end - pd.DateOffset(months=12)
    issued = ledger.invoices["issue_date"]
    return float(((issued > start) & (issued <= end)).sum()) / 12.0


#: The file name stem of each export, in the report language.
_FILE_STEM: dict[str, str] = {
    "handover": N_("agency-handover"),
    "ladder": N_("dunning-ladder-proposal"),
}


def _stem(ctx: ReportContext, key: str) -> str:
    return f"{ctx.tr(_FILE_STEM[key])}_{ctx.as_of.isoformat()}"


def _ladder(
    ctx: ReportContext, summary_df: pd.DataFrame, preferred: dict[str, str]
) -> tuple[pd.DataFrame, Path | None, Path]:
    settings = ctx.engagement.strategy
    proposal = propose_ladder(summary_df, preferred, agency_days=settings.agency_days_overdue)
    proposal["note"] = [render(wording(note), ctx.language) for note in proposal["note"]]
    proposal_file = save_ladder(
        proposal, exports_dir(ctx.engagement) / f"{_stem(ctx, 'ladder')}.csv"
    )
    if settings.ladder is not None:
        edited = ctx.engagement.resolve(settings.ladder)  # `kit validate` refuses a bad one
        return load_ladder(edited), edited, proposal_file
    return proposal, None, proposal_file


def strategy_view(ctx: ReportContext) -> StrategyView:
    """Return everything notebook 05 shows; writes the hand-over list and ladder proposal files.

    Long because the view gathers every result of the step in dependency order (ledger, segments,
    channels, capacity, files).
    """
    engagement = ctx.engagement
    ledger = load_ledger(engagement)
    method: Literal["rules", "kmeans"] = "kmeans" if engagement.strategy.clustering else "rules"
    segments = segment_customers(
        ledger,
        as_of=ctx.as_of,
        lookback_days=LOOKBACK_DAYS,
        method=method,
        seed=0,
        currency=engagement.currency,
    )
    seg_summary = segment_labels(
        segment_summary(segments, ledger, as_of=ctx.as_of), currency=engagement.currency
    )
    effect = channel_effectiveness(
        ledger, as_of=ctx.as_of, period_days=LOOKBACK_DAYS, segments=segments
    )
    by_channel = channel_effectiveness(ledger, as_of=ctx.as_of, period_days=LOOKBACK_DAYS)
    preferred = preferred_channels(effect, segments=segments, min_messages=MIN_MESSAGES)
    ladder, ladder_file, proposal_file = _ladder(ctx, seg_summary, preferred)
    workload = workload_by_map(engagement)
    plan = capacity_plan(
        workload_hours_per_month=float(workload["hours"].sum()),
        invoices_per_month=invoices_per_month(ledger, as_of=ctx.as_of),
        fte=engagement.team.fte,
        hours_per_fte_month=engagement.team.hours_per_fte_month,
    )
    handover = agency_handover(
        ledger,
        as_of=ctx.as_of,
        days_overdue=engagement.strategy.agency_days_overdue,
        min_amount=engagement.strategy.agency_min_amount,
    )
    exports = export_handover(
        handover, exports_dir(engagement), language=ctx.language, stem=_stem(ctx, "handover")
    )
    return StrategyView(
        segments,
        seg_summary,
        effect,
        by_channel,
        preferred,
        ladder,
        ladder_file,
        proposal_file,
        workload,
        plan,
        handover,
        exports,
        method,
    )


# --- summary, headline, tiles -------------------------------------------------------------


def _headroom(view: StrategyView) -> float | None:
    """Return the volume growth the team carries (share), None when it carries all tested."""
    return view.plan.break_even_growth


def _late_overdue_share(view: StrategyView) -> float:
    s = view.summary
    total = float(s["overdue"].sum())
    late = float(s.loc[s["segment"].isin(LATE_SEGMENTS), "overdue"].sum())
    return late / total * 100.0 if total > 0 else 0.0


def _biggest_map(view: StrategyView) -> pd.Series:
    return view.workload.sort_values("hours", ascending=False, kind="stable").iloc[0]


def strategy_summary_block(ctx: ReportContext, view: StrategyView) -> Html:
    """Return the executive summary: segments, channels, capacity, hand-over, what to do.

    Long because each sentence has its own condition and wording on the same view.
    """
    settings = ctx.engagement.strategy
    lacking = view.missing
    found = strategy_summary(
        language=ctx.language,
        segment_summary=view.summary,
        preferred=(
            {}
            if "events" in lacking
            else {s: c for s, c in view.preferred.items() if s in set(view.summary["segment"])}
        ),
        capacity=None if "maps" in lacking else view.plan,
        handover=view.handover,
        agency_days=settings.agency_days_overdue,
        currency=ctx.engagement.currency,
    )
    means = []
    if view.method == "rules" and float(view.summary["overdue"].sum()) > 0:
        means.append(
            ctx.tr(
                "{share} of overdue receivables sit with the late-paying "
                "segments (chronic late payers, high value at risk, "
                "disputers). One dunning procedure for all treats punctual and "
                "late customers alike; a ladder per segment puts the effort "
                "where the money is.",
                share=ctx.percent(_late_overdue_share(view), digits=0),
            )
        )
    if "events" not in lacking and len(set(view.preferred.values())) > 1:
        means.append(
            ctx.tr(
                "Which channel leads to payment differs by segment. Using "
                "customers' preferred channels raises the chance of payment "
                "without raising the pressure."
            )
        )
    g = None if "maps" in lacking else _headroom(view)
    big = _biggest_map(view) if len(view.workload) else None
    if g is not None and g < _TIGHT_GROWTH:
        means.append(
            ctx.tr(
                "The team works close to its capacity. If invoice volume "
                "grows, collection work piles up – and DSO rises – unless "
                "people are added or routine work is automated in time."
            )
        )
    elif "maps" not in lacking:
        means.append(
            ctx.tr(
                "The team has room for growth; spare time can go into personal "
                "conversations with late-paying key accounts."
            )
        )
    if len(view.handover):
        means.append(
            ctx.tr(
                "These cases are hard to resolve with the own dunning process. "
                "A manual review before the hand-over makes sure no disputed "
                "claim and no key customer goes to the agency unchecked."
            )
        )
    steps = [
        ctx.tr(
            "Agree the proposed dunning ladder per segment with credit "
            "management and sales: start friendly, escalate earlier only "
            "for late-paying segments, no over-aggressive tactics – the "
            "relationship with customers matters."
        )
    ]
    if "events" not in lacking:
        steps.append(
            ctx.tr(
                "Personalise dunning: send reminders through each segment's "
                "most effective channel and track open, click, response and "
                "payment rates monthly to refine the ladder with data."
            )
        )
    if g is not None and g < _TIGHT_GROWTH and big is not None:
        steps.append(
            ctx.tr(
                "Decide before the next growth step: add people or automate "
                "routine work. The biggest lever is the process “{map}” with "
                "{hours} hours a month (e.g. automatic cash application and "
                "reminders).",
                map=str(big["name"]),
                hours=ctx.number(float(big["hours"]), digits=0),
            )
        )
    elif "maps" not in lacking:
        steps.append(
            ctx.tr(
                "Recalculate workload and capacity after every growth step "
                "(keep the process maps up to date)."
            )
        )
    if len(view.handover):
        steps.append(
            ctx.trn(
                "Review the hand-over list ({count} invoice) manually and "
                "pass it to the collection agency; automate the export only "
                "once the process has settled.",
                "Review the hand-over list ({count} invoices) manually and "
                "pass it to the collection agency; automate the export only "
                "once the process has settled.",
                len(view.handover),
            )
        )
    extra = thin_sentences(ctx, "strategy", missing=lacking)
    return summary(
        ctx,
        found=[*found, *extra.found],
        means=[*means, *extra.means],
        next_steps=[*steps, *extra.how],
    )


def _capacity_status(view: StrategyView) -> str:
    g = _headroom(view)
    if g is None:
        return "good"
    return "bad" if g < 0 else "warn" if g < _TIGHT_GROWTH else "good"


def _headroom_text(ctx: ReportContext, view: StrategyView) -> str:
    g = _headroom(view)
    if g is None:
        return ctx.tr(
            "Team carries at least {growth} more volume",
            growth=ctx.percent(view.plan.max_growth * 100, digits=0),
        )
    if g < 0:
        return ctx.tr("Team already overloaded")
    return ctx.tr("Team carries +{growth} volume", growth=ctx.percent(g * 100.0, digits=0))


def strategy_headline(ctx: ReportContext, view: StrategyView) -> None:
    """Publish the index card: volume headroom of the team and the agency hand-over."""
    value_text = (
        ctx.trn(
            "{segments} customer segment, capacity still open",
            "{segments} customer segments, capacity still open",
            len(view.summary),
            segments=len(view.summary),
        )
        if "maps" in view.missing
        else _headroom_text(ctx, view)
    )
    takeaway = ctx.trn(
        "{segments} customer segment with its own dunning ladder; "
        "{invoices} ({amount}) for hand-over to a collection agency.",
        "{segments} customer segments with their own dunning ladder; "
        "{invoices} ({amount}) for hand-over to a collection agency.",
        len(view.summary),
        segments=len(view.summary),
        invoices=ctx.trn("{count} invoice", "{count} invoices", len(view.handover)),
        amount=ctx.money(float(view.handover["open_amount"].sum()), digits=0),
    )
    headline(
        ctx,
        title=ctx.tr("Collection strategy"),
        value_text=value_text,
        takeaway=takeaway,
        status="neutral" if "maps" in view.missing else _capacity_status(view),
    )


def strategy_tiles(ctx: ReportContext, view: StrategyView) -> Html:
    """Return tiles: segments, overdue AR with late payers, volume headroom, hand-over amount."""
    g = _headroom(view)
    late = _late_overdue_share(view)
    items = [
        Tile(
            ctx.tr("Customers segmented"),
            float(view.summary["customers"].sum()),
            unit="number",
            digits=0,
            note=ctx.trn(
                "in {n} segment", "in {n} segments", len(view.summary), n=len(view.summary)
            ),
        ),
        Tile(
            ctx.tr("Overdue AR with late payers"),
            late,
            unit="percent",
            digits=0,
            status="warn" if late >= 50 else "neutral",
            note=ctx.tr("share of all overdue receivables"),
        ),
        Tile(
            ctx.tr("Volume growth the team can carry"),
            (view.plan.max_growth if g is None else g) * 100.0,
            unit="percent",
            digits=0,
            status=_capacity_status(view),
            note=(ctx.tr("at least (tested up to here); ") if g is None else "")
            + (
                ctx.tr("above 100 %: the team would carry more than twice today's invoice volume; ")
                if g is not None and g > 1
                else ""
            )
            + ctx.tr(
                "workload {workload} h, capacity {capacity} h a month",
                workload=ctx.number(view.plan.workload_hours_per_month, digits=0),
                capacity=ctx.number(view.plan.capacity_hours_per_month, digits=0),
            ),
        ),
        Tile(
            ctx.tr("For agency hand-over"),
            float(view.handover["open_amount"].sum()),
            unit="money",
            digits=0,
            note=ctx.trn("open on {count} invoice", "open on {count} invoices", len(view.handover)),
        ),
    ]
    if "maps" in view.missing:
        items = [i for i in items if i.label != ctx.tr("Volume growth the team can carry")]
    return tile_row(ctx, items)
