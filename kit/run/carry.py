"""Keep the reports of steps a partial run (`kit run --only`) did not execute.

Every published set holds `cards.json` (as-of date, language and the index cards). A partial run
copies the previous reports of the other steps into its run folder, so the new `reports/` is still
complete; reports of another as-of date or language are not mixed in.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

from kit.i18n import Language
from kit.report.index import IndexCard

__all__ = ["CARDS_FILE", "carry_over", "save_cards"]

CARDS_FILE = "cards.json"
EXPORTS = "exports"
STRATEGY_STEP = "05_strategy"


def save_cards(cards: list[IndexCard], run_dir: Path, *, as_of: str, language: Language) -> Path:
    """Write the index cards of a set of reports to `run_dir/cards.json` and return its path."""
    document = {
        "as_of": as_of,
        "language": language,
        "cards": [
            {
                "step": c.step,
                "title": c.title,
                "href": c.href,
                "headline": dict(c.headline) if c.headline else None,
                "pdf_href": c.pdf_href,
            }
            for c in cards
        ],
    }
    path = run_dir / CARDS_FILE
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True), "utf-8")
    return path


def _previous(reports: Path) -> dict[str, Any] | None:
    try:
        loaded = json.loads((reports / CARDS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return loaded if isinstance(loaded, dict) else None


def carry_over(
    reports: Path, run_dir: Path, *, ran: set[str], as_of: str, language: Language
) -> tuple[list[IndexCard], list[Path]]:
    """Return the previous cards of steps not in `ran` and their files, copied into `run_dir`.

    Nothing is carried when the previous set was made for another as-of date or language.
    """
    previous = _previous(reports)
    if previous is None or (previous.get("as_of"), previous.get("language")) != (as_of, language):
        return [], []
    cards: list[IndexCard] = []
    files: list[Path] = []
    for raw in previous.get("cards", []):
        step, href = str(raw.get("step", "")), str(raw.get("href", ""))
        source = reports / href
        if step in ran or not href or "/" in href or not source.is_file():
            continue
        shutil.copy2(source, run_dir / href)
        files.append(run_dir / href)
        pdf = raw.get("pdf_href")
        if pdf and "/" not in str(pdf) and (reports / str(pdf)).is_file():
            shutil.copy2(reports / str(pdf), run_dir / str(pdf))
            files.append(run_dir / str(pdf))
        else:
            pdf = None
        cards.append(IndexCard(step, str(raw.get("title", step)), href, raw.get("headline"), pdf))
        if step == STRATEGY_STEP and (reports / EXPORTS).is_dir():
            if not (run_dir / EXPORTS).exists():
                shutil.copytree(reports / EXPORTS, run_dir / EXPORTS)
    return cards, files
