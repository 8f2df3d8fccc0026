"""Every file an engagement reads or writes stays inside its folder; a logo is an image.

A path in engagement.yaml is resolved against the engagement folder and symbolic links are
followed; a path that then lands outside the folder is refused unless its key is listed under
`allow_outside:` (for example `allow_outside: [data.invoices.path]` for a ledger kept on a
shared drive). Outputs (`output/`, `output/runs/`, `output/reports/`) are never symbolic links
and never leave the folder. The logo must be a PNG, JPEG or SVG below `MAX_LOGO_BYTES`; an SVG
with scripts, event handlers or references to other files or addresses is refused.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from kit.errors import ConfigError, Problem
from kit.message import msg

if TYPE_CHECKING:
    from kit.engagement import Engagement

__all__ = [
    "MAX_LOGO_BYTES",
    "MAX_MAP_FILES",
    "check_logo",
    "check_outputs",
    "containment_problems",
    "is_inside",
    "path_keys",
]

MAX_LOGO_BYTES = 2_000_000
#: Most process-map files one engagement's process_maps folder may hold.
MAX_MAP_FILES = 2_000

_PNG = b"\x89PNG\r\n\x1a\n"
_JPEG = b"\xff\xd8\xff"
_SVG_EVENT = re.compile(r"^on", re.IGNORECASE)
_SVG_FORBIDDEN = {"script", "foreignobject", "iframe", "embed", "object", "use"}
_LOCAL_REF = re.compile(r"^(#|data:image/(png|jpeg|gif);base64,)", re.IGNORECASE)


def path_keys(engagement: Engagement) -> Iterator[tuple[str, Path]]:
    """Yield (key path in engagement.yaml, path as written) for every file or folder it names."""
    for name, source in engagement.data.items():
        if source.path is not None:  # a table of the engine names no file
            yield f"data.{name}.path", source.path
    if engagement.branding.logo is not None:
        yield "branding.logo", engagement.branding.logo
    yield "stakeholders", engagement.stakeholders
    yield "process_maps", engagement.process_maps
    yield "status_log", engagement.status_log
    yield "backlog", engagement.backlog
    if engagement.synonyms is not None:
        yield "synonyms", engagement.synonyms
    if engagement.strategy.ladder is not None:
        yield "strategy.ladder", engagement.strategy.ladder


def is_inside(path: Path, root: Path) -> bool:
    """Return True when `path` (symbolic links followed) lies inside `root`."""
    try:
        return path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):  # a symlink loop
        return False


def containment_problems(engagement: Engagement, file: Path) -> list[Problem]:
    """Return a problem for every path of engagement.yaml that leaves the engagement folder.

    Keys listed under `allow_outside:` may leave it; a listed key the file does not have is a
    problem too, so a typo there never silently allows nothing (or everything).
    """
    allowed = set(engagement.allow_outside)
    problems: list[Problem] = []
    keys = []
    for key, written in path_keys(engagement):
        keys.append(key)
        if key in allowed:
            continue
        if not is_inside(engagement.resolve(written), engagement.root):
            problems.append(
                Problem(
                    "path leaves the engagement folder",
                    path=str(file),
                    key=key,
                    value=str(written),
                    expected=(
                        msg(
                            "a path inside the engagement folder (symbolic links followed); to "
                            "read it from elsewhere list the key: allow_outside: [{key}]",
                            key=key,
                        )
                    ),
                )
            )
    for key in sorted(allowed - set(keys)):
        problems.append(
            Problem(
                "allow_outside names a key that holds no path",
                path=str(file),
                key="allow_outside",
                value=key,
                expected="keys such as data.invoices.path, branding.logo, process_maps",
            )
        )
    return problems


def check_logo(path: Path, *, file: Path, key: str = "branding.logo") -> list[Problem]:
    """Return problems when the logo is not a PNG, JPEG or clean SVG below MAX_LOGO_BYTES."""

    def problem(message: str, expected: str | None = None) -> list[Problem]:
        return [Problem(message, path=str(file), key=key, value=path.name, expected=expected)]

    try:
        size = path.stat().st_size
        if size > MAX_LOGO_BYTES:
            return problem(
                msg("logo is {size} bytes", size=size),
                expected=msg("at most {max_logo_bytes} bytes", max_logo_bytes=MAX_LOGO_BYTES),
            )
        head = path.read_bytes()
    except OSError as exc:
        return problem(msg("logo cannot be read ({reason})", reason=exc.strerror))
    if head.startswith(_PNG) and path.suffix.lower() == ".png":
        return []
    if head.startswith(_JPEG) and path.suffix.lower() in (".jpg", ".jpeg"):
        return []
    if path.suffix.lower() == ".svg":
        reason = _svg_problem(head)
        return [] if reason is None else problem(reason, expected="a plain SVG drawing")
    return problem("logo is not a PNG, JPEG or SVG image", expected="a .png, .jpg or .svg file")


def _svg_problem(data: bytes) -> str | None:
    """Return why an SVG is refused (script, event handler, outside reference), or None."""
    from defusedxml import ElementTree
    from defusedxml.common import DefusedXmlException

    try:
        root = ElementTree.fromstring(data, forbid_dtd=True)
    except DefusedXmlException:
        return "SVG logo holds a DTD or entities"
    except ElementTree.ParseError as exc:
        return msg("SVG logo is not well-formed XML ({error})", error=str(exc))
    if root.tag.rsplit("}", 1)[-1] != "svg":
        return "logo is not an SVG drawing"
    for element in root.iter():
        tag = str(element.tag).rsplit("}", 1)[-1].lower()
        if tag in _SVG_FORBIDDEN:
            return msg("SVG logo holds a <{tag}> element", tag=tag)
        for name, value in element.attrib.items():
            local = name.rsplit("}", 1)[-1]
            if _SVG_EVENT.match(local):
                return msg("SVG logo holds an event handler ({attribute})", attribute=local)
            if local == "href" and not _LOCAL_REF.match(value.strip()):
                return "SVG logo refers to another file or address"
            if "url(" in value and "url(#" not in value.replace(" ", ""):
                return "SVG logo refers to another file or address"
        if (
            tag == "style"
            and element.text
            and ("@import" in element.text or "url(" in element.text)
        ):
            return "SVG logo refers to another file or address"
    return None


def check_outputs(engagement: Engagement) -> None:
    """Raise ConfigError when output/, output/runs or output/reports would leave the folder.

    Each of them may be missing (a run creates it) but none may be a symbolic link: a run that
    published into a link would write wherever it points.
    """
    root = engagement.root
    for folder in (root / "output", root / "output" / "runs", root / "output" / "reports"):
        if folder.is_symlink() or (folder.exists() and not is_inside(folder, root)):
            raise ConfigError(
                "output folder is a symbolic link",
                path=folder,
                expected="a plain folder inside the engagement (nothing is written elsewhere)",
                hint="remove the link; the kit creates the folder itself",
            )
        if folder.exists() and not folder.is_dir():
            raise ConfigError("output folder is a file", path=folder, expected="a folder")


def map_file_problems(engagement: Engagement, file: Path) -> list[Problem]:
    """Return problems for the process_maps folder: a file leaving the folder, too many files.

    The walk stops after MAX_MAP_FILES entries, so a folder like /usr costs no more than that.
    """
    folder = engagement.resolve(engagement.process_maps)
    if not folder.is_dir():
        return []
    allowed = "process_maps" in engagement.allow_outside
    problems: list[Problem] = []
    for count, entry in enumerate(folder.rglob("*"), start=1):
        if count > MAX_MAP_FILES:
            return [
                Problem(
                    msg(
                        "process_maps holds more than {max_map_files} files",
                        max_map_files=MAX_MAP_FILES,
                    ),
                    path=str(file),
                    key="process_maps",
                    value=str(engagement.process_maps),
                    expected="a folder of process maps only",
                )
            ]
        if not allowed and not is_inside(entry, engagement.root) and not problems:
            problems.append(
                Problem(
                    "path leaves the engagement folder",
                    path=str(file),
                    key="process_maps",
                    value=str(entry.relative_to(folder)),
                    expected="map files inside the engagement folder (symbolic links followed)",
                )
            )
    return problems
