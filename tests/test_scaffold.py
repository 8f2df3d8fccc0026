from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from kit.engagement import load_engagement
from kit.errors import ConfigError
from kit.scaffold import create_engagement


@pytest.mark.parametrize("language", ["de", "en"])
def test_new_engagement_loads(tmp_path: Path, language: str) -> None:
    root = create_engagement(
        tmp_path / "kunde",
        client='Müller & Söhne <GmbH> "Nord"',
        language=language,
        today=date(2026, 3, 31),
    )
    eng = load_engagement(root)
    assert eng.client == 'Müller & Söhne <GmbH> "Nord"'
    assert eng.language == language
    assert eng.as_of == date(2026, 3, 31)
    assert eng.goals[0].deadline == date(2027, 3, 28)
    assert (root / "tracking" / "status.csv").read_text().startswith("date,phase,status")
    assert (root / "data" / "invoices.csv").read_text().startswith("invoice_id,customer_id")
    assert (root / "process_maps").is_dir()
    text = (root / "engagement.yaml").read_text(encoding="utf-8")
    assert ("Stichtag" in text) == (language == "de")


def test_new_refuses_non_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "keep.txt").write_text("client work")
    with pytest.raises(ConfigError, match="not empty"):
        create_engagement(tmp_path / "x")
    assert (tmp_path / "x" / "keep.txt").read_text() == "client work"


def test_new_refuses_unknown_language(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="unsupported language 'fr'"):
        create_engagement(tmp_path / "y", language="fr")
    assert not (tmp_path / "y").exists()


@pytest.mark.parametrize("language", ["de", "en"])
def test_template_documents_every_key(language: str) -> None:
    from kit.engagement import _known_keys
    from kit.ingest.presets import preset_names
    from kit.scaffold import TEMPLATE_DIR

    text = (TEMPLATE_DIR / f"engagement.{language}.yaml").read_text(encoding="utf-8")
    missing = [key for key in _known_keys() if f"{key}:" not in text]
    assert missing == []
    assert all(f"preset: {name}" in text for name in preset_names())
