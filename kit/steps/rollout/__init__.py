"""Step 06, rollout tracking, the package its notebook imports."""

from __future__ import annotations

from kit.report import open_report as open_report
from kit.report import show as show
from kit.steps.rollout import checks, figures, tables, text, view
from kit.steps.rollout.checks import *
from kit.steps.rollout.figures import *
from kit.steps.rollout.tables import *
from kit.steps.rollout.text import *
from kit.steps.rollout.view import *

_MODULES = (
    checks,
    figures,
    tables,
    text,
    view,
)
__all__ = sorted({"open_report", "show"}.union(*(m.__all__ for m in _MODULES)))
