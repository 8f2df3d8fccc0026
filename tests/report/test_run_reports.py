"""What a client receives from `kit run`: figures, no code, no network, escaped names, stable."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from kit.errors import RunError
from kit.run.engine import RunResult, run_engagement
from tests.report.conftest import FIXTURES, copy_engagement, image_count, mask_footer


def _reports(run: RunResult) -> dict[str, str]:
    return {p.name: p.read_text("utf-8") for p in sorted(run.reports_dir.glob("*.html"))}


def test_reports_are_published_with_index(report_run: RunResult) -> None:
    names = sorted(p.name for p in report_run.reports_dir.glob("*.html"))
    assert names == ["01_figures.html", "02_tables.html", "index.html"]
    assert [s.status for s in report_run.steps] == ["ok", "ok"]


def test_every_figure_is_inline_although_the_caller_uses_agg(report_run: RunResult) -> None:
    # The test process has MPLBACKEND=Agg (fixture agg_backend); kernels must still draw inline.
    reports = _reports(report_run)
    # 01: logo + DSO line chart + the plt.plot figure = 3; 02: logo + bar chart = 2; index: logo.
    assert image_count(reports["01_figures.html"]) == 3
    assert image_count(reports["02_tables.html"]) == 2
    assert image_count(reports["index.html"]) == 1


def test_no_code_no_prompts_no_stderr_no_hidden_cells(report_run: RunResult) -> None:
    html = _reports(report_run)["01_figures.html"]
    for leaked in (
        "open_report(",  # code of a cell
        "import numpy",
        "In&nbsp;[",  # prompts
        "debug noise for the console",  # stderr stream
        "DO-NOT-SHOW",  # cell tagged remove
        "data/samples/acme-gmbh",  # parameters cell
        "This section is in",  # other language
        "Line2D",  # bare object repr
        "kit.headline",  # headline bundle
    ):
        assert leaked not in html, leaked
    assert "Dieser Abschnitt ist <strong>deutsch</strong>" in html


def test_no_external_urls_or_scripts(report_run: RunResult) -> None:
    for name, html in _reports(report_run).items():
        sources = re.findall(r'<(?:script|link|img|iframe)\b[^>]*?(?:src|href)="([^"]*)"', html)
        assert sources, name  # images at least
        assert all(s.startswith("data:") for s in sources), (name, sources)
        assert "<script" not in html, name
        assert "<link" not in html, name
        assert not re.search(r'(?:src|href)="https?:', html), name


def test_client_strings_are_escaped(report_run: RunResult) -> None:
    reports = _reports(report_run)
    for name in ("01_figures.html", "index.html"):
        html = reports[name]
        assert "Müller &amp; Söhne &lt;Handel&gt; GmbH" in html, name
        assert "<Handel>" not in html, name
    html = reports["01_figures.html"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Liquidität &amp; Planung leiden &lt;sofort&gt;." in html


def test_tables_numbers_and_missed_targets(report_run: RunResult) -> None:
    html = _reports(report_run)["01_figures.html"]
    # German money format with thousands separator, right-aligned cell class, highlighted row.
    assert '<td class="num">1.234.567,50\xa0€</td>' in html
    assert '<td class="num">84,1\xa0%</td>' in html
    assert re.search(r'<tr class="kit-missed"[^>]*><td class="txt">&lt;script', html)
    assert html.count('class="kit-missed"') == 1
    assert "CRF-Median 38,0\xa0Tage" in html


def test_index_has_cards_headline_status_and_relative_links(report_run: RunResult) -> None:
    html = _reports(report_run)["index.html"]
    hrefs = re.findall(r'href="([^"]*)"', html)
    pdfs = {"01_figures.pdf", "02_tables.pdf", "reports.pdf"} if report_run.steps[0].pdf else set()
    pack = {h for h in hrefs if h.startswith("exports/")}  # the steering committee's pack
    assert {h.rsplit(".", 1)[-1] for h in pack} == {"xlsx", "pptx"}
    assert set(hrefs) - pack == {"01_figures.html", "02_tables.html"} | pdfs
    assert all((report_run.reports_dir / h).is_file() for h in hrefs)
    assert "41,2\xa0Tage" in html  # headline of 01
    assert "Müller &amp; Söhne &lt;Handel&gt; GmbH: Ziel 40 Tage verfehlt" in html
    # status.csv: setup in_progress (03-01) then done (03-27): latest row wins.
    assert re.search(r'kit-phase-done">\s*<div class="kit-phase-name">Setup', html)
    assert re.search(r'kit-phase-blocked">\s*<div class="kit-phase-name">Schulung', html)
    assert re.search(r'kit-phase-not_started">\s*<div class="kit-phase-name">Go-live', html)
    assert "Ziele und Ausgangswerte" not in html  # only the fixture steps have cards
    assert "Testbericht mit Abbildung" in html


def test_run_manifest(report_run: RunResult) -> None:
    manifest = json.loads((report_run.run_dir / "run.json").read_text("utf-8"))
    assert manifest["run_id"] == report_run.run_id
    assert manifest["status"] == "ok"
    assert set(manifest["inputs"]) == {
        "engagement.yaml",
        "data/invoices.csv",
        "tracking/status.csv",
        "logo.png",
        "process_maps/.keep",
    }
    assert all(re.fullmatch(r"[0-9a-f]{64}", h) for h in manifest["inputs"].values())
    assert manifest["environment"]["packages"]["papermill"]
    assert manifest["notebooks"]["01_figures"]["status"] == "ok"
    assert manifest["notebooks"]["01_figures"]["output"] == "01_figures.html"
    assert manifest["finished"] >= manifest["started"]
    assert re.fullmatch(r"\d{8}T\d{6}Z-[0-9a-f]{6}", report_run.run_id)


def test_same_inputs_give_identical_reports(report_run: RunResult, tmp_path: Path) -> None:
    again = run_engagement(
        copy_engagement(tmp_path / "engagement"),
        only=["01"],
        notebooks_dir=FIXTURES,
        progress=False,
    )
    first = (report_run.run_dir / "01_figures.html").read_text("utf-8")
    second = (again.run_dir / "01_figures.html").read_text("utf-8")
    assert again.run_id != report_run.run_id
    assert report_run.run_id in first and again.run_id in second  # the footer does differ
    assert mask_footer(first) == mask_footer(second)


def test_failed_notebook_leaves_reports_untouched(report_run: RunResult, tmp_path: Path) -> None:
    engagement = copy_engagement(tmp_path / "engagement")
    shutil.copytree(report_run.reports_dir, engagement / "output" / "reports")
    reports = engagement / "output" / "reports"
    before = {p.relative_to(reports): p.read_bytes() for p in reports.rglob("*") if p.is_file()}
    assert any(p.parts[0] == "exports" for p in before)  # the steering committee's pack too
    with pytest.raises(RunError) as caught:
        run_engagement(engagement, only=["09"], notebooks_dir=FIXTURES, progress=False)
    error = caught.value
    # 09_fail.ipynb: cell 1 parameters, 2 markdown, 3 "x = 1", 4 raises.
    log = Path(str(error.executed)).with_suffix(".kernel.log")
    assert (
        error.message
        == f"step 09_fail failed in cell 4: a technical error; the details are in {log}"
    )
    assert "ValueError: boom & <b>bad</b>" in log.read_text("utf-8")
    assert str(error).startswith(error.message)  # step first, then the executed notebook
    assert str(error.executed) in str(error)
    assert (error.step, error.cell) == ("09_fail", 4)
    assert "\n" not in str(error)
    after = {p.relative_to(reports): p.read_bytes() for p in reports.rglob("*") if p.is_file()}
    assert after == before
    executed = Path(str(error.executed))
    assert executed.is_file() and executed.parent.parent.name == "runs"
    assert "boom" in executed.read_text("utf-8")
    manifest = json.loads((executed.parent / "run.json").read_text("utf-8"))
    assert manifest["status"] == "failed"
    assert manifest["notebooks"]["09_fail"]["cell"] == 4
    assert not list((engagement / "output").glob(".reports-*"))
