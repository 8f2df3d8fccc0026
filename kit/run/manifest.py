"""run.json: what ran, on which inputs (sha256), with which software, and how each step went."""

from __future__ import annotations

import hashlib
import json
import platform
import secrets
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from kit.engagement import ENGAGEMENT_FILE, Engagement
from kit.files import atomic_write_text

__all__ = ["input_files", "new_run_id", "package_versions", "sha256_file", "write_manifest"]

_PACKAGES = (
    "credit-rollout-kit",
    "pandas",
    "numpy",
    "matplotlib",
    "networkx",
    "papermill",
    "nbconvert",
    "nbformat",
    "nbclient",
    "ipykernel",
    "jupyter_client",
    "pydantic",
    "pandera",
    "babel",
    "rapidfuzz",
    "openpyxl",
    "pyyaml",
    "scikit-learn",
)


def sha256_file(path: Path) -> str:
    """Return the hex sha256 of a file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def input_files(engagement: Engagement) -> list[Path]:
    """Return every input file of an engagement that exists: config, data, registers, maps."""
    files = [engagement.root / ENGAGEMENT_FILE]
    files += [engagement.resolve(s.path) for _, s in engagement.data.items() if s.path is not None]
    optional = [engagement.stakeholders, engagement.status_log, engagement.backlog]
    if engagement.synonyms is not None:
        optional.append(engagement.synonyms)
    if engagement.strategy.ladder is not None:
        optional.append(engagement.strategy.ladder)
    if engagement.branding.logo is not None:
        optional.append(engagement.branding.logo)
    files += [engagement.resolve(p) for p in optional]
    maps = engagement.resolve(engagement.process_maps)
    if maps.is_dir():
        files += sorted(p for p in maps.rglob("*") if p.is_file())
    seen: dict[Path, None] = {}
    for file in files:
        if file.is_file():
            seen.setdefault(file.resolve(), None)
    return list(seen)


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def input_hashes(engagement: Engagement) -> dict[str, str]:
    """Return {path relative to the engagement: sha256} for every input file."""
    return {_relative(f, engagement.root): sha256_file(f) for f in input_files(engagement)}


def new_run_id(now: datetime, hashes: dict[str, str]) -> str:
    """Return a sortable run id: UTC timestamp plus 6 hex digits ("20260630T120000Z-1a2b3c")."""
    seed = json.dumps(hashes, sort_keys=True) + now.isoformat() + secrets.token_hex(8)
    short = hashlib.sha256(seed.encode()).hexdigest()[:6]
    return f"{now.astimezone(UTC):%Y%m%dT%H%M%SZ}-{short}"


def package_versions() -> dict[str, str | None]:
    """Return the installed version of every package a report depends on (None if absent)."""
    versions: dict[str, str | None] = {}
    for name in _PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return versions


def write_manifest(path: Path, manifest: dict[str, Any]) -> None:
    """Write run.json (sorted keys, UTF-8, trailing newline) via a temporary file and rename."""
    text = json.dumps(manifest, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    atomic_write_text(path, text)


def environment() -> dict[str, Any]:
    """Return the software environment of the run: Python, platform, package versions."""
    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "packages": package_versions(),
    }
