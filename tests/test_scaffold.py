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


@pytest.mark.parametrize(("language", "guide"), [("de", "LIESMICH.md"), ("en", "README.md")])
def test_new_engagement_has_a_map_guide_whose_example_is_a_valid_map(
    tmp_path: Path, language: str, guide: str
) -> None:
    import re

    import yaml

    from kit.process import load_maps
    from kit.steps.thin import maps_or_none

    root = create_engagement(tmp_path / "kunde", language=language)
    folder = root / "process_maps"
    assert sorted(p.name for p in folder.iterdir()) == [guide]  # one guide, in one language
    assert maps_or_none(folder) == []  # the guide is not read as a map
    text = (folder / guide).read_text(encoding="utf-8")
    example = re.search(r"```yaml\n(.*?)```", text, re.DOTALL)
    assert example is not None
    map_file = tmp_path / "example.yaml"
    map_file.write_text(example.group(1), encoding="utf-8")
    (pmap,) = load_maps([map_file])
    assert pmap.total_hours() > 0 and yaml.safe_load(example.group(1))["flows"]
