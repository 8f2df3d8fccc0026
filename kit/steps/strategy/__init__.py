"""Step 05, collection strategy (with the call list), the package its notebook imports."""

from __future__ import annotations

from kit.report import open_report as open_report
from kit.report import show as show
from kit.steps.strategy import figures, labels, summary, tables, text, view, worklist
from kit.steps.strategy.figures import *
from kit.steps.strategy.labels import *
from kit.steps.strategy.summary import *
from kit.steps.strategy.tables import *
from kit.steps.strategy.text import *
from kit.steps.strategy.view import *
from kit.steps.strategy.worklist import *

_MODULES = (
    figures,
    labels,
    summary,
    tables,
    text,
    view,
    worklist,
)
__all__ = sorted({"open_report", "show"}.union(*(m.__all__ for m in _MODULES)))
