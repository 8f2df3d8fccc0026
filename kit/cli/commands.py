"""What the CLI commands compute: each returns (what a person reads, the JSON document).

The CLI (`kit.cli`) only parses options, prints and maps errors to exit codes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kit.errors import ConfigError, KitError, Problem
from kit.i18n import fmt_date, fmt_money, tr
from kit.i18n.labels import BUSINESS_CASE_REASON
from kit.message import render

if TYPE_CHECKING:  # imported where used: `kit duplicates` needs neither pydantic nor pandas
    from rich.console import RenderableType

    from kit.engagement import Engagement
    from kit.i18n import Language
    from kit.ledger import Ledger

__all__ = [
    "business_case_command",
    "duplicates_command",
    "kpis_command",
    "status_command",
    "validate_command",
]


def _author(author: str | None) -> str:
    """Return who makes a status entry: `--author`, else the operating-system user name."""
    if author is not None and author.strip():
        return author
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name in this environment (a bare container)
        return ""


def status_command(
    engagements: Sequence[Path],
    *,
    update: str | None = None,
    status: str | None = None,
    percent: int | None = None,
    note: str = "",
    author: str | None = None,
    today: date | None = None,
    as_of: date | None = None,
    use_today: bool = False,
) -> tuple[RenderableType, Any, list[str]]:
    """Return the status tables, the portfolio JSON and notes; with `update`, append a row first.

    Slippage and RAG are computed at the date the reports use: `as_of` when given, else today
    with `use_today`, else each engagement's `as_of`, else today. An entry is dated `today`
    (default: the real date) and signed with `author` or the operating-system user name.
    """
    from kit.cli.boundary import open_engagement
    from kit.cli.views import status_view
    from kit.rollout import record_status, rollout_status

    today = today or date.today()
    notes: list[str] = []
    if update is not None:
        if len(engagements) != 1:
            raise ConfigError("--update takes exactly one engagement", key="--update")
        if status is None:
            raise ConfigError(
                "--update needs --status",
                key="--status",
                expected="not_started, in_progress, done or blocked",
            )
        engagement = open_engagement(engagements[0])
        default_percent = {"done": 100, "not_started": 0}.get(status)
        chosen = percent if percent is not None else default_percent
        if chosen is None:
            raise ConfigError(
                "--update needs --percent for this status",
                key="--percent",
                expected="a whole number from 0 to 100",
            )
        record_status(
            engagement,
            phase=update,
            status=status,
            percent=chosen,
            note=note,
            author=_author(author),
            on=today,
        )
    elif status is not None or percent is not None:
        raise ConfigError("--status and --percent only go with --update PHASE", key="--update")
    statuses = []
    sources: dict[Path, str] = {}
    for path in engagements:
        engagement = open_engagement(path)
        if as_of is not None:
            when, sources[Path(path)] = as_of, "option"
        elif use_today or engagement.as_of is None:
            when, sources[Path(path)] = today, "today"
        else:
            when, sources[Path(path)] = engagement.as_of, "engagement"
        statuses.append((Path(path), rollout_status(engagement, today=when)))
        if update is not None and when < today:
            notes.append(
                tr(
                    "Note: the entry of {entry} lies after the as-of date {date} "
                    "and does not count there yet; kit status --today shows it.",
                    engagement.language,
                    entry=fmt_date(today, engagement.language),
                    date=fmt_date(when, engagement.language),
                )
            )
    language = statuses[0][1].language if statuses else "en"
    document = [{"engagement": str(path), **state.as_dict()} for path, state in statuses]
    return status_view(statuses, language=language, sources=sources), document, notes


def kpis_command(
    engagement: Engagement,
    ledger: Ledger | None,
    *,
    as_of: date,
    by: str | None = None,
    engine: str | None = None,
    view: bool = True,
) -> tuple[RenderableType | None, Any]:
    """Return the KPI tables (or the breakdown by `by`) and the `kit kpis --json` document.

    `engine` (else engagement.yaml `engine:`) names what runs the aggregates. Without `ledger`
    DuckDB reads the files itself where it can (`compute_native`), else they are loaded here.
    With `view=False` (`--json`) no table is built: None takes its place.
    """
    import math

    from kit.cli.views import kpis_by_view, kpis_view
    from kit.engines import check_engine
    from kit.kpis import compute_kpis, kpis_by
    from kit.kpis.open_items import refuse_as_of

    refuse_as_of(engagement, as_of)
    try:
        engine = check_engine(engine or engagement.engine)
    except ValueError as exc:
        text = exc.args[0] if exc.args and isinstance(exc.args[0], str) else str(exc)
        raise ConfigError(text, key="--engine", value=engine) from exc
    header = {
        "client": engagement.client,
        "as_of": as_of.isoformat(),
        "period_days": engagement.period_days,
        "currency": engagement.currency,
    }
    if by is not None and ledger is None and engagement.data.named():
        raise ConfigError(
            "--by is not available for a ledger named in the engine yet",
            key="--by",
            value=by,
            hint="kit kpis without --by computes every KPI in the engine",
        )
    result = None
    if by is None and ledger is None:
        from kit.kpis.engine import compute_native

        result = compute_native(engagement, as_of=as_of, engine=engine)
    if result is None and ledger is None:
        from kit.ingest import load_ledger

        ledger = load_ledger(engagement)
    if by is not None:
        assert ledger is not None  # noqa: S101 - loaded above
        frame = kpis_by(
            ledger,
            by,
            as_of=as_of,
            period_days=engagement.period_days,
            goal_days=engagement.goal_days,
            engine=engine,
        )
        groups = {
            str(group): {k: (None if math.isnan(v) else float(v)) for k, v in row.items()}
            for group, row in frame.iterrows()
        }
        shown = kpis_by_view(engagement, frame, as_of=as_of, by=by) if view else None
        return shown, {**header, "by": by, "groups": groups}
    if result is None:
        assert ledger is not None  # noqa: S101 - loaded above
        result = compute_kpis(
            ledger,
            as_of=as_of,
            period_days=engagement.period_days,
            goal_days=engagement.goal_days,
            engine=engine,
        )
    document = result.to_json_dict(client=engagement.client, currency=engagement.currency)
    return (kpis_view(engagement, result, as_of=as_of) if view else None), document


def duplicates_command(
    paths: Sequence[Path],
    *,
    threshold: float,
    as_json: bool = False,
    language: Language | None = None,
) -> tuple[RenderableType, Any]:
    """Return the duplicate-work findings of maps/folders (or engagements) and the JSON document.

    The words are in `language`, else in the language of the first engagement given, else in
    that of the engagement the first path sits in (English outside any). With `as_json` the
    readable output is left empty (only the document is printed).
    """
    from kit.cli.boundary import language_near, speak
    from kit.process.loading import gc_paused, load_maps

    sources: list[Path] = []
    synonyms = None
    found: Language | None = None
    for path in paths:
        if (path / "engagement.yaml").is_file():
            from kit.cli.boundary import open_engagement

            engagement = open_engagement(path)
            sources.append(engagement.resolve(engagement.process_maps))
            found = found or engagement.language
            if engagement.synonyms is not None:
                from kit.process import load_synonyms

                synonyms = load_synonyms(engagement.resolve(engagement.synonyms))
        else:
            sources.append(path)
    chosen = speak(language or found or (language_near(paths[0]) if paths else "en"))
    with gc_paused():  # millions of small objects that all stay alive (see gc_paused)
        # A fresh process may fork readers: the analysis is imported while they read.
        maps = load_maps(sources, processes=None, meanwhile=_import_analysis)
        from kit.process.analysis import analyse, findings

        analysis = analyse(maps, threshold=threshold, synonyms=synonyms)
        if as_json:
            return "", analysis.to_json_dict()
    from kit.cli.views import duplicates_view

    shown = [render(m, chosen) for m in findings(analysis)]
    view = duplicates_view(analysis, shown, language=chosen)
    return view, analysis.to_json_dict()


def _import_analysis() -> None:
    """Import the duplicate-work analysis (rapidfuzz, the stemmers) ahead of its first use."""
    import kit.process.analysis  # noqa: F401


def _problems_of(error: KitError) -> list[Problem]:
    return [error.as_problem(), *error.problems]


def validate_command(engagement: Engagement) -> tuple[RenderableType, Any, bool]:
    """Return the validation summary, its JSON document and whether anything blocks.

    Checks the ledger sources, then the stakeholder register, the status log, the backlog and
    the process maps, so one call lists every problem of the engagement.
    """
    from kit.cli.views import validate_view
    from kit.ingest import validate_engagement
    from kit.kpis import REGISTRY
    from kit.process import load_maps
    from kit.rollout import load_status, phase_plan
    from kit.rollout.backlog import load_backlog
    from kit.stakeholders import load_register
    from kit.steps.readiness import describe_readiness, ladder_problems, step_readiness

    if engagement.data.named():  # the ledger's tables are in the engine: checked there
        from kit.kpis.backends.named import validate

        report = validate(engagement)
    else:
        report = validate_engagement(engagement)
    plan = phase_plan(engagement)
    checks: list[tuple[Path, Callable[[Path], object]]] = [
        (
            engagement.resolve(engagement.stakeholders),
            lambda p: load_register(p, phases=[phase.id for phase in plan]),
        ),
        (engagement.resolve(engagement.status_log), lambda p: load_status(p, phases=plan)),
        (
            engagement.resolve(engagement.backlog),
            lambda p: load_backlog(p, known_kpis=set(REGISTRY)),
        ),
    ]
    maps = engagement.resolve(engagement.process_maps)
    if maps.is_dir() and any(
        f.suffix in (".yaml", ".yml", ".csv", ".bpmn") for f in maps.rglob("*")
    ):
        checks.append((maps, lambda p: load_maps([p])))
    for path, check in checks:
        if not path.exists():
            continue
        try:
            check(path)
        except KitError as error:
            report.errors.extend(_problems_of(error))
    report.errors.extend(ladder_problems(engagement))
    language = engagement.language
    steps = step_readiness(engagement, rows=report.counts)
    view = validate_view(
        report,
        describe_readiness(steps, language),
        language=language,
        currency=engagement.currency,
    )
    document = {**report.as_dict(), "steps": [s.as_dict(language) for s in steps]}
    return view, document, report.blocking


def business_case_command(
    engagement: Engagement, *, as_of: date
) -> tuple[RenderableType, Any, list[str]]:
    """Return the business case (sentences and inputs), its `--json` document and why null.

    Everything is in the engagement's language, numbers and dates from the kit's formatter.
    """
    from kit.cli.output import lines, stack, table
    from kit.report.context import ReportContext
    from kit.steps.goals.business_case import (
        business_case_lines,
        business_case_view,
        sensitivity_frame,
    )

    ctx = ReportContext(engagement=engagement, language=engagement.language, as_of=as_of)
    case = business_case_view(ctx)
    inputs = ctx.tr(
        "Inputs (engagement.yaml, business_case): interest rate {rate} "
        "a year (interest_rate: {raw_rate}), hourly cost {cost} "
        "(hourly_cost: {raw_cost}); defaults: 6.0% and €55.00.",
        rate=ctx.percent(case.interest_rate * 100),
        raw_rate=f"{case.interest_rate:g}",
        cost=fmt_money(case.hourly_cost, ctx.language, currency=case.cost_currency),
        raw_cost=f"{case.hourly_cost:g}",
    )

    def shown(kind: str, value: float) -> str:
        if kind == "hours":
            return ctx.number(value, digits=1)
        currency = case.cost_currency if kind == "cost" else engagement.currency
        return fmt_money(value, ctx.language, currency=currency, digits=0)

    frame = sensitivity_frame(ctx, case)
    rows = [
        (str(r["figure"]), shown(str(r["kind"]), r["full"]), shown(str(r["kind"]), r["half"]))
        for r in frame.to_dict("records")
    ]
    figures = None
    if rows:
        headers = (
            ctx.tr("Figure"),
            ctx.tr("full goal achievement"),
            ctx.tr("half the goal achievement"),
        )
        figures = table(headers, rows, right=(1, 2))
    title = (
        f"{engagement.client} · {ctx.date(as_of)} · {ctx.tr('What reaching the goals is worth')}"
    )
    text = [f"  {line}" for line in business_case_lines(ctx, case)]
    reasons = sorted({ctx.tr(BUSINESS_CASE_REASON[r]) for r in case.reasons.values()})
    view = stack(lines([title]), figures, lines(text), lines([inputs]))
    return view, case.to_json_dict(), reasons
