"""PDF copies printed by headless Chromium: one per report and one combined file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kit.run.engine import RunResult
from kit.run.pdf import combined_html, find_chromium, html_to_pdf

pytestmark = pytest.mark.browser


def _pages(pdf: Path) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))


def test_reports_print_to_a4_pdf(report_run: RunResult, tmp_path: Path) -> None:
    if find_chromium() is None:
        pytest.skip("Debian chromium is not installed (apt-get install chromium)")
    pages = sorted(report_run.reports_dir.glob("*.html"))
    single = html_to_pdf(report_run.reports_dir / "01_figures.html", tmp_path / "01.pdf")
    assert single.read_bytes().startswith(b"%PDF-")
    # A4 portrait in points: 595 x 842 (Chromium writes the MediaBox with decimals or not).
    assert re.search(
        rb"/MediaBox\s*\[\s*0 0 59[45](\.\d+)? 84[12](\.\d+)?\s*\]", single.read_bytes()
    )
    combined = html_to_pdf(combined_html(pages, tmp_path / "all.html"), tmp_path / "all.pdf")
    # Each report starts on a new page, so the combined file has at least one page per report.
    assert _pages(combined) >= len(pages) > 0
    assert _pages(combined) > _pages(single)


def test_run_with_pdf_publishes_pdfs(report_run: RunResult) -> None:
    if find_chromium() is None:
        pytest.skip("Debian chromium is not installed (apt-get install chromium)")
    names = sorted(p.name for p in report_run.reports_dir.glob("*.pdf"))
    assert names == ["01_figures.pdf", "02_tables.pdf", "reports.pdf"]
    combined = report_run.reports_dir / "reports.pdf"
    # index + two reports, each starting on a new page.
    assert _pages(combined) >= 3
    assert not (report_run.run_dir / ".combined.html").exists()
