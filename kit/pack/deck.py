"""The steering committee's slide deck (python-pptx, 16:9, the engagement's branding).

Slides: a title slide (logo, primary colour, client, as-of date, consultant); one slide per step
report with its headline, its main chart and its first three next steps; the business case; the
phase plan. A step without headline and next steps gets no slide, the business case only when
it has a figure, the phase plan only when there are phases. Every text is set in DejaVu Sans at
a size `kit.pack.fit` chose so that it fits its box (line height fixed at 1.2 × the size).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kit.charts.style import STATUS_COLOURS
from kit.files import atomic_write
from kit.i18n.labels import ROLLOUT_STATUS
from kit.pack.collect import PackData
from kit.pack.fit import FONT_NAME, LINE_SPACING, fit_text, wrap
from kit.pack.pages import ReportPage, StepPage, read_page

__all__ = ["MARGIN_X_PT", "MARGIN_Y_PT", "SLIDE_HEIGHT_IN", "SLIDE_WIDTH_IN", "write_deck"]

SLIDE_WIDTH_IN = 13.333
SLIDE_HEIGHT_IN = 7.5
MARGIN_X_PT = 6.0  # inner margin of every text box, left and right
MARGIN_Y_PT = 3.0  # top and bottom
_SAFETY = 0.94  # texts are fitted into this share of the inner box (renderers differ slightly)
_GREY = "#4b5563"
_LIST_GAP_PT = 6.0
_K = "pack.deck."


def _rgb(colour: str) -> Any:
    from pptx.dml.color import RGBColor

    code = colour.lstrip("#")
    return RGBColor(int(code[0:2], 16), int(code[2:4], 16), int(code[4:6], 16))  # type: ignore[no-untyped-call]


def _inches(value: float) -> Any:
    from pptx.util import Inches

    return Inches(value)


class _Deck:
    """A presentation under construction with the engagement's colour, logo and footer."""

    def __init__(self, data: PackData) -> None:
        from pptx import Presentation

        self.data = data
        self.ctx = data.ctx
        self.colour = self.ctx.engagement.branding.primary_color
        self.prs = Presentation()
        self.prs.slide_width = _inches(SLIDE_WIDTH_IN)
        self.prs.slide_height = _inches(SLIDE_HEIGHT_IN)
        logo = self.ctx.engagement.branding.logo
        path = self.ctx.engagement.resolve(logo) if logo is not None else None
        self.logo = path if path is not None and path.is_file() else None

    # -- building blocks ---------------------------------------------------------------------

    def slide(self) -> Any:
        return self.prs.slides.add_slide(self.prs.slide_layouts[6])  # blank: no placeholders

    def text(
        self,
        slide: Any,
        box: tuple[float, float, float, float],
        paragraphs: Sequence[str],
        *,
        max_pt: float,
        min_pt: float,
        bold: bool = False,
        colour: str = "#111827",
        bullet: bool = False,
        gap_pt: float = 0.0,
        align: str = "left",
    ) -> None:
        """Add a text box at (left, top, width, height) inches with the paragraphs fitted.

        Long because python-pptx sets every paragraph and run property one call at a time.
        """
        from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
        from pptx.util import Pt

        left, top, width, height = box
        items = [("• " if bullet else "") + p for p in paragraphs if p.strip()]
        if not items:
            return
        inner_w = (width * 72 - 2 * MARGIN_X_PT) * _SAFETY
        inner_h = (height * 72 - 2 * MARGIN_Y_PT) * _SAFETY
        fitted = fit_text(
            items,
            width_pt=inner_w,
            height_pt=inner_h,
            max_pt=max_pt,
            min_pt=min_pt,
            bold=bold,
            space_after_pt=gap_pt,
        )
        shape = slide.shapes.add_textbox(
            _inches(left), _inches(top), _inches(width), _inches(height)
        )
        frame = shape.text_frame
        frame.word_wrap = True
        frame.auto_size = MSO_AUTO_SIZE.NONE
        frame.vertical_anchor = MSO_ANCHOR.TOP
        frame.margin_left = frame.margin_right = Pt(MARGIN_X_PT)
        frame.margin_top = frame.margin_bottom = Pt(MARGIN_Y_PT)
        for i, item in enumerate(fitted.paragraphs):
            paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            paragraph.alignment = PP_ALIGN.RIGHT if align == "right" else PP_ALIGN.LEFT
            paragraph.line_spacing = Pt(fitted.size_pt * LINE_SPACING)
            paragraph.space_before = Pt(0)
            paragraph.space_after = Pt(gap_pt if i < len(fitted.paragraphs) - 1 else 0)
            run = paragraph.add_run()
            run.text = item
            run.font.name = FONT_NAME
            run.font.size = Pt(fitted.size_pt)
            run.font.bold = bold
            run.font.color.rgb = _rgb(colour)

    def rectangle(self, slide: Any, box: tuple[float, float, float, float], colour: str) -> None:
        from pptx.enum.shapes import MSO_SHAPE

        left, top, width, height = box
        shape = slide.shapes.add_shape(
            MSO_SHAPE.RECTANGLE, _inches(left), _inches(top), _inches(width), _inches(height)
        )
        shape.fill.solid()
        shape.fill.fore_color.rgb = _rgb(colour)
        shape.line.fill.background()
        shape.shadow.inherit = False

    def picture(self, slide: Any, png: bytes, box: tuple[float, float, float, float]) -> None:
        """Add a PNG scaled to fit the box (aspect kept, centred)."""
        from PIL import Image

        left, top, width, height = box
        with Image.open(io.BytesIO(png)) as image:
            w, h = image.size
        scale = min(width / w, height / h)
        shown_w, shown_h = w * scale, h * scale
        slide.shapes.add_picture(
            io.BytesIO(png),
            _inches(left + (width - shown_w) / 2),
            _inches(top + (height - shown_h) / 2),
            _inches(shown_w),
            _inches(shown_h),
        )

    def logo_at(self, slide: Any, box: tuple[float, float, float, float]) -> None:
        if self.logo is not None:
            self.picture(slide, self.logo.read_bytes(), box)

    def frame(self, slide: Any, title: str) -> None:
        """Add the colour band, the title, the logo and the footer of a content slide."""
        self.rectangle(slide, (0, 0, SLIDE_WIDTH_IN, 0.12), self.colour)
        self.text(
            slide,
            (0.5, 0.3, 10.4, 0.8),
            [title],
            max_pt=28,
            min_pt=18,
            bold=True,
            colour=self.colour,
        )
        self.logo_at(slide, (11.2, 0.3, 1.6, 0.7))
        self.rectangle(slide, (0.5, 1.15, SLIDE_WIDTH_IN - 1.0, 0.03), self.colour)
        ctx = self.ctx
        branding = ctx.engagement.branding
        footer = " · ".join(
            x for x in (ctx.engagement.client, ctx.date(ctx.as_of), branding.consultancy) if x
        )
        self.text(slide, (0.5, 7.0, 10.0, 0.36), [footer], max_pt=10, min_pt=8, colour=_GREY)

    # -- slides ------------------------------------------------------------------------------

    def title_slide(self) -> None:
        ctx = self.ctx
        slide = self.slide()
        self.rectangle(slide, (0, 0, 8.4, SLIDE_HEIGHT_IN), self.colour)
        self.text(
            slide,
            (0.7, 2.0, 7.2, 1.2),
            [ctx.tr("Steering committee")],
            max_pt=44,
            min_pt=28,
            bold=True,
            colour="#ffffff",
        )
        subtitle = ctx.tr(
            "{client} · as of {as_of}", client=ctx.engagement.client, as_of=ctx.date(ctx.as_of)
        )
        self.text(slide, (0.7, 3.3, 7.2, 1.0), [subtitle], max_pt=22, min_pt=14, colour="#ffffff")
        branding = ctx.engagement.branding
        by = ", ".join(x for x in (branding.consultant, branding.consultancy) if x)
        if by:
            self.text(slide, (0.7, 4.5, 7.2, 0.8), [by], max_pt=16, min_pt=11, colour="#ffffff")
        self.logo_at(slide, (9.0, 2.6, 3.6, 2.0))

    def step_slide(self, page: StepPage) -> None:
        slide = self.slide()
        self.frame(slide, page.title)
        headline = page.headline or {}
        value = ": ".join(str(x) for x in (headline.get("title"), headline.get("value_text")) if x)
        status = str(headline.get("status") or "neutral")
        colour = STATUS_COLOURS.get(status, self.colour) if status != "neutral" else self.colour
        if value:
            self.text(
                slide,
                (0.5, 1.3, 12.3, 0.6),
                [value],
                max_pt=22,
                min_pt=14,
                bold=True,
                colour=colour,
            )
        notes = [str(x) for x in (headline.get("takeaway"), headline.get("detail")) if x]
        if notes:
            self.text(slide, (0.5, 1.9, 12.3, 0.7), notes, max_pt=14, min_pt=10, colour=_GREY)
        top = 2.75
        steps_left, steps_width = (8.3, 4.5) if page.chart else (0.5, 12.3)
        if page.chart:
            self.picture(slide, page.chart, (0.5, top, 7.5, 4.15))
        if page.next_steps:
            self.text(
                slide,
                (steps_left, top, steps_width, 0.45),
                [self.ctx.tr("Next steps")],
                max_pt=16,
                min_pt=12,
                bold=True,
                colour=self.colour,
            )
            self.text(
                slide,
                (steps_left, top + 0.5, steps_width, 3.65),
                page.next_steps,
                max_pt=14,
                min_pt=9,
                bullet=True,
                gap_pt=_LIST_GAP_PT,
            )

    def case_slide(self) -> bool:
        from kit.steps.goals.business_case import (
            business_case_figure,
            business_case_lines,
            figure_png,
        )

        case = self.data.case
        if case is None or not case.has_figures:
            return False
        slide = self.slide()
        self.frame(slide, self.ctx.tr("Business case: what the goals are worth"))
        figure = business_case_figure(self.ctx, case)
        lines = business_case_lines(self.ctx, case)
        left, width = 0.5, 12.3
        if figure is not None:
            self.picture(slide, figure_png(figure), (0.5, 1.45, 7.2, 5.3))
            left, width = 7.9, 4.9
        self.text(
            slide,
            (left, 1.45, width, 5.3),
            lines,
            max_pt=15,
            min_pt=9,
            bullet=True,
            gap_pt=_LIST_GAP_PT,
        )
        return True

    def plan_slide(self) -> bool:
        rollout = self.data.rollout
        if rollout is None or not rollout.status.phases:
            return False
        from kit.steps.rollout.view import display_names

        ctx, name = self.ctx, display_names(self.ctx)
        rows = [
            [
                p.name,
                name(p.phase.owner or ""),
                " – ".join(ctx.date(d) for d in (p.phase.start, p.phase.end) if d is not None),
                ctx.tr(ROLLOUT_STATUS[p.status]),
                ctx.percent(p.percent, digits=0),
            ]
            for p in rollout.status.phases
        ]
        header = [
            ctx.tr("Phase"),
            ctx.tr("Owner"),
            ctx.tr("Planned"),
            ctx.tr("Status"),
            ctx.tr("Done"),
        ]
        slide = self.slide()
        self.frame(slide, ctx.tr("Phase plan"))
        self.table(slide, (0.5, 1.45, 12.3), [header, *rows], [0.24, 0.2, 0.26, 0.18, 0.12])
        return True

    def table(
        self,
        slide: Any,
        box: tuple[float, float, float],
        rows: list[list[str]],
        shares: Sequence[float],
    ) -> None:
        """Add a table whose row heights hold their wrapped cells (12 pt, header bold).

        Long because python-pptx sets every cell's text, font and size one call at a time.
        """
        from pptx.util import Pt

        left, top, width = box
        size = 12.0
        widths = [width * s for s in shares]
        heights = []
        for i, row in enumerate(rows):
            lines = max(
                len(wrap(cell, (w * 72 - 2 * MARGIN_X_PT) * _SAFETY, size, bold=i == 0))
                for cell, w in zip(row, widths, strict=True)
            )
            heights.append((lines * size * LINE_SPACING + 2 * MARGIN_Y_PT) / 72 / _SAFETY)
        shape = slide.shapes.add_table(
            len(rows),
            len(widths),
            _inches(left),
            _inches(top),
            _inches(width),
            _inches(sum(heights)),
        )
        grid = shape.table
        for j, w in enumerate(widths):
            grid.columns[j].width = _inches(w)
        for i, (row, h) in enumerate(zip(rows, heights, strict=True)):
            grid.rows[i].height = _inches(h)
            for j, value in enumerate(row):
                cell = grid.cell(i, j)
                cell.margin_left = cell.margin_right = Pt(MARGIN_X_PT)
                cell.margin_top = cell.margin_bottom = Pt(MARGIN_Y_PT)
                frame = cell.text_frame
                frame.word_wrap = True
                paragraph = frame.paragraphs[0]
                paragraph.line_spacing = Pt(size * LINE_SPACING)
                run = paragraph.add_run()
                run.text = value
                run.font.name = FONT_NAME
                run.font.size = Pt(size)
                run.font.bold = i == 0
                run.font.color.rgb = _rgb("#ffffff" if i == 0 else "#111827")
                cell.fill.solid()
                cell.fill.fore_color.rgb = _rgb(
                    self.colour if i == 0 else ("#f3f4f6" if i % 2 else "#ffffff")
                )

    def footers(self) -> None:
        """Number every slide but the title slide ("2 / 9")."""
        total = len(self.prs.slides)
        for n, slide in enumerate(self.prs.slides, start=1):
            if n == 1:
                continue
            self.text(
                slide,
                (11.3, 7.0, 1.5, 0.36),
                [self.ctx.tr("{n} / {total}", n=n, total=total)],
                max_pt=10,
                min_pt=8,
                colour=_GREY,
                align="right",
            )


def write_deck(path: Path, data: PackData, *, reports: Sequence[ReportPage] = ()) -> Path:
    """Write the deck to `path` atomically and return the path."""
    deck = _Deck(data)
    deck.title_slide()
    pages = [read_page(p) for p in sorted(reports, key=lambda p: p.step)]
    for page in pages:
        if page.says_something:
            deck.step_slide(page)
    deck.case_slide()
    deck.plan_slide()
    deck.footers()

    def write(tmp: Path) -> None:
        deck.prs.save(str(tmp))

    return atomic_write(path, write)
