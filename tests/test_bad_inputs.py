"""The bad-input corpus: every case answers with exit code 2 and one clear message.

Each folder in tests/bad_inputs/ holds the files that differ from `_base/` (a small valid
engagement) and a case.yaml with the command, extra arguments and the fragments the message must
contain (file name, row, column, value). The test also checks that no traceback is shown, that
nothing is written outside output/, and that earlier reports stay byte-identical.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import yaml
from shared_builders import case_arguments, case_engagement, previous_reports
from typer.testing import CliRunner

from kit.cli.app import app

CORPUS = Path(__file__).parent / "bad_inputs"
CASES = sorted(p.name for p in CORPUS.iterdir() if (p / "case.yaml").is_file())


def _snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.stat().st_size < 50_000_000
    }


def _prepare(case: str, tmp_path: Path) -> tuple[Path, dict[str, object]]:
    engagement = case_engagement(CORPUS, case, tmp_path / "engagement")
    meta: dict[str, object] = yaml.safe_load((CORPUS / case / "case.yaml").read_text("utf-8"))
    sparse = meta.get("sparse")
    if isinstance(sparse, dict):
        with open(engagement / str(sparse["path"]), "wb") as handle:
            handle.truncate(int(sparse["size"]))
    previous_reports(engagement)
    return engagement, meta


def _arguments(meta: dict[str, object], engagement: Path) -> list[str]:
    command = str(meta["command"])
    extra = [str(a) for a in meta.get("args", [])]  # type: ignore[attr-defined]
    return case_arguments(command, engagement, extra)


def test_corpus_is_large_enough() -> None:
    assert len(CASES) >= 40


@pytest.mark.parametrize("case", CASES)
def test_bad_input_is_refused_clearly(case: str, tmp_path: Path) -> None:
    engagement, meta = _prepare(case, tmp_path)
    before = _snapshot(engagement)
    outside_before = sorted(p.name for p in tmp_path.iterdir())
    result = CliRunner().invoke(app, _arguments(meta, engagement))
    output = result.output
    assert result.exit_code == 2, f"exit {result.exit_code}: {output}"
    assert "Traceback" not in output, output
    for fragment in meta["expect"]:  # type: ignore[attr-defined]
        assert str(fragment) in output, f"{fragment!r} missing in: {output}"
    after = _snapshot(engagement)
    changed = {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}
    assert all(k.startswith("output/") and "reports/" not in k for k in changed), changed
    assert sorted(p.name for p in tmp_path.iterdir()) == outside_before
