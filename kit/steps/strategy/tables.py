"""Step 05 (collection strategy): tables of segments, channels, ladder, capacity and hand-over.

The hand-over links point to ``exports/<file>``, next to the reports (`kit.steps.strategy.view`).
"""

from __future__ import annotations

from html import escape
from pathlib import Path

import pandas as pd

from kit.i18n import N_, NP_
from kit.i18n.labels import (
    STRATEGY_CHANNEL,
    STRATEGY_HANDOVER_COL,
    STRATEGY_OWNER,
    STRATEGY_STEP,
    STRATEGY_TONE,
)
from kit.report import Html, note, table
from kit.report.consultant import consultant_note
from kit.report.context import ReportContext
from kit.steps.strategy.text import catalogue_or_value, channel_name, describe_segment, segment_name
from kit.steps.strategy.view import LATE_SEGMENTS, LOOKBACK_DAYS, StrategyView
from kit.steps.thin import needs

_STEPS_STRATEGY_COL: dict[str, str] = {
    "ar": N_("Receivables"),
    "ar_share": N_("Share of AR"),
    "capacity_hours": N_("Capacity (h/month)"),
    "channel": N_("Channel"),
    "click_rate": N_("Click rate"),
    "customer_share": N_("Share of customers"),
    "customers": N_("Customers"),
    "day": N_("Day"),
    "days_late": N_("Avg. delay (days)"),
    "delivery_rate": N_("Delivered"),
    "describe": N_("How we recognise the segment"),
    "dispute_rate": N_("Dispute rate"),
    "extra_fte": N_("Extra FTE"),
    "gap_hours": N_("Gap (h/month)"),
    "growth": N_("Volume growth"),
    "hours": N_("Hours a month"),
    "invoices_per_month": N_("Invoices a month"),
    "map": N_("Process"),
    "messages": N_("Messages"),
    "note": N_("Adjustment"),
    "on_time_rate": N_("Paid on time"),
    "open_rate": N_("Open rate"),
    "overdue_share": N_("of which overdue"),
    "owner": NP_("col.owner", "Owner"),
    "payment_rate": N_("Paid within 14 days"),
    "response_rate": N_("Response rate"),
    "segment": N_("Segment"),
    "step": NP_("step", "Step"),
    "tone": N_("Tone"),
    "workload_hours": N_("Workload (h/month)"),
}

_STEPS_STRATEGY_RULES_CAPTION: dict[str, str] = {
    "kmeans": N_("Cluster profiles in words (means over the cluster's customers)"),
    "rules": N_(
        "Segment rules in words (checked top to bottom; the first rule that matches decides)"
    ),
}

_STEPS_THIN_STRATEGY_LADDER: dict[str, str] = {
    "agreed": N_("This ladder is the version agreed with you."),
    "proposal": N_(
        "The ladder is a proposal from best-practice defaults, "
        "adjusted to each segment's payment behaviour. We agree days, "
        "channels, tone and owners with you; the agreed version then "
        "replaces this proposal."
    ),
}


#: The link text of each export file.
_DOWNLOAD: dict[str, str] = {"csv": N_("CSV file"), "xlsx": N_("Excel file")}

__all__ = [
    "capacity_table",
    "channel_table",
    "handover_block",
    "handover_table",
    "ladder_note",
    "ladder_table",
    "segment_rules_table",
    "segment_table",
    "workload_table",
]

# --- segments -----------------------------------------------------------------------------


def segment_table(ctx: ReportContext, view: StrategyView) -> Html:
    """Return the segment table: size, AR share, days late, on-time and dispute rate, rule."""
    s = view.summary
    df = pd.DataFrame(
        {
            "segment": [segment_name(ctx, view, str(x)) for x in s["segment"]],
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
    labels = {c: ctx.tr(_STEPS_STRATEGY_COL[c]) for c in df.columns if c != "late"}
    return table(
        ctx,
        df,
        formats=formats,
        labels=labels,
        highlight="late",
        caption=ctx.tr(
            "Customer segments by payment behaviour over the {days} days "
            "up to {date}; late-paying segments highlighted",
            date=ctx.date(ctx.as_of),
            days=LOOKBACK_DAYS,
        ),
    )


def segment_rules_table(ctx: ReportContext, view: StrategyView) -> Html:
    """Return per segment in words how it is recognised (the rule or the cluster profile)."""
    s = view.summary
    df = pd.DataFrame(
        {
            "segment": [segment_name(ctx, view, str(x)) for x in s["segment"]],
            "describe": [describe_segment(ctx, view, str(x)) for x in s["segment"]],
        }
    )
    labels = {c: ctx.tr(_STEPS_STRATEGY_COL[c]) for c in df.columns}
    caption = ctx.tr(_STEPS_STRATEGY_RULES_CAPTION[view.method])
    return table(ctx, df, formats=dict.fromkeys(df.columns, "text"), labels=labels, caption=caption)


# --- channels -----------------------------------------------------------------------------


@needs("events")
def channel_table(ctx: ReportContext, view: StrategyView) -> Html:
    """Return per channel: messages and delivery, open, click, response and payment rates (%)."""
    e = view.by_channel
    cols = ["messages", "delivery_rate", "open_rate", "click_rate", "response_rate", "payment_rate"]
    df = e[["channel", *cols]].copy()
    df["channel"] = [channel_name(ctx, str(c)) for c in df["channel"]]
    formats = {c: "percent:0" for c in cols[1:]} | {"messages": "number:0", "channel": "text"}
    labels = {c: ctx.tr(_STEPS_STRATEGY_COL[c]) for c in df.columns}
    return table(
        ctx,
        df,
        formats=formats,
        labels=labels,
        caption=ctx.tr(
            "Effect of the dunning channels across all segments, messages "
            "of the last {days} days (rates in % of messages; opens and "
            "clicks only where the channel records them)",
            days=LOOKBACK_DAYS,
        ),
    )


# --- ladder -------------------------------------------------------------------------------


def _day_text(day: int) -> str:
    return "0" if day == 0 else f"{day:+d}".replace("-", "\u2212")


def ladder_table(ctx: ReportContext, view: StrategyView) -> Html:
    """Return the dunning ladder per segment: day to due date, channel, tone, owner, action."""
    lad = view.ladder
    first = lad["segment"].ne(lad["segment"].shift())
    df = pd.DataFrame(
        {
            "segment": [
                segment_name(ctx, view, str(s)) if f else ""
                for s, f in zip(lad["segment"], first, strict=True)
            ],
            "day": [_day_text(int(d)) for d in lad["day"]],
            "step": [catalogue_or_value(ctx, STRATEGY_STEP, str(s)) for s in lad["step"]],
            "channel": [catalogue_or_value(ctx, STRATEGY_CHANNEL, str(c)) for c in lad["channel"]],
            "tone": [catalogue_or_value(ctx, STRATEGY_TONE, str(x)) for x in lad["tone"]],
            "owner": [catalogue_or_value(ctx, STRATEGY_OWNER, str(o)) for o in lad["owner"]],
            "note": [str(x) for x in lad["note"]],
        }
    )
    labels = {c: ctx.tr(_STEPS_STRATEGY_COL[c]) for c in df.columns}
    return table(
        ctx,
        df,
        formats=dict.fromkeys(df.columns, "text"),
        labels=labels,
        caption=ctx.tr(
            "Proposed dunning ladder per segment. Day relative to the due "
            "date: −3 = three days before, +7 = seven days after it. The "
            "message wording per step is in the proposal file."
        ),
    )


def ladder_note(ctx: ReportContext, view: StrategyView) -> Html:
    """Return the note on the ladder's source and how to edit it and run again."""
    root = ctx.engagement.root
    proposal = _relative(view.proposal_file, root)
    if view.ladder_file is not None:
        text = ctx.tr(
            "This ladder comes from the agreed file {file}. The unchanged "
            "proposal for comparison is in {proposal}.",
            file=_relative(view.ladder_file, root),
            proposal=proposal,
        )
    else:
        text = ctx.tr(
            "The ladder is a proposal from best-practice defaults, "
            "adjusted to each segment's payment behaviour. To change it, "
            "copy {proposal} (e.g. to strategy/ladder.csv), edit days, "
            "channels, tone or owner, set it in engagement.yaml under "
            "strategy: ladder: and run the report again. The file is "
            "checked row by row when it is read.",
            proposal=proposal,
        )
    consultant_note(text)  # paths and engagement.yaml keys: for the consultant, not the client
    agreed = "agreed" if view.ladder_file is not None else "proposal"
    return note(ctx, ctx.tr(_STEPS_THIN_STRATEGY_LADDER[agreed]))


def _relative(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


# --- capacity -----------------------------------------------------------------------------


@needs("maps")
def workload_table(ctx: ReportContext, view: StrategyView) -> Html:
    """Return the working hours a month per process map, with the total."""
    w = view.workload.sort_values("hours", ascending=False, kind="stable")
    total = pd.DataFrame({"name": [ctx.tr("Total")], "hours": [w["hours"].sum()]})
    df = pd.concat([w[["name", "hours"]], total], ignore_index=True)
    labels = {"name": ctx.tr("Process"), "hours": ctx.tr("Hours a month")}
    return table(
        ctx,
        df,
        formats={"name": "text", "hours": "number:0"},
        labels=labels,
        caption=ctx.tr(
            "Working time a month from the process maps (minutes × "
            "frequency; waiting time not counted)"
        ),
    )


@needs("maps")
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
    labels = {c: ctx.tr(_STEPS_STRATEGY_COL[c]) for c in cols if c != "short"}
    return table(
        ctx,
        tab[cols],
        formats=formats,
        labels=labels,
        highlight="short",
        caption=ctx.tr("Workload and capacity per growth step; rows with a shortfall highlighted"),
    )


# --- agency hand-over ---------------------------------------------------------------------

_TOP = 10


def handover_table(ctx: ReportContext, view: StrategyView) -> Html:
    """Return the largest open invoices of the hand-over list (top 10 by open amount)."""
    h = view.handover.head(_TOP).copy()
    h["last_channel"] = [
        catalogue_or_value(ctx, STRATEGY_CHANNEL, str(c)) if pd.notna(c) else ""
        for c in h["last_channel"]
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
    labels = {c: ctx.tr(STRATEGY_HANDOVER_COL[c]) for c in cols}
    caption = ctx.tr(
        "The {shown} largest of {total} invoices on the hand-over list (by open amount)",
        shown=len(h),
        total=len(view.handover),
    )
    return table(ctx, h[cols], formats=formats, labels=labels, caption=caption)


def handover_block(ctx: ReportContext, view: StrategyView) -> Html:
    """Return the hand-over totals with offline links to the CSV and Excel files."""
    h = view.handover
    settings = ctx.engagement.strategy
    unique = int(h["customer_id"].nunique())
    of_customers = ctx.trn(
        "of {count} customer", "of {count} customers", unique, count=ctx.number(unique, digits=0)
    )
    totals = ctx.trn(
        "{count} invoice {customers}, {amount} open in "
        "total – undisputed, at least {days} days past due, open "
        "amount from {min_amount}. Full list to review and pass on:",
        "{count} invoices {customers}, {amount} open in "
        "total – undisputed, at least {days} days past due, open "
        "amount from {min_amount}. Full list to review and pass on:",
        len(h),
        count=ctx.number(len(h), digits=0),
        customers=of_customers,
        amount=ctx.money(float(h["open_amount"].sum())),
        days=settings.agency_days_overdue,
        min_amount=ctx.money(settings.agency_min_amount, digits=0),
    )
    links = " · ".join(
        f'<a href="exports/{escape(p.name)}" download>'
        f"{escape(ctx.tr(_DOWNLOAD[kind]))} ({escape(p.name)})</a>"
        for kind, p in zip(("csv", "xlsx"), view.exports, strict=True)
    )
    html = (
        '<aside class="kit-note kit-note-info"><strong>'
        f"{escape(ctx.tr('Hand-over list'))}:</strong> {escape(totals)}<br>{links}"
        "</aside>"
    )
    return Html(html, totals)
