"""Step 05, collection strategy (with the call list), the package its notebook imports."""

from __future__ import annotations

from kit.report import open_report, show
from kit.steps.strategy import figures, labels, summary, tables, text, view, worklist
from kit.steps.strategy.figures import *
from kit.steps.strategy.labels import *
from kit.steps.strategy.summary import *
from kit.steps.strategy.tables import *
from kit.steps.strategy.text import *
from kit.steps.strategy.view import *
from kit.steps.strategy.worklist import *

__all__ = ["open_report", "show"]
__all__ += figures.__all__
__all__ += labels.__all__
__all__ += summary.__all__
__all__ += tables.__all__
__all__ += text.__all__
__all__ += view.__all__
__all__ += worklist.__all__
