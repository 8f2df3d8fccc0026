"""Step 06, rollout tracking, the package its notebook imports."""

from __future__ import annotations

from kit.report import open_report, show
from kit.steps.rollout import checks, figures, tables, text, view
from kit.steps.rollout.checks import *
from kit.steps.rollout.figures import *
from kit.steps.rollout.tables import *
from kit.steps.rollout.text import *
from kit.steps.rollout.view import *

__all__ = ["open_report", "show"]
__all__ += checks.__all__
__all__ += figures.__all__
__all__ += tables.__all__
__all__ += text.__all__
__all__ += view.__all__
