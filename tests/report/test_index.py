"""Phase status strip of index.html: status log parsing, overrides, bad rows."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from kit.engagement import load_engagement
from kit.errors import DataError
from kit.report.index import IndexCard, phase_states, render_index
from kit.run.convert import page_metadata
from tests.report.conftest import FIXTURE_ENGAGEMENT


def test_phase_states_follow_the_status_log() -> None:
    engagement = load_engagement(FIXTURE_ENGAGEMENT)
    states = phase_states(engagement, language="en", today=date(2026, 6, 30))
    # setup: in_progress on 2026-03-01, done on 2026-03-27 -> done; training blocked on 04-10.
    assert {s.id: s.status for s in states} == {
        "blueprint": "done",
        "setup": "done",
        "training": "blocked",
        "go_live": "not_started",
        "hypercare": "not_started",
    }


def test_phase_states_as_they_stood(tmp_path: Path) -> None:
    engagement = load_engagement(FIXTURE_ENGAGEMENT)
    # On 2026-03-15 only the blueprint was done and setup was in progress.
    states = phase_states(engagement, language="en", today=date(2026, 3, 15))
    assert [s.status for s in states][:3] == ["done", "in_progress", "not_started"]


def test_bad_status_log_is_refused(tmp_path: Path) -> None:
    shutil.copytree(FIXTURE_ENGAGEMENT, tmp_path / "e")
    log = tmp_path / "e" / "tracking" / "status.csv"
    log.write_text(
        "date,phase,status,percent_complete,note,author\n2026-01-02,setup,finished,10,,\n"
    )
    with pytest.raises(DataError) as caught:
        phase_states(load_engagement(tmp_path / "e"), language="en", today=date(2026, 6, 30))
    assert (caught.value.row, caught.value.column) == (2, "status") or any(
        (p.row, p.column) == (2, "status") for p in caught.value.problems
    )


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
