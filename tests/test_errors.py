from __future__ import annotations

import pytest

from kit.errors import ConfigError, DataError, Problem, RunError


def test_problem_describes_file_row_column_value_expectation() -> None:
    problem = Problem("not a date", path="r.csv", row=3, column="Belegdatum", value="31.02.2026",
                      expected="a date like 30.06.2026")  # fmt: skip
    assert problem.describe() == (
        "r.csv, row 3, column 'Belegdatum': not a date (found '31.02.2026'); "
        "expected a date like 30.06.2026"
    )
    assert problem.describe("de").startswith("r.csv, Zeile 3, Spalte 'Belegdatum'")


def test_from_problems_keeps_every_problem() -> None:
    problems = [Problem("a", row=2, column="x"), Problem("b", row=5)]
    error = DataError.from_problems(problems, path="f.csv", hint="fix it")
    assert (error.message, error.path, error.row, error.column) == ("a", "f.csv", 2, "x")
    assert error.problems == [problems[1]]
    assert error.describe().splitlines() == [
        "f.csv, row 2, column 'x': a",
        "row 5: b",
        "Hint: fix it",
    ]
    assert isinstance(ConfigError.from_problems([Problem("c")]), ConfigError)
    with pytest.raises(ValueError, match="at least one"):
        DataError.from_problems([])


def test_run_error_is_one_line_with_step_first() -> None:
    error = RunError(
        step="04_kpis", cell=7, error="KeyError: 'dso'", executed="runs/x/04_kpis.ipynb"
    )
    assert str(error) == (
        "step 04_kpis failed in cell 7: KeyError: 'dso' (executed notebook: runs/x/04_kpis.ipynb)"
    )
    assert error.exit_code == 1 and DataError("x").exit_code == 2
