"""kit.rollout imports where fcntl does not exist (Windows): the lock comes from filelock."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from kit.rollout.log import append_status, lock_path


def test_rollout_imports_without_fcntl() -> None:
    code = "import sys; sys.modules['fcntl'] = None; import kit.rollout; print('ok')"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr


def test_the_status_lock_is_hidden_beside_the_log(tmp_path: Path) -> None:
    log = tmp_path / "tracking" / "status.csv"
    append_status(log, phase="blueprint", status="in_progress", percent=10.0, author="MW")
    assert lock_path(log) == tmp_path / "tracking" / ".status.csv.lock"
    assert log.read_text(encoding="utf-8").count("\n") == 2  # header and the one entry
