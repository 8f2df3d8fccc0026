"""index.html: client, consultant, as-of date, phase status strip and one card per report."""

from __future__ import annotations

import csv
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from kit.engagement import Engagement
from kit.errors import DataError
from kit.report.format import fmt_date
from kit.report.i18n import catalogue, t

__all__ = [
    "PHASE_STATUSES",
    "IndexCard",
    "PhaseState",
    "PhaseStatusSource",
    "phase_states",
    "read_status_log",
    "render_index",
]

PHASE_STATUSES = ("not_started", "in_progress", "done", "blocked")
PhaseStatusSource = Mapping[str, str] | Callable[[Engagement], Mapping[str, str]]


@dataclass(frozen=True)
class IndexCard:
    """One report on the index page: its title, file and published headline."""

    step: str
    title: str
    href: str
    headline: Mapping[str, Any] | None = None
    pdf_href: str | None = None


@dataclass(frozen=True)
class PhaseState:
    """One phase in the status strip: name, current status and planned dates."""

    id: str
    name: str
    status: str
    start: date | None
    end: date | None


def read_status_log(path: Path) -> dict[str, str]:
    """Return {phase id: status} from the latest row per phase of tracking/status.csv."""
    if not path.is_file():
        return {}
    text = path.read_text(encoding="utf-8-sig")
    if not text.strip():
        return {}
    try:
        dialect: Any = csv.Sniffer().sniff(text.splitlines()[0], delimiters=";,\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(text.splitlines(), dialect=dialect)
    missing = {"date", "phase", "status"} - set(reader.fieldnames or [])
    if missing:
        raise DataError(
            f"status log lacks column(s) {', '.join(sorted(missing))}",
            path=path,
            row=1,
            expected="columns date, phase, status, percent_complete, note, author",
        )
    latest: dict[str, tuple[date, str]] = {}
    for row_number, row in enumerate(reader, start=2):
        raw_date = (row.get("date") or "").strip()
        try:
            when = date.fromisoformat(raw_date)
        except ValueError:
            raise DataError(
                "not a date",
                path=path,
                row=row_number,
                column="date",
                value=raw_date,
                expected="YYYY-MM-DD",
            ) from None
        status = (row.get("status") or "").strip()
        if status not in PHASE_STATUSES:
            raise DataError(
                "unknown status",
                path=path,
                row=row_number,
                column="status",
                value=status,
                expected=", ".join(PHASE_STATUSES),
            )
        phase = (row.get("phase") or "").strip()
        if phase not in latest or when >= latest[phase][0]:
            latest[phase] = (when, status)
    return {phase: status for phase, (_, status) in latest.items()}


def phase_states(
    engagement: Engagement, *, language: str, status: PhaseStatusSource | None = None
) -> list[PhaseState]:
    """Return the phases of the plan with their current status (from `status` or the status log)."""
    if status is None:
        current: Mapping[str, str] = read_status_log(engagement.resolve(engagement.status_log))
    elif callable(status):
        current = status(engagement)
    else:
        current = status
    names = catalogue()
    states = []
    for phase in engagement.phases:
        key = f"report.phase.{phase.id}"
        name = phase.name or (names[key][language] if key in names else phase.id)
        states.append(
            PhaseState(
                phase.id, name, str(current.get(phase.id, "planned")), phase.start, phase.end
            )
        )
    return states


def render_index(
    *,
    kit_meta: Mapping[str, Any],
    cards: Sequence[IndexCard],
    phases: Sequence[PhaseState],
    combined_pdf: str | None = None,
) -> str:
    """Return the HTML of index.html (page frame from templates/report/page.j2)."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    from kit.run.convert import TEMPLATE_DIR

    language = str(kit_meta["language"])
    env = Environment(  # noqa: S701 - page.j2 escapes every value with |e itself
        loader=FileSystemLoader(str(TEMPLATE_DIR)),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    labels = {
        key: t(f"report.{key}", language)
        for key in (
            "index.title",
            "index.reports",
            "index.phases",
            "index.open",
            "index.pdf",
            "index.all_pdf",
        )
    }
    phase_rows = [
        {
            "id": p.id,
            "name": p.name,
            "status": p.status,
            "status_text": t(f"report.status.{p.status}", language)
            if p.status in (*PHASE_STATUSES, "planned")
            else p.status,
            "dates": " – ".join(fmt_date(d, language) for d in (p.start, p.end) if d is not None),
        }
        for p in phases
    ]
    return env.get_template("overview.html.j2").render(
        kit=kit_meta, cards=cards, phases=phase_rows, labels=labels, combined_pdf=combined_pdf
    )
