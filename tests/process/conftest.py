from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO / ".." / "shared" / "data"
ACME_MAPS = REPO / "data" / "samples" / "acme-gmbh" / "process_maps"
LABELLED = Path(__file__).resolve().parent / "labelled"


@pytest.fixture
def miwg() -> Path:
    folder = SHARED / "bpmn-miwg-reference"
    if not folder.is_dir():
        pytest.skip(f"shared BPMN reference files not found at {folder}")
    return folder
