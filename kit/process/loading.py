"""Finding and loading process maps from files and folders (YAML, CSV pairs, BPMN)."""

from __future__ import annotations

import gc
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from kit.errors import ProcessMapError
from kit.message import msg
from kit.process.bpmn import import_bpmn
from kit.process.model import ProcessMap
from kit.process.native import read_csv_pair, read_yaml

__all__ = ["gc_paused", "load_maps", "map_files"]

_YAML = {".yaml", ".yml"}


def _flows_for(activities_csv: Path) -> Path:
    name = activities_csv.name
    candidate = activities_csv.with_name(name.replace("activities", "flows"))
    if candidate == activities_csv or not candidate.is_file():
        raise ProcessMapError(
            "activities CSV without its flows CSV",
            path=activities_csv,
            expected=msg("a file {name} next to it", name=candidate.name),
        )
    return candidate


def _load_file(path: Path) -> list[ProcessMap]:
    suffix = path.suffix.lower()
    if suffix in _YAML:
        return [read_yaml(path)]
    if suffix == ".bpmn":
        return [import_bpmn(path)]
    if suffix == ".csv" and "activities" in path.name:
        return read_csv_pair(path, _flows_for(path))
    raise ProcessMapError(
        "not a process map file",
        path=path,
        expected=".yaml/.yml, .bpmn or an activities.csv + flows.csv pair",
    )


def _files_in(folder: Path) -> list[Path]:
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file()
        and not p.name.startswith(".")
        and (
            p.suffix.lower() in _YAML | {".bpmn"}
            or (p.suffix.lower() == ".csv" and "activities" in p.name)
        )
    )


def map_files(folder: Path) -> list[Path]:
    """Return the files of `folder` (searched recursively) that are read as process maps."""
    return _files_in(folder)


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause Python's cycle collector while many small objects are built and kept.

    Reading thousands of maps builds millions of nodes, dicts and tuples that all stay alive;
    the collector would rescan them again and again (measured: two thirds of the reading time
    for 1,000 maps). Nothing here builds reference cycles that need it; it runs again after.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load_maps(paths: Sequence[Path]) -> list[ProcessMap]:
    """Return the validated maps of files and folders (folders are searched recursively)."""
    with gc_paused():
        return _load_maps(paths)


def _load_maps(paths: Sequence[Path]) -> list[ProcessMap]:
    maps: list[ProcessMap] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files = _files_in(path)
            if not files:
                raise ProcessMapError(
                    "folder holds no process maps",
                    path=path,
                    expected=".yaml, .bpmn or activities.csv files",
                )
        elif path.is_file():
            files = [path]
        else:
            raise ProcessMapError("file or folder not found", path=path)
        for file in files:
            maps.extend(_load_file(file))
    seen: dict[str, ProcessMap] = {}
    for pmap in maps:
        if pmap.id in seen:
            raise ProcessMapError(
                msg("map id '{map}' is used twice", map=pmap.id),
                path=pmap.source,
                key="id",
                value=pmap.id,
                expected=msg(
                    "ids unique across the engagement (also in {source})",
                    source=seen[pmap.id].source,
                ),
            )
        seen[pmap.id] = pmap
    return maps
