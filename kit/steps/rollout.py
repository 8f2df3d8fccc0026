"""Step 06, rollout tracking: automatic exit criteria, phase status, blockers and the report blocks.

"Today" is always the report's as-of date (`ctx.as_of`), never the system date, so a report can
be reproduced for any past date.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import display
from matplotlib.figure import Figure

from kit.errors import KitError
from kit.goals import evaluate_goals
from kit.ingest import load_ledger
from kit.kpis import REGISTRY, compute_kpis, kpi_series
from kit.ledger import Ledger
from kit.report import Html, ReportContext, Tile, glossary, headline, note, summary, table, tiles
from kit.rollout import (
    AUTOMATIC_CRITERIA,
    RolloutStatus,
    evaluate_exit_criteria,
    load_status,
    phase_plan,
    plot_gantt,
    rollout_glossary,
    status_for_plan,
)
from kit.stakeholders import coverage_checks, load_register, pseudonyms

__all__ = [
    "RAG_TILE_STATUS",
    "AutoCheck",
    "RolloutView",
    "automatic_checks",
    "blocked_episodes",
    "blocked_table",
    "blueprint_checks",
    "criteria_table",
    "display_names",
    "gantt_chart",
    "goal_series",
    "notes_table",
    "phase_table",
    "rollout_glossary_block",
    "rollout_headline",
    "rollout_summary",
    "rollout_tiles",
    "rollout_view",
    "show",
]

RAG_TILE_STATUS = {"red": "bad", "amber": "warn", "green": "good", "grey": "neutral"}
_P = "steps.rollout."


@dataclass(frozen=True)
class AutoCheck:
    """The kit's own check of one exit criterion: met (None = could not check) and why."""

    met: bool | None
    detail: str


@dataclass(frozen=True)
class RolloutView:
    """Everything the rollout report shows: status on the as-of date, log, checks, criteria."""

    status: RolloutStatus
    log: pd.DataFrame
    checks: dict[str, AutoCheck]
    criteria: pd.DataFrame


def show(fig: Figure) -> None:
    """Display a figure once in the notebook and close it; returns nothing."""
    display(fig)
    plt.close(fig)


def display_names(ctx: ReportContext) -> Callable[[str], str]:
    """Return a function giving a person's name as the report may show it (pseudonym if asked)."""
    if ctx.engagement.privacy != "pseudonymise":
        return lambda name: name
    try:
        register = load_register(ctx.engagement.resolve(ctx.engagement.stakeholders))
        known = list(register["name"].astype(str))
    except KitError:
        known = []
    mapping = pseudonyms(known)

    def name_of(name: str) -> str:
        if not name:
            return name
        if name not in mapping:
            mapping.update(pseudonyms([*mapping, name]))
        return mapping[name]

    return name_of


def _error(exc: KitError) -> str:
    return exc.as_problem().describe()


def _ledger_checks(ctx: ReportContext) -> tuple[dict[str, AutoCheck], Ledger | None]:
    eng = ctx.engagement
    try:
        ledger = load_ledger(eng)
    except KitError as exc:
        failed = AutoCheck(False, ctx.t(_P + "check.ledger_failed", error=_error(exc)))
        return {"data_connected": failed, "baseline_computed": failed}, None
    invoices = len(ledger.invoices)
    payments = 0 if ledger.payments is None else len(ledger.payments)
    connected = invoices > 0 and payments > 0
    counts = {
        "invoices": ctx.number(invoices, digits=0),
        "payments": ctx.number(payments, digits=0),
    }
    out = {"data_connected": AutoCheck(connected, ctx.t(_P + "check.data", **counts))}
    if eng.baseline_date is None:
        out["baseline_computed"] = AutoCheck(False, ctx.t(_P + "check.no_baseline_date"))
        return out, ledger
    kpis = compute_kpis(
        ledger, as_of=eng.baseline_date, period_days=eng.period_days, goal_days=eng.goal_days
    )
    dso = kpis.values.get("dso")
    when = ctx.date(eng.baseline_date)
    out["baseline_computed"] = (
        AutoCheck(True, ctx.t(_P + "check.baseline_ok", date=when, dso=ctx.days(dso)))
        if dso is not None
        else AutoCheck(False, ctx.t(_P + "check.baseline_none", date=when))
    )
    return out, ledger


def _goal_checks(
    ctx: ReportContext, ledger: Ledger | None, owners: set[str] | None
) -> dict[str, AutoCheck]:
    eng = ctx.engagement
    if not eng.goals:
        missing = AutoCheck(False, ctx.t(_P + "check.no_goals"))
        return {"goals_smart": missing, "kpi_trend_reviewed": missing}
    if ledger is None or eng.baseline_date is None:
        unknown = AutoCheck(None, ctx.t(_P + "check.goals_unchecked"))
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
        language=ctx.language,
    )
    failing = [
        f"{s.goal.kpi}: " + "; ".join(c.reason for c in s.smart if not c.passed)
        for s in statuses
        if not s.smart_ok
    ]
    smart = (
        AutoCheck(False, " | ".join(failing))
        if failing
        else AutoCheck(True, ctx.t(_P + "check.goals_ok", n=len(statuses)))
    )
    unknown_kpis = [s.goal.kpi for s in statuses if s.verdict == "unknown"]
    verdicts = ", ".join(
        f"{sum(s.verdict == v for s in statuses)} {ctx.t('goals.verdict.' + v)}"
        for v in dict.fromkeys(s.verdict for s in statuses)
    )
    trend = (
        AutoCheck(False, ctx.t(_P + "check.trend_unknown", kpis=", ".join(unknown_kpis)))
        if unknown_kpis
        else AutoCheck(True, ctx.t(_P + "check.trend_ok", n=len(statuses), verdicts=verdicts))
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
        failed = AutoCheck(False, ctx.t(_P + "check.register_failed", error=_error(exc)))
        keys = ("stakeholders_ok", "dispute_owner_named", "aftercare_owner_named")
        return dict.fromkeys(keys, failed), None
    owners = set(register["name"].astype(str))
    if eng.privacy == "pseudonymise":
        from kit.stakeholders import pseudonymise

        register = pseudonymise(register)
    results = {c.id: c for c in coverage_checks(register, language=ctx.language)}
    failed_checks = [c.message for c in results.values() if not c.passed]
    overall = (
        AutoCheck(False, " ".join(failed_checks))
        if failed_checks
        else AutoCheck(True, ctx.t(_P + "check.stakeholders_ok", n=len(results)))
    )
    out = {"stakeholders_ok": overall}
    for criterion, check in (
        ("dispute_owner_named", "dispute_owner"),
        ("aftercare_owner_named", "aftercare_owner"),
    ):
        found = results.get(check)
        out[criterion] = AutoCheck(found.passed, found.message) if found else AutoCheck(None, "")
    return out, owners


def _maps_check(ctx: ReportContext) -> AutoCheck:
    from kit.process import analyse, load_maps

    eng = ctx.engagement
    try:
        maps = load_maps([eng.resolve(eng.process_maps)])
        if not maps:
            return AutoCheck(False, ctx.t(_P + "check.no_maps"))
        analysis = analyse(maps)
    except KitError as exc:
        return AutoCheck(False, ctx.t(_P + "check.maps_failed", error=_error(exc)))
    return AutoCheck(
        True,
        ctx.t(
            _P + "check.maps_ok",
            maps=len(maps),
            activities=analysis.activities,
            groups=len(analysis.groups),
        ),
    )


def _backlog_checks(ctx: ReportContext) -> dict[str, AutoCheck]:
    from kit.backlog import load_backlog

    eng = ctx.engagement
    try:
        backlog = load_backlog(eng.resolve(eng.backlog), known_kpis=set(REGISTRY))
    except KitError as exc:
        return {"backlog_maintained": AutoCheck(False, _error(exc))}
    if backlog.empty:
        return {"backlog_maintained": AutoCheck(False, ctx.t(_P + "check.backlog_empty"))}
    open_ = ~backlog["status"].isin(["done", "dropped"])
    late = backlog[open_ & (backlog["due_date"] < pd.Timestamp(ctx.as_of))]
    if not late.empty:
        ids = ", ".join(late["id"].astype(str))
        return {"backlog_maintained": AutoCheck(False, ctx.t(_P + "check.backlog_late", ids=ids))}
    return {
        "backlog_maintained": AutoCheck(
            True, ctx.t(_P + "check.backlog_ok", n=len(backlog), open=int(open_.sum()))
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


def rollout_view(ctx: ReportContext) -> RolloutView:
    """Return the rollout's status on the as-of date with its log, checks and exit criteria."""
    eng = ctx.engagement
    plan = phase_plan(eng)
    log = load_status(eng.resolve(eng.status_log), phases=plan)
    status = status_for_plan(plan, log, today=ctx.as_of, client=eng.client, language=ctx.language)
    checks = automatic_checks(ctx)
    criteria = evaluate_exit_criteria(
        plan, automatic={k: c.met for k, c in checks.items()}, language=ctx.language
    )
    criteria["detail"] = [checks[c].detail if c in checks else "" for c in criteria["criterion"]]
    return RolloutView(status, log[log["date"] <= pd.Timestamp(ctx.as_of)], checks, criteria)


def blocked_episodes(view: RolloutView) -> pd.DataFrame:
    """Return every stretch a phase was blocked: phase, from, until (NaT = still), days, note."""
    rows = []
    names = {p.phase.id: p.name for p in view.status.phases}
    for phase, entries in view.log.groupby("phase", sort=False):
        current: dict[str, object] | None = None
        for _, entry in entries.sort_values("date", kind="stable").iterrows():
            if entry["status"] == "blocked" and current is None:
                current = {
                    "phase": phase,
                    "name": names.get(str(phase), phase),
                    "since": entry["date"],
                    "note": entry["note"],
                }
            elif entry["status"] != "blocked" and current is not None:
                rows.append({**current, "until": entry["date"]})
                current = None
        if current is not None:
            rows.append({**current, "until": pd.NaT})
    frame = pd.DataFrame(rows, columns=["phase", "name", "since", "until", "note"])
    frame["since"] = pd.to_datetime(frame["since"]).astype("datetime64[ns]")
    frame["until"] = pd.to_datetime(frame["until"]).astype("datetime64[ns]")
    end = frame["until"].fillna(pd.Timestamp(view.status.today))
    frame["days"] = (end - frame["since"]).dt.days.astype("int64")
    frame["open"] = frame["until"].isna()
    return frame.sort_values("since", kind="stable").reset_index(drop=True)


def _phase(ctx: ReportContext, view: RolloutView, phase_id: str | None) -> str:
    return next((p.name for p in view.status.phases if p.phase.id == phase_id), phase_id or "")


def _rag(ctx: ReportContext, rag: str) -> str:
    return ctx.t("rollout.rag." + rag)


def _found(ctx: ReportContext, view: RolloutView) -> list[str]:
    status, t = view.status, ctx.t
    found = []
    current = status.phase(status.current_phase) if status.current_phase else None
    if current is None:
        found.append(t(_P + "found.all_done", n=len(status.phases)))
    else:
        end = current.phase.end
        found.append(
            t(
                _P + "found.current",
                phase=current.name,
                percent=ctx.percent(current.percent, digits=0),
                rag=_rag(ctx, current.rag),
                end=ctx.date(end),
                slip=ctx.days(current.slippage_days or 0, digits=0),
            )
        )
    done = [p for p in status.phases if p.status == "done"]
    late = [
        f"{p.name} (+{ctx.days(p.slippage_days, digits=0)})"
        for p in done
        if p.slippage_days and p.slippage_days > 0
    ]
    found.append(
        t(_P + "found.done", done=len(done), total=len(status.phases))
        + " "
        + (t(_P + "found.late", phases=", ".join(late)) if late else t(_P + "found.on_time"))
    )
    episodes = blocked_episodes(view)
    if status.blocked:
        for item in status.blocked:
            found.append(
                t(
                    _P + "found.blocked",
                    phase=item["name"],
                    since=ctx.date(item["since"]),
                    note=item["note"],
                )
            )
    elif not episodes.empty:
        last = episodes.iloc[-1]
        found.append(
            t(
                _P + "found.was_blocked",
                phase=last["name"],
                since=ctx.date(last["since"]),
                until=ctx.date(last["until"]),
                days=int(last["days"]),
                note=last["note"],
            )
        )
    else:
        found.append(t(_P + "found.never_blocked"))
    failed = [c for c, check in view.checks.items() if check.met is False]
    auto = view.criteria[view.criteria["check"] == "automatic"]
    met = int(auto["met"].fillna(False).sum())
    found.append(t(_P + "found.criteria", met=met, total=len(auto)))
    for _, row in view.criteria[view.criteria["criterion"].isin(failed)].iterrows():
        found.append(
            t(
                _P + "found.criterion_failed",
                phase=row["phase_name"],
                criterion=row["text"],
                detail=row["detail"],
            )
        )
    return found


def _means(ctx: ReportContext, view: RolloutView) -> list[str]:
    status, t = view.status, ctx.t
    means = [t(_P + f"means.rag.{status.rag}", slip=ctx.days(status.slippage_days or 0, digits=0))]
    current = status.phase(status.current_phase) if status.current_phase else None
    after = [p for p in status.phases if p.status == "not_started" and p.phase.start]
    if current is not None and (current.slippage_days or 0) > 0 and after:
        means.append(
            t(
                _P + "means.knock_on",
                phase=after[0].name,
                start=ctx.date(after[0].phase.start),
                slip=ctx.days(current.slippage_days, digits=0),
            )
        )
    failed = set(c for c, check in view.checks.items() if check.met is False)
    closed = {p.phase.id for p in status.phases if p.status == "done"}
    gaps = view.criteria[
        view.criteria["criterion"].isin(failed) & view.criteria["phase"].isin(closed)
    ]
    for name in dict.fromkeys(gaps["phase_name"]):
        means.append(t(_P + "means.closed_with_gap", phase=name))
    return means


def _next(ctx: ReportContext, view: RolloutView, name: Callable[[str], str]) -> list[str]:
    status, t = view.status, ctx.t
    steps = []
    for item in status.blocked:
        steps.append(
            t(
                _P + "next.unblock",
                phase=item["name"],
                owner=name(item["owner"] or "–"),
                note=item["note"],
            )
        )
    current = status.phase(status.current_phase) if status.current_phase else None
    if current is not None and current.rag in ("red", "amber") and current.status != "blocked":
        steps.append(
            t(
                _P + "next.recover",
                phase=current.name,
                owner=name(current.phase.owner or "–"),
                rest=ctx.percent(100 - current.percent, digits=0),
                end=ctx.date(current.phase.end),
            )
        )
    failed = view.criteria[view.criteria["met"].eq(False).fillna(False)]
    for text in dict.fromkeys(failed["text"]):
        steps.append(t(_P + "next.fix_criterion", criterion=text))
    if current is not None:
        manual = view.criteria[
            (view.criteria["phase"] == current.phase.id) & (view.criteria["check"] == "manual")
        ]
        if not manual.empty:
            steps.append(
                t(_P + "next.confirm", phase=current.name, criteria="; ".join(manual["text"]))
            )
    for item in status.milestones:
        steps.append(
            t(
                _P + "next.milestone",
                phase=item["name"],
                date=ctx.date(item["planned_end"]),
                days=item["days_left"],
            )
        )
    return steps


def rollout_summary(ctx: ReportContext, view: RolloutView) -> Html:
    """Return the executive summary: where the rollout stands, what it means, what to do next."""
    return summary(
        ctx,
        found=_found(ctx, view),
        means=_means(ctx, view),
        next_steps=_next(ctx, view, display_names(ctx)),
    )


def rollout_headline(ctx: ReportContext, view: RolloutView) -> None:
    """Publish the index card: current phase, percent complete and RAG; returns nothing."""
    status = view.status
    current = status.phase(status.current_phase) if status.current_phase else None
    if current is None:
        value = ctx.t(_P + "headline.all_done")
    else:
        value = ctx.t(
            _P + "headline.value",
            phase=current.name,
            percent=ctx.percent(current.percent, digits=0),
            rag=_rag(ctx, status.rag),
        )
    nxt = status.milestones[0] if status.milestones else None
    takeaway = ctx.t(_P + "headline.slip", slip=ctx.days(status.slippage_days or 0, digits=0))
    if nxt is not None:
        takeaway += " " + ctx.t(
            _P + "headline.next", phase=nxt["name"], date=ctx.date(nxt["planned_end"])
        )
    headline(
        ctx,
        title=ctx.t("report.title.rollout"),
        value_text=value,
        takeaway=takeaway,
        status=RAG_TILE_STATUS[status.rag],
    )


def rollout_tiles(ctx: ReportContext, view: RolloutView) -> Html:
    """Return tiles: current phase (% complete), slippage, phases done, blocked, criteria met."""
    status, t = view.status, ctx.t
    current = status.phase(status.current_phase) if status.current_phase else None
    done = sum(p.status == "done" for p in status.phases)
    auto = view.criteria[view.criteria["check"] == "automatic"]
    met = int(auto["met"].fillna(False).sum())
    of = t(_P + "tile.of", total=len(status.phases))
    items = [
        Tile(
            t(_P + "tile.current", phase=current.name if current else "–"),
            current.percent if current else 100.0,
            unit="percent",
            digits=0,
            status=RAG_TILE_STATUS[current.rag] if current else "good",
            note=t(_P + "tile.rag", rag=_rag(ctx, current.rag)) if current else None,
        ),
        Tile(
            t(_P + "tile.slippage"),
            float(status.slippage_days or 0),
            unit="days",
            digits=0,
            status=RAG_TILE_STATUS[status.rag],
            note=t(_P + "tile.slippage_note"),
        ),
        Tile(t(_P + "tile.done"), float(done), unit=of, digits=0, status="neutral"),
        Tile(
            t(_P + "tile.criteria"),
            float(met),
            unit=t(_P + "tile.of", total=len(auto)),
            digits=0,
            status="good" if met == len(auto) else "warn",
        ),
    ]
    if status.blocked:  # only worth a tile when something is blocked; the summary says so too
        items.insert(
            2,
            Tile(
                t(_P + "tile.blocked"),
                float(len(status.blocked)),
                unit="number",
                digits=0,
                status="bad",
            ),
        )
    return tiles(ctx, items)


def _span(ctx: ReportContext, start: date | None, end: date | None) -> str:
    if start is None and end is None:
        return "–"
    return f"{ctx.date(start) if start else '…'} – {ctx.date(end) if end else '…'}"


def phase_table(ctx: ReportContext, view: RolloutView) -> Html:
    """Return the phase table: owner, planned/actual period, status, %, RAG, slippage (days)."""
    name = display_names(ctx)
    rows = [
        {
            "name": p.name,
            "owner": name(p.phase.owner or ""),
            "planned": _span(ctx, p.phase.start, p.phase.end),
            "actual": _span(ctx, p.actual_start, p.actual_end),
            "status": ctx.t("rollout.status." + p.status),
            "percent": p.percent,
            "rag": _rag(ctx, p.rag),
            "slippage_days": p.slippage_days,
            "red": p.rag == "red",
        }
        for p in view.status.phases
    ]
    frame = pd.DataFrame(rows, columns=list(rows[0]) if rows else ["name", "red"])
    labels = {c: ctx.t("rollout.column." + c) for c in ("owner", "status", "percent", "rag")}
    labels.update(
        name=ctx.t("rollout.column.phase"),
        planned=ctx.t(_P + "column.planned"),
        actual=ctx.t(_P + "column.actual"),
        slippage_days=ctx.t("rollout.column.slippage_days"),
    )
    return table(
        ctx,
        frame,
        highlight="red",
        labels=labels,
        formats={
            "percent": "percent:0",
            "slippage_days": "number:0",
            "planned": "text",
            "actual": "text",
        },
        caption=ctx.t(_P + "caption.phases", date=ctx.date(ctx.as_of)),
    )


def notes_table(ctx: ReportContext, view: RolloutView) -> Html:
    """Return the latest status update per phase that has one: date, status, note."""
    rows = [
        {
            "name": p.name,
            "since": p.since,
            "status": ctx.t("rollout.status." + p.status),
            "note": p.note,
            "blocked": p.status == "blocked",
        }
        for p in view.status.phases
        if p.since is not None
    ]
    frame = pd.DataFrame(rows, columns=["name", "since", "status", "note", "blocked"])
    labels = {
        "name": ctx.t("rollout.column.phase"),
        "since": ctx.t(_P + "column.latest"),
        "status": ctx.t("rollout.column.status"),
        "note": ctx.t("rollout.column.note"),
    }
    return table(
        ctx,
        frame,
        highlight="blocked",
        labels=labels,
        formats={"since": "date"},
        caption=ctx.t(_P + "caption.notes"),
    )


def gantt_chart(ctx: ReportContext, view: RolloutView) -> Figure:
    """Return the Gantt chart of planned against actual phase dates up to the as-of date."""
    return plot_gantt(view.status, language=ctx.language, today=ctx.as_of)


def _result(ctx: ReportContext, met: object, closed: bool) -> str:
    if met is pd.NA or met is None:
        return ctx.t(_P + "met.confirmed") if closed else ctx.t("rollout.met.open")
    return ctx.t("rollout.met." + ("yes" if met else "no"))


def criteria_table(ctx: ReportContext, view: RolloutView) -> Html:
    """Return the exit criteria per phase: automatic or manual, met / not met / open, why."""
    frame = view.criteria.copy()
    frame["check"] = frame["check"].map(lambda c: ctx.t("rollout.check." + c))
    done = {p.phase.id for p in view.status.phases if p.status == "done"}
    frame["result"] = [
        _result(ctx, met, phase in done)
        for met, phase in zip(view.criteria["met"], frame["phase"], strict=True)
    ]
    frame["failed"] = view.criteria["met"].eq(False).fillna(False).astype(bool)
    shown = ["phase_name", "text", "check", "result", "detail", "failed"]
    labels = {
        "phase_name": ctx.t("rollout.column.phase"),
        "text": ctx.t(_P + "column.criterion"),
        "check": ctx.t(_P + "column.check"),
        "result": ctx.t(_P + "column.result"),
        "detail": ctx.t(_P + "column.detail"),
    }
    return table(
        ctx, frame[shown], highlight="failed", labels=labels, caption=ctx.t(_P + "caption.criteria")
    )


def blocked_table(ctx: ReportContext, view: RolloutView) -> Html:
    """Return every blocked stretch of the log (current ones highlighted) with its note."""
    frame = blocked_episodes(view)
    labels = {
        "name": ctx.t("rollout.column.phase"),
        "since": ctx.t("rollout.column.since"),
        "until": ctx.t(_P + "column.until"),
        "days": ctx.t(_P + "column.days"),
        "note": ctx.t("rollout.column.note"),
    }
    shown = frame[["name", "since", "until", "days", "note", "open"]]
    if shown.empty:
        return note(ctx, ctx.t(_P + "found.never_blocked"))
    return table(
        ctx,
        shown,
        highlight="open",
        labels=labels,
        formats={"days": "number:0", "until": "date"},
        caption=ctx.t(_P + "caption.blocked"),
    )


def rollout_glossary_block(ctx: ReportContext) -> Html:
    """Return the glossary: RAG and slippage rules, automatic versus manual criteria, the log."""
    rows = list(rollout_glossary(ctx.language))
    for term in ("automatic", "manual", "log"):
        rows.append((ctx.t(_P + f"term.{term}"), ctx.t(_P + f"rule.{term}"), ""))
    return glossary(ctx, rows)
