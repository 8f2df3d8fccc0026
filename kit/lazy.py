"""Names a package imports on first use (PEP 562 `__getattr__`), so light commands stay light."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["lazy_getattr"]


def lazy_getattr(package: str, names: Mapping[str, str]) -> Callable[[str], Any]:
    """Return a module `__getattr__` that imports each of `names` from its module on first use.

    `names` maps a name to the module that defines it; the value is then kept in the package,
    so the import happens once. Any other name raises AttributeError as a module would.
    """

    def __getattr__(name: str) -> Any:
        module = names.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        setattr(importlib.import_module(package), name, value)
        return value

    return __getattr__
