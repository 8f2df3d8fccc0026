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


@pytest.mark.parametrize(
    "name", ["Acme\u2028GmbH", "Nord\u2029Süd", "Tab\tand\x85NEL", "Zero\ufeffwidth"]
)
def test_any_client_name_reads_back(tmp_path: Path, name: str) -> None:
    root = create_engagement(tmp_path / "kunde", client=name, language="en")
    assert load_engagement(root).client == name


def test_new_refuses_a_name_that_is_not_utf8(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not valid UTF-8"):
        create_engagement(tmp_path / "kunde", client="Acme \udcff GmbH")
    assert not (tmp_path / "kunde").exists()


def test_new_below_a_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "afile").write_text("x")
    with pytest.raises(ConfigError, match="a part of the path is a file") as info:
        create_engagement(tmp_path / "afile" / "sub")
    assert info.value.path == str(tmp_path / "afile")


def test_new_folders_and_files_follow_the_umask(tmp_path: Path) -> None:
    import os

    old = os.umask(0o027)
    try:
        root = create_engagement(tmp_path / "kunde", client="Acme")
    finally:
        os.umask(old)
    assert root.stat().st_mode & 0o777 == 0o750  # not mkdtemp's 0700
    assert (root / "engagement.yaml").stat().st_mode & 0o777 == 0o640
    assert (root / "data").stat().st_mode & 0o777 == 0o750


def test_new_inside_the_kit_repository_goes_to_ignored_engagements(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    monkeypatch.setattr("kit.scaffold.repo_root", lambda: repo)
    root = create_engagement(repo / "data" / "kunde", client="Acme")
    assert root == repo / "engagements" / "kunde"
    assert not (repo / "data" / "kunde").exists()
    kept = create_engagement(repo / "engagements" / "b", client="B")
    assert kept == repo / "engagements" / "b"
    outside = create_engagement(tmp_path / "elsewhere", client="C")
    assert outside == tmp_path / "elsewhere"


def test_kit_repository_ignores_engagements() -> None:
    from kit.engagement import repo_root

    assert "engagements/" in (repo_root() / ".gitignore").read_text(encoding="utf-8").split()


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
