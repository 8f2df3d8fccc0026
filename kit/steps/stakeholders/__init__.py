"""Step 02, stakeholders, the package its notebook imports."""

from __future__ import annotations

from kit.report import open_report as open_report
from kit.report import show as show
from kit.steps.stakeholders import view
from kit.steps.stakeholders.view import *

_MODULES = (view,)
__all__ = sorted({"open_report", "show"}.union(*(m.__all__ for m in _MODULES)))
