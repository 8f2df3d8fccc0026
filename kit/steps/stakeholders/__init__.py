"""Step 02, stakeholders, the package its notebook imports."""

from __future__ import annotations

from kit.report import open_report, show
from kit.steps.stakeholders import view
from kit.steps.stakeholders.view import *

__all__ = ["open_report", "show"]
__all__ += view.__all__
