"""Step 07, the after-care tables: goals, customers, contributors, levers, backlog, glossary."""

from __future__ import annotations

import pandas as pd

from kit.kpis import REGISTRY
from kit.report import Html, ReportContext, glossary, table
from kit.steps.aftercare.view import (
    AftercareView,
    aftercare_kpi_name,
    aftercare_value,
    group_label,
    late_items,
    levers,
    overdue_total,
)
from kit.steps.rollout.view import display_names

__all__ = [
    "aftercare_glossary_block",
    "backlog_table",
    "contributor_table",
    "customer_table",
    "goal_table",
    "lever_table",
]

_P = "steps.aftercare."


def goal_table(ctx: ReportContext, view: AftercareView) -> Html:
    """Return baseline → now → target per goal with change, progress, deadline and verdict."""
    rows = []
    for s in view.goals:
        kpi = s.goal.kpi
        rows.append(
            {
                "goal": f"{s.goal.statement} ({aftercare_kpi_name(ctx, kpi)})"
                if s.goal.statement
                else aftercare_kpi_name(ctx, kpi),
                "baseline": aftercare_value(ctx, kpi, s.baseline),
                "now": aftercare_value(ctx, kpi, s.latest),
                "target": aftercare_value(ctx, kpi, s.goal.target),
                "progress": None if s.progress is None else s.progress * 100.0,
                "deadline": s.goal.deadline,
                "forecast": aftercare_value(ctx, kpi, s.forecast),
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


def customer_table(ctx: ReportContext, view: AftercareView) -> Html:
    """Return the customers with the most overdue receivables: amount, share, invoices, oldest."""
    frame = view.top.copy()
    total = overdue_total(view)
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


def contributor_table(ctx: ReportContext, view: AftercareView) -> Html:
    """Return overdue AR by segment, aging bucket and dispute reason (amount, share, invoices)."""
    parts = []
    for dimension in ("segment", "aging_bucket", "dispute_reason"):
        frame = view.contributors[dimension]
        for label, row in frame.iterrows():
            parts.append(
                {
                    "dimension": ctx.t(_P + "dimension." + dimension),
                    "group": group_label(ctx, dimension, str(label)),
                    "overdue_amount": row["overdue_amount"],
                    "share_pct": row["share_pct"],
                    "invoices": row["invoices"],
                }
            )
    frame = pd.DataFrame(
        parts, columns=["dimension", "group", "overdue_amount", "share_pct", "invoices"]
    )
    formats = {"overdue_amount": "money:0", "share_pct": "percent:1", "invoices": "number:0"}
    return _labelled(ctx, frame, caption="contributors", formats=formats)


def lever_table(ctx: ReportContext, view: AftercareView) -> Html | None:
    """Return the levers to collect faster, largest first; None when nothing is overdue."""
    frame = levers(ctx, view)
    if frame.empty:
        return None
    frame = frame.drop(columns="id")
    frame["action"] = [a[:1].upper() + a[1:] for a in frame["action"]]
    formats = {"amount": "money:0", "share_pct": "percent:0"}
    return _labelled(ctx, frame, caption="levers", formats=formats)


def _labelled(
    ctx: ReportContext, frame: pd.DataFrame, *, caption: str, formats: dict[str, str]
) -> Html:
    """Return `frame` as a table with the after-care column names and caption `caption`."""
    labels = {c: ctx.t(_P + "column." + c) for c in frame.columns}
    return table(
        ctx, frame, labels=labels, caption=ctx.t(_P + "caption." + caption), formats=formats
    )


def backlog_table(ctx: ReportContext, view: AftercareView) -> Html:
    """Return the improvement backlog (item, owner, KPI, effect, status, due; overdue marked)."""
    name = display_names(ctx)
    frame = view.backlog.copy()
    frame["owner"] = frame["owner"].map(name)
    frame["kpi"] = frame["kpi"].map(lambda k: aftercare_kpi_name(ctx, k) if k else "")
    frame["status"] = frame["status"].map(lambda s: ctx.t("rollout.backlog.status." + s))
    frame["late"] = late_items(ctx, view.backlog).to_numpy()
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
            rows.append((aftercare_kpi_name(ctx, kpi), "", formula))
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
