"""Step 06, the kit's own checks of the automatic exit criteria.

They look at the ledger, register, goals, maps and backlog.

"Today" is always the report's as-of date (`ctx.as_of`), never the system date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from kit.errors import KitError
from kit.goals import evaluate_goals
from kit.i18n import Language
from kit.i18n.counts import groups_text, maps_text
from kit.i18n.labels import GOALS_VERDICT
from kit.ingest import load_ledger
from kit.kpis import REGISTRY, compute_kpis, kpi_series
from kit.ledger import Ledger
from kit.message import render
from kit.report import ReportContext
from kit.rollout import AUTOMATIC_CRITERIA
from kit.stakeholders import coverage_checks, load_register
from kit.steps.goals.wording import goal_kpi_name, with_kpi_name

__all__ = ["AutoCheck", "automatic_checks", "blueprint_checks", "goal_series"]

_P = "steps.rollout."


@dataclass(frozen=True)
class AutoCheck:
    """The kit's own check of one exit criterion: met (None = could not check) and why."""

    met: bool | None
    detail: str


def _error(exc: KitError, language: Language) -> str:
    """Return the error's own problem as one line in the report language."""
    return exc.as_problem().describe(language)


def _ledger_checks(ctx: ReportContext) -> tuple[dict[str, AutoCheck], Ledger | None]:
    eng = ctx.engagement
    try:
        ledger = load_ledger(eng)
    except KitError as exc:
        failed = AutoCheck(
            False, ctx.tr("The ledger could not be read: {error}", error=_error(exc, ctx.language))
        )
        return {"data_connected": failed, "baseline_computed": failed}, None
    invoices = len(ledger.invoices)
    payments = 0 if ledger.payments is None else len(ledger.payments)
    connected = invoices > 0 and payments > 0
    counts = {
        "invoices": ctx.number(invoices, digits=0),
        "payments": ctx.number(payments, digits=0),
    }
    out = {
        "data_connected": AutoCheck(
            connected,
            ctx.trn(
                "{invoices} invoice and {payments} read.",
                "{invoices} invoices and {payments} read.",
                invoices,
                invoices=counts["invoices"],
                payments=ctx.trn(
                    "{count} payment", "{count} payments", payments, count=counts["payments"]
                ),
            ),
        )
    }
    if eng.baseline_date is None:
        out["baseline_computed"] = AutoCheck(
            False, ctx.tr("engagement.yaml sets no baseline date (baseline_date).")
        )
        return out, ledger
    kpis = compute_kpis(
        ledger, as_of=eng.baseline_date, period_days=eng.period_days, goal_days=eng.goal_days
    )
    dso = kpis.values.get("dso")
    when = ctx.date(eng.baseline_date)
    out["baseline_computed"] = (
        AutoCheck(
            True, ctx.tr("DSO at the baseline date {date}: {dso}.", date=when, dso=ctx.days(dso))
        )
        if dso is not None
        else AutoCheck(
            False,
            ctx.tr(
                "No DSO can be computed at the baseline date {date} (no credit "
                "sales in the window).",
                date=when,
            ),
        )
    )
    return out, ledger


def _goal_checks(
    ctx: ReportContext, ledger: Ledger | None, owners: set[str] | None
) -> dict[str, AutoCheck]:
    eng = ctx.engagement
    if not eng.goals:
        missing = AutoCheck(False, ctx.tr("engagement.yaml sets no goals."))
        return {"goals_smart": missing, "kpi_trend_reviewed": missing}
    if ledger is None or eng.baseline_date is None:
        unknown = AutoCheck(
            None, ctx.tr("Without readable data and a baseline date the goals cannot be checked.")
        )
        return {"goals_smart": unknown, "kpi_trend_reviewed": unknown}
    as_of = max(ctx.as_of, eng.baseline_date)
    series = goal_series(ctx, ledger)
    statuses = evaluate_goals(
        eng.goals,
        series,
        baseline_date=eng.baseline_date,
        as_of=as_of,
        owners=owners,
        computable=set(REGISTRY),
    )
    failing = [
        f"{s.goal.statement or s.goal.kpi}: "
        + " ".join(with_kpi_name(ctx, c.reason, s.goal.kpi) for c in s.smart if not c.passed)
        for s in statuses
        if not s.smart_ok
    ]
    smart = (
        AutoCheck(False, " | ".join(failing))
        if failing
        else AutoCheck(
            True,
            ctx.trn(
                "The goal passes the SMART check.",
                "All {n} goals pass the SMART check.",
                len(statuses),
                n=len(statuses),
            ),
        )
    )
    unknown_kpis = [
        goal_kpi_name(s.goal.kpi, ctx.language) for s in statuses if s.verdict == "unknown"
    ]
    verdicts = ", ".join(
        f"{sum(s.verdict == v for s in statuses)} {ctx.tr(GOALS_VERDICT[v])}"
        for v in dict.fromkeys(s.verdict for s in statuses)
    )
    trend = (
        AutoCheck(
            False,
            ctx.tr(
                "These KPIs lack a baseline or current value: {kpis}.", kpis=", ".join(unknown_kpis)
            ),
        )
        if unknown_kpis
        else AutoCheck(
            True,
            ctx.trn(
                "Trend of {n} goal since the baseline date evaluated: {verdicts}.",
                "Trend of {n} goals since the baseline date evaluated: {verdicts}.",
                len(statuses),
                n=len(statuses),
                verdicts=verdicts,
            ),
        )
    )
    return {"goals_smart": smart, "kpi_trend_reviewed": trend}


def _months(start: date, end: date) -> int:
    """Return the number of month ends from the one of `start`'s month to the one of `end`."""
    return max(1, (end.year - start.year) * 12 + end.month - start.month + 1)


def goal_series(ctx: ReportContext, ledger: Ledger) -> pd.DataFrame:
    """Return every KPI monthly from the baseline date to the as-of date (baseline row exact)."""
    eng = ctx.engagement
    start = eng.baseline_date or ctx.as_of
    as_of = max(ctx.as_of, start)
    series = kpi_series(
        ledger,
        as_of=as_of,
        months=_months(start, as_of),
        period_days=eng.period_days,
        goal_days=eng.goal_days,
    )
    stamp = pd.Timestamp(start)
    if stamp not in series.index:
        base = compute_kpis(
            ledger, as_of=start, period_days=eng.period_days, goal_days=eng.goal_days
        )
        row = pd.DataFrame([base.values], index=pd.DatetimeIndex([stamp], name=series.index.name))
        series = pd.concat([row.astype(float), series]).sort_index()
    return series.loc[stamp:]


def _register_checks(ctx: ReportContext) -> tuple[dict[str, AutoCheck], set[str] | None]:
    eng = ctx.engagement
    try:
        register = load_register(eng.resolve(eng.stakeholders))
    except KitError as exc:
        failed = AutoCheck(
            False,
            ctx.tr(
                "The stakeholder register could not be read: {error}",
                error=_error(exc, ctx.language),
            ),
        )
        keys = ("stakeholders_ok", "dispute_owner_named", "aftercare_owner_named")
        return dict.fromkeys(keys, failed), None
    owners = set(register["name"].astype(str))
    if eng.privacy == "pseudonymise":
        from kit.stakeholders import pseudonymise

        register = pseudonymise(register)
    results = {c.id: c for c in coverage_checks(register)}
    failed_checks = [render(c.message, ctx.language) for c in results.values() if not c.passed]
    overall = (
        AutoCheck(False, " ".join(failed_checks))
        if failed_checks
        else AutoCheck(True, ctx.tr("All {n} stakeholder register checks pass.", n=len(results)))
    )
    out = {"stakeholders_ok": overall}
    for criterion, check in (
        ("dispute_owner_named", "dispute_owner"),
        ("aftercare_owner_named", "aftercare_owner"),
    ):
        found = results.get(check)
        out[criterion] = (
            AutoCheck(found.passed, render(found.message, ctx.language))
            if found
            else AutoCheck(None, "")
        )
    return out, owners


def _maps_check(ctx: ReportContext) -> AutoCheck:
    from kit.process import analyse
    from kit.steps.thin import maps_or_none

    eng = ctx.engagement
    try:
        maps = maps_or_none(eng.resolve(eng.process_maps))
        if not maps:
            return AutoCheck(False, ctx.tr("No as-is process maps are captured."))
        analysis = analyse(maps)
    except KitError as exc:
        return AutoCheck(
            False,
            ctx.tr(
                "The process maps could not be analysed: {error}", error=_error(exc, ctx.language)
            ),
        )
    return AutoCheck(
        True,
        ctx.tr(
            "{maps} with {activities} steps analysed; {groups} of possible duplicate work found.",
            maps=maps_text(len(maps), ctx.language),
            activities=analysis.activities,
            groups=groups_text(len(analysis.groups), ctx.language),
        ),
    )


def _backlog_checks(ctx: ReportContext) -> dict[str, AutoCheck]:
    from kit.rollout.backlog import load_backlog

    eng = ctx.engagement
    try:
        backlog = load_backlog(eng.resolve(eng.backlog), known_kpis=set(REGISTRY))
    except KitError as exc:
        return {"backlog_maintained": AutoCheck(False, _error(exc, ctx.language))}
    if backlog.empty:
        return {
            "backlog_maintained": AutoCheck(
                False, ctx.tr("The improvement backlog holds no items.")
            )
        }
    open_ = ~backlog["status"].isin(["done", "dropped"])
    late = backlog[open_ & (backlog["due_date"] < pd.Timestamp(ctx.as_of))]
    if not late.empty:
        ids = ", ".join(late["id"].astype(str))
        return {
            "backlog_maintained": AutoCheck(
                False, ctx.tr("Open backlog items are past their due date: {ids}.", ids=ids)
            )
        }
    return {
        "backlog_maintained": AutoCheck(
            True,
            ctx.trn(
                "{n} item, open or in progress: {open}; not past its due date.",
                "{n} items, {open} of them open or in progress; none past its due date.",
                len(backlog),
                n=len(backlog),
                open=int(open_.sum()),
            ),
        )
    }


def automatic_checks(ctx: ReportContext) -> dict[str, AutoCheck]:
    """Return the kit's result (met, reason) for every criterion of AUTOMATIC_CRITERIA."""
    checks, ledger = _ledger_checks(ctx)
    register, owners = _register_checks(ctx)
    checks.update(register)
    checks.update(_goal_checks(ctx, ledger, owners))
    checks["maps_analysed"] = _maps_check(ctx)
    checks.update(_backlog_checks(ctx))
    return {key: checks[key] for key in AUTOMATIC_CRITERIA}


def blueprint_checks(ctx: ReportContext) -> dict[str, bool | None]:
    """Return criterion id -> met (None = could not check) for every automatic exit criterion."""
    return {key: check.met for key, check in automatic_checks(ctx).items()}
