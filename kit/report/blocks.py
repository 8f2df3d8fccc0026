"""Display blocks for report notebooks: summary, KPI tiles, tables, glossary, notes, headline.

Each block returns an `Html` object that Jupyter shows as HTML. Every text that reaches the page
is HTML-escaped here, so client names, stakeholder names and activity labels are always safe.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any

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


def _e(value: object) -> str:
    return escape(str(value), quote=True)


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


def _list(items: Iterable[str]) -> str:
    return "<ul>" + "".join(f"<li>{_e(item)}</li>" for item in items) + "</ul>"


def summary(
    ctx: ReportContext, found: Sequence[str], means: Sequence[str], next_steps: Sequence[str]
) -> Html:
    """Return the executive summary block: what was found, what it means, what to do next."""
    columns = [
        ("found", ctx.tr("What we found"), found),
        ("means", ctx.tr("What it means"), means),
        ("next", ctx.tr("What to do next"), next_steps),
    ]
    body = "".join(
        f'<div class="kit-summary-col kit-summary-{key}"><h3>{_e(title)}</h3>{_list(items)}</div>'
        for key, title, items in columns
    )
    html = (
        f'<section class="kit-summary"><h2 class="kit-summary-title">'
        f"{_e(ctx.tr('Executive summary'))}</h2>"
        f'<div class="kit-summary-grid">{body}</div></section>'
    )
    text = "\n".join(f"- {item}" for _, _, items in columns for item in items)
    return Html(html, text)


def _tile_value(ctx: ReportContext, value: float | None, unit: str, digits: int) -> str:
    if unit in ("money", "percent", "days", "number"):
        return _fmt(ctx, value, f"{unit}:{digits}")
    return (
        f"{ctx.number(value, digits=digits)}\u00a0{unit}" if value is not None else ctx.number(None)
    )


def tiles(ctx: ReportContext, items: Sequence[Tile | Mapping[str, Any]]) -> Html:
    """Return a row of headline KPI tiles (value, unit, reference with its source, status)."""
    parts = []
    lines = []
    for raw in items:
        tile = raw if isinstance(raw, Tile) else Tile(**raw)
        status = tile.status or "neutral"
        if status not in STATUS_COLOURS:
            raise ValueError(
                f"unknown tile status '{status}'; expected {', '.join(STATUS_COLOURS)}"
            )
        value = _tile_value(ctx, tile.value, tile.unit, tile.digits)
        reference = ""
        if tile.reference is not None:
            ref_value = _tile_value(ctx, tile.reference, tile.unit, tile.digits)
            label = tile.source or ctx.trp("target", "Target")
            reference = f'<div class="kit-tile-ref">{_e(label)} {_e(ref_value)}</div>'
        note = f'<div class="kit-tile-note">{_e(tile.note)}</div>' if tile.note else ""
        parts.append(
            f'<div class="kit-tile kit-status-{status}">'
            f'<div class="kit-tile-label">{_e(tile.label)}</div>'
            f'<div class="kit-tile-value">{_e(value)}</div>{reference}{note}</div>'
        )
        lines.append(f"{tile.label}: {value}")
    return Html(f'<div class="kit-tiles">{"".join(parts)}</div>', "\n".join(lines))


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
    head = "".join(
        f'<th class="{"num" if kinds[c].split(":")[0] not in ("text", "date") else "txt"}">'
        f"{_e(names.get(str(c), c))}</th>"
        for c in shown
    )
    rows = []
    missed = _e(ctx.tr("Target missed"))
    for position, (_, row) in enumerate(df.iterrows()):
        cells = []
        for c in shown:
            kind = kinds[c]
            css = "txt" if kind.split(":")[0] in ("text", "date") else "num"
            cells.append(f'<td class="{css}">{_e(_fmt(ctx, row[c], kind))}</td>')
        mark = f' class="kit-missed" title="{missed}"' if flags[position] else ""
        rows.append(f"<tr{mark}>{''.join(cells)}</tr>")
    if not rows:
        empty = _e(ctx.tr("No entries"))
        rows.append(f'<tr><td class="txt kit-empty" colspan="{len(shown)}">{empty}</td></tr>')
    cap = f"<caption>{_e(caption)}</caption>" if caption else ""
    html = (
        f'<div class="kit-table-wrap"><table class="kit-table">{cap}<thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )
    return Html(html, f"table {len(df)} rows x {len(shown)} columns")


def glossary(
    ctx: ReportContext, rows: Sequence[Mapping[str, str] | Sequence[str]], *, sources: bool = True
) -> Html:
    """Return the glossary (term, meaning, formula) and, by default, the engagement's data files."""
    items = []
    for row in rows:
        if isinstance(row, Mapping):
            term, meaning, formula = (
                row.get("term", ""),
                row.get("definition", ""),
                row.get("formula", ""),
            )
        else:
            term, meaning, formula = [*list(row), "", ""][:3]
        formula_html = f'<div class="kit-formula">{_e(formula)}</div>' if formula else ""
        items.append(f"<dt>{_e(term)}</dt><dd>{_e(meaning)}{formula_html}</dd>")
    html = (
        f'<section class="kit-glossary"><h2>{_e(ctx.tr("Glossary and formulas"))}</h2>'
        f"<dl>{''.join(items)}</dl>"
    )
    if sources:
        source_rows = "".join(
            f'<tr><td class="txt">{_e(ctx.tr(REPORT_SOURCE[name]))}</td>'
            f'<td class="txt">{_e(source.path.name)}</td></tr>'
            for name, source in ctx.engagement.data.items()
            if _has_rows(ctx.engagement.resolve(source.path))
        )
        html += (
            f'<h3>{_e(ctx.tr("Data sources"))}</h3><table class="kit-table kit-sources">'
            f'<thead><tr><th class="txt">{_e(ctx.tr("Table"))}</th>'
            f'<th class="txt">{_e(ctx.tr("File"))}</th></tr></thead>'
            f"<tbody>{source_rows}</tbody></table>"
        )
    return Html(html + "</section>", f"glossary with {len(items)} terms")


def note(ctx: ReportContext, text: str, *, kind: str = "info") -> Html:
    """Return a highlighted note (kind "info" or "warning") with a translated label."""
    if kind not in ("info", "warning"):
        raise ValueError(f"unknown note kind '{kind}'; expected info or warning")
    label = _e(ctx.tr(_REPORT_NOTE[kind]))
    html = f'<aside class="kit-note kit-note-{kind}"><strong>{label}:</strong> {_e(text)}</aside>'
    return Html(html, f"{ctx.tr(_REPORT_NOTE[kind])}: {text}")


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
