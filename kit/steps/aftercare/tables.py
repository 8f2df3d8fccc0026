"""Step 07, the after-care tables: goals, customers, contributors, levers, backlog, glossary."""

from __future__ import annotations

import pandas as pd

from kit.i18n import N_
from kit.i18n.labels import (
    GOALS_VERDICT,
    GOALS_VERDICT_RULE,
    ROLLOUT_BACKLOG_STATUS,
    STEPS_AFTERCARE_COLUMN,
    STEPS_AFTERCARE_DIMENSION,
)
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

_STEPS_AFTERCARE_CAPTION: dict[str, str] = {
    "backlog": N_("Improvement backlog as of {date} (marked: open and past due)"),
    "contributors": N_(
        "Overdue receivables by segment, age and dispute reason (each view adds up to 100 %)"
    ),
    "customers": N_("The {n} customers with the most overdue receivables"),
    "goals": N_("Goals: baseline ({date}) → now ({as_of}) → target (marked: at risk or missed)"),
    "levers": N_(
        "Levers to collect payments faster – largest amount first (the "
        "levers overlap; the amounts do not add up)"
    ),
}


#: The glossary rows of the report's own terms, in their order: term, rule, formula ("": none).
_STEPS_AFTERCARE_GLOSSARY: dict[str, tuple[str, str, str]] = {
    "progress": (
        N_("Progress"),
        N_(
            "How far the current value has come on the way from the "
            "baseline to the target; 100 % = target reached, negative = "
            "moved away from it."
        ),
        N_("(now − baseline) ÷ (target − baseline) × 100"),
    ),
    "share": (
        N_("Share of overdue receivables"),
        N_(
            "Open amount of a group's overdue invoices relative to all "
            "overdue receivables at the as-of date."
        ),
        N_("overdue (group) ÷ overdue receivables × 100"),
    ),
    "bucket": (
        N_("Days past due"),
        N_(
            "As-of date minus the due date of an open invoice, grouped "
            "into 1–30, 31–60, 61–90, 91–180 and over 180 days."
        ),
        "",
    ),
    "levers": (
        N_("Lever"),
        N_(
            "A group of overdue receivables that one action addresses "
            "(largest debtors, old items, fresh items, disputes, segment). "
            "An invoice can belong to several levers. A backlog item "
            "counts for a lever when its KPI fits that lever."
        ),
        "",
    ),
    "backlog_late": (
        N_("Backlog item past due"),
        N_("Status open or in progress and the due date lies before the as-of date."),
        "",
    ),
}

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
                "verdict": ctx.tr(GOALS_VERDICT[s.verdict]),
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
    labels = {c: ctx.tr(STEPS_AFTERCARE_COLUMN[c]) for c in frame.columns if c != "flag"}
    caption = ctx.tr(
        "Goals: baseline ({date}) → now ({as_of}) → target (marked: at risk or missed)",
        date=ctx.date(ctx.engagement.baseline_date),
        as_of=ctx.date(ctx.as_of),
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
    labels = {c: ctx.tr(STEPS_AFTERCARE_COLUMN[c]) for c in frame.columns}
    return table(
        ctx,
        frame,
        labels=labels,
        caption=ctx.tr("The {n} customers with the most overdue receivables", n=len(frame)),
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
                    "dimension": ctx.tr(STEPS_AFTERCARE_DIMENSION[dimension]),
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
    labels = {c: ctx.tr(STEPS_AFTERCARE_COLUMN[c]) for c in frame.columns}
    return table(
        ctx,
        frame,
        labels=labels,
        caption=ctx.tr(_STEPS_AFTERCARE_CAPTION[caption]),
        formats=formats,
    )


def backlog_table(ctx: ReportContext, view: AftercareView) -> Html:
    """Return the improvement backlog (item, owner, KPI, effect, status, due; overdue marked)."""
    name = display_names(ctx)
    frame = view.backlog.copy()
    frame["owner"] = frame["owner"].map(name)
    frame["kpi"] = frame["kpi"].map(lambda k: aftercare_kpi_name(ctx, k) if k else "")
    frame["status"] = frame["status"].map(lambda s: ctx.tr(ROLLOUT_BACKLOG_STATUS[s]))
    frame["late"] = late_items(ctx, view.backlog).to_numpy()
    shown = ["id", "item", "owner", "kpi", "expected_effect", "status", "due_date", "late"]
    labels = {c: ctx.tr(STEPS_AFTERCARE_COLUMN[c]) for c in shown if c != "late"}
    return table(
        ctx,
        frame[shown],
        labels=labels,
        highlight="late",
        formats={"due_date": "date"},
        caption=ctx.tr(
            "Improvement backlog as of {date} (marked: open and past due)", date=ctx.date(ctx.as_of)
        ),
    )


def aftercare_glossary_block(ctx: ReportContext, view: AftercareView) -> Html:
    """Return the glossary: goal KPIs and formulas, verdict rules, contributors, levers, backlog."""
    rows = []
    kpis = dict.fromkeys([*(s.goal.kpi for s in view.goals), "ar_overdue"])
    for kpi in kpis:
        info = REGISTRY.get(kpi)
        if info is not None:
            formula = info.formula_in(ctx.language)
            rows.append((aftercare_kpi_name(ctx, kpi), "", formula))
    for verdict in ("achieved", "on_track", "at_risk", "missed"):
        rows.append((ctx.tr(GOALS_VERDICT[verdict]), ctx.tr(GOALS_VERDICT_RULE[verdict]), ""))
    for term, rule, formula in _STEPS_AFTERCARE_GLOSSARY.values():
        rows.append((ctx.tr(term), ctx.tr(rule), ctx.tr(formula)))
    return glossary(ctx, rows)
