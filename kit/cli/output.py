"""What the `kit` command prints: rich tables for people, one JSON document for scripts.

`--json` prints exactly one document on stdout (plain floats, English keys, ISO dates); the
human output is rich renderables in the engagement's language. Piped into a file, tables keep
their natural width (no folding at 80 columns), so each row stays on one line.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Sequence

import typer
from rich import box
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

__all__ = ["emit_json", "lines", "show", "stack", "table"]

_PIPED_WIDTH = 240  # characters: wide enough for every kit table on one line


def _console(*, err: bool) -> Console:
    stream = sys.stderr if err else sys.stdout
    width = None if stream.isatty() else int(os.environ.get("COLUMNS") or 0) or _PIPED_WIDTH
    return Console(file=stream, width=width, highlight=False, soft_wrap=False, emoji=False)


def emit_json(document: object, *, indent: int | None = 2) -> None:
    """Print `document` on stdout; `indent=None` prints it on one line with pydantic's encoder.

    One line is for large documents (`kit duplicates --json`: tens of thousands of pairs); the
    values are those `json.dumps` writes (floats round-trip; 1e-05 may be written 0.00001).
    """
    if indent is None:
        from pydantic_core import to_json

        typer.echo(to_json(document, fallback=str).decode("utf-8"))
        return
    typer.echo(json.dumps(document, ensure_ascii=False, indent=indent, default=str))


def show(renderable: RenderableType, *, err: bool = False) -> None:
    """Print a table, a text or a group of them for a person (stderr with `err`).

    Texts are printed unfolded (see `lines`); tables fit the terminal, or keep their natural
    width when the output is piped.
    """
    console = _console(err=err)
    for part in _flat(renderable):
        console.print(part, soft_wrap=isinstance(part, Text))


def _flat(renderable: RenderableType) -> list[RenderableType]:
    if isinstance(renderable, Group):
        return [part for inner in renderable.renderables for part in _flat(inner)]
    return [renderable]


def lines(texts: Iterable[str]) -> Text:
    """Return plain lines as one renderable: no markup is interpreted, no line is folded.

    Sentences keep their line (a message names a file, a row and a value; a reader or a script
    searching the output finds it whole), whatever the width of the terminal.
    """
    return Text("\n".join(texts))


def table(
    headers: Sequence[str],
    rows: Iterable[Sequence[str]],
    *,
    title: str | None = None,
    right: Iterable[int] = (),
) -> RenderableType:
    """Return a table with `headers` (and a title line above it when given).

    The columns whose index is in `right` align right (numbers, amounts, dates).
    """
    grid = Table(
        *headers,
        box=box.SIMPLE_HEAD,
        show_edge=False,
        pad_edge=False,
    )
    for index in right:
        grid.columns[index].justify = "right"
    for row in rows:
        grid.add_row(*(Text(cell) for cell in row))
    return grid if title is None else Group(Text(title), grid)


def stack(*parts: RenderableType | None) -> Group:
    """Return the parts one below the other with a blank line between, leaving out None."""
    shown = [p for p in parts if p is not None]
    spaced: list[RenderableType] = []
    for index, part in enumerate(shown):
        if index:
            spaced.append(Text(""))
        spaced.append(part)
    return Group(*spaced)
