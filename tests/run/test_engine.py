"""Runner arguments: notebook selection and refusals before anything runs."""

from __future__ import annotations

import fcntl
import shutil
from datetime import date
from pathlib import Path

import pytest

from kit.errors import ConfigError, ReportError
from kit.run import pdf as pdf_module
from kit.run.engine import find_notebooks, run_engagement

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "notebooks"


def test_find_notebooks_by_number_or_name() -> None:
    all_steps = [p.stem for p in find_notebooks(FIXTURES)]
    assert all_steps == ["01_figures", "02_tables", "08_sleep", "09_fail"]
    assert [p.stem for p in find_notebooks(FIXTURES, ["9", "01_figures"])] == [
        "01_figures",
        "09_fail",
    ]
    with pytest.raises(ConfigError) as caught:
        find_notebooks(FIXTURES, ["05"])
    assert caught.value.key == "only" and "01_figures" in str(caught.value)


def test_refusals_before_running(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    engagement = tmp_path / "e"
    shutil.copytree(FIXTURES / "engagement", engagement)
    with pytest.raises(ConfigError, match="jobs"):
        run_engagement(engagement, jobs=0, notebooks_dir=FIXTURES, progress=False)
    monkeypatch.setattr("kit.run.engine.find_chromium", lambda: None)
    with pytest.raises(ReportError, match="Chromium is not installed"):
        run_engagement(engagement, pdf=True, notebooks_dir=FIXTURES, progress=False)
    monkeypatch.setattr(pdf_module, "find_chromium", lambda: None)
    with pytest.raises(ReportError, match="Chromium"):
        pdf_module.html_to_pdf(tmp_path / "x.html", tmp_path / "x.pdf")
    assert not (engagement / "output" / "runs").exists()  # nothing ran


def test_second_run_on_the_same_engagement_is_refused(tmp_path: Path) -> None:
    engagement = tmp_path / "e"
    shutil.copytree(FIXTURES / "engagement", engagement)
    output = engagement / "output"
    output.mkdir()
    with open(output / ".run.lock", "a+b") as handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        with pytest.raises(ConfigError, match="still running"):
            run_engagement(engagement, only=["01"], notebooks_dir=FIXTURES, progress=False)
    assert not (output / "runs").exists()


def test_partial_run_keeps_the_other_reports(tmp_path: Path) -> None:
    engagement = tmp_path / "e"
    shutil.copytree(FIXTURES / "engagement", engagement)
    first = run_engagement(engagement, only=["01", "02"], notebooks_dir=FIXTURES, progress=False)
    kept = (first.reports_dir / "02_tables.html").read_bytes()
    second = run_engagement(engagement, only=["01"], notebooks_dir=FIXTURES, progress=False)
    reports = second.reports_dir
    assert (reports / "02_tables.html").read_bytes() == kept  # carried over unchanged
    index = (reports / "index.html").read_text(encoding="utf-8")
    assert 'href="01_figures.html"' in index and 'href="02_tables.html"' in index
    # Another as-of date: the old report of step 02 is not mixed into the new set.
    third = run_engagement(
        engagement, only=["01"], as_of=date(2026, 3, 31), notebooks_dir=FIXTURES, progress=False
    )
    assert not (third.reports_dir / "02_tables.html").exists()
