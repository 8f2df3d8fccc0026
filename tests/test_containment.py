from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kit.containment import MAX_LOGO_BYTES, check_logo, check_outputs
from kit.engagement import load_engagement
from kit.errors import ConfigError

BASE = Path(__file__).parent / "hostile" / "_base"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def _engagement(tmp_path: Path, extra: str = "") -> Path:
    root = tmp_path / "eng"
    shutil.copytree(BASE, root)
    config = root / "engagement.yaml"
    config.write_text(config.read_text(encoding="utf-8") + extra, encoding="utf-8")
    return root


def test_paths_inside_the_folder_pass(tmp_path: Path) -> None:
    root = _engagement(tmp_path, "branding: {logo: logo.png}\n")
    (root / "logo.png").write_bytes(PNG)
    assert load_engagement(root).branding.logo == Path("logo.png")


@pytest.mark.parametrize(
    ("extra", "key"),
    [
        ("branding: {logo: ../logo.png}\n", "branding.logo"),
        ("status_log: ../outside/status.csv\n", "status_log"),
        ("process_maps: /usr\n", "process_maps"),
        ("backlog: /tmp/backlog.csv\n", "backlog"),
        ("stakeholders: ../people.csv\n", "stakeholders"),
    ],
)
def test_paths_leaving_the_folder_are_refused(tmp_path: Path, extra: str, key: str) -> None:
    root = _engagement(tmp_path, extra)
    (tmp_path / "logo.png").write_bytes(PNG)
    with pytest.raises(ConfigError, match="leaves the engagement folder") as info:
        load_engagement(root)
    assert info.value.key == key
    assert f"allow_outside: [{key}]" in str(info.value)


def test_allow_outside_opts_out_per_key(tmp_path: Path) -> None:
    root = _engagement(tmp_path, "branding: {logo: ../logo.png}\nallow_outside: [branding.logo]\n")
    (tmp_path / "logo.png").write_bytes(PNG)
    assert load_engagement(root).branding.logo == Path("../logo.png")
    # only that key: another path outside is still refused
    config = root / "engagement.yaml"
    config.write_text(config.read_text("utf-8") + "backlog: ../b.csv\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="leaves the engagement folder"):
        load_engagement(root)


def test_allow_outside_with_a_typo_is_refused(tmp_path: Path) -> None:
    root = _engagement(tmp_path, "allow_outside: [branding.logoo]\n")
    with pytest.raises(ConfigError, match="holds no path") as info:
        load_engagement(root)
    assert info.value.value == "branding.logoo"


def test_a_symlink_inside_pointing_outside_is_refused(tmp_path: Path) -> None:
    root = _engagement(tmp_path)
    (tmp_path / "passwd.csv").write_text("root:x:0:0\n", encoding="utf-8")
    (root / "data" / "payments.csv").unlink()
    (root / "data" / "payments.csv").symlink_to(tmp_path / "passwd.csv")
    with pytest.raises(ConfigError, match="leaves the engagement folder") as info:
        load_engagement(root)
    assert info.value.key == "data.payments.path"
    assert "root:" not in str(info.value)


def test_a_map_symlink_outside_is_refused(tmp_path: Path) -> None:
    root = _engagement(tmp_path)
    (tmp_path / "x.yaml").write_text("id: x\n", encoding="utf-8")
    (root / "process_maps" / "x.yaml").symlink_to(tmp_path / "x.yaml")
    with pytest.raises(ConfigError, match="leaves the engagement folder") as info:
        load_engagement(root)
    assert info.value.key == "process_maps" and info.value.value == "x.yaml"


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        ("a.png", PNG, None),
        ("a.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 16, None),
        (
            "a.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>',
            None,
        ),
        (
            "a.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><defs><linearGradient id="g"/></defs>'
            b'<rect fill="url(#g)" width="1" height="1"/></svg>',
            None,
        ),
        ("a.png", b"GIF89a", "not a PNG, JPEG or SVG"),
        ("a.txt", PNG, "not a PNG, JPEG or SVG"),
        ("a.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "event handler"),
        ("a.svg", b'<!DOCTYPE svg [<!ENTITY x "y">]><svg>&x;</svg>', "DTD or entities"),
        ("a.svg", b"<svg><foreignObject/></svg>", "<foreignobject> element"),
        ("a.svg", b'<svg><rect style="fill:url(http://x/y)"/></svg>', "another file or address"),
        ("a.svg", b"<svg><style>@import url(http://x);</style></svg>", "another file or address"),
        ("a.svg", b"<html/>", "not an SVG drawing"),
        ("a.svg", b"<svg", "not well-formed"),
    ],
)
def test_logo_kinds(tmp_path: Path, name: str, data: bytes, problem: str | None) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    found = check_logo(path, file=tmp_path / "engagement.yaml")
    if problem is None:
        assert found == []
    else:
        assert len(found) == 1 and problem in found[0].message, found


def test_logo_size_is_checked_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.png"
    with path.open("wb") as handle:
        handle.write(PNG)
        handle.truncate(MAX_LOGO_BYTES + 1)
    (found,) = check_logo(path, file=tmp_path / "engagement.yaml")
    assert found.message == f"logo is {MAX_LOGO_BYTES + 1:,} bytes"


@pytest.mark.parametrize("folder", ["output", "output/runs", "output/reports"])
def test_output_folders_must_not_be_links(tmp_path: Path, folder: str) -> None:
    root = _engagement(tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    link = root / folder
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(elsewhere)
    with pytest.raises(ConfigError, match="symbolic link") as info:
        check_outputs(load_engagement(root))
    assert info.value.path == str(link)
    assert list(elsewhere.iterdir()) == []
