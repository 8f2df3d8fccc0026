"""Building blocks of `kit run`: execute notebooks, convert them, write the manifest, publish."""

from __future__ import annotations

from kit.run.execute import StepOutcome, execute_step
from kit.run.publish import publish_reports, recover_reports

__all__ = ["StepOutcome", "execute_step", "publish_reports", "recover_reports"]
