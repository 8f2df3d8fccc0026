import errno
import time
from pathlib import Path

import pytest
import yaml

from kit.errors import ConfigError, KitError, ProcessMapError
from kit.files import (
    MAX_YAML_DEPTH,
    atomic_directory,
    atomic_write,
    atomic_write_text,
    load_yaml,
    os_error,
)


def test_atomic_write_replaces_the_file(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "a.txt"
    atomic_write_text(target, "one")
    atomic_write_text(target, "zwei ü")
    assert target.read_text(encoding="utf-8") == "zwei ü"
    assert [p.name for p in target.parent.iterdir()] == ["a.txt"]


def test_failed_write_keeps_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    target.write_text("old", encoding="utf-8")

    def broken(tmp: Path) -> None:
        tmp.write_text("half", encoding="utf-8")
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(KitError, match="the disk is full") as info:
        atomic_write(target, broken)
    assert info.value.path == str(target) and info.value.exit_code == 2
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]


# --- load_yaml ----------------------------------------------------------------------------


def test_load_yaml_uses_yaml_12_booleans_and_keeps_dates_as_text() -> None:
    data = load_yaml("a: no\nb: on\nc: Yes\nd: true\ne: 2026-06-30\nf: 12\n")
    assert data == {"a": "no", "b": "on", "c": "Yes", "d": True, "e": "2026-06-30", "f": 12}


def test_load_yaml_uses_libyaml_when_installed() -> None:
    from kit import files

    if yaml.__with_libyaml__:
        assert issubclass(files._YamlLoader, yaml.CSafeLoader)


def test_billion_laughs_is_refused_quickly() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 10):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]")
    start = time.perf_counter()
    with pytest.raises(ConfigError, match="anchors and aliases") as info:
        load_yaml("\n".join(lines), where="engagement.yaml")
    assert time.perf_counter() - start < 1
    assert info.value.path == "engagement.yaml" and info.value.row == 2  # the first alias
    assert info.value.key == "b[0]"


def test_duplicate_key_names_both_lines() -> None:
    text = "client: A\ndata:\n  invoices: {path: a.csv}\nlanguage: de\ndata:\n  payments: {}\n"
    with pytest.raises(ConfigError) as info:
        load_yaml(text, where="engagement.yaml")
    assert "key 'data' appears twice (lines 2 and 5)" in str(info.value)
    assert info.value.row == 5 and info.value.key == "data"
    nested = "data:\n  invoices:\n    path: a\n    path: b\n"
    with pytest.raises(ConfigError, match=r"lines 3 and 4") as info:
        load_yaml(nested)
    assert info.value.key == "data.invoices.path"


def test_deep_nesting_is_refused_with_its_line() -> None:
    deep = "[" * (MAX_YAML_DEPTH + 5) + "]" * (MAX_YAML_DEPTH + 5)
    with pytest.raises(ConfigError, match="nested deeper than"):
        load_yaml(deep)
    very_deep = "[" * 50_000 + "]" * 50_000  # libyaml stops at its own limit: a syntax error
    with pytest.raises(ConfigError):
        load_yaml(very_deep)
    block = "".join(" " * i + "k:\n" for i in range(MAX_YAML_DEPTH + 5))
    with pytest.raises(ConfigError, match="nested deeper than"):
        load_yaml(block)


def test_size_is_checked_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:
        handle.truncate(50_000_000)  # sparse: 50 MB that was never parsed
    with pytest.raises(ProcessMapError, match="at most 1,000 bytes") as info:
        load_yaml(big, max_bytes=1000, error=ProcessMapError)
    assert info.value.path == str(big)


def test_unsafe_tags_and_syntax_errors_name_the_line(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="YAML syntax error") as info:
        load_yaml("a: 1\nb: !!python/object/apply:os.system ['echo hacked']\n")
    assert info.value.row == 2
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"a: \xff\n")
    with pytest.raises(ConfigError, match=r"not UTF-8 text \(byte 3\)"):
        load_yaml(bad)


def test_os_error_names_the_reason() -> None:
    import errno

    err = os_error(OSError(errno.ENOSPC, "No space left on device", "/x/run.json"))
    assert err.exit_code == 2 and err.path == "/x/run.json"
    assert "the disk is full" in err.describe()
    assert "die Festplatte ist voll" in err.describe("de")


def test_atomic_write_gives_the_umask_permissions(tmp_path: Path) -> None:
    import os

    old = os.umask(0o022)
    try:
        target = atomic_write_text(tmp_path / "a.txt", "x")
    finally:
        os.umask(old)
    assert target.stat().st_mode & 0o777 == 0o644  # not mkstemp's 0600


def test_load_yaml_builds_what_the_safe_constructor_builds() -> None:
    from kit import files

    text = (
        "id: m1\nname: 'Rechnung prüfen: 12'\nowner: null\nR&D: ~\n"
        "activities:\n  - {id: a1, name: Mahnung senden, minutes: 2.5, per_month: 10, kind: task}\n"
        "  - {id: '007', name: \"x\\ty\", minutes: 0x10, per_month: 1_000, lane: Yes}\n"
        "flows: [{from: a1, to: '007', probability: .5},\n"
        "  {from: '007', to: a1, probability: 1e-1}]\n"
        "dates: [2026-06-30, true, False, on, -.inf]\nnested: [[1, [2, [3]]], {a: {b: {}}}]\n"
    )
    loader = files._YamlLoader(text)
    try:
        expected = loader.get_single_data()  # PyYAML's own constructor on the same loader
    finally:
        loader.dispose()
    assert load_yaml(text) == expected
    assert load_yaml(text.replace("R&D", "RD")) == {
        ("RD" if k == "R&D" else k): v for k, v in expected.items()
    }


def test_atomic_directory_appears_whole_or_not_at_all(tmp_path: Path) -> None:
    target = tmp_path / "made"

    def fill(staging: Path) -> None:
        (staging / "a.txt").write_text("a", encoding="utf-8")
        assert not target.exists()  # nothing is visible while the folder is filled

    assert atomic_directory(target, fill) == target
    assert (target / "a.txt").read_text(encoding="utf-8") == "a"

    def broken(staging: Path) -> None:
        (staging / "b.txt").write_text("b", encoding="utf-8")
        raise RuntimeError("stop")

    with pytest.raises(RuntimeError):
        atomic_directory(tmp_path / "other", broken)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["made"]  # no staging folder left
