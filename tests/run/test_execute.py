"""Kernel environment and run manifest helpers."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

from kit.engagement import load_engagement
from kit.run.execute import kernel_env
from kit.run.manifest import input_files, new_run_id, sha256_file

REPO = Path(__file__).resolve().parents[2]


def test_kernel_env_drops_mplbackend_only() -> None:
    env = kernel_env({"MPLBACKEND": "Agg", "PATH": "/usr/bin", "LANG": "de_DE.UTF-8"})
    assert "MPLBACKEND" not in env
    assert env["PATH"] == "/usr/bin" and env["LANG"] == "de_DE.UTF-8"


def test_input_files_and_hashes(tmp_path: Path) -> None:
    engagement = load_engagement(REPO / "tests" / "notebooks" / "engagement")
    names = sorted(p.name for p in input_files(engagement))
    assert names == [".keep", "engagement.yaml", "invoices.csv", "logo.png", "status.csv"]
    file = tmp_path / "x.txt"
    file.write_bytes(b"abc")
    # sha256("abc"), FIPS 180-2 test vector.
    assert sha256_file(file) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"


def test_run_ids_sort_by_time() -> None:
    early = new_run_id(datetime(2026, 6, 30, 9, 5, 1, tzinfo=UTC), {})
    late = new_run_id(datetime(2026, 6, 30, 10, 0, 0, tzinfo=UTC), {})
    assert re.fullmatch(r"20260630T090501Z-[0-9a-f]{6}", early)
    assert early < late
