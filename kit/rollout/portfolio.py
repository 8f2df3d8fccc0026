"""Portfolio view over several engagements: JSON for `kit status --json` and a summary frame."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd

from kit.engagement import load_engagement
from kit.i18n.labels import ROLLOUT_STATUS
from kit.message import wording
from kit.rollout.status import RolloutStatus, rollout_status

__all__ = ["load_statuses", "portfolio", "portfolio_table", "summary_frame"]


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
    return summary_frame(load_statuses(engagement_paths, today=today))


def summary_frame(statuses: Sequence[tuple[Path, RolloutStatus]]) -> pd.DataFrame:
    """Return one row per (path, status): current phase, status, percent, RAG, slippage (days).

    `status` (and `current_phase` once finished) are messages, shown with `kit.message.render`.
    """
    rows = [_summary_row(path, status) for path, status in statuses]
    frame = pd.DataFrame(rows, columns=list(_SUMMARY_COLUMNS))
    frame["slippage_days"] = frame["slippage_days"].astype("Int64")
    for column in ("current_phase", "status"):  # messages: kept as objects, not turned into text
        frame[column] = pd.Series([r[column] for r in rows], index=frame.index, dtype=object)
    return frame


_SUMMARY_COLUMNS = (
    "engagement", "client", "current_phase", "status", "percent", "rag", "slippage_days",
    "blocked", "next_milestone",
)  # fmt: skip
