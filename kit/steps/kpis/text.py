"""Step 04 executive summary: the found / means / next-steps sentences built from the KPIs."""

from __future__ import annotations

from kit.kpis import REGISTRY
from kit.kpis.coverage import NO_SETTLEMENTS
from kit.report import Html, summary
from kit.report.context import ReportContext
from kit.steps.kpis.ledger import net_sentence, open_items_notice
from kit.steps.kpis.references import crf_applies, over_100
from kit.steps.kpis.view import KpisView
from kit.steps.wording import goal_of, kpi_status, month_name, note_text, target_text

__all__ = [
    "kpis_summary",
    "summary_lines",
]

_OLD = ("91-180", ">180")  # aging buckets older than 90 days past due


def _old(view: KpisView) -> tuple[float, int]:
    aging = view.result.aging.loc[list(_OLD)]
    return float(aging["amount"].sum()), int(aging["count"].sum())


def summary_lines(ctx: ReportContext, view: KpisView) -> tuple[list[str], list[str], list[str]]:
    """Return the summary's found / means / next-steps sentences, built from the results."""
    old = _old(view)
    found = [
        *_found_dso(ctx, view),
        *_found_overdue(ctx, view, old),
        *_found_segments(ctx, view),
        *_found_trend(ctx, view),
        *_found_collection(ctx, view),
    ]
    means = _means(ctx, view, old)
    steps = _next_steps(ctx, view, old)
    return found, means, steps


def _found_dso(ctx: ReportContext, view: KpisView) -> list[str]:
    """Return the sentence on DSO, best possible DSO and ADD (against the CRF median)."""
    v, t = view.values, ctx.t
    dso, bpdso, add, crf = v["dso"], v["bpdso"], v["add"], REGISTRY["dso"].reference or 0.0
    if view.open_items_on is not None:
        return []  # the open-items notice above the summary says why there is no DSO
    if dso is None or bpdso is None or add is None:
        return [t("steps.kpis.found.no_dso", why=note_text(ctx, view.result.notes["dso"]))]
    if not crf_applies(ctx):
        return [
            t(
                "steps.thin.kpis.found.dso",
                dso=ctx.days(dso),
                bpdso=ctx.days(bpdso),
                add=ctx.days(add),
            )
        ]
    side = "above" if dso > crf else "below"
    return [
        t(
            "steps.kpis.found.dso." + side,
            dso=ctx.days(dso),
            gap=ctx.days(abs(dso - crf)),
            crf=ctx.days(crf),
            bpdso=ctx.days(bpdso),
            add=ctx.days(add),
            add_crf=ctx.days(REGISTRY["add"].reference),
        )
    ]


def _found_overdue(ctx: ReportContext, view: KpisView, old: tuple[float, int]) -> list[str]:
    """Return the sentence on the overdue share and the receivables overdue for long."""
    v = view.values
    if v["pct_current"] is None:
        return []
    old_amount, old_count = old
    return [
        ctx.t(
            "steps.kpis.found.overdue",
            share=ctx.percent(100.0 - v["pct_current"]),
            amount=ctx.money(v["ar_overdue"], digits=0),
            total=ctx.money(v["ar_total"], digits=0),
            old=ctx.money(old_amount, digits=0),
            old_count=old_count,
        )
    ]


def _found_segments(ctx: ReportContext, view: KpisView) -> list[str]:
    """Return the sentence on the segment with the longest DSO (and the longest ADD)."""
    seg, t = view.by_segment, ctx.t
    if seg is None or not seg["dso"].notna().any():
        return []
    top_dso, top_add = str(seg["dso"].idxmax()), str(seg["add"].idxmax())
    sentence = t(
        "steps.kpis.found.segment",
        segment=top_dso,
        dso=ctx.days(seg["dso"].loc[top_dso]),
        add=ctx.days(seg["add"].loc[top_dso]),
    )
    if top_add != top_dso:
        sentence += " " + t(
            "steps.kpis.found.segment_add",
            segment=top_add,
            add=ctx.days(seg["add"].loc[top_add]),
        )
    return [sentence]


def _found_trend(ctx: ReportContext, view: KpisView) -> list[str]:
    """Return the sentence on the DSO trend: first, last and highest month end."""
    trend = view.series["dso"].dropna()
    if len(trend) < 2:
        return []
    peak = trend.index[int(trend.to_numpy().argmax())]
    return [
        ctx.t(
            "steps.kpis.found.trend",
            start=ctx.days(trend.iloc[0]),
            first=month_name(ctx, trend.index[0]),
            end=ctx.days(trend.iloc[-1]),
            peak=ctx.days(trend.max()),
            peak_month=month_name(ctx, peak),
        )
    ]


def _found_collection(ctx: ReportContext, view: KpisView) -> list[str]:
    """Return the sentences on CEI, a collection rate over 100 % and missing settlements."""
    v, t = view.values, ctx.t
    found: list[str] = []
    if v["cei"] is not None and not crf_applies(ctx):
        found.append(t("steps.thin.kpis.found.cei", cei=ctx.percent(v["cei"])))
    elif v["cei"] is not None:
        side = (
            "good" if kpi_status("cei", v["cei"], REGISTRY["cei"].reference) == "good" else "weak"
        )
        found.append(
            t(
                "steps.kpis.found.cei." + side,
                cei=ctx.percent(v["cei"]),
                crf=ctx.percent(REGISTRY["cei"].reference),
                within=ctx.percent(v["paid_within_45_rate"]),
                days=ctx.engagement.goal_days,
            )
            if v["paid_within_45_rate"] is not None
            else t(
                "steps.thin.kpis.found.cei." + side,
                cei=ctx.percent(v["cei"]),
                crf=ctx.percent(REGISTRY["cei"].reference),
            )
        )
    if v["collection_rate"] is not None and v["collection_rate"] > 100.0:
        found.append(over_100(ctx, "collection_rate", v["collection_rate"]) or "")
    if view.result.notes.get("collection_rate") == NO_SETTLEMENTS:
        found.append(t("steps.thin.kpis.found.no_settlements"))
    return found


def _means(ctx: ReportContext, view: KpisView, old: tuple[float, int]) -> list[str]:
    """Return what the figures mean: cash tied up by ADD, above the CRF median and the goal."""
    v, t = view.values, ctx.t
    dso, add, crf = v["dso"], v["add"], REGISTRY["dso"].reference or 0.0
    means: list[str] = []
    sales = v["credit_sales"]
    if add is not None and dso is not None and sales:
        per_day = sales / view.result.period_days
        means.append(
            t(
                "steps.kpis.means.tied",
                add=ctx.days(add),
                per_day=ctx.money(per_day, digits=0),
                tied=ctx.money(add * per_day, digits=0),
            )
        )
        if dso > crf and crf_applies(ctx):
            means.append(
                t(
                    "steps.kpis.means.crf",
                    crf=ctx.days(crf),
                    cash=ctx.money((dso - crf) * per_day, digits=0),
                )
            )
        goal = goal_of(ctx, "dso")
        if goal is not None and dso > goal.target:
            means.append(
                t(
                    "steps.kpis.means.goal",
                    target=target_text(ctx, "dso", goal.target),
                    date=ctx.date(goal.deadline),
                    gap=ctx.days(dso - goal.target),
                    cash=ctx.money((dso - goal.target) * per_day, digits=0),
                )
            )
    old_amount, _ = old
    if old_amount > 0 and v["ar_overdue"]:
        share = old_amount / v["ar_overdue"] * 100.0
        means.append(t("steps.kpis.means.old", share=ctx.percent(share)))
    return means


def _next_steps(ctx: ReportContext, view: KpisView, old: tuple[float, int]) -> list[str]:
    """Return the next steps: settlements, old receivables, top customers, segment, disputes."""
    v, t = view.values, ctx.t
    steps: list[str] = []
    if view.result.notes.get("collection_rate") == NO_SETTLEMENTS:
        steps.append(t("steps.thin.kpis.next.no_settlements"))
    old_amount, old_count = old
    if old_amount > 0 and v["ar_overdue"]:
        steps.append(
            t(
                "steps.kpis.next.old",
                amount=ctx.money(old_amount, digits=0),
                count=old_count,
                days=ctx.engagement.strategy.agency_days_overdue,
            )
        )
    if len(view.top):
        first = view.top.iloc[0]
        top_share: float | None = (
            view.top["overdue_amount"].sum() / v["ar_overdue"] * 100.0 if v["ar_overdue"] else None
        )
        steps.append(
            t(
                "steps.kpis.next.top",
                n=len(view.top),
                share=ctx.percent(top_share),
                name=first["name"] or first["customer_id"],
                amount=ctx.money(first["overdue_amount"], digits=0),
            )
        )
    seg = view.by_segment
    if seg is not None and seg["add"].notna().any():
        steps.append(t("steps.kpis.next.segment", segment=seg["add"].idxmax()))
    if v["disputed_ar"] and v["dispute_days_to_resolve"] is not None:
        steps.append(
            t(
                "steps.kpis.next.disputes",
                amount=ctx.money(v["disputed_ar"], digits=0),
                days=ctx.days(v["dispute_days_to_resolve"]),
            )
        )
    elif v["disputed_ar"]:
        steps.append(
            t("steps.thin.kpis.next.disputes", amount=ctx.money(v["disputed_ar"], digits=0))
        )
    steps.append(t("steps.kpis.next.baseline"))
    return steps


def kpis_summary(ctx: ReportContext, view: KpisView) -> Html:
    """Return the executive summary block built from the results."""
    found, means, steps = summary_lines(ctx, view)
    net = net_sentence(ctx, view.values)
    if net is not None:
        found.append(net)
    block = summary(ctx, found=found, means=means, next_steps=steps)
    notice = open_items_notice(ctx, view.open_items_on)
    if notice is None:
        return block
    return Html(notice.html + block.html, f"{notice.text}\n{block.text}")
