"""File plumbing shared by every package: atomic writes, one YAML reader, OS errors as KitError."""

from __future__ import annotations

import errno
import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from kit.errors import ConfigError, KitError

__all__ = [
    "EXPORTS_ENV",
    "MAX_YAML_BYTES",
    "MAX_YAML_DEPTH",
    "atomic_write",
    "atomic_write_text",
    "load_yaml",
    "os_error",
]

# Under `kit run`, the folder a notebook leaves client downloads in (set by the run engine).
EXPORTS_ENV = "KIT_EXPORTS_DIR"

_OS_REASONS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is exhausted",
    errno.EROFS: "the file system is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ENOENT: "file or folder not found",
    errno.ENOTDIR: "a part of the path is a file, not a folder",
    errno.EISDIR: "a folder where a file was expected",
    errno.EEXIST: "a file of that name already exists",
    errno.ELOOP: "too many symbolic links",
    errno.ENAMETOOLONG: "the file name is too long",
    errno.EIO: "input/output error",
    errno.EFBIG: "the file is larger than the system allows",
}


def os_error(
    exc: OSError, *, path: str | Path | None = None, error: type[KitError] = KitError
) -> KitError:
    """Return an operating-system error as a KitError (exit 2) naming the file and the reason."""
    reason = _OS_REASONS.get(exc.errno or 0) or (exc.strerror or type(exc).__name__).lower()
    where = path if path is not None else (exc.filename if exc.filename is not None else None)
    hints = {
        errno.ENOSPC: "free disk space and run again; earlier files are unchanged",
        errno.EDQUOT: "free disk space and run again; earlier files are unchanged",
        errno.EROFS: "copy the engagement to a writable folder",
        errno.EACCES: "check the file and folder permissions",
        errno.EPERM: "check the file and folder permissions",
    }
    return error(
        f"cannot read or write the file: {reason}",
        path=None if where is None else str(where),
        hint=hints.get(exc.errno or 0),
    )


def atomic_write(target: Path, write: Callable[[Path], None]) -> Path:
    """Write `target` through `write(tmp)` on a temporary file beside it; return target.

    The rename is atomic on one file system, so a reader sees the old file or the new one, never
    a half-written file; a failed write removes the temporary file and keeps the old one. An
    operating-system error (disk full, read-only, permission) is a KitError naming `target`.
    The file gets the permissions of the user's umask.
    """
    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise os_error(exc, path=target) from None
    os.close(fd)
    tmp = Path(name)
    try:
        write(tmp)
        _umask_mode(tmp)
        os.replace(tmp, target)
    except OSError as exc:  # disk full, file too large, read-only: name the file
        tmp.unlink(missing_ok=True)
        raise os_error(exc, path=target) from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target


def _umask_mode(path: Path) -> None:
    """Give a file made by mkstemp (0600) the permissions of the user's umask, as open() would."""
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(path, 0o666 & ~mask)


def atomic_write_text(target: Path, text: str, *, encoding: str = "utf-8") -> Path:
    """Write `text` to `target` atomically (see `atomic_write`); return target."""

    def write(tmp: Path) -> None:
        tmp.write_text(text, encoding=encoding)

    return atomic_write(target, write)


# --- YAML ---------------------------------------------------------------------------------

#: Limits every YAML file of the kit is read with (engagement.yaml, process maps, catalogues).
MAX_YAML_BYTES = 1_000_000
MAX_YAML_DEPTH = 50

_YamlBase: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's C parser if present


class _YamlLoader(_YamlBase):  # type: ignore[misc]
    """Safe YAML (no tags that build objects), YAML 1.2 booleans, dates kept as text."""


_SKIPPED_TAGS = ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")
_YamlLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in _SKIPPED_TAGS]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
# YAML 1.2 booleans only: `Ja`, `Yes`, `No`, `on` stay text (value maps use them as keys).
_YamlLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool",
    re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
    list("tTfF"),
)


def _read_limited(path: Path, *, max_bytes: int, error: type[KitError]) -> str:
    """Return a UTF-8 file's text after checking its size; `error` if too big or unreadable."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise error(f"file is {size:,} bytes; at most {max_bytes:,} bytes are read", path=path)
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise os_error(exc, path=path, error=error) from None
    if len(data) > max_bytes:  # grew while read, or a device that reports no size
        raise error(f"file is larger than {max_bytes:,} bytes; at most that is read", path=path)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise error(
            f"not UTF-8 text (byte {exc.start})", path=path, hint="save it as UTF-8"
        ) from None


def _check_tree(
    root: yaml.Node, *, max_depth: int, where: str | None, error: type[KitError]
) -> None:
    """Raise `error` for an alias, a duplicate key or nesting deeper than max_depth.

    Walks the composed node graph without recursion, so it is linear in the file's size even
    for a file built to expand ("billion laughs"): the first node reached twice stops it.
    """
    seen: set[int] = set()
    # (node, depth, key path, line where the node is used), visited in document order
    stack: list[tuple[yaml.Node, int, str, int]] = [(root, 1, "", root.start_mark.line + 1)]
    while stack:
        node, depth, key, used = stack.pop()
        if id(node) in seen:
            raise error(
                "YAML anchors and aliases (&name, *name) are not accepted",
                path=where,
                row=used,
                key=_short(key) or None,
                expected="every value written out where it is used",
            )
        seen.add(id(node))
        if depth > max_depth:
            raise error(
                f"YAML nested deeper than {max_depth} levels",
                path=where,
                row=node.start_mark.line + 1,
                key=_short(key) or None,
            )
        children: list[tuple[yaml.Node, int, str, int]] = []
        if isinstance(node, yaml.MappingNode):
            lines: dict[tuple[str, str], int] = {}
            for k, v in node.value:
                line = k.start_mark.line + 1
                child = key
                if isinstance(k, yaml.ScalarNode):
                    ident = (k.tag, k.value)
                    child = f"{key}.{k.value}" if key else str(k.value)
                    if ident in lines and k.tag != "tag:yaml.org,2002:merge":
                        raise error(
                            f"key '{k.value}' appears twice (lines {lines[ident]} and {line})",
                            path=where,
                            row=line,
                            key=_short(child),
                            expected="each key once per block; merge the two blocks",
                        )
                    lines[ident] = line
                children += [(k, depth + 1, key, line), (v, depth + 1, child, line)]
        elif isinstance(node, yaml.SequenceNode):
            line = node.start_mark.line + 1
            children = [(item, depth + 1, f"{key}[{i}]", line) for i, item in enumerate(node.value)]
        stack.extend(reversed(children))


def _short(key: str, limit: int = 80) -> str:
    """Return a key path shortened in the middle when it is longer than `limit` characters."""
    return key if len(key) <= limit else key[: limit // 2] + "…" + key[-(limit // 2) :]


def load_yaml(
    source: str | Path,
    *,
    where: str | Path | None = None,
    max_bytes: int = MAX_YAML_BYTES,
    max_depth: int = MAX_YAML_DEPTH,
    error: type[KitError] = ConfigError,
    syntax: str = "YAML syntax error",
) -> Any:
    """Return the data of a YAML text or file, read safely and within limits.

    A `Path` is read as UTF-8 after its size is checked (at most `max_bytes`); a `str` is the
    text itself. Refused with `error` (naming `where`, the line and the key): tags that build
    objects, anchors and aliases, a key given twice in one mapping (both lines), nesting deeper
    than `max_depth`. Booleans are YAML 1.2 (`true`/`false`; `yes`, `no`, `on` stay text) and
    dates stay text. Uses libyaml's C parser when it is installed.
    """
    if isinstance(source, Path):
        where = source if where is None else where
        text = _read_limited(source, max_bytes=max_bytes, error=error)
    else:
        text = source
        if len(text) > max_bytes or len(text.encode("utf-8")) > max_bytes:
            size = len(text.encode("utf-8"))
            raise error(f"file is {size:,} bytes; at most {max_bytes:,} bytes are read", path=where)
    shown = None if where is None else str(where)
    loader = _YamlLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _check_tree(node, max_depth=max_depth, where=shown, error=error)
        return loader.construct_document(node)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise error(
            f"{syntax}: {problem}",
            path=shown,
            row=None if mark is None else mark.line + 1,
            hint="check indentation and quoting near that line; only plain YAML is accepted",
        ) from None
    except RecursionError:
        raise error(f"YAML nested deeper than {max_depth} levels", path=shown) from None
    finally:
        loader.dispose()
