"""Cells for files that leave the kit (CSV, XLSX): client text never becomes a formula.

A value from client data that starts with `=`, `+`, `-`, `@`, a tab or a carriage return is read
by Excel, LibreOffice and Google Sheets as a formula (CSV/formula injection). Following OWASP, such
text is prefixed with a single quote in CSV files, and in XLSX files every client string is written
as a string cell, never as a formula.
"""

from __future__ import annotations

from typing import Any

__all__ = ["FORMULA_PREFIXES", "neutralise", "set_text"]

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: str) -> str:
    """Return `value` with a leading `'` when a spreadsheet would read it as a formula."""
    return "'" + value if value.startswith(FORMULA_PREFIXES) else value


def set_text(cell: Any, value: str) -> None:
    """Store `value` in an openpyxl cell as a plain string cell (never a formula)."""
    cell.value = value
    cell.data_type = "s"
