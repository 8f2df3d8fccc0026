"""Step 01, goals (with the business case), the package its notebook imports."""

from __future__ import annotations

from kit.report import open_report, show
from kit.steps.goals import business_case, tables, text, view, wording
from kit.steps.goals.business_case import *
from kit.steps.goals.tables import *
from kit.steps.goals.text import *
from kit.steps.goals.view import *
from kit.steps.goals.wording import *

__all__ = ["open_report", "show"]
__all__ += business_case.__all__
__all__ += tables.__all__
__all__ += text.__all__
__all__ += view.__all__
__all__ += wording.__all__
