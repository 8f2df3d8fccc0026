"""Goals: SMART checks, progress from baseline to target, trend forecast and starter goals."""

from __future__ import annotations

from kit.goals import evaluate
from kit.goals.evaluate import *

__all__ = evaluate.__all__
