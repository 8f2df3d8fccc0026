"""A run killed at any moment leaves `reports/` as the previous (or the new) complete set.

3 kills by default; `KIT_KILL_RUNS=20 pytest tests/report/test_run_kill.py` for 20 in a row.
"""

from __future__ import annotations

import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

from kit.run.engine import RunResult
from tests.report.conftest import FIXTURES, REPO, copy_engagement

SCRIPT = """
import sys
from pathlib import Path
from kit.run.engine import run_engagement
run_engagement(sys.argv[1], only=["08"], notebooks_dir=Path(sys.argv[2]), progress=False)
"""


def _kill_marked(marker: str) -> None:
    """SIGKILL the kernels this test started (they inherit the marker in their environment)."""
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            environ = (proc / "environ").read_bytes()
        except OSError:
            continue
        if f"KIT_TEST_KILL_MARKER={marker}".encode() in environ:
            try:
                os.kill(int(proc.name), signal.SIGKILL)
            except ProcessLookupError:
                pass


def _snapshot(reports: Path) -> dict[Path, bytes]:
    """Return every file of a set (exports/ included) by its path inside the set."""
    return {p.relative_to(reports): p.read_bytes() for p in reports.rglob("*") if p.is_file()}


def _complete_new_set(reports: Path) -> bool:
    """A complete set: index, the new step's report, every linked file present and whole."""
    names = {p.name for p in reports.iterdir()}
    if not {"index.html", "08_sleep.html", "cards.json"} <= names:
        return False
    index = (reports / "index.html").read_text("utf-8")
    linked = set(re.findall(r'href="([^"#/]+)"', index))
    if not linked <= names:
        return False
    pages = [p for p in reports.iterdir() if p.suffix == ".html"]
    return all(p.read_text("utf-8").rstrip().endswith("</html>") for p in pages)


def test_kill_at_random_points_keeps_a_complete_set(report_run: RunResult, tmp_path: Path) -> None:
    kills = int(os.environ.get("KIT_KILL_RUNS", "3"))
    engagement = copy_engagement(tmp_path / "engagement")
    reports = engagement / "output" / "reports"
    shutil.copytree(report_run.reports_dir, reports)
    previous = _snapshot(reports)
    marker = uuid.uuid4().hex
    env = {**os.environ, "KIT_TEST_KILL_MARKER": marker, "KIT_TEST_SLEEP": "0.2"}
    rng = random.Random(20260630)
    # A notebook's time in the shared run plus interpreter start-up and conversion approximates
    # one run here; kills land from early in the run to just after its end. The swap itself, a
    # window of microseconds, is hammered separately in tests/run/test_publish.py.
    full = max(step.seconds for step in report_run.steps) + 4.0
    outcomes = []
    for _ in range(kills):
        process = subprocess.Popen(
            [sys.executable, "-c", SCRIPT, str(engagement), str(FIXTURES)],
            cwd=REPO,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        delay = rng.uniform(0.3 * full, 1.05 * full)
        deadline = time.monotonic() + delay
        while time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.02)
        finished = process.poll() is not None
        process.kill()
        process.wait()
        _kill_marked(marker)
        assert reports.is_dir(), f"reports/ missing after kill at {delay:.2f} s"
        current = _snapshot(reports)
        if current == previous:
            outcomes.append("old")
        else:
            assert _complete_new_set(reports), f"incomplete set after kill at {delay:.2f} s"
            outcomes.append("new" if not finished else "finished")
            previous = current
    print(f"kill outcomes (full run {full:.1f} s):", outcomes)
    assert len(outcomes) == kills
