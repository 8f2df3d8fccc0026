"""The progress display of `kit run` on stderr: a tqdm bar with one line per finished step."""

from __future__ import annotations

import sys
import time

from tqdm import tqdm

from kit.i18n import Language, fmt_number, tr
from kit.run.execute import StepOutcome

__all__ = ["RunProgress"]


class RunProgress:
    """A progress bar over the notebooks of a run (stderr; nothing when `enabled` is False).

    One line per notebook as it ends (`kit run: 02_kpis ok (3.1 s)`), the bar below them and
    one closing line for the run, worded in the engagement's `language`. Safe to call from the
    threads of a parallel run.
    """

    def __init__(self, total: int, *, enabled: bool, language: Language = "en") -> None:
        self.enabled = enabled
        self.language: Language = language
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

    def _seconds(self, value: float) -> str:
        return fmt_number(value, self.language, digits=1)

    def start(self, step: str) -> None:
        """Show `step` as the notebook being run."""
        self.bar.set_postfix_str(step)

    def finish(self, outcome: StepOutcome) -> None:
        """Count one notebook as done and print its state and time."""
        seconds = self._seconds(outcome.seconds)
        if outcome.ok:
            line = tr("{step} ok ({seconds} s)", self.language, step=outcome.step, seconds=seconds)
        else:
            line = tr(
                "{step} FAILED ({seconds} s)", self.language, step=outcome.step, seconds=seconds
            )
        self.bar.update(1)
        self._say(line)

    def end(self, text: str) -> None:
        """Close the bar and print `text` with the run's time in seconds."""
        self.bar.close()
        seconds = self._seconds(time.perf_counter() - self.started)
        self._say(tr("{text} in {seconds} s", self.language, text=text, seconds=seconds))
