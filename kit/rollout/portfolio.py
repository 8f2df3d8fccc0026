"""Portfolio view over several engagements: JSON for `kit status --json` and a terminal table."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from kit.engagement import load_engagement
from kit.i18n.labels import ROLLOUT_COLUMN, ROLLOUT_RAG, ROLLOUT_STATUS
from kit.message import Msg, render, wording
from kit.rollout.status import RolloutStatus, rollout_status

if TYPE_CHECKING:
    from kit.i18n.markers import Language

__all__ = ["format_status_table", "load_statuses", "portfolio", "portfolio_table"]


def load_statuses(
    engagement_paths: Sequence[Path | str], *, today: date | None = None
) -> list[tuple[Path, RolloutStatus]]:
    """Return (path as given, RolloutStatus) per engagement; ConfigError/DataError on bad input."""
    result = []
    for path in engagement_paths:
        engagement = load_engagement(path)
        result.append((Path(path), rollout_status(engagement, today=today)))
    return result


def portfolio(
    engagement_paths: Sequence[Path | str], *, today: date | None = None
) -> list[dict[str, Any]]:
    """Return the `kit status --json` document: one dict per engagement, ISO dates or None.

    Each dict: engagement (path as given), client, current_phase, rag, slippage_days, phases.
    """
    return [
        {"engagement": str(path), **status.as_dict()}
        for path, status in load_statuses(engagement_paths, today=today)
    ]


def _summary_row(path: Path, status: RolloutStatus) -> dict[str, Any]:
    """Return one engagement's summary; `status` (and `current_phase` once done) are messages."""
    current = status.phase(status.current_phase) if status.current_phase else None
    milestone = status.milestones[0] if status.milestones else None
    return {
        "engagement": str(path),
        "client": status.client,
        "current_phase": current.name if current else wording("finished"),
        "status": wording(ROLLOUT_STATUS[current.status]) if current else "",
        "percent": current.percent if current else 100.0,
        "rag": status.rag,
        "slippage_days": status.slippage_days,
        "blocked": len(status.blocked),
        "next_milestone": (
            f"{milestone['name']} {milestone['planned_end'].isoformat()}" if milestone else ""
        ),
    }


def portfolio_table(
    engagement_paths: Sequence[Path | str],
    *,
    today: date | None = None,
) -> pd.DataFrame:
    """Return one row per engagement: current phase, status, percent, RAG, slippage (days).

    `status` (and `current_phase` once finished) are messages, shown with `kit.message.render`.
    """
    rows = [
        _summary_row(path, status) for path, status in load_statuses(engagement_paths, today=today)
    ]
    frame = pd.DataFrame(rows, columns=list(_SUMMARY_COLUMNS))
    frame["slippage_days"] = frame["slippage_days"].astype("Int64")
    for column in ("current_phase", "status"):  # messages: kept as objects, not turned into text
        frame[column] = pd.Series([r[column] for r in rows], index=frame.index, dtype=object)
    return frame


_SUMMARY_COLUMNS = (
    "engagement", "client", "current_phase", "status", "percent", "rag", "slippage_days",
    "blocked", "next_milestone",
)  # fmt: skip


def _text(frame: pd.DataFrame, language: Language) -> str:
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


def _shown(row: dict[str, Any], language: Language) -> dict[str, Any]:
    """Return `row` with its messages rendered in `language`."""
    return {k: render(v, language) if isinstance(v, Msg) else v for k, v in row.items()}


def format_status_table(
    statuses: Sequence[tuple[Path, RolloutStatus]], *, language: Language = "en"
) -> str:
    """Return a plain-text table: one row per engagement, plus per phase for a single one.

    The one function here that writes words: a terminal table rendered in `language`.
    """
    summary = pd.DataFrame(
        [_shown(_summary_row(path, status), language) for path, status in statuses],
        columns=list(_SUMMARY_COLUMNS),
    )
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


def _iso(value: date | None) -> str:
    return value.isoformat() if value is not None else ""
