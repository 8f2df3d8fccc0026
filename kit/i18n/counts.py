"""Counts with their noun in singular or plural ("1 Gruppe", "7 Gruppen"; "1 group", "7 groups")."""

from __future__ import annotations

from kit.i18n.format import fmt_count
from kit.i18n.translations import Language, trn

__all__ = ["activities_text", "groups_text", "maps_text"]


def groups_text(n: int, language: Language) -> str:
    """Return a number of groups (of duplicate work) with the noun in the right number."""
    return trn("{n} group", "{n} groups", n, language, n=fmt_count(n, language))


def maps_text(n: int, language: Language) -> str:
    """Return a number of process maps with the noun in the right number."""
    return trn("{n} process map", "{n} process maps", n, language, n=fmt_count(n, language))


def activities_text(n: int, language: Language) -> str:
    """Return a number of process-map activities with the noun in the right number."""
    return trn("{n} activity", "{n} activities", n, language, n=fmt_count(n, language))
