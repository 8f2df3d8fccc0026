"""A German and an English run of every report of the sample meet no message without translation.

Strict mode (`KIT_I18N_STRICT=1`, set for the whole test session in tests/conftest.py) makes a
fallback raise in the notebook kernels; the fallback log also records fallbacks a report caught.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from kit.i18n.translations import FALLBACK_LOG_ENV, STRICT_ENV
from kit.run.engine import RunResult, run_engagement

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "samples" / "acme-gmbh"


@pytest.fixture(scope="module", params=["de", "en"])
def strict_run(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[RunResult, Path, str]]:
    """Return a strict run of the seven notebooks on the sample in one language, and its log."""
    language: str = request.param
    root = tmp_path_factory.mktemp(f"strict-{language}")
    engagement = root / "acme-gmbh"
    shutil.copytree(SAMPLE, engagement, ignore=shutil.ignore_patterns("output"))
    config = engagement / "engagement.yaml"
    text = config.read_text(encoding="utf-8")
    assert "language: de" in text
    config.write_text(text.replace("language: de", f"language: {language}", 1), encoding="utf-8")
    log = root / "fallbacks.tsv"
    saved = {k: os.environ.get(k) for k in (STRICT_ENV, FALLBACK_LOG_ENV)}
    os.environ[STRICT_ENV] = "1"
    os.environ[FALLBACK_LOG_ENV] = str(log)
    try:
        yield run_engagement(engagement, jobs=2, progress=False), log, language
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def test_every_report_runs_without_a_fallback(strict_run: tuple[RunResult, Path, str]) -> None:
    run, log, language = strict_run
    assert len(run.steps) == 7
    assert [(s.step, s.error) for s in run.steps if s.status != "ok"] == []
    met = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
    assert met == [], f"{len(met)} {language} lookups fell back to the English id: {met[:5]}"
