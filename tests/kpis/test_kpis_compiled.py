"""The aggregates compiled to DuckDB SQL ahead of time are the Ibis definition, exactly."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from test_kpis_native import AS_OF, _write

from kit.engagement import load_engagement
from kit.kpis.aggregates import month_index
from kit.kpis.backends import compiled
from kit.kpis.timeline import day_number


def test_the_stored_queries_are_a_fresh_compile_of_the_ibis_definition() -> None:
    """Fails while duckdb_queries.json lags behind queries.py: run `make compiled`."""
    assert compiled.templates() == compiled._templates_now()


@pytest.mark.parametrize(("day", "period", "goal"), [(19_723, 90, 45), (20_000, 30, 60)])
def test_a_rendered_query_equals_the_compile_at_those_values(
    day: int, period: int, goal: int
) -> None:
    fresh = compiled.compile_queries(
        day=day, period_days=period, goal_days=goal, t_month=int(month_index(day))
    )
    for name, template in compiled.templates().items():
        rendered = compiled.render(template, day=day, period_days=period, goal_days=goal)
        # the pretty printer breaks lines by the width of the numbers: compare without blanks
        assert _tokens(rendered) == _tokens(fresh[name])


def _tokens(sql: str) -> str:
    return re.sub(r"\s+", "", sql)


def test_compiled_aggregates_equal_the_ibis_backend_array_for_array(tmp_path: Path) -> None:
    from kit.kpis.backends import native
    from kit.kpis.backends.run import Backend

    eng = load_engagement(_write(tmp_path / "eng", rows=500))
    for as_of in (AS_OF, date(2023, 1, 15)):
        day = int(day_number(as_of))
        loaded = native.load(eng, paid_at=(day, day - 90))
        assert loaded is not None
        want = Backend("duckdb", loaded.con).aggregates(
            loaded.tables, day=day, period_days=90, goal_days=45
        )
        got = compiled.aggregates(
            loaded.raw,
            day=day,
            period_days=90,
            goal_days=45,
            first_day=loaded.first_day,
            has_disputes=loaded.has_disputes,
            has_resolved=loaded.has_resolved,
        )
        assert got[0].credit_sales.sum() > 0
        for g, w in zip(got, want, strict=True):
            for field, value in vars(w).items():
                np.testing.assert_array_equal(np.asarray(vars(g)[field]), np.asarray(value))
