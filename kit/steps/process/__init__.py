"""Step 03, process maps, the package its notebook imports."""

from __future__ import annotations

from kit.report import open_report as open_report
from kit.report import show as show
from kit.steps.process import figures, tables, text, view
from kit.steps.process.figures import *
from kit.steps.process.tables import *
from kit.steps.process.text import *
from kit.steps.process.view import *

_MODULES = (
    figures,
    tables,
    text,
    view,
)
__all__ = sorted({"open_report", "show"}.union(*(m.__all__ for m in _MODULES)))
