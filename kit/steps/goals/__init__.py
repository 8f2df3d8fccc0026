"""Step 01, goals (with the business case), the package its notebook imports."""

from __future__ import annotations

from kit.report import open_report as open_report
from kit.report import show as show
from kit.steps.goals import business_case, tables, text, view, wording
from kit.steps.goals.business_case import *
from kit.steps.goals.tables import *
from kit.steps.goals.text import *
from kit.steps.goals.view import *
from kit.steps.goals.wording import *

_MODULES = (
    business_case,
    tables,
    text,
    view,
    wording,
)
__all__ = sorted({"open_report", "show"}.union(*(m.__all__ for m in _MODULES)))
