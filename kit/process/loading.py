"""Finding and loading process maps from files and folders (YAML, CSV pairs, BPMN)."""

from __future__ import annotations

import gc
import os
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from kit.errors import ProcessMapError
from kit.message import msg
from kit.process.model import ProcessMap
from kit.process.native import read_csv_pair, read_yaml

__all__ = ["gc_paused", "load_maps", "map_files", "read_files"]

_YAML = {".yaml", ".yml"}
_FILES_PER_PROCESS = 250  # fewer files per process: starting one costs more than it saves


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
        from kit.process.bpmn import import_bpmn  # defusedxml: only for BPMN files

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


def load_maps(
    paths: Sequence[Path],
    *,
    processes: int | None = 1,
    meanwhile: Callable[[], object] | None = None,
) -> list[ProcessMap]:
    """Return the validated maps of files and folders (folders are searched recursively).

    `processes` is how many processes may read the files: 1 reads them here; None uses up to
    one per idle core, at least 250 files each (a fresh command reading a large folder; see
    `read_files`). The maps and any error are the same either way. `meanwhile` is called
    once, before the maps are returned: while other processes still read, if there are any
    (for work the caller does next anyway, such as importing the analysis).
    """
    pending = [] if meanwhile is None else [meanwhile]

    def once() -> None:
        while pending:
            pending.pop()()

    with gc_paused():
        maps = _load_maps(paths, processes, once)
        once()
        return maps


def _cores() -> int:
    """Return how many cores this process may use now: its own plus those left idle.

    On a machine whose other cores are busy (load average at or above their number), a
    second reading process only adds the cost of starting it and sending the maps back.
    """
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    try:
        idle = cores - os.getloadavg()[0]
    except OSError:  # no load average on this system
        idle = cores - 1
    return max(1, min(cores, round(idle) + 1))


def _read_chunk(files: Sequence[Path]) -> tuple[list[ProcessMap], int | None]:
    """Return the maps of `files` read in order, and the index of the first that failed."""
    maps: list[ProcessMap] = []
    for n, file in enumerate(files):
        try:
            maps.extend(_load_file(file))
        except Exception:  # read again by the caller, which raises it
            return maps, n
    return maps, None


def read_files(
    files: Sequence[Path],
    *,
    processes: int | None = 1,
    meanwhile: Callable[[], object] | None = None,
) -> list[ProcessMap]:
    """Return the maps of `files` in order, read by up to `processes` processes (None: idle cores).

    The files are split into consecutive chunks; this process reads the first while forked
    copies of it read the others (parsing YAML is the costly part and runs in parallel). A
    file that fails in another process is read again here, so the error raised is the one a
    plain loop raises. Forking is used only where it is safe and cheap: on Linux, with no
    other thread running; otherwise every file is read here. `meanwhile` is called here after
    this process has read its chunk, while the others may still read (not called when every
    file is read here).
    """
    cores = _cores() if processes is None else processes
    count = max(1, min(cores, len(files) // _FILES_PER_PROCESS))
    if count < 2 or sys.platform != "linux" or threading.active_count() > 1:
        return [pmap for file in files for pmap in _load_file(file)]
    import multiprocessing  # only here: a few milliseconds of imports
    from concurrent.futures import ProcessPoolExecutor

    size = -(-len(files) // count)
    chunks = [files[i : i + size] for i in range(0, len(files), size)]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(len(chunks) - 1, mp_context=context) as pool:
        pending = [pool.submit(_read_chunk, chunk) for chunk in chunks[1:]]
        maps = [pmap for file in chunks[0] for pmap in _load_file(file)]
        if meanwhile is not None:
            meanwhile()
        for chunk, future in zip(chunks[1:], pending, strict=True):
            try:
                done, failed = future.result()
            except Exception:  # the process died or its maps could not be sent: read here
                done, failed = [], 0
            maps.extend(done)
            if failed is not None:  # read the rest here: raises what a plain loop raises
                maps.extend(pmap for file in chunk[failed:] for pmap in _load_file(file))
    return maps


def _load_maps(
    paths: Sequence[Path], processes: int | None, meanwhile: Callable[[], object]
) -> list[ProcessMap]:
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
        maps.extend(read_files(files, processes=processes, meanwhile=meanwhile))
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
