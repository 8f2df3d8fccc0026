"""The steering committee's pack: a workbook with every report table and a slide deck.

`build_pack` writes both into an exports folder (under `kit run`, the run's `exports/`, which is
published with the reports as `reports/exports/`):

- `<client>-kennzahlen-<as-of>.xlsx` (`-kpis-` in English engagements), see `kit.pack.workbook`;
- `<client>-lenkungskreis-<as-of>.pptx` (`-steering-committee-`), see `kit.pack.deck`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from kit.pack.pages import ReportPage

if TYPE_CHECKING:
    from kit.report.context import ReportContext

__all__ = ["PackFile", "ReportPage", "build_pack", "client_slug", "pack_names"]


_UMLAUTS = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}
)


@dataclass(frozen=True)
class PackFile:
    """One file of the pack: kind (workbook | deck) and where it was written."""

    kind: str
    path: Path


def client_slug(client: str) -> str:
    """Return the client name as a file-name part: ASCII, lower case, words joined by '-'.

    German umlauts are spelt out: "Müller & Söhne" → "mueller-soehne".
    """
    spelt = client.translate(_UMLAUTS)
    ascii_name = unicodedata.normalize("NFKD", spelt).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return slug or "client"


def pack_names(ctx: ReportContext) -> dict[str, str]:
    """Return the file names of the pack: {"workbook": "….xlsx", "deck": "….pptx"}."""
    stem = client_slug(ctx.engagement.client)
    day = ctx.as_of.isoformat()
    return {
        "workbook": f"{stem}-{ctx.tr('kpis')}-{day}.xlsx",
        "deck": f"{stem}-{ctx.tr('steering-committee')}-{day}.pptx",
    }


def build_pack(
    ctx: ReportContext, folder: Path, *, reports: Sequence[ReportPage] = ()
) -> list[PackFile]:
    """Write the workbook and the deck into `folder` and return them (workbook first).

    `reports` are the HTML reports of the run (and those carried over): the deck takes each
    step's headline, main chart and next steps from them, exactly as the client reads them.
    """
    from kit.pack.collect import collect
    from kit.pack.deck import write_deck
    from kit.pack.workbook import build_sheets, write_workbook

    data = collect(ctx)
    names = pack_names(ctx)
    workbook = write_workbook(
        folder / names["workbook"],
        build_sheets(data),
        language=ctx.language,
        currency=ctx.engagement.currency,
        colour=ctx.engagement.branding.primary_color,
    )
    deck = write_deck(folder / names["deck"], data, reports=reports)
    return [PackFile("workbook", workbook), PackFile("deck", deck)]
