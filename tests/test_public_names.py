"""The public surface is small and checked: private names stay in their module, `__all__` holds."""

from __future__ import annotations

import ast
import importlib
import pkgutil
import types
from pathlib import Path

import pytest

import kit

ROOT = Path(__file__).resolve().parents[1]


def _modules() -> list[Path]:
    return sorted((ROOT / "kit").rglob("*.py"))


def _packages() -> list[str]:
    found = ["kit"]
    for info in pkgutil.walk_packages(kit.__path__, prefix="kit."):
        if info.ispkg:
            found.append(info.name)
    return sorted(found)


def _is_private(name: str) -> bool:
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


def test_no_module_imports_a_private_name_from_another_module() -> None:
    found = []
    for path in _modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("kit"):
                private = [a.name for a in node.names if _is_private(a.name)]
                if private:
                    where = f"{path.relative_to(ROOT)}:{node.lineno}"
                    found.append(f"{where} from {node.module} import {', '.join(private)}")
    assert found == [], "\n".join(found)


@pytest.mark.parametrize("name", _packages())
def test_every_package_exports_exactly_its_all(name: str) -> None:
    package = importlib.import_module(name)
    declared = getattr(package, "__all__", None)
    if declared is None:
        pytest.skip(f"{name} has no public names of its own")
    assert len(declared) == len(set(declared)), f"{name}.__all__ lists a name twice"
    missing = [n for n in declared if not hasattr(package, n)]
    assert missing == [], f"{name}.__all__ names what it does not have: {missing}"
    public = {
        n
        for n, value in vars(package).items()
        if not n.startswith("_")
        and not isinstance(value, types.ModuleType)
        and str(getattr(value, "__module__", "kit")).startswith("kit")
        and n not in {"annotations", "TYPE_CHECKING"}
    }
    unlisted = sorted(public - set(declared))
    assert unlisted == [], f"{name} exports names missing from __all__: {unlisted}"
