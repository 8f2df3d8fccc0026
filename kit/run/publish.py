"""Replace `output/reports/` with a new complete set so that a kill at any point leaves one set.

The new set is built completely in `output/.reports-<run-id>/`. On Linux the two folders are then
swapped in one `renameat2(RENAME_EXCHANGE)` system call: `reports/` is at every instant either the
old or the new complete folder, a real folder (copies to a USB stick as it is). The old set, now
under the staging name, is deleted afterwards. Where the exchange call is missing (other systems,
some network file systems) the old folder is first renamed to `.reports-old-<run-id>` and the new
one moved in; `recover_reports` (run at the start of every run) puts the old set back if a run
died between the two renames.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

__all__ = ["STAGING_PREFIX", "TRASH_PREFIX", "publish_reports", "recover_reports"]

STAGING_PREFIX = ".reports-"
TRASH_PREFIX = ".reports-old-"
_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths with renameat2; return False where that call is unavailable."""
    if not sys.platform.startswith("linux"):
        return False
    libc_name = ctypes.util.find_library("c")
    if libc_name is None:
        return False
    libc = ctypes.CDLL(libc_name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(
        _AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), ctypes.c_uint(_RENAME_EXCHANGE)
    )
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False
    raise OSError(code, os.strerror(code), str(a))


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _fsync_tree(folder: Path) -> None:
    for file in folder.rglob("*"):
        if file.is_file():
            with file.open("rb") as handle:
                os.fsync(handle.fileno())
    _fsync_dir(folder)


def recover_reports(output: Path) -> None:
    """Restore `reports/` from an interrupted fallback swap and delete stale staging folders."""
    reports = output / "reports"
    trash = sorted(output.glob(TRASH_PREFIX + "*"))
    if not reports.exists() and trash:
        os.rename(trash[-1], reports)  # the set that was live before the interrupted swap
        trash = trash[:-1]
    for stale in [*trash, *output.glob(STAGING_PREFIX + "*")]:
        if stale.name.startswith(STAGING_PREFIX) and stale.is_dir():
            shutil.rmtree(stale, ignore_errors=True)


def publish_reports(
    files: list[Path], output: Path, *, run_id: str, folders: Sequence[Path] = ()
) -> Path:
    """Return `output/reports` after swapping in a staging copy of `files` and `folders`.

    Whole folders (e.g. exports) are copied with the files, then the staging folder replaces
    the reports at once.
    """
    reports = output / "reports"
    staging = output / f"{STAGING_PREFIX}{run_id}"
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    for file in files:
        shutil.copy2(file, staging / file.name)
    for folder in folders:
        if folder.is_dir():
            shutil.copytree(folder, staging / folder.name)
    _fsync_tree(staging)
    if not reports.exists():
        os.rename(staging, reports)
    elif _exchange(staging, reports):
        shutil.rmtree(staging)  # now holds the previous set
    else:
        trash = output / f"{TRASH_PREFIX}{run_id}"
        os.rename(reports, trash)
        os.rename(staging, reports)
        shutil.rmtree(trash)
    _fsync_dir(output)
    return reports
