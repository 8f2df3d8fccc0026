"""index.html: client, consultant, as-of date, phase status strip and one card per report."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from kit.engagement import Engagement, repo_root
from kit.i18n import N_, Language, fmt_date, fmt_date_range, tr
from kit.message import render
from kit.rollout.log import STATUSES

#: The words of the index page, by the name the template uses.
_INDEX_LABELS: dict[str, str] = {
    "index.title": N_("Credit-management rollout reports"),
    "index.reports": N_("Reports"),
    "index.phases": N_("Project phases"),
    "index.open": N_("Open report"),
    "index.pdf": N_("PDF"),
    "index.all_pdf": N_("All reports as PDF"),
}


_REPORT_STATUS: dict[str, str] = {
    "blocked": N_("blocked"),
    "done": N_("done"),
    "in_progress": N_("in progress"),
    "not_started": N_("not started"),
    "planned": N_("planned"),
}

__all__ = [
    "PHASE_STATUSES",
    "TEMPLATE_DIR",
    "Download",
    "IndexCard",
    "PhaseState",
    "PhaseStatusSource",
    "phase_states",
    "render_index",
]

# The report templates (page frame, nbconvert template) shipped beside the kit.
TEMPLATE_DIR = repo_root() / "templates" / "report"

#: The statuses of the phase log, defined once in kit.rollout.log.
PHASE_STATUSES = STATUSES
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
class Download:
    """A file on the index page to download (e.g. the steering committee's deck)."""

    kind: str  # workbook | deck
    title: str
    note: str
    href: str  # relative to index.html, e.g. exports/acme-gmbh-kennzahlen-2026-06-30.xlsx


@dataclass(frozen=True)
class PhaseState:
    """One phase in the status strip: name, current status and planned dates."""

    id: str
    name: str
    status: str
    start: date | None
    end: date | None


def phase_states(
    engagement: Engagement,
    *,
    language: Language,
    status: PhaseStatusSource | None = None,
    today: date | None = None,
) -> list[PhaseState]:
    """Return the phases of the plan with their status on `today` (default: from the status log).

    `status` overrides the log with {phase id: status} or a function of the engagement.
    """
    from kit.rollout import phase_plan, rollout_status

    plan = phase_plan(engagement)
    if status is None:
        state = rollout_status(engagement, today=today, language=language)
        current: Mapping[str, str] = {p.phase.id: p.status for p in state.phases}
    elif callable(status):
        current = status(engagement)
    else:
        current = status
    return [
        PhaseState(
            phase.id,
            render(phase.title(), language),
            str(current.get(phase.id, "planned")),
            phase.start,
            phase.end,
        )
        for phase in plan
    ]


def _repeats_title(label: str, title: str) -> bool:
    """Return True when a headline label only repeats the report title ("Ziele" / "Ziele und …")."""
    stem = label.strip().casefold()[:5]
    return not stem or stem in title.casefold()


def _shown_card(card: IndexCard) -> IndexCard:
    """Return the card as the index shows it: no headline label that repeats the card's title."""
    headline = card.headline
    if not headline or not _repeats_title(str(headline.get("title", "")), card.title):
        return card
    return replace(card, headline={**headline, "title": ""})


def render_index(
    *,
    kit_meta: Mapping[str, Any],
    cards: Sequence[IndexCard],
    phases: Sequence[PhaseState],
    combined_pdf: str | None = None,
    downloads: Sequence[Download] = (),
) -> str:
    """Return the HTML of index.html (page frame from templates/report/page.j2).

    `downloads` become cards of their own below the reports.

    Long because the page's cards, phases and downloads are put together for one template call.
    """
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    language: Language = "de" if kit_meta["language"] == "de" else "en"
    env = Environment(  # noqa: S701 - page.j2 escapes every value with |e itself
        loader=FileSystemLoader(str(TEMPLATE_DIR)),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
    )
    labels = {key: tr(text, language) for key, text in _INDEX_LABELS.items()}
    labels["pack.title"] = tr("For the steering committee", language)
    labels["pack.download"] = tr("Download", language)
    phase_rows = [
        {
            "id": p.id,
            "name": p.name,
            "status": p.status,
            "status_text": tr(_REPORT_STATUS[p.status], language)
            if p.status in (*PHASE_STATUSES, "planned")
            else p.status,
            "dates": fmt_date_range(p.start, p.end, language)
            if p.start is not None and p.end is not None
            else fmt_date(p.start or p.end, language)
            if (p.start or p.end)
            else "",
        }
        for p in phases
    ]
    return env.get_template("overview.html.j2").render(
        kit=kit_meta,
        cards=[_shown_card(card) for card in cards],
        phases=phase_rows,
        labels=labels,
        combined_pdf=combined_pdf,
        downloads=downloads,
    )
