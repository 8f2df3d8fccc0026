"""Leave out the parts of a report whose data are missing.

A report block without data shows nothing (see `kit.steps.thin`). This pass removes the words
around it: a section (a markdown cell opening with a `## ` heading, or a block that brings its
own heading such as the summary or the glossary, up to the next one) whose code cells show
nothing goes as a whole, and an explanatory markdown cell whose own code cells
(up to the next markdown cell) show nothing goes too. The text before the first section (the
title and introduction) always stays.
"""

from __future__ import annotations

from typing import Any

__all__ = ["drop_empty_sections"]


def _heading(cell: Any) -> bool:
    """Return True for a cell that opens a section: a `## ` heading, or a block with its own."""
    if cell.cell_type == "markdown":
        return bool(cell.source.lstrip().startswith("## "))
    outputs = cell.get("outputs") or []
    html = str(outputs[0].get("data", {}).get("text/html", "")) if outputs else ""
    return "<h2" in html[:400]  # the summary and the glossary carry their own heading


def _shows(cell: Any) -> bool:
    return bool(cell.cell_type == "code" and cell.get("outputs"))


def _runs(cells: list[Any]) -> list[list[Any]]:
    """Split cells into runs that each start with a markdown cell (the first may not)."""
    runs: list[list[Any]] = [[]]
    for cell in cells:
        if cell.cell_type == "markdown" and runs[-1]:
            runs.append([])
        runs[-1].append(cell)
    return [r for r in runs if r]


def drop_empty_sections(nb: Any) -> Any:
    """Return `nb` with empty sections and unexplained explanations removed (cells filtered)."""
    sections: list[list[Any]] = [[]]
    for cell in nb.cells:
        if _heading(cell):
            sections.append([])
        sections[-1].append(cell)
    kept: list[Any] = list(sections[0])
    for section in sections[1:]:
        if not any(_shows(c) for c in section):
            continue
        for run in _runs(section):
            has_code = any(c.cell_type == "code" for c in run)
            explains_nothing = has_code and not any(_shows(c) for c in run)
            if explains_nothing and run[0].cell_type == "markdown" and not _heading(run[0]):
                continue
            kept.extend(run)
    nb.cells = kept
    return nb
