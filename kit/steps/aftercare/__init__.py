"""Step 07, after-care, the package its notebook imports."""

from __future__ import annotations

from kit.report import open_report as open_report
from kit.report import show as show
from kit.steps.aftercare import figures, forecast, tables, text, view
from kit.steps.aftercare.figures import *
from kit.steps.aftercare.forecast import *
from kit.steps.aftercare.tables import *
from kit.steps.aftercare.text import *
from kit.steps.aftercare.view import *

_MODULES = (
    figures,
    forecast,
    tables,
    text,
    view,
)
__all__ = sorted({"open_report", "show"}.union(*(m.__all__ for m in _MODULES)))
