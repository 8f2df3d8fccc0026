"""The states of a run and of its steps, defined once (run.json, progress, `kit run` exit)."""

from __future__ import annotations

from enum import StrEnum

__all__ = ["StepStatus"]


class StepStatus(StrEnum):
    """The state of one step notebook, and of the run as a whole, in run.json.

    `running` only for a run whose manifest is written before its steps start; a step is `ok`
    or `failed`. The values are the strings run.json has always held.
    """

    RUNNING = "running"
    OK = "ok"
    FAILED = "failed"
