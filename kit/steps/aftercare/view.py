"""Step 07, after-care: the view, levers, headline and tiles.

The view holds the goal trend, KPIs, overdue contributors and the backlog.

It answers the question of seed 000 – "what could be improved, how can payments be collected even
faster?" – with the data: where the overdue receivables sit at the as-of date (`ctx.as_of`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from kit.goals import GoalStatus, evaluate_goals
from kit.i18n import N_, fmt_bucket
from kit.i18n.labels import GOALS_VERDICT, ROLLOUT_BACKLOG_STATUS
from kit.ingest import load_ledger
from kit.kpis import REGISTRY, KpiResult, compute_kpis, overdue_contributors, top_overdue
from kit.report import Html, ReportContext, Tile, headline
from kit.report import tiles as tile_row
from kit.rollout.backlog import load_backlog
from kit.steps.rollout.checks import goal_series

_STEPS_AFTERCARE_GROUP: dict[str, str] = {
    "disputed_no_reason": N_("dispute without a reason"),
    "missing": N_("not given"),
    "no_dispute": N_("no dispute"),
}

__all__ = [
    "LEVER_KPIS",
    "OLD_BUCKETS",
    "AftercareView",
    "aftercare_headline",
    "aftercare_kpi_name",
    "aftercare_tiles",
    "aftercare_value",
    "aftercare_view",
    "backlog_ids",
    "bucket_share",
    "group_label",
    "late_items",
    "levers",
    "overdue_total",
]

_P = "steps.aftercare."
_CLOSED = ("done", "dropped")
OLD_BUCKETS = ("91-180", ">180")
_TOP_CUSTOMERS = 10
# Which backlog KPIs address which lever (a backlog item counts for a lever by its KPI id).
LEVER_KPIS: Mapping[str, frozenset[str]] = {
    "top_customers": frozenset({"ar_overdue", "add", "days_late", "paid_within_45_rate"}),
    "old_items": frozenset({"ar_overdue", "add", "cei", "collection_rate"}),
    "early_items": frozenset(
        {
            "dso",
            "on_time_rate",
            "days_late",
            "paid_within_45_rate",
            "dunning_conversion_rate",
            "email_bounce_rate",
            "email_open_rate",
            "payment_success_rate",
        }
    ),
    "disputes": frozenset({"dispute_rate", "disputed_ar", "dispute_days_to_resolve"}),
    "segment": frozenset({"paid_within_45_rate", "dunning_conversion_rate", "dso"}),
}


@dataclass(frozen=True)
class AftercareView:
    """What the after-care report shows: goal statuses, KPIs now and at baseline, contributors."""

    series: pd.DataFrame
    goals: list[GoalStatus]
    now: KpiResult
    base: KpiResult | None
    contributors: dict[str, pd.DataFrame]
    top: pd.DataFrame
    backlog: pd.DataFrame


def aftercare_view(ctx: ReportContext) -> AftercareView:
    """Return the after-care data of the engagement at the report's as-of date."""
    eng = ctx.engagement
    ledger = load_ledger(eng)
    series = goal_series(ctx, ledger)
    as_of = max(ctx.as_of, eng.baseline_date or ctx.as_of)
    statuses = evaluate_goals(
        eng.goals,
        series,
        baseline_date=eng.baseline_date or as_of,
        as_of=as_of,
        computable=set(REGISTRY),
    )
    opts = {"period_days": eng.period_days, "goal_days": eng.goal_days}
    now = compute_kpis(ledger, as_of=ctx.as_of, **opts, engine=None)
    base = (
        compute_kpis(ledger, as_of=eng.baseline_date, **opts, engine=None)
        if eng.baseline_date
        else None
    )
    backlog = load_backlog(eng.resolve(eng.backlog), known_kpis=set(REGISTRY))
    return AftercareView(
        series=series,
        goals=statuses,
        now=now,
        base=base,
        contributors=overdue_contributors(ledger, as_of=ctx.as_of),
        top=top_overdue(ledger, as_of=ctx.as_of, n=_TOP_CUSTOMERS),
        backlog=backlog,
    )


def aftercare_kpi_name(ctx: ReportContext, kpi: str) -> str:
    """Return the KPI name in the report language with a capital first letter."""
    info = REGISTRY.get(kpi)
    if info is None:
        return kpi
    name = info.name_in(ctx.language)
    return name[:1].upper() + name[1:]


def aftercare_value(ctx: ReportContext, kpi: str, value: float | None) -> str:
    """Return a KPI value formatted with its unit (days, %, money, hours or a number)."""
    unit = REGISTRY[kpi].unit if kpi in REGISTRY else "number"
    if unit == "days":
        return ctx.days(value)
    if unit == "percent":
        return ctx.percent(value)
    if unit == "currency":
        return ctx.money(value, digits=0)
    return ctx.number(value)


def overdue_total(view: AftercareView) -> float:
    """Return the overdue amount of all customers (currency)."""
    return float(view.contributors["customer"]["overdue_amount"].sum())


def bucket_share(view: AftercareView, buckets: tuple[str, ...]) -> tuple[float, float]:
    """Return (overdue amount, share of all overdue in %) of the aging buckets given."""
    frame = view.contributors["aging_bucket"]
    chosen = frame[frame.index.isin(buckets)]
    return float(chosen["overdue_amount"].sum()), float(chosen["share_pct"].sum())


def backlog_ids(ctx: ReportContext, view: AftercareView, kpis: frozenset[str]) -> str:
    """Return the ids and statuses of the backlog items for `kpis` that are not dropped."""
    items = view.backlog[view.backlog["kpi"].isin(kpis) & (view.backlog["status"] != "dropped")]
    return ", ".join(
        f"{r.id} ({ctx.tr(ROLLOUT_BACKLOG_STATUS[str(r.status)])})" for r in items.itertuples()
    )


def levers(ctx: ReportContext, view: AftercareView) -> pd.DataFrame:
    """Return the levers on overdue AR, largest amount first: lever, amount, share %, action.

    Long because each lever is one row of a few lines computed from the same contributors.
    """
    tr, rows = ctx.tr, []
    total = overdue_total(view)
    if total <= 0:
        return pd.DataFrame(columns=["lever", "amount", "share_pct", "action", "backlog"])
    top = view.top.head(3)
    names = ", ".join(
        str(n) if isinstance(n, str) else str(c)
        for c, n in zip(top["customer_id"], top["name"], strict=True)
    )
    amount = float(view.top["overdue_amount"].sum())
    rows.append(
        (
            "top_customers",
            tr("Top {n} debtors", n=len(view.top)),
            amount,
            tr(
                "a personal call by the account owner and a payment agreement "
                "(promise to pay or instalment plan), starting with {names}.",
                names=names,
            ),
        )
    )
    old, _ = bucket_share(view, OLD_BUCKETS)
    days = ctx.engagement.strategy.agency_days_overdue
    rows.append(
        (
            "old_items",
            tr("Items more than 90 days past due"),
            old,
            tr(
                "hand items without a dispute over to the collection agency "
                "after {days} days overdue (hand-over list of step 05), "
                "manually at first.",
                days=days,
            ),
        )
    )
    early, _ = bucket_share(view, ("1-30",))
    rows.append(
        (
            "early_items",
            tr("Items 1–30 days past due"),
            early,
            tr(
                "a pre-due reminder and a first reminder in the first days "
                "after the due date in the preferred channel, with a payment "
                "link."
            ),
        )
    )
    reasons = view.contributors["dispute_reason"]
    disputed = reasons[~reasons.index.isin(["(no dispute)"])]
    if not disputed.empty:
        rows.append(
            (
                "disputes",
                tr("Items with an open dispute"),
                float(disputed["overdue_amount"].sum()),
                tr(
                    "resolve disputes faster (deadline, dunning block only for the "
                    "disputed amount) and fix the cause of the leading reason "
                    "“{reason}” at source.",
                    reason=str(disputed.index[0]),
                ),
            )
        )
    segments = view.contributors["segment"]
    if len(segments) > 1:
        rows.append(
            (
                "segment",
                tr("Segment {segment}", segment=str(segments.index[0])),
                float(segments["overdue_amount"].iloc[0]),
                tr(
                    "a dunning ladder and channels of its own for this segment "
                    "(proposal in step 05); review the payment terms."
                ),
            )
        )
    frame = pd.DataFrame(rows, columns=["id", "lever", "amount", "action"])
    frame["share_pct"] = frame["amount"] / total * 100.0
    frame["backlog"] = [
        backlog_ids(ctx, view, LEVER_KPIS[i]) or tr("no item yet") for i in frame["id"]
    ]
    frame = frame.sort_values("amount", ascending=False, kind="stable").reset_index(drop=True)
    return frame[["id", "lever", "amount", "share_pct", "action", "backlog"]]


def late_items(ctx: ReportContext, backlog: pd.DataFrame) -> pd.Series:
    """Return per backlog item whether it is open and past its due date."""
    open_ = ~backlog["status"].isin(_CLOSED)
    return (open_ & (backlog["due_date"] < pd.Timestamp(ctx.as_of))).astype(bool)


def group_label(ctx: ReportContext, dimension: str, label: str) -> str:
    """Return a contributor group's label for the report (buckets and placeholders translated)."""
    if dimension == "aging_bucket":
        return fmt_bucket(label, ctx.language, unit=ctx.tr("days"))
    if label in ("(no dispute)", "(disputed, no reason)", "(missing)"):
        return ctx.tr(
            _STEPS_AFTERCARE_GROUP[label.strip("()").replace(", ", "_").replace(" ", "_")]
        )
    return label


def _verdict_status(verdict: str) -> str:
    return {"achieved": "good", "on_track": "good", "at_risk": "warn", "missed": "bad"}.get(
        verdict, "neutral"
    )


def aftercare_headline(ctx: ReportContext, view: AftercareView) -> None:
    """Publish the index card: goals achieved or on track, and the biggest lever."""
    good = sum(s.verdict in ("achieved", "on_track") for s in view.goals)
    worst = max(
        (_verdict_status(s.verdict) for s in view.goals),
        key=["neutral", "good", "warn", "bad"].index,
        default="neutral",
    )
    lever = levers(ctx, view)
    takeaway = (
        ctx.tr(
            "Biggest lever: {lever} ({share} of overdue receivables).",
            lever=lever["lever"].iloc[0],
            share=ctx.percent(lever["share_pct"].iloc[0], digits=0),
        )
        if not lever.empty
        else ctx.tr("No overdue receivables at the as-of date.")
    )
    value = ctx.trn(
        "{good} of {n} goal achieved or on track",
        "{good} of {n} goals achieved or on track",
        len(view.goals),
        good=good,
        n=len(view.goals),
    )
    headline(
        ctx,
        title=ctx.tr("After-care"),
        value_text=value,
        takeaway=takeaway,
        status=worst,
    )


def aftercare_tiles(ctx: ReportContext, view: AftercareView) -> Html:
    """Return one tile per goal (value now, target, verdict) and the overdue receivables."""
    items = []
    for s in view.goals:
        info = REGISTRY.get(s.goal.kpi)
        unit = {"currency": "money", "count": "number", "hours": "number"}.get(
            info.unit if info else "number", info.unit if info else "number"
        )
        items.append(
            Tile(
                aftercare_kpi_name(ctx, s.goal.kpi),
                s.latest,
                unit=unit,
                reference=s.goal.target,
                status=_verdict_status(s.verdict),
                note=ctx.tr(GOALS_VERDICT[s.verdict]),
            )
        )
    before = view.base.values.get("ar_overdue") if view.base else None
    items.append(
        Tile(
            aftercare_kpi_name(ctx, "ar_overdue"),
            overdue_total(view),
            unit="money",
            digits=0,
            reference=before,
            source=ctx.tr("Baseline"),
            status="neutral",
        )
    )
    return tile_row(ctx, items)
