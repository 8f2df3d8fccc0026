"""The rollout status as a plain-text table: one row per engagement, per phase for a single one."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from kit.i18n.labels import ROLLOUT_COLUMN, ROLLOUT_RAG, ROLLOUT_STATUS
from kit.message import Msg, render, wording
from kit.rollout.portfolio import summary_frame

if TYPE_CHECKING:
    from kit.i18n.markers import Language
    from kit.rollout.status import RolloutStatus

__all__ = ["format_status_table"]


def format_status_table(
    statuses: Sequence[tuple[Path, RolloutStatus]], *, language: Language = "en"
) -> str:
    """Return a plain-text table: one row per engagement, plus per phase for a single one."""
    summary = summary_frame(statuses)
    for column in ("current_phase", "status"):  # messages, or a phase name already written
        cells = summary[column]
        summary[column] = [render(v, language) if isinstance(v, Msg) else v for v in cells]
    summary["rag"] = [render(wording(ROLLOUT_RAG[r]), language) for r in summary["rag"]]
    text = _text(summary, language)
    if len(statuses) != 1:
        return text
    status = statuses[0][1]
    phases = pd.DataFrame(
        [
            {
                "phase": p.name,
                "owner": p.phase.owner or "",
                "status": render(wording(ROLLOUT_STATUS[p.status]), language),
                "percent": p.percent,
                "rag": render(wording(ROLLOUT_RAG[p.rag]), language),
                "slippage_days": p.slippage_days,
                "planned_start": _iso(p.phase.start),
                "planned_end": _iso(p.phase.end),
                "actual_start": _iso(p.actual_start),
                "actual_end": _iso(p.actual_end),
            }
            for p in status.phases
        ]
    )
    parts = [text, "", _text(phases, language)]
    for item in status.blocked:
        since = item["since"].isoformat() if item["since"] else "-"
        note = " ".join(str(item["note"]).split()) or "-"
        parts.append(f"{render(wording('blocked'), language)}: {item['name']} ({since}): {note}")
    return "\n".join(parts)


def _text(frame: pd.DataFrame, language: Language) -> str:
    """Return `frame` as text: percent and signed slippage written out, gaps as "-"."""
    shown = frame.copy()
    if "percent" in shown:
        shown["percent"] = [f"{v:.0f} %" for v in shown["percent"]]
    for column in ("planned_start", "planned_end", "actual_start", "actual_end"):
        if column in shown:
            shown[column] = [v or "-" for v in shown[column]]
    if "slippage_days" in shown:
        shown["slippage_days"] = [
            "-" if pd.isna(v) else f"{int(v):+d}" for v in shown["slippage_days"]
        ]
    shown = shown.fillna("-").replace("", "-")
    shown.columns = [render(wording(ROLLOUT_COLUMN[c]), language) for c in shown.columns]
    return shown.to_string(index=False)


def _iso(value: date | None) -> str:
    return value.isoformat() if value is not None else ""
