"""The steering committee's deck: 16:9, branding, a slide per step, texts that fit their boxes."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from pack_fixtures import sample_pages
from pptx import Presentation
from pptx.util import Emu

from kit.pack.collect import PackData
from kit.pack.deck import write_deck
from kit.pack.fit import EMU_PER_POINT, text_width, wrap
from kit.pack.pages import ReportPage, read_page

PICTURE = 13  # MSO_SHAPE_TYPE.PICTURE


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> list[ReportPage]:
    return sample_pages(tmp_path_factory.mktemp("pages"))


@pytest.fixture(scope="module")
def deck(
    pack_data: PackData, pages: list[ReportPage], tmp_path_factory: pytest.TempPathFactory
) -> Path:
    return write_deck(tmp_path_factory.mktemp("deck") / "deck.pptx", pack_data, reports=pages)


def _pt(value: Any) -> float:
    return float(Emu(int(value))) / EMU_PER_POINT


def _overflows(frame: Any, width_emu: int, height_emu: int) -> list[str]:
    """Return a description of every line or box the text does not fit (font metrics)."""
    width = _pt(width_emu) - _pt(frame.margin_left) - _pt(frame.margin_right)
    height = _pt(height_emu) - _pt(frame.margin_top) - _pt(frame.margin_bottom)
    used, problems = 0.0, []
    paragraphs = frame.paragraphs
    for i, paragraph in enumerate(paragraphs):
        runs = paragraph.runs
        if not runs:
            continue
        size = runs[0].font.size.pt
        bold = bool(runs[0].font.bold)
        assert all(r.font.size.pt == size for r in runs)
        line_height = paragraph.line_spacing.pt  # set in points, not as a multiple
        lines = wrap(paragraph.text, width, size, bold=bold)
        for line in lines:
            if text_width(line, size, bold=bold) > width + 0.01:
                problems.append(f"line too wide: {line!r}")
        used += len(lines) * line_height
        if i < len(paragraphs) - 1 and paragraph.space_after is not None:
            used += paragraph.space_after.pt
    if used > height + 0.01:
        problems.append(f"{used:.1f} pt of text in {height:.1f} pt: {frame.text[:60]!r}")
    return problems


def _texts(slide: Any) -> list[tuple[Any, int, int]]:
    """Return (text frame, width, height) of every text box and table cell of a slide."""
    found = []
    for shape in slide.shapes:
        if shape.has_text_frame and shape.text_frame.text.strip():
            found.append((shape.text_frame, shape.width, shape.height))
        if shape.has_table:
            table = shape.table
            for r, row in enumerate(table.rows):
                for c, column in enumerate(table.columns):
                    found.append((table.cell(r, c).text_frame, column.width, row.height))
    return found


def test_deck_is_16_to_9_with_a_slide_per_step_the_case_and_the_plan(deck: Path) -> None:
    prs = Presentation(str(deck))
    assert prs.slide_width * 9 == pytest.approx(prs.slide_height * 16, rel=1e-3)
    slides = list(prs.slides)
    # title + 3 step pages + business case + phase plan
    assert len(slides) == 1 + 3 + 1 + 1
    texts = [" ".join(s.text_frame.text for s in sl.shapes if s.has_text_frame) for sl in slides]
    assert "Lenkungskreis" in texts[0] and "Acme GmbH" in texts[0]
    assert "Nächste Schritte" in texts[1] and "DSO 43,9 Tage, Ziel 40" in texts[1]
    assert "Working Capital frei" in texts[4]
    assert slides[5].shapes[-2].has_table or any(s.has_table for s in slides[5].shapes)
    assert all(t.strip() for t in texts), "no slide without text"


def test_every_image_is_present(deck: Path) -> None:
    prs = Presentation(str(deck))
    slides = list(prs.slides)
    pictures = [[s for s in sl.shapes if s.shape_type == PICTURE] for sl in slides]
    assert len(pictures[0]) == 1  # the logo on the title slide
    for step_slide in pictures[1:4]:
        assert len(step_slide) == 2  # logo and the step's main chart
    assert len(pictures[4]) == 2  # logo and the business-case figure
    for shapes in pictures:
        for picture in shapes:
            assert picture.image.content_type == "image/png" and len(picture.image.blob) > 100


def test_no_text_overflows_its_box(deck: Path) -> None:
    prs = Presentation(str(deck))
    problems = [
        f"slide {n}: {problem}"
        for n, slide in enumerate(prs.slides, start=1)
        for frame, width, height in _texts(slide)
        for problem in _overflows(frame, width, height)
    ]
    assert problems == []


def test_the_measure_catches_an_overflow(deck: Path) -> None:
    prs = Presentation(str(deck))
    shape = next(s for s in prs.slides[1].shapes if s.has_text_frame and "•" in s.text_frame.text)
    assert _overflows(shape.text_frame, shape.width, shape.height) == []
    assert _overflows(shape.text_frame, shape.width, shape.height // 4) != []


def test_next_steps_are_the_first_three_of_the_summary(pages: list[ReportPage]) -> None:
    page = read_page(pages[0])
    assert len(page.next_steps) == 3 and page.next_steps[1] == "Kurz."
    assert page.chart is not None and page.chart.startswith(b"\x89PNG")  # not the logo: 2nd img


def test_a_step_without_headline_or_next_steps_gets_no_slide(
    pack_data: PackData, pages: list[ReportPage], tmp_path: Path
) -> None:
    empty = tmp_path / "empty.html"
    empty.write_text("<html><body></body></html>", encoding="utf-8")
    silent = ReportPage("08_empty", "Leer", None, empty)
    no_case = replace(pack_data, case=None, rollout=None)
    path = write_deck(tmp_path / "d.pptx", no_case, reports=[pages[0], silent])
    assert len(Presentation(str(path)).slides) == 2  # title and the one step that says something


def test_english_engagement_gets_an_english_deck(
    pack_data_en: PackData, pages: list[ReportPage], tmp_path: Path
) -> None:
    path = write_deck(tmp_path / "en.pptx", pack_data_en, reports=pages[:1])
    texts = " ".join(
        s.text_frame.text
        for sl in Presentation(str(path)).slides
        for s in sl.shapes
        if s.has_text_frame
    )
    assert "Steering committee" in texts and "Next steps" in texts and "Phase plan" in texts
    assert "Lenkungskreis" not in texts


def _pdf_pages(pdf: Path) -> int:
    if shutil.which("pdfinfo"):
        out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
        return int(re.search(r"^Pages:\s+(\d+)", out.stdout, re.M).group(1))  # type: ignore[union-attr]
    return len(re.findall(rb"/Type\s*/Page\b", pdf.read_bytes()))


@pytest.mark.skipif(
    shutil.which("soffice") is None,
    reason="LibreOffice (soffice) is not installed; Debian: apt-get install libreoffice-impress",
)
def test_libreoffice_opens_the_deck_and_prints_every_slide(deck: Path, tmp_path: Path) -> None:
    profile = tmp_path / "profile"
    result = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(deck),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    pdf = tmp_path / "deck.pdf"
    assert result.returncode == 0 and pdf.is_file(), result.stderr
    assert _pdf_pages(pdf) == len(Presentation(str(deck)).slides)
