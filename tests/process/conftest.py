from __future__ import annotations

import itertools
from collections.abc import Callable
from pathlib import Path

import pytest

from kit.errors import ProcessMapError

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


def refusal(read: Callable[[Path], object], src: Path, content: str) -> str:
    """Return the ProcessMapError text `read` gives for a file `src` holding `content`."""
    src.write_text(content, encoding="utf-8")
    with pytest.raises(ProcessMapError) as info:
        read(src)
    return str(info.value)


def flows_along(*paths: str, p: dict[str, float] | None = None) -> list[tuple[str, str, float]]:
    """Return the flows (source, target, probability) along each path, in the order written.

    A path is activity ids separated by spaces ("s a b" is s → a and a → b); `p` holds the
    probability of a flow written "source target" and every other flow has probability 1.
    """
    chance = p or {}
    return [
        (src, dst, chance.get(f"{src} {dst}", 1.0))
        for path in paths
        for src, dst in itertools.pairwise(path.split())
    ]
