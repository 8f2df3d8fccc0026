"""environment.yml must offer every dependency that pyproject.toml declares."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
# conda-forge spells a few packages differently from PyPI.
CONDA_NAMES = {"duckdb": "python-duckdb", "types-pyyaml": "types-pyyaml"}


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[ ;]", requirement.strip(), maxsplit=1)[0].lower()


def test_every_pyproject_dependency_is_in_environment_yml() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = list(project["dependencies"]) + list(project["optional-dependencies"]["test"])
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda = {_name(d) for d in env["dependencies"] if isinstance(d, str)}
    missing = [r for r in wanted if CONDA_NAMES.get(_name(r), _name(r)) not in conda]
    assert missing == [], f"add to environment.yml: {missing}"
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert '-e ".[test]"' in pip or "-e .[test]" in pip


def test_lower_bounds_agree() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = list(project["dependencies"]) + list(project["optional-dependencies"]["test"])
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    bounds = {
        _name(d): d.split(">=", 1)[1]
        for d in env["dependencies"]
        if isinstance(d, str) and ">=" in d
    }
    for requirement in wanted:
        name = CONDA_NAMES.get(_name(requirement), _name(requirement))
        assert ">=" in requirement, f"{requirement} has no lower bound"
        assert bounds.get(name) == requirement.split(">=", 1)[1], f"{name} bound differs"


def test_python_version_matches() -> None:
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert "python=3.11" in env["dependencies"]
