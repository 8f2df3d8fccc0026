"""The sample engagement end to end: seven client reports plus index, offline, with figures."""

from __future__ import annotations

import re

from kit.run.engine import RunResult
from tests.report.conftest import STEPS, image_count

# Figures each report must carry besides the logo (goal charts, grids, swimlanes, trends ...).
MIN_FIGURES = {
    "01_goals": 3,
    "02_stakeholders": 2,
    "03_process": 5,
    "04_kpis": 4,
    "05_strategy": 2,
    "06_rollout": 1,
    "07_aftercare": 2,
}


def test_index_names_the_client_and_links_seven_reports(sample_run: RunResult) -> None:
    index = (sample_run.reports_dir / "index.html").read_text(encoding="utf-8")
    assert "Acme GmbH" in index
    links = set(re.findall(r'href="([0-9]{2}_[a-z_]+\.html)"', index))
    assert links == {f"{step}.html" for step in STEPS}
    for link in links:
        assert (sample_run.reports_dir / link).is_file()


def test_every_report_has_its_figures(sample_run: RunResult) -> None:
    for step in STEPS:
        html = (sample_run.reports_dir / f"{step}.html").read_text(encoding="utf-8")
        figures = image_count(html) - 1  # the logo in the header
        assert figures >= MIN_FIGURES[step], (step, figures)


def test_reports_hold_no_code_no_network_no_traceback(sample_run: RunResult) -> None:
    for page in sample_run.reports_dir.glob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert not re.search(r"<(script|link|img)[^>]+(src|href)=\"https?://", html), page.name
        assert "<script" not in html, page.name
        for marker in (
            "Traceback",
            "jp-InputArea-editor",
            'class="highlight',
            "import kit",
            "open_report(",
        ):
            assert marker not in html, (page.name, marker)


def test_reports_are_german_for_the_german_sample(sample_run: RunResult) -> None:
    kpis = (sample_run.reports_dir / "04_kpis.html").read_text(encoding="utf-8")
    assert "Tage" in kpis and "30.06.2026" in kpis
    assert re.search(r"\d{1,3}(\.\d{3})+,\d{2}\s?€", kpis), "German money format"
    assert 'lang="de"' in kpis


def test_every_link_in_every_report_resolves(sample_run: RunResult) -> None:
    for page in sample_run.reports_dir.glob("*.html"):
        html = page.read_text(encoding="utf-8")
        for link in re.findall(r'href="([^"#]+)"', html):
            assert not link.startswith(("http:", "https:", "/")), (page.name, link)
            assert (page.parent / link).is_file(), (page.name, link)
    exports = list((sample_run.reports_dir / "exports").glob("*.xlsx"))
    assert exports, "the agency hand-over list is published with the reports"
