"""Instructions for the consultant: kept out of the client report, printed by `kit run`.

A step publishes them with `consultant_note`; the converter drops them from the page, the
runner collects them into run.json and the CLI prints them after the run.
"""

from __future__ import annotations

from typing import Any

__all__ = ["CONSULTANT_MIME", "consultant_note", "read_consultant_notes"]

CONSULTANT_MIME = "application/vnd.kit.consultant+json"


def consultant_note(text: str) -> None:
    """Publish one instruction for the consultant (paths, engagement.yaml keys, commands)."""
    from IPython.display import display

    display({CONSULTANT_MIME: {"text": text}}, raw=True)


def read_consultant_notes(nb: Any) -> list[str]:
    """Return the consultant instructions an executed notebook published, in order."""
    notes: list[str] = []
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if CONSULTANT_MIME in data:
                notes.append(str(data[CONSULTANT_MIME].get("text", "")))
    return notes
