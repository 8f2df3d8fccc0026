"""File plumbing shared by every package: atomic writes."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

__all__ = ["atomic_write", "atomic_write_text"]


def atomic_write(target: Path, write: Callable[[Path], None]) -> Path:
    """Write `target` through `write(tmp)` on a temporary file beside it; return target.

    The rename is atomic on one file system, so a reader sees the old file or the new one, never
    a half-written file; a failed write removes the temporary file and keeps the old one.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        write(tmp)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target


def atomic_write_text(target: Path, text: str, *, encoding: str = "utf-8") -> Path:
    """Write `text` to `target` atomically (see `atomic_write`); return target."""

    def write(tmp: Path) -> None:
        tmp.write_text(text, encoding=encoding)

    return atomic_write(target, write)
