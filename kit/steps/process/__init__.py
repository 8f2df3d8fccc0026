"""Step 03, process maps, the package its notebook imports."""

from __future__ import annotations

from kit.report import open_report, show
from kit.steps.process import figures, tables, text, view
from kit.steps.process.figures import *
from kit.steps.process.tables import *
from kit.steps.process.text import *
from kit.steps.process.view import *

__all__ = ["open_report", "show"]
__all__ += figures.__all__
__all__ += tables.__all__
__all__ += text.__all__
__all__ += view.__all__
