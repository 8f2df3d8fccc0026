"""Fixtures of the step tests: the sample engagement's report context in German and English."""

from __future__ import annotations

from pathlib import Path

import pytest

from kit.report import ReportContext, open_report

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "samples" / "acme-gmbh"


@pytest.fixture(scope="module")
def ctx_de() -> ReportContext:
    """Return the sample engagement's report context in German, once per test module."""
    return open_report(SAMPLE, language="de")


@pytest.fixture(scope="module")
def ctx_en() -> ReportContext:
    """Return the sample engagement's report context in English, once per test module."""
    return open_report(SAMPLE, language="en")
