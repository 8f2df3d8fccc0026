"""File plumbing shared by every package: atomic writes, one YAML reader, OS errors as KitError."""

from __future__ import annotations

import errno
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from kit.errors import ConfigError, KitError, not_utf8
from kit.message import msg

__all__ = [
    "EXPORTS_ENV",
    "MAX_YAML_BYTES",
    "MAX_YAML_DEPTH",
    "atomic_directory",
    "atomic_write",
    "atomic_write_text",
    "check_size",
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
    known = _OS_REASONS.get(exc.errno or 0)
    # A reason the kit words itself is a message; the system's own text is shown as it is.
    reason = msg(known) if known else (exc.strerror or type(exc).__name__).lower()
    where = path if path is not None else (exc.filename if exc.filename is not None else None)
    hints = {
        errno.ENOSPC: "free disk space and run again; earlier files are unchanged",
        errno.EDQUOT: "free disk space and run again; earlier files are unchanged",
        errno.EROFS: "copy the engagement to a writable folder",
        errno.EACCES: "check the file and folder permissions",
        errno.EPERM: "check the file and folder permissions",
    }
    return error(
        msg("cannot read or write the file: {reason}", reason=reason),
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


def atomic_directory(target: Path, fill: Callable[[Path], None]) -> Path:
    """Build the folder `target` through `fill(staging)` in a staging folder; return target.

    `target` must be absent or an empty folder. The finished folder is renamed into place in one
    step, so nobody sees a half-filled one; a failure removes the staging folder. The folder and
    what it holds get the permissions of the user's umask.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        fill(staging)
        _umask_tree(staging)
        if target.exists():
            target.rmdir()
        os.replace(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target


def _umask_tree(folder: Path) -> None:
    """Give `folder` (made 0700 by mkdtemp) and what it holds the permissions of the umask."""
    mask = os.umask(0)
    os.umask(mask)
    folder.chmod(0o777 & ~mask)
    for entry in folder.rglob("*"):
        entry.chmod((0o777 if entry.is_dir() else 0o666) & ~mask)


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


def check_size(
    size: int,
    *,
    max_bytes: int,
    path: str | Path | None,
    error: type[KitError],
    hint: str | None = None,
) -> None:
    """Refuse with `error` (naming `path`) a file of `size` bytes larger than `max_bytes`."""
    if size > max_bytes:
        raise error(
            msg(
                "file is {size} bytes; at most {max_bytes} bytes are read",
                size=size,
                max_bytes=max_bytes,
            ),
            path=path,
            hint=hint,
        )


def _read_limited(path: Path, *, max_bytes: int, error: type[KitError]) -> str:
    """Return a UTF-8 file's text after checking its size; `error` if too big or unreadable."""
    try:
        check_size(path.stat().st_size, max_bytes=max_bytes, path=path, error=error)
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise os_error(exc, path=path, error=error) from None
    if len(data) > max_bytes:  # grew while read, or a device that reports no size
        raise error(
            msg("file is larger than {max_bytes} bytes; at most that is read", max_bytes=max_bytes),
            path=path,
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise not_utf8(exc, path=path, error=error, hint="save it as UTF-8") from None


_STR = "tag:yaml.org,2002:str"
_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_MERGE = "tag:yaml.org,2002:merge"
_SCALAR_TAGS = frozenset(f"tag:yaml.org,2002:{name}" for name in ("int", "float", "bool", "null"))
_CACHE_SIZE = 100_000
_PLAIN_TAGS: dict[str, str] = {}  # plain scalar text -> resolved tag (labels and keys repeat)
_BASE_RESOLVE: Callable[..., str] = yaml.resolver.BaseResolver.resolve


def _resolve(self: Any, kind: Any, value: Any, implicit: Any) -> Any:
    """Return the tag of a node as the safe resolver does, cached per plain scalar text."""
    if kind is yaml.ScalarNode:
        if implicit[0]:
            tag = _PLAIN_TAGS.get(value)
            if tag is None:
                tag = _BASE_RESOLVE(self, kind, value, implicit)
                if len(_PLAIN_TAGS) >= _CACHE_SIZE:
                    _PLAIN_TAGS.clear()
                _PLAIN_TAGS[value] = tag
            return tag
        return _STR
    return _SEQ if kind is yaml.SequenceNode else _MAP


def _no_path(*_: Any) -> None:
    """Path resolvers are not used: libyaml's composer calls this once per node."""


# No path resolvers are registered on the safe loaders, so a tag depends on the text alone.
_YamlLoader.resolve = _resolve
_YamlLoader.descend_resolver = _no_path
_YamlLoader.ascend_resolver = _no_path


class _Refused(Exception):
    """A node the kit does not accept; `path` collects the key path while unwinding."""

    def __init__(self, message: str, node: yaml.Node, expected: str | None = None) -> None:
        super().__init__(message)
        self.message, self.node, self.expected = message, node, expected
        self.path: list[str] = []
        # An alias has no position of its own: the line where it is used is filled in above it.
        self.row: int | None = None if "aliases" in message else node.start_mark.line + 1


class _Other(Exception):
    """A node for PyYAML's own constructor: explicit tags, merge keys, non-scalar keys."""


class _Builder:
    """Turns a composed node graph into plain dicts, lists and scalars in one walk.

    Refuses in the same walk what `load_yaml` refuses: an alias (the first node reached twice,
    so a file built to expand stops at once), nesting deeper than `max_depth`, a key given
    twice in one mapping. Scalars of the same tag and text are converted once. With `check`
    it only checks (for documents PyYAML's own constructor builds: explicit tags, merge keys).
    """

    def __init__(
        self, loader: Any, max_depth: int, *, check: bool = False, anchors: bool = True
    ) -> None:
        self.loader = loader
        self.max_depth = max_depth
        self.check = check
        self.anchors = anchors  # False: the text has no "&", so no node can be reached twice
        self.seen: set[int] = set()
        self.scalars: dict[tuple[str, str], Any] = {}

    def build(self, node: yaml.Node, depth: int) -> Any:
        """Return the plain value of `node` at nesting `depth` (the root is 1)."""
        if self.anchors:
            if id(node) in self.seen:
                raise _Refused(
                    "YAML anchors and aliases (&name, *name) are not accepted",
                    node,
                    "every value written out where it is used",
                )
            self.seen.add(id(node))
        if depth > self.max_depth:
            raise _Refused(
                msg("YAML nested deeper than {max_depth} levels", max_depth=self.max_depth), node
            )
        tag = node.tag
        if tag == _STR and not self.check and type(node) is yaml.ScalarNode:
            return node.value
        if isinstance(node, yaml.MappingNode):
            if tag == _MAP or self.check:
                return self._mapping(node, depth)
        elif isinstance(node, yaml.SequenceNode):
            if tag == _SEQ or self.check:
                return self._sequence(node, depth)
        elif self.check:
            return None
        elif tag in _SCALAR_TAGS:
            ident = (tag, node.value)
            value = self.scalars.get(ident, self)
            if value is self:
                value = self.scalars[ident] = self.loader.construct_object(node)
            return value
        raise _Other

    def _sequence(self, node: yaml.Node, depth: int) -> list[Any]:
        out: list[Any] = []
        try:
            for item in node.value:
                out.append(self.build(item, depth + 1))
        except _Refused as refused:
            refused.path.append(f"[{len(out)}]")  # the item being built
            if refused.row is None:
                refused.row = node.start_mark.line + 1
            raise
        return out

    def _mapping(self, node: yaml.Node, depth: int) -> dict[Any, Any]:
        out: dict[Any, Any] = {}
        k: Any = None
        plain = not (self.anchors or self.check) and depth < self.max_depth
        scalar = yaml.ScalarNode
        scalars = self.scalars
        try:
            for k, v in node.value:
                if plain and k.tag == _STR and type(k) is type(v) is scalar:
                    tag = v.tag  # text key, scalar value: the common case, no checks apply
                    if tag == _STR:
                        out[k.value] = v.value
                        continue
                    if tag in _SCALAR_TAGS:  # numbers, booleans, null: converted once each
                        ident = (tag, v.value)
                        value = scalars.get(ident, scalars)
                        if value is scalars:
                            value = scalars[ident] = self.loader.construct_object(v)
                        out[k.value] = value
                        continue
                if not self.check and (not isinstance(k, yaml.ScalarNode) or k.tag == _MERGE):
                    raise _Other
                key = self.build(k, depth + 1)
                value = self.build(v, depth + 1)
                if not self.check:
                    out[key] = value
        except _Refused as refused:
            if refused.row is None and k is not None:
                refused.row = k.start_mark.line + 1
            if k is not None and refused.node is not k and isinstance(k, yaml.ScalarNode):
                refused.path.append(f".{k.value}")
            raise
        if self.check or len(out) != len(node.value):
            self._unique_keys(node)
        return out

    @staticmethod
    def _unique_keys(node: yaml.Node) -> None:
        lines: dict[tuple[str, str], int] = {}
        for k, _ in node.value:
            if not isinstance(k, yaml.ScalarNode) or k.tag == _MERGE:
                continue
            ident, line = (k.tag, k.value), k.start_mark.line + 1
            if ident in lines:
                refused = _Refused(
                    msg(
                        "key '{key}' appears twice (lines {first} and {line})",
                        key=k.value,
                        first=str(lines[ident]),
                        line=str(line),
                    ),
                    k,
                    "each key once per block; merge the two blocks",
                )
                refused.path.append(f".{k.value}")
                raise refused
            lines[ident] = line


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

    Long because the read, the size check and the one try block around the parser stay together, so
    every refusal names the same file and line.
    """
    if isinstance(source, Path):
        where = source if where is None else where
        text = _read_limited(source, max_bytes=max_bytes, error=error)
    else:
        text = source
        check_size(len(text.encode("utf-8")), max_bytes=max_bytes, path=where, error=error)
    shown = None if where is None else str(where)
    loader = _YamlLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        try:
            return _Builder(loader, max_depth, anchors="&" in text).build(node, 1)
        except _Other:  # explicit tags, merge keys: checked the same way, built by PyYAML
            _Builder(loader, max_depth, check=True).build(node, 1)
            return loader.construct_document(node)
    except _Refused as refused:
        path = "".join(reversed(refused.path)).lstrip(".")
        raise error(
            refused.message,
            path=shown,
            row=refused.row or refused.node.start_mark.line + 1,
            key=path or None,
            expected=refused.expected,
        ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise error(
            msg("{syntax}: {problem}", syntax=msg(syntax), problem=problem),
            path=shown,
            row=None if mark is None else mark.line + 1,
            hint="check indentation and quoting near that line; only plain YAML is accepted",
        ) from None
    except RecursionError:
        raise error(
            msg("YAML nested deeper than {max_depth} levels", max_depth=max_depth), path=shown
        ) from None
    finally:
        loader.dispose()
