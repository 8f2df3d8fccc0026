"""Stakeholders: the register, RACI per phase, coverage checks and pseudonyms."""

from __future__ import annotations

from kit.stakeholders import register
from kit.stakeholders.register import *

__all__ = register.__all__
