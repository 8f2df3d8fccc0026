"""Every KitError survives pickling with all its fields, as papermill and worker processes need."""

from __future__ import annotations

import importlib
import pickle
import pkgutil

import pytest

import kit
from kit.errors import ConfigError, KitError, Problem, RunError


def _all_subclasses(cls: type[KitError]) -> list[type[KitError]]:
    for info in pkgutil.walk_packages(kit.__path__, prefix="kit."):
        importlib.import_module(info.name)
    found: list[type[KitError]] = [cls]
    for sub in cls.__subclasses__():
        found.extend(_all_subclasses(sub) if sub is not cls else [])
    return list(dict.fromkeys(found))


def _round_trip(error: KitError) -> KitError:
    return pickle.loads(pickle.dumps(error))  # noqa: S301 - bytes this test made itself


def _example(cls: type[KitError]) -> KitError:
    if issubclass(cls, RunError):
        return cls(
            step="04_kpis", error="ZeroDivisionError: division by zero", cell=7, executed="x"
        )
    return cls(
        "amount is not a number",
        path="data/invoices.csv",
        row=12,
        column="amount",
        key="data.invoices",
        value="12,5x",
        expected="a number such as 1234.56",
        hint="check the decimal separator",
        problems=[Problem("date is not a date", row=13, column="issue_date")],
    )


@pytest.mark.parametrize("cls", _all_subclasses(KitError), ids=lambda c: c.__name__)
def test_every_kit_error_survives_pickling(cls: type[KitError]) -> None:
    error = _example(cls)
    again = _round_trip(error)
    assert type(again) is cls
    assert vars(again) == vars(error)
    assert str(again) == str(error)
    assert again.exit_code == error.exit_code


def test_run_error_keeps_step_cell_and_notebook() -> None:
    error = RunError(step="04_kpis", error="KeyError: 'dso'", cell=3, executed="run/04_kpis.ipynb")
    again = _round_trip(error)
    assert isinstance(again, RunError)
    assert (again.step, again.cell, again.error, again.executed) == (
        "04_kpis",
        3,
        "KeyError: 'dso'",
        "run/04_kpis.ipynb",
    )
    assert again.describe("de").endswith("(ausgeführtes Notebook: run/04_kpis.ipynb)")


def test_a_problem_list_comes_back_whole() -> None:
    error = ConfigError.from_problems([Problem("a", row=1), Problem("b", row=2)], path="x.yaml")
    again = _round_trip(error)
    assert [p.message for p in again.problems] == ["b"]
    assert again.path == "x.yaml"
