"""Step 07, after-care: KPI trend against the goals, overdue contributors, levers and backlog.

It answers the question of seed 000 – "what could be improved, how can payments be collected even
faster?" – with the data: where the overdue receivables sit at the as-of date (`ctx.as_of`).
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from kit.backlog import load_backlog
from kit.goals import GoalStatus, evaluate_goals
from kit.ingest import load_ledger
from kit.kpis import REGISTRY, KpiResult, compute_kpis, overdue_contributors, top_overdue
from kit.report import OKABE_ITO, Html, ReportContext, Tile, glossary, headline, summary, table
from kit.report import tiles as tile_row
from kit.steps.rollout import display_names, goal_series

__all__ = [
    "LEVER_KPIS",
    "AftercareView",
    "aftercare_glossary_block",
    "aftercare_headline",
    "aftercare_summary",
    "aftercare_tiles",
    "aftercare_view",
    "backlog_table",
    "contributor_table",
    "customer_table",
    "goal_table",
    "lever_table",
    "levers",
    "plot_contributors",
    "plot_goal_trends",
]

_P = "steps.aftercare."
_CLOSED = ("done", "dropped")
_OLD_BUCKETS = ("91-180", ">180")
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
        language=ctx.language,
    )
    opts = {"period_days": eng.period_days, "goal_days": eng.goal_days}
    now = compute_kpis(ledger, as_of=ctx.as_of, **opts)
    base = compute_kpis(ledger, as_of=eng.baseline_date, **opts) if eng.baseline_date else None
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


def _name(ctx: ReportContext, kpi: str) -> str:
    info = REGISTRY.get(kpi)
    if info is None:
        return kpi
    name = info.name_de if ctx.language == "de" else info.name_en
    return name[:1].upper() + name[1:]


def _value(ctx: ReportContext, kpi: str, value: float | None) -> str:
    unit = REGISTRY[kpi].unit if kpi in REGISTRY else "number"
    if unit == "days":
        return ctx.days(value)
    if unit == "percent":
        return ctx.percent(value)
    if unit == "currency":
        return ctx.money(value, digits=0)
    return ctx.number(value)


def _improved(status: GoalStatus) -> bool | None:
    if status.baseline is None or status.latest is None:
        return None
    change = status.latest - status.baseline
    return change < 0 if status.goal.direction == "down" else change > 0


def _overdue_total(view: AftercareView) -> float:
    return float(view.contributors["customer"]["overdue_amount"].sum())


def _bucket_share(view: AftercareView, buckets: tuple[str, ...]) -> tuple[float, float]:
    frame = view.contributors["aging_bucket"]
    chosen = frame[frame.index.isin(buckets)]
    return float(chosen["overdue_amount"].sum()), float(chosen["share_pct"].sum())


def _backlog_ids(ctx: ReportContext, view: AftercareView, kpis: frozenset[str]) -> str:
    items = view.backlog[view.backlog["kpi"].isin(kpis) & (view.backlog["status"] != "dropped")]
    return ", ".join(
        f"{r.id} ({ctx.t('rollout.backlog.status.' + str(r.status))})" for r in items.itertuples()
    )


def levers(ctx: ReportContext, view: AftercareView) -> pd.DataFrame:
    """Return the levers on overdue AR, largest amount first: lever, amount, share %, action."""
    t, rows = ctx.t, []
    total = _overdue_total(view)
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
            t(_P + "lever.top_customers", n=len(view.top)),
            amount,
            t(_P + "action.top_customers", names=names),
        )
    )
    old, _ = _bucket_share(view, _OLD_BUCKETS)
    days = ctx.engagement.strategy.agency_days_overdue
    rows.append(
        ("old_items", t(_P + "lever.old_items"), old, t(_P + "action.old_items", days=days))
    )
    early, _ = _bucket_share(view, ("1-30",))
    rows.append(("early_items", t(_P + "lever.early_items"), early, t(_P + "action.early_items")))
    reasons = view.contributors["dispute_reason"]
    disputed = reasons[~reasons.index.isin(["(no dispute)"])]
    if not disputed.empty:
        rows.append(
            (
                "disputes",
                t(_P + "lever.disputes"),
                float(disputed["overdue_amount"].sum()),
                t(_P + "action.disputes", reason=str(disputed.index[0])),
            )
        )
    segments = view.contributors["segment"]
    if len(segments) > 1:
        rows.append(
            (
                "segment",
                t(_P + "lever.segment", segment=str(segments.index[0])),
                float(segments["overdue_amount"].iloc[0]),
                t(_P + "action.segment"),
            )
        )
    frame = pd.DataFrame(rows, columns=["id", "lever", "amount", "action"])
    frame["share_pct"] = frame["amount"] / total * 100.0
    frame["backlog"] = [
        _backlog_ids(ctx, view, LEVER_KPIS[i]) or t(_P + "no_backlog") for i in frame["id"]
    ]
    frame = frame.sort_values("amount", ascending=False, kind="stable").reset_index(drop=True)
    return frame[["id", "lever", "amount", "share_pct", "action", "backlog"]]


def _found(ctx: ReportContext, view: AftercareView) -> list[str]:
    t, found = ctx.t, []
    base_date = ctx.date(ctx.engagement.baseline_date)
    for s in view.goals:
        found.append(
            t(
                _P + "found.goal",
                kpi=_name(ctx, s.goal.kpi),
                date=base_date,
                base=_value(ctx, s.goal.kpi, s.baseline),
                now=_value(ctx, s.goal.kpi, s.latest),
                target=_value(ctx, s.goal.kpi, s.goal.target),
                deadline=ctx.date(s.goal.deadline),
                verdict=t("goals.verdict." + s.verdict),
            )
        )
    before = view.base.values.get("ar_overdue") if view.base else None
    total = _overdue_total(view)
    if before:
        found.append(
            t(
                _P + "found.overdue",
                base=ctx.money(before, digits=0),
                now=ctx.money(total, digits=0),
                change=ctx.percent((total - before) / before * 100, digits=0),
            )
        )
    lever = levers(ctx, view)
    if not lever.empty:
        first = lever.iloc[0]
        found.append(
            t(
                _P + "found.lever",
                lever=first["lever"],
                amount=ctx.money(first["amount"], digits=0),
                share=ctx.percent(first["share_pct"], digits=0),
            )
        )
    counts = view.backlog["status"].value_counts()
    found.append(
        t(
            _P + "found.backlog",
            n=len(view.backlog),
            done=int(counts.get("done", 0)),
            doing=int(counts.get("in_progress", 0)),
            open=int(counts.get("open", 0)),
            late=int(_late(ctx, view.backlog).sum()),
        )
    )
    return found


def _late(ctx: ReportContext, backlog: pd.DataFrame) -> pd.Series:
    open_ = ~backlog["status"].isin(_CLOSED)
    return (open_ & (backlog["due_date"] < pd.Timestamp(ctx.as_of))).astype(bool)


def _means(ctx: ReportContext, view: AftercareView) -> list[str]:
    t, means = ctx.t, []
    better = [_name(ctx, s.goal.kpi) for s in view.goals if _improved(s)]
    worse = [_name(ctx, s.goal.kpi) for s in view.goals if _improved(s) is False]
    if better:
        means.append(t(_P + "means.improved", kpis=", ".join(better)))
    if worse:
        means.append(t(_P + "means.not_improved", kpis=", ".join(worse)))
    for s in view.goals:
        if s.verdict in ("at_risk", "missed"):
            means.append(
                t(
                    _P + f"means.{s.verdict}",
                    kpi=_name(ctx, s.goal.kpi),
                    target=_value(ctx, s.goal.kpi, s.goal.target),
                    deadline=ctx.date(s.goal.deadline),
                    forecast=_value(ctx, s.goal.kpi, s.forecast),
                )
            )
    old, old_share = _bucket_share(view, _OLD_BUCKETS)
    if old > 0:
        means.append(
            t(
                _P + "means.old",
                amount=ctx.money(old, digits=0),
                share=ctx.percent(old_share, digits=0),
            )
        )
    return means


def _next(ctx: ReportContext, view: AftercareView) -> list[str]:
    t, steps = ctx.t, []
    for s in view.goals:
        if s.verdict not in ("at_risk", "missed"):
            continue
        ids = _backlog_ids(ctx, view, frozenset({s.goal.kpi}))
        key = "next.goal_backlog" if ids else "next.goal_no_backlog"
        steps.append(t(_P + key, kpi=_name(ctx, s.goal.kpi), items=ids))
    for row in levers(ctx, view).head(2).itertuples():
        steps.append(t(_P + "next.lever", lever=row.lever, action=row.action))
    late = view.backlog[_late(ctx, view.backlog)]
    if not late.empty:
        steps.append(t(_P + "next.late", items=", ".join(late["id"].astype(str))))
    steps.append(t(_P + "next.review"))
    return steps


def aftercare_summary(ctx: ReportContext, view: AftercareView) -> Html:
    """Return the executive summary: goal trend, overdue contributors, levers and backlog."""
    return summary(
        ctx, found=_found(ctx, view), means=_means(ctx, view), next_steps=_next(ctx, view)
    )


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
        ctx.t(
            _P + "headline.lever",
            lever=lever["lever"].iloc[0],
            share=ctx.percent(lever["share_pct"].iloc[0], digits=0),
        )
        if not lever.empty
        else ctx.t(_P + "headline.no_overdue")
    )
    value = ctx.t(_P + "headline.value", good=good, n=len(view.goals))
    headline(
        ctx,
        title=ctx.t("report.title.aftercare"),
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
                _name(ctx, s.goal.kpi),
                s.latest,
                unit=unit,
                reference=s.goal.target,
                status=_verdict_status(s.verdict),
                note=ctx.t("goals.verdict." + s.verdict),
            )
        )
    before = view.base.values.get("ar_overdue") if view.base else None
    items.append(
        Tile(
            _name(ctx, "ar_overdue"),
            _overdue_total(view),
            unit="money",
            digits=0,
            reference=before,
            source=ctx.t(_P + "tile.baseline"),
            status="neutral",
        )
    )
    return tile_row(ctx, items)


def goal_table(ctx: ReportContext, view: AftercareView) -> Html:
    """Return baseline → now → target per goal with change, progress, deadline and verdict."""
    rows = []
    for s in view.goals:
        kpi = s.goal.kpi
        rows.append(
            {
                "goal": f"{s.goal.statement} ({_name(ctx, kpi)})"
                if s.goal.statement
                else _name(ctx, kpi),
                "baseline": _value(ctx, kpi, s.baseline),
                "now": _value(ctx, kpi, s.latest),
                "target": _value(ctx, kpi, s.goal.target),
                "progress": None if s.progress is None else s.progress * 100.0,
                "deadline": s.goal.deadline,
                "forecast": _value(ctx, kpi, s.forecast),
                "verdict": ctx.t("goals.verdict." + s.verdict),
                "flag": s.verdict in ("at_risk", "missed"),
            }
        )
    frame = pd.DataFrame(
        rows,
        columns=[
            "goal",
            "baseline",
            "now",
            "target",
            "progress",
            "deadline",
            "forecast",
            "verdict",
            "flag",
        ],
    )
    labels = {c: ctx.t(_P + "column." + c) for c in frame.columns if c != "flag"}
    caption = ctx.t(
        _P + "caption.goals", date=ctx.date(ctx.engagement.baseline_date), as_of=ctx.date(ctx.as_of)
    )
    return table(
        ctx,
        frame,
        highlight="flag",
        labels=labels,
        caption=caption,
        formats={"progress": "percent:0", "deadline": "date"},
    )


def plot_goal_trends(ctx: ReportContext, view: AftercareView) -> Figure:
    """Return one panel per goal: monthly KPI since the baseline, baseline and target lines."""
    n = max(len(view.goals), 1)
    cols = min(n, 3)
    rows = math.ceil(n / cols)
    fig, axes = plt.subplots(rows, cols, figsize=(3.9 * cols, 3.3 * rows + 0.6), squeeze=False)
    fig.set_layout_engine("constrained")
    fig.suptitle(ctx.t(_P + "chart.trend_title"), x=0.01, ha="left", fontweight="bold")
    for index, ax in enumerate(axes.flat):
        if index >= len(view.goals):
            ax.set_axis_off()
            continue
        s = view.goals[index]
        kpi = s.goal.kpi
        column = view.series[kpi].dropna() if kpi in view.series else pd.Series(dtype=float)
        ax.plot(column.index, column.to_numpy(), marker="o", color=OKABE_ITO[0])
        if s.baseline is not None:
            ax.axhline(s.baseline, color="#6b7280", linestyle=":", linewidth=1.2)
        ax.axhline(s.goal.target, color=OKABE_ITO[1], linestyle="--", linewidth=1.5)
        unit = REGISTRY[kpi].unit if kpi in REGISTRY else ""
        title = textwrap.fill(_name(ctx, kpi), 44)
        ax.set_title(f"{title}\n{ctx.t('goals.verdict.' + s.verdict)}", fontsize=10)
        ax.set_ylabel(ctx.t("goals.unit." + unit) if unit else "")
        ax.set_xlabel(ctx.t(_P + "chart.month"))
        ax.set_xticks(list(column.index), [f"{d:%m/%y}" for d in column.index])
        ax.tick_params(axis="x", labelsize=8)
    handles = [
        Line2D([], [], color=OKABE_ITO[0], marker="o", label=ctx.t(_P + "chart.actual")),
        Line2D([], [], color="#6b7280", linestyle=":", label=ctx.t(_P + "chart.baseline")),
        Line2D([], [], color=OKABE_ITO[1], linestyle="--", label=ctx.t(_P + "chart.target")),
    ]
    fig.legend(handles=handles, loc="outside lower center", ncol=3, fontsize=9)
    return fig


def customer_table(ctx: ReportContext, view: AftercareView) -> Html:
    """Return the customers with the most overdue receivables: amount, share, invoices, oldest."""
    frame = view.top.copy()
    total = _overdue_total(view)
    frame["share_pct"] = frame["overdue_amount"] / total * 100.0 if total else float("nan")
    frame = frame[["customer_id", "name", "overdue_amount", "share_pct", "invoices", "oldest_dpd"]]
    labels = {c: ctx.t(_P + "column." + c) for c in frame.columns}
    return table(
        ctx,
        frame,
        labels=labels,
        caption=ctx.t(_P + "caption.customers", n=len(frame)),
        formats={
            "overdue_amount": "money:0",
            "share_pct": "percent:1",
            "invoices": "number:0",
            "oldest_dpd": "number:0",
        },
    )


def _group_label(ctx: ReportContext, dimension: str, label: str) -> str:
    if dimension == "aging_bucket":
        return ctx.t(_P + "bucket", bucket=label)
    if label in ("(no dispute)", "(disputed, no reason)", "(missing)"):
        return ctx.t(_P + "group." + label.strip("()").replace(", ", "_").replace(" ", "_"))
    return label


def contributor_table(ctx: ReportContext, view: AftercareView) -> Html:
    """Return overdue AR by segment, aging bucket and dispute reason (amount, share, invoices)."""
    parts = []
    for dimension in ("segment", "aging_bucket", "dispute_reason"):
        frame = view.contributors[dimension]
        for label, row in frame.iterrows():
            parts.append(
                {
                    "dimension": ctx.t(_P + "dimension." + dimension),
                    "group": _group_label(ctx, dimension, str(label)),
                    "overdue_amount": row["overdue_amount"],
                    "share_pct": row["share_pct"],
                    "invoices": row["invoices"],
                }
            )
    frame = pd.DataFrame(
        parts, columns=["dimension", "group", "overdue_amount", "share_pct", "invoices"]
    )
    labels = {c: ctx.t(_P + "column." + c) for c in frame.columns}
    return table(
        ctx,
        frame,
        labels=labels,
        caption=ctx.t(_P + "caption.contributors"),
        formats={"overdue_amount": "money:0", "share_pct": "percent:1", "invoices": "number:0"},
    )


def plot_contributors(ctx: ReportContext, view: AftercareView) -> Figure:
    """Return bar charts of overdue AR by segment, aging bucket and dispute reason (currency)."""
    dims = ("segment", "aging_bucket", "dispute_reason")
    fig, axes = plt.subplots(1, 3, figsize=(12, 3.6))
    fig.set_layout_engine("constrained")
    fig.suptitle(
        ctx.t(_P + "chart.contrib_title", date=ctx.date(ctx.as_of)),
        x=0.01,
        ha="left",
        fontweight="bold",
    )
    for ax, dimension in zip(axes, dims, strict=True):
        frame = view.contributors[dimension]
        labels = [_group_label(ctx, dimension, str(i)) for i in frame.index]
        values = frame["overdue_amount"].to_numpy(dtype=float) / 1000.0
        ax.barh(labels[::-1], values[::-1], color=OKABE_ITO[0])
        ax.set_title(ctx.t(_P + "dimension." + dimension), fontsize=10)
        ax.set_xlabel(ctx.t(_P + "chart.amount", currency=ctx.engagement.currency))
        ax.grid(axis="x", color="#e5e7eb")
        ax.grid(axis="y", visible=False)
        ax.set_axisbelow(True)
        ax.tick_params(axis="y", labelsize=8)
    return fig


def lever_table(ctx: ReportContext, view: AftercareView) -> Html:
    """Return the levers to collect faster, largest first, with action and backlog items."""
    frame = levers(ctx, view).drop(columns="id")
    frame["action"] = [a[:1].upper() + a[1:] for a in frame["action"]]
    labels = {c: ctx.t(_P + "column." + c) for c in frame.columns}
    return table(
        ctx,
        frame,
        labels=labels,
        caption=ctx.t(_P + "caption.levers"),
        formats={"amount": "money:0", "share_pct": "percent:0"},
    )


def backlog_table(ctx: ReportContext, view: AftercareView) -> Html:
    """Return the improvement backlog (item, owner, KPI, effect, status, due; overdue marked)."""
    name = display_names(ctx)
    frame = view.backlog.copy()
    frame["owner"] = frame["owner"].map(name)
    frame["kpi"] = frame["kpi"].map(lambda k: _name(ctx, k) if k else "")
    frame["status"] = frame["status"].map(lambda s: ctx.t("rollout.backlog.status." + s))
    frame["late"] = _late(ctx, view.backlog).to_numpy()
    shown = ["id", "item", "owner", "kpi", "expected_effect", "status", "due_date", "late"]
    labels = {c: ctx.t(_P + "column." + c) for c in shown if c != "late"}
    return table(
        ctx,
        frame[shown],
        labels=labels,
        highlight="late",
        formats={"due_date": "date"},
        caption=ctx.t(_P + "caption.backlog", date=ctx.date(ctx.as_of)),
    )


def aftercare_glossary_block(ctx: ReportContext, view: AftercareView) -> Html:
    """Return the glossary: goal KPIs and formulas, verdict rules, contributors, levers, backlog."""
    rows = []
    kpis = dict.fromkeys([*(s.goal.kpi for s in view.goals), "ar_overdue"])
    for kpi in kpis:
        info = REGISTRY.get(kpi)
        if info is not None:
            formula = info.formula_de if ctx.language == "de" else info.formula_en
            rows.append((_name(ctx, kpi), "", formula))
    for verdict in ("achieved", "on_track", "at_risk", "missed"):
        rows.append((ctx.t("goals.verdict." + verdict), ctx.t(f"goals.verdict.{verdict}.rule"), ""))
    for term in ("progress", "share", "bucket", "levers", "backlog_late"):
        rows.append(
            (
                ctx.t(_P + f"term.{term}"),
                ctx.t(_P + f"rule.{term}"),
                ctx.t(_P + f"formula.{term}") if term in ("progress", "share") else "",
            )
        )
    return glossary(ctx, rows)
