"""Step 07, after-care, the package its notebook imports."""

from __future__ import annotations

from kit.report import open_report, show
from kit.steps.aftercare import figures, forecast, tables, text, view
from kit.steps.aftercare.figures import *
from kit.steps.aftercare.forecast import *
from kit.steps.aftercare.tables import *
from kit.steps.aftercare.text import *
from kit.steps.aftercare.view import *

__all__ = ["open_report", "show"]
__all__ += figures.__all__
__all__ += forecast.__all__
__all__ += tables.__all__
__all__ += text.__all__
__all__ += view.__all__
