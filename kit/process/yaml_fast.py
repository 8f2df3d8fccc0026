"""The one place process-map YAML is parsed: libyaml's C loader when PyYAML was built with it."""

from __future__ import annotations

from typing import Any

import yaml

__all__ = ["load_map_text"]

# yaml.CSafeLoader is the SafeLoader's rules on libyaml's C parser (about 10× faster); the
# pure-Python SafeLoader is the fallback where PyYAML was built without libyaml.
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_map_text(text: str) -> Any:
    """Return the document of one process-map YAML text (safe tags only; yaml.YAMLError if bad)."""
    return yaml.load(text, Loader=_LOADER)  # noqa: S506 - a safe loader
