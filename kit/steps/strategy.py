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
from html import escape
from pathlib import Path
from typing import Literal

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from IPython.display import display
from matplotlib.figure import Figure

from kit.engagement import Engagement
from kit.ingest import load_ledger
from kit.ledger import Ledger
from kit.process import load_maps
from kit.report import OKABE_ITO, Html, Tile, glossary, headline, new_figure, note, summary, table
from kit.report import tiles as tile_row
from kit.report.context import ReportContext
from kit.strategy import (
    CapacityPlan,
    SegmentThresholds,
    agency_handover,
    capacity_plan,
    channel_effectiveness,
    export_handover,
    load_ladder,
    plot_capacity,
    preferred_channels,
    propose_ladder,
    save_ladder,
    segment_customers,
    segment_summary,
    strategy_summary,
)

__all__ = [
    "LATE_SEGMENTS",
    "LOOKBACK_DAYS",
    "MIN_MESSAGES",
    "StrategyView",
    "capacity_chart",
    "capacity_table",
    "channel_chart",
    "channel_table",
    "exports_dir",
    "handover_block",
    "handover_table",
    "invoices_per_month",
    "ladder_note",
    "ladder_table",
    "segment_chart",
    "segment_rules_table",
    "segment_table",
    "show",
    "strategy_glossary",
    "strategy_headline",
    "strategy_summary_block",
    "strategy_tiles",
    "strategy_view",
    "workload_by_map",
    "workload_table",
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


def show(fig: Figure) -> None:
    """Display a figure once in the report and close it; returns nothing."""
    display(fig)
    plt.close(fig)


def exports_dir(engagement: Engagement) -> Path:
    """Return the folder for files the client opens from the reports.

    Under `kit run` it is the run's `exports/` folder (published with the reports as
    `reports/exports/`); a notebook run by hand writes to `<engagement>/output/exports/`.
    """
    from kit.run.execute import EXPORTS_ENV

    chosen = os.environ.get(EXPORTS_ENV)
    return Path(chosen) if chosen else engagement.output_dir / "exports"


def workload_by_map(engagement: Engagement) -> pd.DataFrame:
    """Return per process map its working hours a month (minutes × per month ÷ 60, no waits)."""
    maps = load_maps([engagement.resolve(engagement.process_maps)])
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


def _stem(ctx: ReportContext, key: str) -> str:
    return f"{ctx.t(f'steps.strategy.file.{key}')}_{ctx.as_of.isoformat()}"


def _ladder(
    ctx: ReportContext, summary_df: pd.DataFrame, preferred: dict[str, str]
) -> tuple[pd.DataFrame, Path | None, Path]:
    settings = ctx.engagement.strategy
    proposal = propose_ladder(
        summary_df, preferred, agency_days=settings.agency_days_overdue, language=ctx.language
    )
    proposal_file = save_ladder(
        proposal, exports_dir(ctx.engagement) / f"{_stem(ctx, 'ladder')}.csv"
    )
    if settings.ladder is not None:
        edited = ctx.engagement.resolve(settings.ladder)
        if edited.is_file():
            return load_ladder(edited), edited, proposal_file
    return proposal, None, proposal_file


def strategy_view(ctx: ReportContext) -> StrategyView:
    """Return everything notebook 05 shows; writes the hand-over list and ladder proposal files."""
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
    seg_summary = segment_summary(segments, ledger, as_of=ctx.as_of)
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


# --- names --------------------------------------------------------------------------------


def _label(ctx: ReportContext, view: StrategyView, segment: str) -> str:
    if segment.startswith("cluster_"):
        return ctx.t("steps.strategy.cluster_name", number=segment.removeprefix("cluster_"))
    rows = view.summary[view.summary["segment"] == segment]
    if len(rows):
        return str(rows[f"label_{ctx.language}"].iloc[0])
    return ctx.t("steps.strategy.unknown_segment")


def _describe(ctx: ReportContext, view: StrategyView, segment: str) -> str:
    if segment.startswith("cluster_"):
        text = str(
            view.summary.loc[view.summary["segment"] == segment, f"label_{ctx.language}"].iloc[0]
        )
        words = text.split(": ", 1)[-1]
        return words[:1].upper() + words[1:]
    return ctx.t(f"steps.strategy.rule.{segment}", **_rule_values(ctx))


def _rule_values(ctx: ReportContext) -> dict[str, str]:
    th = SegmentThresholds()
    return {
        "dispute_rate": ctx.percent(th.dispute_rate_min, digits=0),
        "disputes": str(th.disputes_min),
        "top": ctx.percent((1.0 - th.high_value_quantile) * 100.0, digits=0),
        "hv_days": ctx.number(th.high_value_days_late, digits=0),
        "worse": ctx.number(th.worsening_days, digits=0),
        "chronic_days": ctx.number(th.chronic_days_late, digits=0),
        "chronic_on_time": ctx.percent(th.chronic_on_time_max, digits=0),
        "punctual_on_time": ctx.percent(th.punctual_on_time_min, digits=0),
        "punctual_days": ctx.number(th.punctual_days_late_max, digits=0),
    }


def _channel(ctx: ReportContext, channel: str) -> str:
    return ctx.t(f"strategy.channel.{channel}")


def _headroom(view: StrategyView) -> float | None:
    """Return the volume growth the team carries (share), None when it carries all tested."""
    return view.plan.break_even_growth


# --- summary, headline, tiles -------------------------------------------------------------


def _late_overdue_share(view: StrategyView) -> float:
    s = view.summary
    total = float(s["overdue"].sum())
    late = float(s.loc[s["segment"].isin(LATE_SEGMENTS), "overdue"].sum())
    return late / total * 100.0 if total > 0 else 0.0


def _biggest_map(view: StrategyView) -> pd.Series:
    return view.workload.sort_values("hours", ascending=False, kind="stable").iloc[0]


def strategy_summary_block(ctx: ReportContext, view: StrategyView) -> Html:
    """Return the executive summary: segments, channels, capacity, hand-over, what to do."""
    settings = ctx.engagement.strategy
    found = strategy_summary(
        language=ctx.language,
        segment_summary=view.summary,
        preferred={s: c for s, c in view.preferred.items() if s in set(view.summary["segment"])},
        capacity=view.plan,
        handover=view.handover,
        agency_days=settings.agency_days_overdue,
        currency=ctx.engagement.currency,
    )
    means = []
    if view.method == "rules" and float(view.summary["overdue"].sum()) > 0:
        means.append(
            ctx.t(
                "steps.strategy.means.late", share=ctx.percent(_late_overdue_share(view), digits=0)
            )
        )
    if len(set(view.preferred.values())) > 1:
        means.append(ctx.t("steps.strategy.means.channels"))
    g = _headroom(view)
    big = _biggest_map(view) if len(view.workload) else None
    if g is not None and g < _TIGHT_GROWTH:
        means.append(ctx.t("steps.strategy.means.capacity_tight"))
    else:
        means.append(ctx.t("steps.strategy.means.capacity_ok"))
    if len(view.handover):
        means.append(ctx.t("steps.strategy.means.handover"))
    steps = [ctx.t("steps.strategy.next.ladder"), ctx.t("steps.strategy.next.channels")]
    if g is not None and g < _TIGHT_GROWTH and big is not None:
        steps.append(
            ctx.t(
                "steps.strategy.next.capacity",
                map=str(big["name"]),
                hours=ctx.number(float(big["hours"]), digits=0),
            )
        )
    else:
        steps.append(ctx.t("steps.strategy.next.capacity_watch"))
    if len(view.handover):
        steps.append(ctx.t("steps.strategy.next.handover", count=len(view.handover)))
    return summary(ctx, found=found, means=means, next_steps=steps)


def _capacity_status(view: StrategyView) -> str:
    g = _headroom(view)
    if g is None:
        return "good"
    return "bad" if g < 0 else "warn" if g < _TIGHT_GROWTH else "good"


def _headroom_text(ctx: ReportContext, view: StrategyView) -> str:
    g = _headroom(view)
    if g is None:
        return ctx.t(
            "steps.strategy.headroom.all", growth=ctx.percent(view.plan.max_growth * 100, digits=0)
        )
    if g < 0:
        return ctx.t("steps.strategy.headroom.short")
    return ctx.t("steps.strategy.headroom.value", growth=ctx.percent(g * 100.0, digits=0))


def strategy_headline(ctx: ReportContext, view: StrategyView) -> None:
    """Publish the index card: volume headroom of the team and the agency hand-over."""
    takeaway = ctx.t(
        "steps.strategy.headline.takeaway",
        segments=len(view.summary),
        count=len(view.handover),
        amount=ctx.money(float(view.handover["open_amount"].sum()), digits=0),
    )
    headline(
        ctx,
        title=ctx.t("steps.strategy.headline.title"),
        value_text=_headroom_text(ctx, view),
        takeaway=takeaway,
        status=_capacity_status(view),
    )


def strategy_tiles(ctx: ReportContext, view: StrategyView) -> Html:
    """Return tiles: segments, overdue AR with late payers, volume headroom, hand-over amount."""
    g = _headroom(view)
    late = _late_overdue_share(view)
    items = [
        Tile(
            ctx.t("steps.strategy.tile.customers"),
            float(view.summary["customers"].sum()),
            unit="number",
            digits=0,
            note=ctx.t("steps.strategy.tile.segments", n=len(view.summary)),
        ),
        Tile(
            ctx.t("steps.strategy.tile.late_overdue"),
            late,
            unit="percent",
            digits=0,
            status="warn" if late >= 50 else "neutral",
            note=ctx.t("steps.strategy.tile.late_overdue_note"),
        ),
        Tile(
            ctx.t("steps.strategy.tile.headroom"),
            (view.plan.max_growth if g is None else g) * 100.0,
            unit="percent",
            digits=0,
            status=_capacity_status(view),
            note=ctx.t(
                "steps.strategy.tile.headroom_note",
                workload=ctx.number(view.plan.workload_hours_per_month, digits=0),
                capacity=ctx.number(view.plan.capacity_hours_per_month, digits=0),
            ),
        ),
        Tile(
            ctx.t("steps.strategy.tile.handover"),
            float(view.handover["open_amount"].sum()),
            unit="money",
            digits=0,
            note=ctx.t("steps.strategy.tile.handover_note", count=len(view.handover)),
        ),
    ]
    return tile_row(ctx, items)


# --- segments -----------------------------------------------------------------------------


def segment_table(ctx: ReportContext, view: StrategyView) -> Html:
    """Return the segment table: size, AR share, days late, on-time and dispute rate, rule."""
    s = view.summary
    df = pd.DataFrame(
        {
            "segment": [_label(ctx, view, str(x)) for x in s["segment"]],
            "customers": s["customers"],
            "ar": s["ar"],
            "ar_share": s["ar_share"],
            "overdue_share": s["overdue_share"],
            "days_late": s["days_late"],
            "on_time_rate": s["on_time_rate"],
            "dispute_rate": s["dispute_rate"],
            "late": s["segment"].isin(LATE_SEGMENTS)
            if view.method == "rules"
            else s["days_late"] > 20,
        }
    )
    formats = {
        "customers": "number:0",
        "ar": "money:0",
        "ar_share": "percent:0",
        "overdue_share": "percent:0",
        "days_late": "number:1",
        "on_time_rate": "percent:0",
        "dispute_rate": "percent:0",
    }
    labels = {c: ctx.t(f"steps.strategy.col.{c}") for c in df.columns if c != "late"}
    return table(
        ctx,
        df,
        formats=formats,
        labels=labels,
        highlight="late",
        caption=ctx.t(
            "steps.strategy.segment_caption", date=ctx.date(ctx.as_of), days=LOOKBACK_DAYS
        ),
    )


def segment_rules_table(ctx: ReportContext, view: StrategyView) -> Html:
    """Return per segment in words how it is recognised (the rule or the cluster profile)."""
    s = view.summary
    df = pd.DataFrame(
        {
            "segment": [_label(ctx, view, str(x)) for x in s["segment"]],
            "describe": [_describe(ctx, view, str(x)) for x in s["segment"]],
        }
    )
    labels = {c: ctx.t(f"steps.strategy.col.{c}") for c in df.columns}
    caption = ctx.t(f"steps.strategy.rules_caption.{view.method}")
    return table(ctx, df, formats=dict.fromkeys(df.columns, "text"), labels=labels, caption=caption)


def segment_chart(ctx: ReportContext, view: StrategyView) -> Figure:
    """Return a bar chart: share of customers, receivables and overdue receivables by segment."""
    s = view.summary.iloc[::-1]
    names = [_label(ctx, view, str(x)) for x in s["segment"]]
    total_overdue = float(view.summary["overdue"].sum())
    series = [
        ("customer_share", s["customer_share"]),
        ("ar_share", s["ar_share"]),
        (
            "overdue_of_total",
            s["overdue"] / total_overdue * 100.0 if total_overdue else s["overdue"] * 0,
        ),
    ]
    fig, ax = new_figure(
        xlabel=ctx.t("steps.strategy.chart.share_axis"),
        ylabel="",
        title=ctx.t("steps.strategy.chart.segments_title"),
        size=(8.0, 0.75 * len(s) + 1.6),
    )
    y = np.arange(len(s))
    height = 0.26
    for i, (key, values) in enumerate(series):
        pos = y + (1 - i) * height
        bars = ax.barh(
            pos,
            values.fillna(0.0),
            height=height,
            color=OKABE_ITO[i],
            label=ctx.t(f"steps.strategy.chart.{key}"),
        )
        ax.bar_label(
            bars,
            labels=[ctx.percent(float(v), digits=0) for v in values.fillna(0.0)],
            padding=3,
            fontsize=8,
        )
    ax.set_yticks(y, names)
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    top = max(float(v.fillna(0.0).max()) for _, v in series)
    ax.set_xlim(0, max(top * 1.15, 10.0))
    ax.legend(loc="lower right")
    return fig


# --- channels -----------------------------------------------------------------------------


def channel_table(ctx: ReportContext, view: StrategyView) -> Html:
    """Return per channel: messages and delivery, open, click, response and payment rates (%)."""
    e = view.by_channel
    cols = ["messages", "delivery_rate", "open_rate", "click_rate", "response_rate", "payment_rate"]
    df = e[["channel", *cols]].copy()
    df["channel"] = [_channel(ctx, str(c)) for c in df["channel"]]
    formats = {c: "percent:0" for c in cols[1:]} | {"messages": "number:0", "channel": "text"}
    labels = {c: ctx.t(f"steps.strategy.col.{c}") for c in df.columns}
    return table(
        ctx,
        df,
        formats=formats,
        labels=labels,
        caption=ctx.t("steps.strategy.channel_caption", days=LOOKBACK_DAYS),
    )


def channel_chart(ctx: ReportContext, view: StrategyView) -> Figure:
    """Return a heat map of the payment rate within 14 days (%) by segment and channel."""
    e = view.effectiveness
    e = e[e["segment"] != "unknown"]
    segments = [s for s in view.summary["segment"] if s in set(e["segment"])]
    channels = list(dict.fromkeys(e["channel"]))
    grid = np.full((len(segments), len(channels)), np.nan)
    counts = np.zeros_like(grid)
    for seg, chan, rate, sent in zip(
        e["segment"], e["channel"], e["payment_rate"], e["messages"], strict=True
    ):
        i, j = segments.index(str(seg)), channels.index(str(chan))
        grid[i, j], counts[i, j] = float(rate), float(sent)
    fig, ax = new_figure(
        xlabel=ctx.t("steps.strategy.chart.channel_axis"),
        ylabel="",
        title=ctx.t("steps.strategy.chart.channels_title"),
        size=(8.0, 0.7 * max(len(segments), 1) + 1.8),
    )
    shown = np.where(counts >= MIN_MESSAGES, grid, np.nan)
    image = ax.imshow(shown, cmap="cividis", vmin=0, vmax=100, aspect="auto")
    ax.grid(False)
    for i in range(len(segments)):
        for j in range(len(channels)):
            if counts[i, j] == 0:
                continue
            value = ctx.percent(float(grid[i, j]), digits=0)
            few = counts[i, j] < MIN_MESSAGES
            text = f"({value})\nn={int(counts[i, j])}" if few else f"{value}\nn={int(counts[i, j])}"
            light = few or grid[i, j] < 55
            best = view.preferred.get(segments[i]) == channels[j] and not few
            ax.text(
                j,
                i,
                text,
                ha="center",
                va="center",
                fontsize=8,
                color="#6b7280" if few else ("white" if light else "black"),
                fontweight="bold" if best else "normal",
            )
    ax.set_xticks(range(len(channels)), [_channel(ctx, c) for c in channels])
    ax.set_yticks(range(len(segments)), [_label(ctx, view, s) for s in segments])
    bar = fig.colorbar(image, ax=ax, shrink=0.8)
    bar.set_label(ctx.t("steps.strategy.chart.payment_rate"))
    return fig


# --- ladder -------------------------------------------------------------------------------


def _day_text(day: int) -> str:
    return "0" if day == 0 else f"{day:+d}".replace("-", "\u2212")


def _maybe(ctx: ReportContext, prefix: str, value: str) -> str:
    from kit.report.i18n import catalogue

    key = f"{prefix}.{value}"
    return ctx.t(key) if key in catalogue() else value


def ladder_table(ctx: ReportContext, view: StrategyView) -> Html:
    """Return the dunning ladder per segment: day to due date, channel, tone, owner, action."""
    lad = view.ladder
    first = lad["segment"].ne(lad["segment"].shift())
    df = pd.DataFrame(
        {
            "segment": [
                _label(ctx, view, str(s)) if f else ""
                for s, f in zip(lad["segment"], first, strict=True)
            ],
            "day": [_day_text(int(d)) for d in lad["day"]],
            "step": [_maybe(ctx, "steps.strategy.step", str(s)) for s in lad["step"]],
            "channel": [_maybe(ctx, "strategy.channel", str(c)) for c in lad["channel"]],
            "tone": [_maybe(ctx, "steps.strategy.tone", str(x)) for x in lad["tone"]],
            "owner": [_maybe(ctx, "steps.strategy.owner", str(o)) for o in lad["owner"]],
            "note": [str(x) for x in lad["note"]],
        }
    )
    labels = {c: ctx.t(f"steps.strategy.col.{c}") for c in df.columns}
    return table(
        ctx,
        df,
        formats=dict.fromkeys(df.columns, "text"),
        labels=labels,
        caption=ctx.t("steps.strategy.ladder_caption"),
    )


def ladder_note(ctx: ReportContext, view: StrategyView) -> Html:
    """Return the note on the ladder's source and how to edit it and run again."""
    root = ctx.engagement.root
    proposal = _relative(view.proposal_file, root)
    if view.ladder_file is not None:
        text = ctx.t(
            "steps.strategy.ladder_edited",
            file=_relative(view.ladder_file, root),
            proposal=proposal,
        )
    else:
        text = ctx.t("steps.strategy.ladder_howto", proposal=proposal)
    return note(ctx, text)


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


# --- capacity -----------------------------------------------------------------------------


def capacity_chart(ctx: ReportContext, view: StrategyView) -> Figure:
    """Return the chart of workload against team capacity (hours a month), growth 0–100 %."""
    return plot_capacity(view.plan, language=ctx.language)


def workload_table(ctx: ReportContext, view: StrategyView) -> Html:
    """Return the working hours a month per process map, with the total."""
    w = view.workload.sort_values("hours", ascending=False, kind="stable")
    total = pd.DataFrame({"name": [ctx.t("steps.strategy.total")], "hours": [w["hours"].sum()]})
    df = pd.concat([w[["name", "hours"]], total], ignore_index=True)
    labels = {"name": ctx.t("steps.strategy.col.map"), "hours": ctx.t("steps.strategy.col.hours")}
    return table(
        ctx,
        df,
        formats={"name": "text", "hours": "number:0"},
        labels=labels,
        caption=ctx.t("steps.strategy.workload_caption"),
    )


def capacity_table(ctx: ReportContext, view: StrategyView) -> Html:
    """Return per growth step: invoices a month, workload, capacity, gap (hours), extra FTE."""
    tab = view.plan.table.copy()
    tab["growth"] = tab["growth"] * 100.0
    tab["short"] = tab["gap_hours"] > 0
    cols = [
        "growth",
        "invoices_per_month",
        "workload_hours",
        "capacity_hours",
        "gap_hours",
        "extra_fte",
        "short",
    ]
    formats = {
        "growth": "percent:0",
        "invoices_per_month": "number:0",
        "workload_hours": "number:0",
        "capacity_hours": "number:0",
        "gap_hours": "number:0",
        "extra_fte": "number:1",
    }
    labels = {c: ctx.t(f"steps.strategy.col.{c}") for c in cols if c != "short"}
    return table(
        ctx,
        tab[cols],
        formats=formats,
        labels=labels,
        highlight="short",
        caption=ctx.t("steps.strategy.capacity_caption"),
    )


# --- agency hand-over ---------------------------------------------------------------------

_TOP = 10


def handover_table(ctx: ReportContext, view: StrategyView) -> Html:
    """Return the largest open invoices of the hand-over list (top 10 by open amount)."""
    h = view.handover.head(_TOP).copy()
    h["last_channel"] = [
        _maybe(ctx, "strategy.channel", str(c)) if pd.notna(c) else "" for c in h["last_channel"]
    ]
    cols = [
        "customer_id",
        "customer_name",
        "invoice_id",
        "due_date",
        "open_amount",
        "days_overdue",
        "reminders_sent",
        "last_channel",
    ]
    private = ctx.engagement.privacy == "pseudonymise"
    cols.remove("customer_name" if private or h["customer_name"].isna().all() else "customer_id")
    formats = {
        "customer_id": "text",
        "customer_name": "text",
        "invoice_id": "text",
        "due_date": "date",
        "open_amount": "money",
        "days_overdue": "number:0",
        "reminders_sent": "number:0",
        "last_channel": "text",
    }
    labels = {c: ctx.t(f"strategy.handover.col.{c}") for c in cols}
    caption = ctx.t("steps.strategy.handover_caption", shown=len(h), total=len(view.handover))
    return table(ctx, h[cols], formats=formats, labels=labels, caption=caption)


def handover_block(ctx: ReportContext, view: StrategyView) -> Html:
    """Return the hand-over totals with offline links to the CSV and Excel files."""
    h = view.handover
    settings = ctx.engagement.strategy
    totals = ctx.t(
        "steps.strategy.handover_totals",
        count=ctx.number(len(h), digits=0),
        customers=ctx.number(h["customer_id"].nunique(), digits=0),
        amount=ctx.money(float(h["open_amount"].sum())),
        days=settings.agency_days_overdue,
        min_amount=ctx.money(settings.agency_min_amount, digits=0),
    )
    links = " · ".join(
        f'<a href="exports/{escape(p.name)}" download>'
        f"{escape(ctx.t(f'steps.strategy.download.{kind}'))} ({escape(p.name)})</a>"
        for kind, p in zip(("csv", "xlsx"), view.exports, strict=True)
    )
    html = (
        '<aside class="kit-note kit-note-info"><strong>'
        f"{escape(ctx.t('steps.strategy.handover_title'))}:</strong> {escape(totals)}<br>{links}"
        "</aside>"
    )
    return Html(html, totals)


# --- glossary -----------------------------------------------------------------------------


def strategy_glossary(ctx: ReportContext, view: StrategyView) -> Html:
    """Return the glossary: segment rules, channel rates, ladder, capacity formula, hand-over."""
    terms = ["segments", "days_late", "on_time_rate", "dispute_rate", "ar_share"]
    if view.method == "rules":
        terms += [f"rule.{s}" for s in view.summary["segment"]]
    else:
        terms += ["clustering"]
    terms += [
        "delivery_rate",
        "open_rate",
        "click_rate",
        "response_rate",
        "payment_rate",
        "preferred",
        "ladder_day",
        "workload",
        "invoices_per_month",
        "capacity",
        "break_even",
        "handover",
    ]
    values = {
        "days": LOOKBACK_DAYS,
        "min_messages": MIN_MESSAGES,
        "fte": ctx.number(view.plan.fte, digits=1),
        "hours": ctx.number(view.plan.hours_per_fte_month, digits=0),
        "agency_days": ctx.engagement.strategy.agency_days_overdue,
        "min_amount": ctx.money(ctx.engagement.strategy.agency_min_amount, digits=0),
    }
    rows = []
    for term in terms:
        base = f"steps.strategy.glossary.{term}"
        name = (
            _label(ctx, view, term.removeprefix("rule."))
            if term.startswith("rule.")
            else ctx.t(base)
        )
        meaning = (
            ctx.t("steps.strategy." + term, **_rule_values(ctx))
            if term.startswith("rule.")
            else ctx.t(f"{base}.meaning", **values)
        )
        formula = ctx.t(f"{base}.formula", **values) if not term.startswith("rule.") else ""
        rows.append((name, meaning, formula))
    return glossary(ctx, rows)
