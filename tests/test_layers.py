"""The layers of architecture.md hold (import-linter), and an upward import breaks them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"

pytestmark = pytest.mark.skipif(not LINT_IMPORTS.exists(), reason="import-linter not installed")


def _lint_imports(root: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--config", str(root / "pyproject.toml")],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def _copy_of_kit(tmp_path: Path) -> Path:
    shutil.copytree(
        ROOT / "kit", tmp_path / "kit", ignore=shutil.ignore_patterns("*.yaml", "*.csv")
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_the_kit_keeps_every_import_contract() -> None:
    done = _lint_imports(ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


def test_an_upward_import_from_a_domain_package_breaks_the_contracts(tmp_path: Path) -> None:
    root = _copy_of_kit(tmp_path)
    upward = root / "kit" / "strategy" / "upward.py"
    upward.write_text("from kit.report import table\n", encoding="utf-8")
    done = _lint_imports(root)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "kit.strategy is not allowed to import kit.report" in done.stdout
    assert "kit.strategy.upward -> kit.report" in done.stdout
