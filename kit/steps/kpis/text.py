"""Step 04 executive summary: the found / means / next-steps sentences built from the KPIs."""

from __future__ import annotations

from kit.i18n import N_
from kit.kpis import REGISTRY
from kit.kpis.coverage import NO_SETTLEMENTS
from kit.report import Html, summary
from kit.report.context import ReportContext
from kit.steps.kpis.ledger import net_sentence, open_items_notice
from kit.steps.kpis.references import crf_applies, over_100
from kit.steps.kpis.view import KpisView
from kit.steps.wording import goal_of, kpi_status, month_name, note_text, target_text

_STEPS_KPIS_FOUND_DSO: dict[str, str] = {
    "above": N_(
        "DSO stands at {dso} – {gap} above the CRF median of {crf}. Of "
        "this, {bpdso} is the best possible DSO (current receivables "
        "only) and {add} is payment delay (ADD; CRF median {add_crf})."
    ),
    "below": N_(
        "DSO stands at {dso} – {gap} below the CRF median of {crf}. Of "
        "this, {bpdso} is the best possible DSO (current receivables "
        "only) and {add} is payment delay (ADD; CRF median {add_crf})."
    ),
}

_STEPS_KPIS_FOUND_CEI: dict[str, str] = {
    "good": N_(
        "The collection effectiveness index of {cei} is above the CRF "
        "median of {crf}: most of what falls due is collected. "
        "{within} of settled invoices were paid within {days} days of "
        "the invoice date."
    ),
    "weak": N_(
        "The collection effectiveness index of {cei} is below the CRF "
        "median of {crf}: a noticeable part of what falls due is not "
        "collected in the window. {within} of settled invoices were "
        "paid within {days} days of the invoice date."
    ),
}


_STEPS_THIN_KPIS_FOUND_CEI: dict[str, str] = {
    "good": N_(
        "The collection effectiveness index of {cei} is above the CRF "
        "median of {crf}: most of what falls due is collected."
    ),
    "weak": N_(
        "The collection effectiveness index of {cei} is below the CRF "
        "median of {crf}: a noticeable part of what falls due is not "
        "collected in the window."
    ),
}

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
    v, tr = view.values, ctx.tr
    dso, bpdso, add, crf = v["dso"], v["bpdso"], v["add"], REGISTRY["dso"].reference or 0.0
    if view.open_items_on is not None:
        return []  # the open-items notice above the summary says why there is no DSO
    if dso is None or bpdso is None or add is None:
        return [tr("DSO cannot be computed: {why}.", why=note_text(ctx, view.result.notes["dso"]))]
    if not crf_applies(ctx):
        return [
            tr(
                "DSO stands at {dso}. Of this, {bpdso} is the best possible "
                "DSO (current receivables only) and {add} is payment delay "
                "(ADD).",
                dso=ctx.days(dso),
                bpdso=ctx.days(bpdso),
                add=ctx.days(add),
            )
        ]
    side = "above" if dso > crf else "below"
    return [
        tr(
            _STEPS_KPIS_FOUND_DSO[side],
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
        ctx.trn(
            "{share} of receivables are overdue ({amount} of {total}), of "
            "which {old} for more than 90 days ({old_count} invoice).",
            "{share} of receivables are overdue ({amount} of {total}), of "
            "which {old} for more than 90 days ({old_count} invoices).",
            old_count,
            share=ctx.percent(100.0 - v["pct_current"]),
            amount=ctx.money(v["ar_overdue"], digits=0),
            total=ctx.money(v["ar_total"], digits=0),
            old=ctx.money(old_amount, digits=0),
            old_count=old_count,
        )
    ]


def _found_segments(ctx: ReportContext, view: KpisView) -> list[str]:
    """Return the sentence on the segment with the longest DSO (and the longest ADD)."""
    seg, tr = view.by_segment, ctx.tr
    if seg is None or not seg["dso"].notna().any():
        return []
    top_dso, top_add = str(seg["dso"].idxmax()), str(seg["add"].idxmax())
    sentence = tr(
        "Segment {segment} has the highest DSO: {dso}, of which {add} is delay.",
        segment=top_dso,
        dso=ctx.days(seg["dso"].loc[top_dso]),
        add=ctx.days(seg["add"].loc[top_dso]),
    )
    if top_add != top_dso:
        sentence += " " + tr(
            "Segment {segment} has the largest payment delay (ADD {add}).",
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
        ctx.tr(
            "Over twelve months DSO went from {start} ({first}) to {end} "
            "at the as-of date; the peak was {peak} in {peak_month}.",
            start=ctx.days(trend.iloc[0]),
            first=month_name(ctx, trend.index[0]),
            end=ctx.days(trend.iloc[-1]),
            peak=ctx.days(trend.max()),
            peak_month=month_name(ctx, peak),
        )
    ]


def _found_collection(ctx: ReportContext, view: KpisView) -> list[str]:
    """Return the sentences on CEI, a collection rate over 100 % and missing settlements."""
    v, tr = view.values, ctx.tr
    found: list[str] = []
    if v["cei"] is not None and not crf_applies(ctx):
        found.append(
            tr("The collection effectiveness index stands at {cei}.", cei=ctx.percent(v["cei"]))
        )
    elif v["cei"] is not None:
        side = (
            "good" if kpi_status("cei", v["cei"], REGISTRY["cei"].reference) == "good" else "weak"
        )
        found.append(
            tr(
                _STEPS_KPIS_FOUND_CEI[side],
                cei=ctx.percent(v["cei"]),
                crf=ctx.percent(REGISTRY["cei"].reference),
                within=ctx.percent(v["paid_within_45_rate"]),
                days=ctx.engagement.goal_days,
            )
            if v["paid_within_45_rate"] is not None
            else tr(
                _STEPS_THIN_KPIS_FOUND_CEI[side],
                cei=ctx.percent(v["cei"]),
                crf=ctx.percent(REGISTRY["cei"].reference),
            )
        )
    if v["collection_rate"] is not None and v["collection_rate"] > 100.0:
        found.append(over_100(ctx, "collection_rate", v["collection_rate"]) or "")
    if view.result.notes.get("collection_rate") == NO_SETTLEMENTS:
        found.append(
            tr(
                "The data do not say when invoices were paid (neither payments "
                "nor paid dates). Every invoice therefore counts as open; "
                "collection rate, CEI, days to pay and punctuality are not in "
                "this report."
            )
        )
    return found


def _means(ctx: ReportContext, view: KpisView, old: tuple[float, int]) -> list[str]:
    """Return what the figures mean: cash tied up by ADD, above the CRF median and the goal."""
    v, tr = view.values, ctx.tr
    dso, add, crf = v["dso"], v["add"], REGISTRY["dso"].reference or 0.0
    means: list[str] = []
    sales = v["credit_sales"]
    if add is not None and dso is not None and sales:
        per_day = sales / view.result.period_days
        means.append(
            tr(
                "Payment delay ties up cash: ADD ({add}) × credit sales per "
                "day ({per_day}) = {tied} of working capital that would "
                "already be in the bank if customers paid on time.",
                add=ctx.days(add),
                per_day=ctx.money(per_day, digits=0),
                tied=ctx.money(add * per_day, digits=0),
            )
        )
        if dso > crf and crf_applies(ctx):
            means.append(
                tr(
                    "At the CRF median DSO of {crf}, about {cash} less capital "
                    "would be tied up in receivables.",
                    crf=ctx.days(crf),
                    cash=ctx.money((dso - crf) * per_day, digits=0),
                )
            )
        goal = goal_of(ctx, "dso")
        if goal is not None and dso > goal.target:
            means.append(
                tr(
                    "To reach the target of {target} by {date}, DSO must fall by "
                    "{gap} – about {cash} of additional cash collected.",
                    target=target_text(ctx, "dso", goal.target),
                    date=ctx.date(goal.deadline),
                    gap=ctx.days(dso - goal.target),
                    cash=ctx.money((dso - goal.target) * per_day, digits=0),
                )
            )
    old_amount, _ = old
    if old_amount > 0 and v["ar_overdue"]:
        share = old_amount / v["ar_overdue"] * 100.0
        means.append(
            tr(
                "{share} of the overdue amount is more than 90 days past due; "
                "each further month lowers the chance of collecting it in full.",
                share=ctx.percent(share),
            )
        )
    return means


def _next_steps(ctx: ReportContext, view: KpisView, old: tuple[float, int]) -> list[str]:
    """Return the next steps: settlements, old receivables, top customers, segment, disputes."""
    v, tr = view.values, ctx.tr
    steps: list[str] = []
    if view.result.notes.get("collection_rate") == NO_SETTLEMENTS:
        steps.append(
            tr(
                "Provide the payments per invoice (date and amount) or each "
                "invoice's settlement date from accounting; this report then "
                "also shows how fast and how punctually customers pay."
            )
        )
    old_amount, old_count = old
    if old_amount > 0 and v["ar_overdue"]:
        steps.append(
            ctx.trn(
                "Review the invoice more than 90 days overdue ({amount}): "
                "payment plan, clarification or hand-over to a collection "
                "agency (strategy threshold: {days} days).",
                "Review the {count} invoices more than 90 days overdue "
                "({amount}) one by one: payment plan, clarification or "
                "hand-over to a collection agency (strategy threshold: {days} "
                "days).",
                old_count,
                amount=ctx.money(old_amount, digits=0),
                days=ctx.engagement.strategy.agency_days_overdue,
            )
        )
    if len(view.top):
        first = view.top.iloc[0]
        top_share: float | None = (
            view.top["overdue_amount"].sum() / v["ar_overdue"] * 100.0 if v["ar_overdue"] else None
        )
        steps.append(
            ctx.trn(
                "Contact the customer with the largest overdue balance "
                "({share} of overdue receivables) personally: {name} "
                "({amount}).",
                "Contact the {n} customers with the largest overdue balances "
                "({share} of overdue receivables) personally, starting with "
                "{name} ({amount}).",
                len(view.top),
                n=len(view.top),
                share=ctx.percent(top_share),
                name=first["name"] or first["customer_id"],
                amount=ctx.money(first["overdue_amount"], digits=0),
            )
        )
    seg = view.by_segment
    if seg is not None and seg["add"].notna().any():
        steps.append(
            tr(
                "In segment {segment}, which has the largest delay, tighten "
                "the dunning levels and follow up promises to pay consistently.",
                segment=seg["add"].idxmax(),
            )
        )
    if v["disputed_ar"] and v["dispute_days_to_resolve"] is not None:
        steps.append(
            tr(
                "Resolve disputed receivables of {amount} faster (currently "
                "{days} to resolve on average): record every dispute with an "
                "owner and a deadline.",
                amount=ctx.money(v["disputed_ar"], digits=0),
                days=ctx.days(v["dispute_days_to_resolve"]),
            )
        )
    elif v["disputed_ar"]:
        steps.append(
            tr(
                "Resolve disputed receivables of {amount} faster: record every "
                "dispute with an owner and a deadline.",
                amount=ctx.money(v["disputed_ar"], digits=0),
            )
        )
    steps.append(
        tr(
            "Fix these values as the baselines of the goals and measure "
            "them monthly with the same formulas."
        )
    )
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
