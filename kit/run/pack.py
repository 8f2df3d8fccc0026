"""The steering committee's pack in a run: built after the reports, published with them.

The workbook and the deck are written into the run's `exports/` folder, which `publish_reports`
swaps in with the reports as `reports/exports/`; the index shows one download card for each.
A pack that cannot be built does not hold back the reports: the run publishes without it and
says why on stderr.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from kit.engagement import Engagement
from kit.i18n import N_, Language
from kit.report.index import Download, IndexCard

_PACK_INDEX: dict[str, str] = {
    "deck": N_("Slide deck for the steering committee (PowerPoint)"),
    "deck_note": N_(
        "Per step its headline, main chart and three next steps, plus "
        "the business case and the phase plan."
    ),
    "download": N_("Download"),
    "title": N_("For the steering committee"),
    "workbook": N_("Workbook with every table (Excel)"),
    "workbook_note": N_("KPIs, aging, segments, lists, phases and backlog to filter and re-use."),
}

_PACK_INDEX_NOTE: dict[str, str] = {
    "deck": N_(
        "Per step its headline, main chart and three next steps, plus "
        "the business case and the phase plan."
    ),
    "workbook": N_("KPIs, aging, segments, lists, phases and backlog to filter and re-use."),
}

__all__ = ["EXPORTS", "build_run_pack"]

EXPORTS = "exports"


def build_run_pack(
    engagement: Engagement,
    run_dir: Path,
    cards: Sequence[IndexCard],
    *,
    language: Language,
    as_of: date,
) -> tuple[list[Download], str | None]:
    """Write the pack into `run_dir/exports/`; return its download cards and the error, if any."""
    from kit.i18n import tr
    from kit.pack import build_pack
    from kit.pack.pages import ReportPage
    from kit.report.context import ReportContext

    ctx = ReportContext(engagement=engagement, language=language, as_of=as_of)
    pages = [
        ReportPage(c.step, c.title, c.headline, run_dir / c.href)
        for c in cards
        if c.href and "/" not in c.href
    ]
    try:
        files = build_pack(ctx, run_dir / EXPORTS, reports=pages)
    except Exception as error:
        message = f"{type(error).__name__}: {error}"
        sys.stderr.write(f"kit run: steering-committee pack left out ({message})\n")
        return [], message
    downloads = [
        Download(
            kind=f.kind,
            title=tr(_PACK_INDEX[f.kind], language),
            note=tr(_PACK_INDEX_NOTE[f.kind], language),
            href=f"{EXPORTS}/{f.path.name}",
        )
        for f in files
    ]
    return downloads, None
