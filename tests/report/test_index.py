"""Phase status strip of index.html: status log parsing, overrides, bad rows."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import FIXTURE_ENGAGEMENT

from kit.engagement import load_engagement
from kit.errors import DataError
from kit.report.index import IndexCard, phase_states, read_status_log, render_index
from kit.run.convert import page_metadata


def test_latest_row_per_phase_wins() -> None:
    current = read_status_log(FIXTURE_ENGAGEMENT / "tracking" / "status.csv")
    # setup: in_progress on 2026-03-01, done on 2026-03-27 -> done.
    assert current == {"blueprint": "done", "setup": "done", "training": "blocked"}


def test_semicolon_log_and_bad_rows(tmp_path: Path) -> None:
    log = tmp_path / "status.csv"
    log.write_text("date;phase;status\n2026-01-02;setup;in_progress\n", "utf-8")
    assert read_status_log(log) == {"setup": "in_progress"}
    log.write_text(
        "date,phase,status\n2026-01-02,setup,in_progress\n02.01.2026,setup,done\n", "utf-8"
    )
    with pytest.raises(DataError) as caught:
        read_status_log(log)
    assert (caught.value.row, caught.value.column, caught.value.value) == (3, "date", "02.01.2026")
    log.write_text("date,phase,status\n2026-01-02,setup,finished\n", "utf-8")
    with pytest.raises(DataError, match="unknown status"):
        read_status_log(log)
    log.write_text("when,phase\n", "utf-8")
    with pytest.raises(DataError, match="date, status"):
        read_status_log(log)
    assert read_status_log(tmp_path / "absent.csv") == {}


def test_phase_states_from_mapping_or_callable(tmp_path: Path) -> None:
    engagement = load_engagement(FIXTURE_ENGAGEMENT)
    states = phase_states(engagement, language="en", status={"go_live": "in_progress"})
    assert [(s.name, s.status) for s in states] == [
        ("Blueprint", "planned"),
        ("Setup", "planned"),
        ("Training", "planned"),
        ("Go-live", "in_progress"),
        ("Hypercare", "planned"),
    ]
    states = phase_states(engagement, language="de", status=lambda e: {"training": "done"})
    assert states[2].name == "Schulung" and states[2].status == "done"


def test_render_index_escapes_and_links(tmp_path: Path) -> None:
    shutil.copytree(FIXTURE_ENGAGEMENT, tmp_path / "e")
    engagement = load_engagement(tmp_path / "e")
    meta = page_metadata(
        engagement, language="en", title="Reports", as_of_text="30 Jun 2026", footer="Run X"
    )
    html = render_index(
        kit_meta=meta,
        cards=[
            IndexCard(
                "01_goals",
                "Goals <1>",
                "01_goals.html",
                {"title": "DSO", "value_text": "41.2 days", "takeaway": "a & b", "status": "bad"},
                "01_goals.pdf",
            )
        ],
        phases=phase_states(engagement, language="en"),
        combined_pdf="reports.pdf",
    )
    assert "Goals &lt;1&gt;" in html and "a &amp; b" in html
    assert 'href="01_goals.html"' in html and 'href="01_goals.pdf"' in html
    assert 'href="reports.pdf"' in html and "All reports as PDF" in html
    assert "kit-status-bad" in html and "Project phases" in html
    assert 'src="data:image/png;base64,' in html  # logo inline
