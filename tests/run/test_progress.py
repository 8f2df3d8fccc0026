"""The progress display of `kit run` (run/progress.py) and the step states (run/status.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kit.run.execute import StepOutcome
from kit.run.progress import RunProgress
from kit.run.status import StepStatus


def _outcome(step: str, *, ok: bool) -> StepOutcome:
    return StepOutcome(step, Path(f"{step}.ipynb"), 1.25, ok)


def test_progress_prints_one_line_per_step_and_one_for_the_run(
    capsys: pytest.CaptureFixture[str],
) -> None:
    progress = RunProgress(2, enabled=True)
    progress.start("01_goals")
    progress.finish(_outcome("01_goals", ok=True))
    progress.finish(_outcome("02_kpis", ok=False))
    progress.end("FAILED at 02_kpis")
    captured = capsys.readouterr()
    assert captured.out == ""  # stdout stays free for --json
    assert "kit run: 01_goals ok (1.2 s)" in captured.err  # 1.25 s shown with one decimal
    assert "kit run: 02_kpis FAILED (1.2 s)" in captured.err
    assert "kit run: FAILED at 02_kpis in " in captured.err
    assert progress.bar.n == 2


def test_disabled_progress_writes_nothing(capsys: pytest.CaptureFixture[str]) -> None:
    progress = RunProgress(1, enabled=False)
    progress.start("01_goals")
    progress.finish(_outcome("01_goals", ok=True))
    progress.end("done")
    assert capsys.readouterr() == ("", "")


def test_step_status_is_the_plain_string_of_run_json() -> None:
    assert json.dumps({"status": StepStatus.FAILED}) == '{"status": "failed"}'
    assert StepStatus.OK == "ok" and [s.value for s in StepStatus] == ["running", "ok", "failed"]


def test_progress_speaks_the_language_of_the_engagement(
    capsys: pytest.CaptureFixture[str],
) -> None:
    progress = RunProgress(2, enabled=True, language="de")
    progress.finish(_outcome("01_goals", ok=True))
    progress.finish(_outcome("09_fail", ok=False))
    progress.end("Fehlgeschlagen bei 09_fail")
    err = capsys.readouterr().err
    assert "kit run: 01_goals ok (1,2 s)" in err  # German decimal comma
    assert "kit run: 09_fail FEHLGESCHLAGEN (1,2 s)" in err
    assert "kit run: Fehlgeschlagen bei 09_fail in " in err
    assert "FAILED" not in err
