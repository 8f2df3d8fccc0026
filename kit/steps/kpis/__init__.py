"""Step 04, baseline KPIs (with the forecast), the package its notebook imports."""

from __future__ import annotations

from kit.report import open_report as open_report
from kit.report import show as show
from kit.steps.kpis import figures, forecast, ledger, quality, references, tables, text, view
from kit.steps.kpis.figures import *
from kit.steps.kpis.forecast import *
from kit.steps.kpis.ledger import *
from kit.steps.kpis.quality import *
from kit.steps.kpis.references import *
from kit.steps.kpis.tables import *
from kit.steps.kpis.text import *
from kit.steps.kpis.view import *

_MODULES = (
    figures,
    forecast,
    ledger,
    quality,
    references,
    tables,
    text,
    view,
)
__all__ = sorted({"open_report", "show"}.union(*(m.__all__ for m in _MODULES)))
