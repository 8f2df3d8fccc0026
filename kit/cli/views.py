"""The human output of `kit kpis`, `duplicates`, `status` and `validate` as rich renderables.

Words come from the catalogue, numbers and dates from the kit's formatter (`kit.i18n`), KPI
names, values and null reasons from the same wording the reports use (`kit.steps.wording`), so
the terminal and the report say a fact the same way.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import RenderableType

from kit.cli.output import lines, stack, table
from kit.i18n import N_, Language, fmt_bucket, fmt_date, fmt_number, tr, trn, trp
from kit.i18n.labels import LEDGER_REASON, LEDGER_TABLE, ROLLOUT_RAG, ROLLOUT_STATUS

if TYPE_CHECKING:
    import pandas as pd

    from kit.engagement import Engagement
    from kit.ingest.summary import ValidationSummary
    from kit.kpis import KpiResult
    from kit.process.analysis import ProcessAnalysis
    from kit.rollout import RolloutStatus

__all__ = [
    "by_label",
    "duplicates_view",
    "kpis_by_view",
    "kpis_view",
    "status_view",
    "validate_view",
]

#: The columns of `kit kpis --by` (the full set is in the JSON document).
BY_KPIS = ("ar_total", "dso", "bpdso", "add", "cei", "paid_within_45_rate")


def _bucket(bucket: str, language: Language) -> str:
    """Return an aging bucket as the reports write it: "nicht fällig", "1–30" … "über 180"."""
    if bucket == "current":
        return tr("current", language)
    return fmt_bucket(bucket, language)


def by_label(by: str, language: Language) -> str:
    """Return the heading of the `--by` column: a known dimension in words, else the column."""
    known = {
        "segment": tr("Segment", language),
        "country": tr("Country", language),
        "customer_id": tr("Customer ID", language),
    }
    return known.get(by, by)


def _title(engagement: Engagement, as_of: date, language: Language) -> str:
    return tr(
        "{client} · as of {date} · {days}-day window",
        language,
        client=engagement.client,
        date=fmt_date(as_of, language),
        days=engagement.period_days,
    )


def kpis_view(engagement: Engagement, result: KpiResult, *, as_of: date) -> RenderableType:
    """Return the KPI table (name, value, why null) and the aging table in the user's words."""
    from kit.kpis import REGISTRY
    from kit.report.context import ReportContext
    from kit.steps.wording import kpi_name, kpi_value, note_text

    ctx = ReportContext(engagement=engagement, language=engagement.language, as_of=as_of)
    language = ctx.language
    rows = [
        (
            kpi_name(ctx, kpi),
            kpi_value(ctx, kpi, result.values.get(kpi)),
            note_text(ctx, result.notes[kpi]) if kpi in result.notes else "",
        )
        for kpi in REGISTRY
    ]
    headers = (
        tr("KPI", language),
        tr("Value", language),
        tr("Note", language),
    )
    aging = [
        (_bucket(str(bucket), language), ctx.money(float(amount), digits=0))
        for bucket, amount in result.aging["amount"].items()
    ]
    stale = None
    if not result.values.get("credit_sales") and (result.values.get("ar_total") or 0) > 0:
        stale = lines(
            [
                tr(
                    "No invoice was issued in the {days} days up to {date}, yet invoices are "
                    "open: if the export is older, set as_of in engagement.yaml to its date "
                    "(or pass --as-of).",
                    language,
                    days=engagement.period_days,
                    date=fmt_date(as_of, language),
                )
            ]
        )
    overpaid = None
    if result.overpaid_count:  # the note of ar_total points here
        overpaid = lines(
            [
                trn(
                    "{count} invoice was paid beyond its amount by {amount} in total at the "
                    "as-of date; it counts as 0 open (the report's data quality names it).",
                    "{count} invoices were paid beyond their amount by {amount} in total at the "
                    "as-of date; they count as 0 open (the report's data quality names them).",
                    result.overpaid_count,
                    language,
                    amount=ctx.money(result.overpaid_amount),
                )
            ]
        )
    return stack(
        lines([_title(engagement, as_of, language)]),
        stale,
        table(headers, rows, right=(1,)),
        overpaid,
        table(
            (tr("Days past due", language), tr("Amount", language)),
            aging,
            title=tr("Aging of receivables", language),
            right=(1,),
        ),
    )


def kpis_by_view(
    engagement: Engagement, frame: pd.DataFrame, *, as_of: date, by: str
) -> RenderableType:
    """Return one row per group of `--by` with the main KPIs, formatted like the report."""
    from kit.report.context import ReportContext
    from kit.steps.wording import kpi_name, kpi_value

    ctx = ReportContext(engagement=engagement, language=engagement.language, as_of=as_of)
    shown = [k for k in BY_KPIS if k in frame.columns]
    rows = []
    for group, row in frame.iterrows():
        values = {k: float(row[k]) for k in shown}
        cells = (kpi_value(ctx, k, None if math.isnan(v) else v) for k, v in values.items())
        rows.append((str(group), *cells))
    headers = (by_label(by, ctx.language), *(kpi_name(ctx, k) for k in shown))
    return stack(
        lines([_title(engagement, as_of, ctx.language)]),
        table(headers, rows, right=range(1, len(headers))),
    )


def duplicates_view(
    analysis: ProcessAnalysis, headlines: Sequence[str], *, language: Language
) -> RenderableType:
    """Return the headline sentences and one row per activity of each duplicate group."""
    names = {m.id: m.name for m in analysis.maps}

    def hours(value: float) -> str:
        return fmt_number(value, language, digits=1)

    rows = [
        (
            str(n) if first else "",
            m.name,
            names.get(m.map, m.map),
            m.lane or "–",
            m.system or "–",
            hours(m.hours_per_month),
            hours(g.avoidable_hours_per_month) if first else "",
        )
        for n, g in enumerate(analysis.groups, start=1)
        for first, m in ((i == 0, m) for i, m in enumerate(g.members))
    ]
    headers = (
        tr("No.", language),
        tr("Activity", language),
        tr("Process map", language),
        tr("Role", language),
        tr("System", language),
        tr("Hours/month", language),
        tr("Avoidable (h/month)", language),
    )
    grid = table(headers, rows, right=(0, 5, 6)) if rows else None
    return stack(lines(headlines), grid)


def _word(words: Mapping[str, str], key: str, language: Language) -> str:
    """Return the display name of an id from a dict of message ids, else the id itself."""
    return tr(words[key], language) if key in words else key


def _slip(days: int | None) -> str:
    return "–" if days is None else f"{days:+d}"


def _percent(value: float, language: Language) -> str:
    return fmt_number(value, language, digits=0) + ("\u00a0%" if language == "de" else "%")


def _summary_rows(
    statuses: Sequence[tuple[Path, RolloutStatus]], language: Language
) -> list[tuple[str, ...]]:
    rows: list[tuple[str, ...]] = []
    for path, status in statuses:
        current = status.phase(status.current_phase) if status.current_phase else None
        milestone = status.milestones[0] if status.milestones else None
        rows.append(
            (
                str(path),
                status.client,
                fmt_date(status.today, language),
                current.name if current else tr("finished", language),
                _word(ROLLOUT_STATUS, current.status, language) if current else "",
                _percent(current.percent if current else 100.0, language),
                _word(ROLLOUT_RAG, status.rag, language),
                _slip(status.slippage_days),
                fmt_number(len(status.blocked), language, digits=0),
                (
                    f"{milestone['name']} {fmt_date(milestone['planned_end'], language)}"
                    if milestone
                    else "–"
                ),
            )
        )
    return rows


def _phase_rows(status: RolloutStatus, language: Language) -> list[tuple[str, ...]]:
    return [
        (
            p.name,
            p.phase.owner or "–",
            _word(ROLLOUT_STATUS, p.status, language),
            _percent(p.percent, language),
            _word(ROLLOUT_RAG, p.rag, language),
            _slip(p.slippage_days),
            fmt_date(p.phase.start, language),
            fmt_date(p.phase.end, language),
            fmt_date(p.actual_start, language),
            fmt_date(p.actual_end, language),
        )
        for p in status.phases
    ]


def status_view(
    statuses: Sequence[tuple[Path, RolloutStatus]],
    *,
    language: Language,
    sources: Mapping[Path, str],
) -> RenderableType:
    """Return the portfolio table (one row per engagement) and, for one engagement, its phases.

    `sources` says per engagement where its date comes from (`engagement`, `today`, `option`).
    """
    said = {(status.today, sources[path]) for path, status in statuses}
    if len(said) == 1:
        [(day, source)] = said
        when = [_date_sentence(day, source, language)]
    else:  # several dates: each engagement's is in the column
        when = [
            tr(
                "Slippage and RAG per engagement at the date in the column “As "
                "of” (its as_of, else today), as in the reports.",
                language,
            )
        ]
    summary = table(
        (
            tr("Engagement", language),
            tr("Client", language),
            tr("As of", language),
            tr("Current phase", language),
            tr("Status", language),
            tr("Done", language),
            tr("RAG", language),
            tr("Slippage (days)", language),
            tr("Blocked", language),
            tr("Next milestone", language),
        ),
        _summary_rows(statuses, language),
        right=(5, 7, 8),
    )
    if len(statuses) != 1:
        return stack(lines(when), summary)
    status = statuses[0][1]
    phases = table(
        (
            tr("Phase", language),
            tr("Owner", language),
            tr("Status", language),
            tr("Done", language),
            tr("RAG", language),
            tr("Slippage (days)", language),
            trp("planned_start", "Planned start", language),
            trp("planned_end", "Planned end", language),
            trp("actual_start", "Actual start", language),
            trp("actual_end", "Actual end", language),
        ),
        _phase_rows(status, language),
        right=(3, 5),
    )
    blocked = [
        f"{tr('blocked', language)}: {item['name']} "
        f"({fmt_date(item['since'], language)}): {' '.join(str(item['note']).split()) or '–'}"
        for item in status.blocked
    ]
    return stack(lines(when), summary, phases, lines(blocked) if blocked else None)


def _date_sentence(day: date, source: str, language: Language) -> str:
    shown = fmt_date(day, language)
    if source == "today":
        return tr("Status on {date}: slippage and RAG at today's date.", language, date=shown)
    if source == "option":
        return tr(
            "Status on {date}: slippage and RAG at the date given with --as-of.",
            language,
            date=shown,
        )
    return tr(
        "Status on {date}: slippage and RAG at the engagement's as-of "
        "date (as_of), as in the reports; --today uses today's date.",
        language,
        date=shown,
    )


def _source_word(source: str, language: Language) -> str:
    if source == "ledger":
        return tr("line-item export", language)
    return _word(LEDGER_TABLE, source, language)


def _counted(
    counts: Mapping[str, object],
    amounts: Mapping[str, object],
    names: Sequence[tuple[str, str]],
    *,
    language: Language,
    currency: str,
) -> str:
    """Return "5.000 Rechnungen (1.234,56 €)" per name with a count, one per line."""
    from kit.i18n import fmt_money

    parts = []
    for key, word in names:
        count = counts.get(key)
        if not isinstance(count, int) or not count:
            continue
        text = f"{fmt_number(count, language, digits=0)} {word}"
        amount = amounts.get(key)
        if isinstance(amount, int | float):
            text += f" ({fmt_money(float(amount), language, currency=currency)})"
        parts.append(text)
    return "\n".join(parts) or "–"


def _accounting_rows(
    accounts: Sequence[Mapping[str, object]], *, language: Language, currency: str
) -> list[tuple[str, ...]]:
    from kit.ingest.accounting import REASONS, TABLES

    rows: list[tuple[str, ...]] = []
    for account in accounts:
        source = str(account["source"])
        used, left = account.get("used") or {}, account.get("left_out") or {}
        used_amount = account.get("used_amount") or {}
        left_amount = account.get("left_out_amount") or {}
        assert isinstance(used, dict) and isinstance(left, dict)  # noqa: S101 - JSON shape
        assert isinstance(used_amount, dict) and isinstance(left_amount, dict)  # noqa: S101
        tables = [(n, _source_word(n, language)) for n in TABLES]
        if source != "ledger":
            tables = [(source, _source_word(source, language))]
        rows.append(
            (
                _source_word(source, language),
                Path(str(account["path"])).name,
                fmt_number(float(str(account["rows_read"])), language, digits=0),
                _counted(used, used_amount, tables, language=language, currency=currency),
                _counted(
                    left,
                    left_amount,
                    [(r, _word(LEDGER_REASON, r, language)) for r in REASONS],
                    language=language,
                    currency=currency,
                ),
            )
        )
    return rows


def validate_view(
    summary: ValidationSummary, readiness: str, *, language: Language, currency: str
) -> RenderableType:
    """Return the verdict, a table of where every row read went, the problems and the steps."""
    from kit.cli.validation import capped_lines, validation_text

    if not summary.accounting:
        return lines([*validation_text(summary, language).splitlines(), *readiness.splitlines()])
    verdict = tr(N_("Data NOT valid") if summary.blocking else N_("Data valid"), language)
    grid = table(
        (
            tr("Source", language),
            tr("File", language),
            tr("Rows read", language),
            tr("used", language),
            tr("left out", language),
        ),
        _accounting_rows(summary.accounting, language=language, currency=currency),
        right=(2,),
    )
    found: list[str] = []
    for key, problems in (
        (N_("Errors"), summary.errors),
        (N_("Warnings"), summary.warnings),
        (N_("Rows left out (on_error: skip)"), summary.excluded),
    ):
        if problems:
            found.append(f"{tr(key, language)} ({len(problems)}):")
            found.extend(capped_lines(problems, language))
    return stack(
        lines([verdict]), grid, lines(found) if found else None, lines(readiness.split("\n"))
    )
