"""Atomic replacement of output/reports: stress-killed swaps and the fallback's recovery."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kit.run import publish
from kit.run.publish import publish_reports, recover_reports

FILES = 12
# Loads publish.py by path (stdlib only), so each killed process starts in a fraction of a second.
LOOP = """
import importlib.util, sys
from pathlib import Path
spec = importlib.util.spec_from_file_location("publish", sys.argv[3])
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
publish_reports = module.publish_reports
out, src = Path(sys.argv[1]), Path(sys.argv[2])
n = 0
print("ready", flush=True)
while True:
    n += 1
    name = "a" if n % 2 else "b"
    files = sorted((src / name).iterdir())
    publish_reports(files, out, run_id=f"r{n:06d}")
"""


def _make_set(folder: Path, name: str) -> None:
    folder.mkdir(parents=True)
    for i in range(FILES):
        (folder / f"{i:02d}.html").write_text(f"set {name} file {i}\n" * 2000, "utf-8")


def _set_name(reports: Path) -> str:
    """Return the one set all files of `reports` belong to; fail if mixed or incomplete."""
    files = sorted(reports.iterdir())
    assert len(files) == FILES, [f.name for f in files]
    names = {f.read_text("utf-8").split(" ")[1] for f in files}
    assert len(names) == 1, names
    return names.pop()


def test_first_publish_and_replace(tmp_path: Path) -> None:
    _make_set(tmp_path / "a", "a")
    _make_set(tmp_path / "b", "b")
    out = tmp_path / "out"
    out.mkdir()
    reports = publish_reports(sorted((tmp_path / "a").iterdir()), out, run_id="r1")
    assert _set_name(reports) == "a"
    publish_reports(sorted((tmp_path / "b").iterdir()), out, run_id="r2")
    assert _set_name(reports) == "b"
    assert sorted(p.name for p in out.iterdir()) == ["reports"]  # no staging or trash left


def test_killed_swaps_always_leave_one_complete_set(tmp_path: Path) -> None:
    _make_set(tmp_path / "a", "a")
    _make_set(tmp_path / "b", "b")
    out = tmp_path / "out"
    out.mkdir()
    publish_reports(sorted((tmp_path / "a").iterdir()), out, run_id="r0")
    rng = random.Random(7)
    seen = set()
    for _ in range(int(os.environ.get("KIT_KILL_RUNS", "5")) * 2):
        process = subprocess.Popen(
            [sys.executable, "-c", LOOP, str(out), str(tmp_path), publish.__file__],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        assert process.stdout is not None
        assert process.stdout.readline().strip() == b"ready"
        time.sleep(rng.uniform(0.05, 0.4))  # the loop swaps many times per second
        process.kill()
        process.wait()
        seen.add(_set_name(out / "reports"))
        recover_reports(out)
        assert sorted(p.name for p in out.iterdir()) == ["reports"]
    assert seen == {"a", "b"}  # kills landed in both phases of the swap loop


def test_fallback_without_exchange_recovers_after_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _make_set(tmp_path / "a", "a")
    _make_set(tmp_path / "b", "b")
    out = tmp_path / "out"
    out.mkdir()
    publish_reports(sorted((tmp_path / "a").iterdir()), out, run_id="r1")
    monkeypatch.setattr(publish, "_exchange", lambda a, b: False)
    publish_reports(sorted((tmp_path / "b").iterdir()), out, run_id="r2")
    assert _set_name(out / "reports") == "b"

    # A crash between the fallback's two renames: old set moved aside, new one not yet in place.
    os.rename(out / "reports", out / f"{publish.TRASH_PREFIX}r3")
    (out / f"{publish.STAGING_PREFIX}r3").mkdir()
    recover_reports(out)
    assert _set_name(out / "reports") == "b"
    assert sorted(p.name for p in out.iterdir()) == ["reports"]


def test_the_pack_in_exports_is_swapped_in_with_the_reports(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    for run, day in (("r1", "2026-05-31"), ("r2", "2026-06-30")):
        run_dir = tmp_path / run
        (run_dir / "exports").mkdir(parents=True)
        (run_dir / "index.html").write_text(run, "utf-8")
        for name in (f"acme-kennzahlen-{day}.xlsx", f"acme-lenkungskreis-{day}.pptx"):
            (run_dir / "exports" / name).write_bytes(run.encode())
        reports = publish_reports(
            [run_dir / "index.html"], out, run_id=run, folders=[run_dir / "exports"]
        )
    # the second set replaced the first one whole: no pack of the earlier date is left
    assert sorted(p.name for p in (reports / "exports").iterdir()) == [
        "acme-kennzahlen-2026-06-30.xlsx",
        "acme-lenkungskreis-2026-06-30.pptx",
    ]
    assert (reports / "index.html").read_text("utf-8") == "r2"
