"""What the CLI commands compute: each returns (readable text, JSON document).

The CLI (`kit.cli`) only parses options, prints and maps errors to exit codes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kit.errors import ConfigError, KitError, Problem
from kit.i18n import N_

_BUSINESS_CASE_REASON: dict[str, str] = {
    "goal_not_down": N_("The DSO goal asks for a higher DSO: it releases no working capital."),
    "no_credit_sales": N_(
        "There are no credit sales in the window, so there is no amount of working capital."
    ),
    "no_dso_goal": N_(
        "Without a DSO goal the working capital released cannot be put in money; agree a DSO goal."
    ),
    "no_kpi_value": N_(
        "DSO cannot be computed at the as-of date, so there is no amount of working capital."
    ),
    "no_process_maps": N_(
        "Without process maps the hours freed cannot be counted; map the as-is processes."
    ),
}

if TYPE_CHECKING:  # imported where used: `kit duplicates` needs neither pydantic nor pandas
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


def status_command(
    engagements: Sequence[Path],
    *,
    update: str | None = None,
    status: str | None = None,
    percent: int | None = None,
    note: str = "",
    author: str | None = None,
    today: date | None = None,
) -> tuple[str, Any]:
    """Return the status table and the portfolio JSON; with `update`, append a status row first."""
    from kit.rollout import format_status_table, load_statuses, record_status

    if update is not None:
        if len(engagements) != 1:
            raise ConfigError("--update takes exactly one engagement", key="--update")
        if status is None:
            raise ConfigError(
                "--update needs --status",
                key="--status",
                expected="not_started, in_progress, done or blocked",
            )
        from kit.engagement import load_engagement

        engagement = load_engagement(engagements[0])
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
            author=author,
            on=today,
        )
    elif status is not None or percent is not None:
        raise ConfigError("--status and --percent only go with --update PHASE", key="--update")
    statuses = load_statuses(engagements, today=today)
    language = statuses[0][1].language if statuses else "en"
    document = [{"engagement": str(path), **state.as_dict()} for path, state in statuses]
    return format_status_table(statuses, language=language), document


def _kpi_value(value: float | None, unit: str, language: Language, currency: str) -> str:
    from kit.i18n import fmt_days, fmt_money, fmt_number, fmt_percent

    if unit == "days":
        return fmt_days(value, language)
    if unit == "percent":
        return fmt_percent(value, language)
    if unit == "currency":
        return fmt_money(value, language, currency=currency)
    if unit == "hours":
        return f"{fmt_number(value, language)}\u00a0h" if value is not None else "–"
    return fmt_number(value, language, digits=0)


def kpis_command(
    engagement: Engagement,
    ledger: Ledger,
    *,
    as_of: date,
    by: str | None = None,
    engine: str | None = None,
) -> tuple[str, Any]:
    """Return the KPI table (or the breakdown by `by`) and the `kit kpis --json` document.

    `engine` (else engagement.yaml `engine:`) names what runs the aggregates.
    """
    import math

    from kit.engines import check_engine
    from kit.errors import ConfigError
    from kit.kpis import REGISTRY, compute_kpis, kpis_by
    from kit.kpis.open_items import refuse_as_of

    refuse_as_of(engagement, as_of)
    try:
        engine = check_engine(engine or engagement.engine)
    except ValueError as exc:
        raise ConfigError(str(exc), key="--engine", value=engine) from exc
    language = engagement.language
    header = {
        "client": engagement.client,
        "as_of": as_of.isoformat(),
        "period_days": engagement.period_days,
        "currency": engagement.currency,
    }
    if by is not None:
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
        shown = frame[["ar_total", "dso", "bpdso", "add", "cei", "paid_within_45_rate"]].round(1)
        return f"{engagement.client} · {as_of.isoformat()} · {by}\n{shown.to_string()}", {
            **header,
            "by": by,
            "groups": groups,
        }
    result = compute_kpis(
        ledger,
        as_of=as_of,
        period_days=engagement.period_days,
        goal_days=engagement.goal_days,
        engine=engine,
    )
    rows = []
    for kpi, info in REGISTRY.items():
        name = info.name_de if language == "de" else info.name_en
        value = _kpi_value(result.values.get(kpi), info.unit, language, engagement.currency)
        note = result.notes.get(kpi, "")
        rows.append(f"  {name:<48} {value:>18}  {note}".rstrip())
    aging = [
        f"  {bucket:<48} {_kpi_value(float(a), 'currency', language, engagement.currency):>18}"
        for bucket, a in result.aging["amount"].items()
    ]
    title = f"{engagement.client} · {as_of.isoformat()} · {engagement.period_days} d"
    text = "\n".join([title, *rows, "", "Aging" if language == "en" else "Altersstruktur", *aging])
    return text, result.to_json_dict(client=engagement.client, currency=engagement.currency)


def duplicates_command(
    paths: Sequence[Path], *, threshold: float, as_json: bool = False
) -> tuple[str, Any]:
    """Return the duplicate-work findings of maps/folders (or engagements) and the JSON document.

    With `as_json` the readable text is left empty (only the document is printed).
    """
    from kit.process import analyse, findings, load_maps, load_synonyms
    from kit.process.loading import gc_paused

    sources: list[Path] = []
    synonyms = None
    language: Language = "en"
    for path in paths:
        if (path / "engagement.yaml").is_file():
            from kit.engagement import load_engagement

            engagement = load_engagement(path)
            sources.append(engagement.resolve(engagement.process_maps))
            language = engagement.language
            if engagement.synonyms is not None:
                synonyms = load_synonyms(engagement.resolve(engagement.synonyms))
        else:
            sources.append(path)
    with gc_paused():  # millions of small objects that all stay alive (see gc_paused)
        analysis = analyse(load_maps(sources), threshold=threshold, synonyms=synonyms)
        if as_json:
            return "", analysis.to_json_dict()
    lines = findings(analysis, language=language)
    frame = analysis.groups_frame()
    if not frame.empty:
        lines += ["", frame.to_string(index=False)]
    return "\n".join(lines), analysis.to_json_dict()


def _problems_of(error: KitError) -> list[Problem]:
    return [error.as_problem(), *error.problems]


def validate_command(engagement: Engagement) -> tuple[str, Any, bool]:
    """Return the validation summary, its JSON document and whether anything blocks.

    Checks the ledger sources, then the stakeholder register, the status log, the backlog and
    the process maps, so one call lists every problem of the engagement.
    """
    from kit.ingest import validate_engagement
    from kit.kpis import REGISTRY
    from kit.process import load_maps
    from kit.rollout import load_status, phase_plan
    from kit.rollout.backlog import load_backlog
    from kit.stakeholders import load_register
    from kit.steps.readiness import describe_readiness, ladder_problems, step_readiness

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
    text = report.describe(language) + "\n" + describe_readiness(steps, language)
    document = {**report.as_dict(), "steps": [s.as_dict(language) for s in steps]}
    return text, document, report.blocking


def business_case_command(engagement: Engagement, *, as_of: date) -> tuple[str, Any, list[str]]:
    """Return the business-case text, its `--json` document and why figures are null.

    Everything is in the engagement's language.
    """
    from kit.report.context import ReportContext
    from kit.steps.goals.business_case import business_case_lines, business_case_view

    ctx = ReportContext(engagement=engagement, language=engagement.language, as_of=as_of)
    case = business_case_view(ctx)
    settings = ctx.tr(
        "Inputs from engagement.yaml (business_case): interest rate "
        "{rate} a year, hourly cost {cost} (defaults: 0.06 and 55).",
        rate=case.interest_rate,
        cost=f"{case.hourly_cost:g} {case.cost_currency}",
    )
    title = (
        f"{engagement.client} · {as_of.isoformat()} · {ctx.tr('What reaching the goals is worth')}"
    )
    lines = [title, *(f"  {line}" for line in business_case_lines(ctx, case)), "", settings]
    reasons = sorted({ctx.tr(_BUSINESS_CASE_REASON[r]) for r in case.reasons.values()})
    return "\n".join(lines), case.to_json_dict(), reasons
