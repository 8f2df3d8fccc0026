"""Tiny engagements in temporary folders for the rollout tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

INVOICES = (
    "invoice_id,customer_id,issue_date,due_date,amount\nI-1,C-1,2026-01-02,2026-02-01,100.0\n"
)


def write_engagement(root: Path, *, client: str, phases: list[dict[str, Any]] | None) -> Path:
    """Write engagement.yaml and a one-invoice ledger into `root`; return the folder."""
    (root / "data").mkdir(parents=True, exist_ok=True)
    (root / "data" / "invoices.csv").write_text(INVOICES, encoding="utf-8")
    config: dict[str, Any] = {"client": client, "data": {"invoices": {"path": "data/invoices.csv"}}}
    if phases is not None:
        config["phases"] = phases
    (root / "engagement.yaml").write_text(yaml.safe_dump(config, allow_unicode=True), "utf-8")
    return root


@pytest.fixture
def make_engagement(tmp_path: Path) -> Callable[..., Path]:
    def make(
        name: str = "eng", *, client: str = "Test GmbH", phases: list[dict[str, Any]] | None = None
    ) -> Path:
        return write_engagement(tmp_path / name, client=client, phases=phases)

    return make
