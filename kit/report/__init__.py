"""Client reports: HTML blocks (Jinja2 macros), report context, consultant view, index page."""

from __future__ import annotations

from kit.charts.style import OKABE_ITO, STATUS_COLOURS, new_figure, style_figures
from kit.i18n import fmt_date, fmt_days, fmt_money, fmt_number, fmt_percent, tr, trn, trp
from kit.report.blocks import (
    HEADLINE_MIME,
    Html,
    Tile,
    glossary,
    headline,
    headline_bundle,
    note,
    show,
    summary,
    table,
    tiles,
)
from kit.report.context import ReportContext, open_report

__all__ = [
    "HEADLINE_MIME",
    "OKABE_ITO",
    "STATUS_COLOURS",
    "Html",
    "ReportContext",
    "Tile",
    "fmt_date",
    "fmt_days",
    "fmt_money",
    "fmt_number",
    "fmt_percent",
    "glossary",
    "headline",
    "headline_bundle",
    "new_figure",
    "note",
    "open_report",
    "show",
    "style_figures",
    "summary",
    "table",
    "tiles",
    "tr",
    "trn",
    "trp",
]
