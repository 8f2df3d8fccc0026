"""Reading many map files: several processes give the same maps and the same first error."""

from __future__ import annotations

import concurrent.futures
import os
import sys
from pathlib import Path

import networkx as nx
import pytest

from kit.errors import ProcessMapError
from kit.process import loading
from kit.process.loading import load_maps
from kit.process.model import ProcessMap

MAP = """\
id: m{n}
name: Karte {n}
activities:
  - {{id: a1, name: Offene Posten prüfen, lane: Buchhaltung, minutes: {n}, per_month: 40}}
  - {{id: a2, name: Mahnung senden, minutes: 4, per_month: 30}}
flows:
  - {{from: a1, to: a2}}
"""

linux_only = pytest.mark.skipif(sys.platform != "linux", reason="readers are forked on Linux only")


@pytest.fixture(autouse=True)
def _no_other_threads(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let the readers fork as in a fresh `kit duplicates` process.

    Earlier tests of the same session leave threads behind (progress monitors, kernels), and the
    loader never forks beside another thread.
    """
    monkeypatch.setattr(loading.threading, "active_count", lambda: 1)


def test_no_fork_beside_another_thread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _folder(tmp_path, 30)
    monkeypatch.setattr(loading, "_FILES_PER_PROCESS", 10)
    monkeypatch.setattr(loading.threading, "active_count", lambda: 2)
    pools = _pools(monkeypatch)
    assert len(load_maps([folder], processes=3)) == 30
    assert pools == []


def _folder(tmp_path: Path, count: int) -> Path:
    tmp_path.mkdir(exist_ok=True)
    for n in range(count):
        (tmp_path / f"m{n:03d}.yaml").write_text(MAP.format(n=n), encoding="utf-8")
    return tmp_path


def _pools(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Return a list that gets the worker count of each process pool started from now on."""
    started: list[int] = []
    real = concurrent.futures.ProcessPoolExecutor

    class Counted(real):  # type: ignore[misc,valid-type]
        def __init__(self, workers: int, **kwargs: object) -> None:
            started.append(workers)
            super().__init__(workers, **kwargs)

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", Counted)
    return started


def _same(a: list[ProcessMap], b: list[ProcessMap]) -> bool:
    return [m.id for m in a] == [m.id for m in b] and all(
        nx.utils.graphs_equal(x.graph, y.graph) and x.source == y.source
        for x, y in zip(a, b, strict=True)
    )


@linux_only
def test_several_processes_read_the_same_maps_in_order(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _folder(tmp_path, 30)
    monkeypatch.setattr(loading, "_FILES_PER_PROCESS", 10)  # 30 files: three processes
    one = load_maps([folder])
    pools = _pools(monkeypatch)
    three = load_maps([folder], processes=3)
    assert pools == [2]  # this process reads the first ten files, two others the rest
    assert [m.id for m in three] == [f"m{n}" for n in range(30)]
    assert _same(one, three)
    assert three[29].graph.nodes["a1"]["minutes"] == 29.0


@linux_only
@pytest.mark.parametrize("bad", [3, 17, 29])  # in the first, the second and the last chunk
def test_the_first_bad_file_is_reported_as_a_plain_loop_would(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bad: int
) -> None:
    folder = _folder(tmp_path, 30)
    (folder / f"m{bad:03d}.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    (folder / "m028.yaml").write_text("id: m28\nactivities: 5\n", encoding="utf-8")
    monkeypatch.setattr(loading, "_FILES_PER_PROCESS", 10)
    with pytest.raises(ProcessMapError) as plain:
        load_maps([folder])
    pools = _pools(monkeypatch)
    with pytest.raises(ProcessMapError) as forked:
        load_maps([folder], processes=3)
    assert pools == [2]
    assert str(forked.value) == str(plain.value)
    assert f"m{min(bad, 28):03d}.yaml" in str(forked.value)


def test_few_files_are_read_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _folder(tmp_path, 4)
    pools = _pools(monkeypatch)
    assert len(load_maps([folder], processes=None)) == 4
    assert pools == []  # 4 files: fewer than 250 per process


@pytest.mark.parametrize(
    ("load", "expected"),
    [(0.2, 4), (1.4, 4), (2.6, 2), (3.5, 1), (9.0, 1)],  # 4 cores: own + round(4 − load) idle
)
def test_readers_are_started_only_on_idle_cores(
    monkeypatch: pytest.MonkeyPatch, load: float, expected: int
) -> None:
    monkeypatch.setattr(os, "sched_getaffinity", lambda _: {0, 1, 2, 3}, raising=False)
    monkeypatch.setattr(os, "getloadavg", lambda: (load, load, load))
    # 0.2 → 3.8 idle → 4 + 1, capped at 4; 1.4 → 2.6 → 3 + 1 = 4; 2.6 → 1.4 → 1 + 1 = 2;
    # 3.5 → 0.5 → round(0.5) = 0 (to even) + 1 = 1; 9.0 → −5 → at least 1
    assert loading._cores() == expected


@linux_only
def test_meanwhile_runs_once_while_the_others_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _folder(tmp_path / "many", 30)
    single = tmp_path / "one.yaml"
    single.write_text(MAP.format(n=99), encoding="utf-8")
    monkeypatch.setattr(loading, "_FILES_PER_PROCESS", 10)
    calls: list[int] = []
    pools = _pools(monkeypatch)
    maps = load_maps([folder, single], processes=3, meanwhile=lambda: calls.append(len(pools)))
    assert pools == [2]  # the folder is read by three processes, the single file here
    assert calls == [1]  # once, while the pool ran, although two paths were read
    assert [m.id for m in maps] == [f"m{n}" for n in [*range(30), 99]]


def test_meanwhile_runs_when_every_file_is_read_here(tmp_path: Path) -> None:
    folder = _folder(tmp_path, 4)
    calls: list[int] = []
    assert len(load_maps([folder], processes=1, meanwhile=lambda: calls.append(1))) == 4
    assert calls == [1]
