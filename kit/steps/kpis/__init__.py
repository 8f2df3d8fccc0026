"""Step 04, baseline KPIs (with the forecast), the package its notebook imports."""

from __future__ import annotations

from kit.report import open_report, show
from kit.steps.kpis import figures, forecast, ledger, quality, references, tables, text, view
from kit.steps.kpis.figures import *
from kit.steps.kpis.forecast import *
from kit.steps.kpis.ledger import *
from kit.steps.kpis.quality import *
from kit.steps.kpis.references import *
from kit.steps.kpis.tables import *
from kit.steps.kpis.text import *
from kit.steps.kpis.view import *

__all__ = ["open_report", "show"]
__all__ += figures.__all__
__all__ += forecast.__all__
__all__ += ledger.__all__
__all__ += quality.__all__
__all__ += references.__all__
__all__ += tables.__all__
__all__ += text.__all__
__all__ += view.__all__
