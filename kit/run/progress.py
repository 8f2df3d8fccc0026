"""The progress display of `kit run` on stderr: a tqdm bar with one line per finished step."""

from __future__ import annotations

import sys
import time

from tqdm import tqdm

from kit.run.execute import StepOutcome
from kit.run.status import StepStatus

__all__ = ["RunProgress"]


class RunProgress:
    """A progress bar over the notebooks of a run (stderr; nothing when `enabled` is False).

    One line per notebook as it ends (`kit run: 02_kpis ok (3.1 s)`), the bar below them and
    one closing line for the run. Safe to call from the threads of a parallel run.
    """

    def __init__(self, total: int, *, enabled: bool) -> None:
        self.enabled = enabled
        self.started = time.perf_counter()
        self.bar = tqdm(
            total=total,
            desc="kit run",
            unit="notebook",
            file=sys.stderr,
            disable=not enabled,
            leave=False,
            dynamic_ncols=True,
        )

    def _say(self, text: str) -> None:
        if self.enabled:
            self.bar.write(f"kit run: {text}", file=sys.stderr)

    def start(self, step: str) -> None:
        """Show `step` as the notebook being run."""
        self.bar.set_postfix_str(step)

    def finish(self, outcome: StepOutcome) -> None:
        """Count one notebook as done and print its state and time."""
        state = StepStatus.OK.value if outcome.ok else StepStatus.FAILED.value.upper()
        self.bar.update(1)
        self._say(f"{outcome.step} {state} ({outcome.seconds:.1f} s)")

    def end(self, text: str) -> None:
        """Close the bar and print `text` with the run's time in seconds."""
        self.bar.close()
        self._say(f"{text} in {time.perf_counter() - self.started:.1f} s")
