"""Ledger presets: one YAML file per ERP export layout (column names, types, sign rule, formats).

A preset is data, not code: `sap-fbl5n.yaml` and its siblings hold the keys of a `data.ledger`
source that the usual export needs. Every key a preset sets can be given in engagement.yaml
instead, and then the engagement's value wins (`ledgers.md`, "Presets").
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from kit.files import load_yaml as _load_yaml

__all__ = ["PRESET_DIR", "load_preset", "preset_names"]

PRESET_DIR = Path(__file__).parent


@cache
def preset_names() -> tuple[str, ...]:
    """Return the names of the shipped presets (file names without `.yaml`), sorted."""
    return tuple(sorted(p.stem for p in PRESET_DIR.glob("*.yaml")))


@cache
def _load(name: str) -> dict[str, Any]:
    loaded = _load_yaml(PRESET_DIR / f"{name}.yaml") or {}
    if not isinstance(loaded, dict):
        raise TypeError(f"preset {name} is not a mapping")
    return loaded


def load_preset(name: str) -> dict[str, Any]:
    """Return a copy of the preset's keys (a `data.ledger` mapping plus `variants`)."""
    import copy

    return copy.deepcopy(_load(name))
