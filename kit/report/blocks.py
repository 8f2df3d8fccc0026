"""Display blocks for report notebooks: summary, KPI tiles, tables, glossary, notes, headline.

Each block returns an `Html` object that Jupyter shows as HTML. The markup is in the Jinja2
macros of `templates/blocks.html.j2`, rendered with autoescape: every text that reaches the page
is HTML-escaped, so client names, stakeholder names and activity labels are always safe.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from kit.charts.style import STATUS_COLOURS
from kit.i18n import N_
from kit.i18n.labels import REPORT_SOURCE

_REPORT_NOTE: dict[str, str] = {
    "info": N_("Note"),
    "warning": N_("Attention"),
}


if TYPE_CHECKING:
    import pandas as pd

    from kit.report.context import ReportContext

__all__ = [
    "HEADLINE_MIME",
    "Html",
    "Tile",
    "glossary",
    "headline",
    "headline_bundle",
    "note",
    "summary",
    "table",
    "tiles",
]

HEADLINE_MIME = "application/vnd.kit.headline+json"
FORMATS = ("money", "percent", "days", "number", "date", "text")


@dataclass(frozen=True)
class Html:
    """A piece of report HTML; Jupyter displays it through `_repr_html_`."""

    html: str
    text: str = ""

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return self.text or "<report block>"

    def __str__(self) -> str:
        return self.html


@dataclass(frozen=True)
class Tile:
    """A headline KPI: label, value with unit, optional reference with its source, status."""

    label: str
    value: float | None
    unit: str = "number"  # money | percent | days | number, or a literal unit such as "FTE"
    reference: float | None = None
    source: str | None = None  # what the reference is, e.g. "CRF-Median" or "Ziel"
    status: str | None = None  # good | warn | bad | neutral
    digits: int = 1
    note: str | None = None


TEMPLATE_DIR = Path(__file__).parent / "templates"


def _escaped(value: object) -> Markup:
    """Escape a value as `html.escape` does (`&quot;`, `&#x27;`), so the pages stay byte-stable.

    Jinja2 calls this before its autoescape; a value that is already markup passes unchanged.
    """
    return value if isinstance(value, Markup) else Markup(escape(str(value), quote=True))  # noqa: S704 - escaped here


@cache
def _macros() -> Any:
    """Return the macros of blocks.html.j2 (rendered with autoescape, unknown names refused)."""
    env = Environment(
        loader=FileSystemLoader(TEMPLATE_DIR),
        autoescape=True,
        undefined=StrictUndefined,
        finalize=_escaped,
        keep_trailing_newline=False,
    )
    return env.get_template("blocks.html.j2").module


def _fmt(ctx: ReportContext, value: Any, kind: str) -> str:
    name, _, digits_text = kind.partition(":")
    digits = int(digits_text) if digits_text else None
    if name not in FORMATS:
        raise ValueError(f"unknown format '{kind}'; expected one of {', '.join(FORMATS)}")
    if name == "text":
        return "" if value is None or _is_nan(value) else str(value)
    if name == "date":
        if value is None or _is_nan(value):
            return ctx.date(None)
        return ctx.date(value.date() if isinstance(value, datetime) else value)
    number = None if value is None or _is_nan(value) else float(value)
    if name == "money":
        return ctx.money(number, digits=2 if digits is None else digits)
    method = {"percent": ctx.percent, "days": ctx.days, "number": ctx.number}[name]
    return method(number, digits=1 if digits is None else digits)


def _is_nan(value: Any) -> bool:
    try:
        return value is not None and bool(value != value)  # NaN, NaT and pd.NA are not equal
    except (TypeError, ValueError):
        return False


def summary(
    ctx: ReportContext, found: Sequence[str], means: Sequence[str], next_steps: Sequence[str]
) -> Html:
    """Return the executive summary block: what was found, what it means, what to do next."""
    columns = [
        ("found", ctx.tr("What we found"), found),
        ("means", ctx.tr("What it means"), means),
        ("next", ctx.tr("What to do next"), next_steps),
    ]
    html = _macros().summary(
        ctx.tr("Executive summary"),
        [{"key": key, "title": title, "items": list(items)} for key, title, items in columns],
    )
    text = "\n".join(f"- {item}" for _, _, items in columns for item in items)
    return Html(str(html), text)


def _tile_value(ctx: ReportContext, value: float | None, unit: str, digits: int) -> str:
    if unit in ("money", "percent", "days", "number"):
        return _fmt(ctx, value, f"{unit}:{digits}")
    return (
        f"{ctx.number(value, digits=digits)}\u00a0{unit}" if value is not None else ctx.number(None)
    )


def tiles(ctx: ReportContext, items: Sequence[Tile | Mapping[str, Any]]) -> Html:
    """Return a row of headline KPI tiles (value, unit, reference with its source, status)."""
    shown: list[dict[str, Any]] = []
    lines = []
    for raw in items:
        tile = raw if isinstance(raw, Tile) else Tile(**raw)
        status = tile.status or "neutral"
        if status not in STATUS_COLOURS:
            raise ValueError(
                f"unknown tile status '{status}'; expected {', '.join(STATUS_COLOURS)}"
            )
        value = _tile_value(ctx, tile.value, tile.unit, tile.digits)
        shown.append(
            {
                "status": status,
                "label": tile.label,
                "value": value,
                "reference": None
                if tile.reference is None
                else _tile_value(ctx, tile.reference, tile.unit, tile.digits),
                "reference_label": tile.source or ctx.trp("target", "Target"),
                "note": tile.note,
            }
        )
        lines.append(f"{tile.label}: {value}")
    return Html(str(_macros().tiles(shown)), "\n".join(lines))


def _default_format(series: pd.Series) -> str:
    from pandas.api import types

    if types.is_bool_dtype(series):
        return "text"
    if types.is_numeric_dtype(series):
        return "number"
    if types.is_datetime64_any_dtype(series):
        return "date"
    non_null = series.dropna()
    if len(non_null) and all(isinstance(v, date) for v in non_null):
        return "date"
    return "text"


def _highlight_rows(
    df: pd.DataFrame, highlight: str | Sequence[bool] | Callable[[Any], bool] | None
) -> list[bool]:
    if highlight is None:
        return [False] * len(df)
    if isinstance(highlight, str):
        if highlight not in df.columns:
            raise KeyError(f"highlight column '{highlight}' is not in the table")
        return [bool(v) and not _is_nan(v) for v in df[highlight]]
    if callable(highlight):
        return [bool(highlight(row)) for _, row in df.iterrows()]
    flags = [bool(v) for v in highlight]
    if len(flags) != len(df):
        raise ValueError(f"highlight has {len(flags)} flags for {len(df)} rows")
    return flags


def table(
    ctx: ReportContext,
    df: pd.DataFrame,
    *,
    formats: Mapping[str, str] | None = None,
    highlight: str | Sequence[bool] | Callable[[Any], bool] | None = None,
    caption: str | None = None,
    labels: Mapping[str, str] | None = None,
) -> Html:
    """Return an HTML table: escaped cells, locale-formatted and right-aligned numbers.

    `formats` maps a column to money, percent, days, number, date or text (digits as
    "number:0"); other columns are guessed from their dtype. `highlight` marks rows whose
    target was missed: a bool column (not shown), one flag per row, or a function of the row.
    `labels` renames columns for display.
    """
    formats = dict(formats or {})
    flags = _highlight_rows(df, highlight)
    shown = [c for c in df.columns if not (isinstance(highlight, str) and c == highlight)]
    kinds = {c: formats.get(str(c)) or _default_format(df[c]) for c in shown}
    names = dict(labels or {})
    css = {c: "txt" if kinds[c].split(":")[0] in ("text", "date") else "num" for c in shown}
    columns = [{"css": css[c], "name": names.get(str(c), c)} for c in shown]
    rows = [
        {
            "missed": flags[position],
            "cells": [(css[c], _fmt(ctx, row[c], kinds[c])) for c in shown],
        }
        for position, (_, row) in enumerate(df.iterrows())
    ]
    html = _macros().table(caption, columns, rows, ctx.tr("Target missed"), ctx.tr("No entries"))
    return Html(str(html), f"table {len(df)} rows x {len(shown)} columns")


def glossary(
    ctx: ReportContext, rows: Sequence[Mapping[str, str] | Sequence[str]], *, sources: bool = True
) -> Html:
    """Return the glossary (term, meaning, formula) and, by default, the engagement's data files."""
    terms = []
    for row in rows:
        if isinstance(row, Mapping):
            term, meaning, formula = (
                row.get("term", ""),
                row.get("definition", ""),
                row.get("formula", ""),
            )
        else:
            term, meaning, formula = [*list(row), "", ""][:3]
        terms.append({"term": term, "meaning": meaning, "formula": formula})
    files = None
    if sources:
        files = {
            "title": ctx.tr("Data sources"),
            "table": ctx.tr("Table"),
            "file": ctx.tr("File"),
            "rows": [
                (ctx.tr(REPORT_SOURCE[name]), source.file.name)
                for name, source in ctx.engagement.data.items()
                if source.path is not None and _has_rows(ctx.engagement.resolve(source.path))
            ],
        }
    html = _macros().glossary(ctx.tr("Glossary and formulas"), terms, files)
    return Html(str(html), f"glossary with {len(terms)} terms")


def note(ctx: ReportContext, text: str, *, kind: str = "info") -> Html:
    """Return a highlighted note (kind "info" or "warning") with a translated label."""
    if kind not in ("info", "warning"):
        raise ValueError(f"unknown note kind '{kind}'; expected info or warning")
    label = ctx.tr(_REPORT_NOTE[kind])
    return Html(str(_macros().note(kind, label, text)), f"{label}: {text}")


def headline_bundle(
    *,
    title: str,
    value_text: str,
    takeaway: str,
    status: str | None = None,
    detail: str | None = None,
) -> dict[str, Any]:
    """Return the display bundle of an index-card headline (custom MIME type plus plain text).

    `detail` is an optional second line of the card (e.g. the business case of 01).
    """
    if status is not None and status not in STATUS_COLOURS:
        raise ValueError(
            f"unknown headline status '{status}'; expected {', '.join(STATUS_COLOURS)}"
        )
    data = {"title": title, "value_text": value_text, "takeaway": takeaway, "status": status}
    if detail:
        data["detail"] = detail
    return {HEADLINE_MIME: data, "text/plain": f"{title}: {value_text} – {takeaway}"}


def headline(
    ctx: ReportContext,
    *,
    title: str,
    value_text: str,
    takeaway: str,
    status: str | None = None,
    detail: str | None = None,
) -> None:
    """Publish the report's headline for its card on index.html; nothing shows in the report."""
    from IPython.display import display

    del ctx  # the context is taken for symmetry with the other blocks
    bundle = headline_bundle(
        title=title, value_text=value_text, takeaway=takeaway, status=status, detail=detail
    )
    display(bundle, raw=True)


def _has_rows(path: Path) -> bool:
    """Return False for a text file that holds a header row alone (a table not yet supplied)."""
    if path.suffix.lower() not in (".csv", ".txt", ".tsv"):
        return True
    try:
        with path.open("rb") as handle:
            head = handle.read(65_536)
    except OSError:
        return False
    return sum(1 for line in head.splitlines() if line.strip(b" ,;\t\r")) >= 2


def _finite(value: float | None) -> bool:
    return value is not None and math.isfinite(value)


def show(item: Any) -> None:
    """Display a figure (closed afterwards, so it shows once) or a block; None shows nothing."""
    if item is None:
        return
    from IPython.display import display
    from matplotlib.figure import Figure

    display(item)
    if isinstance(item, Figure):
        import matplotlib.pyplot as plt

        plt.close(item)
