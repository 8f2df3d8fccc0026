"""The Ibis aggregates compiled once to DuckDB SQL, for the tables `native` materialises.

`queries` is the one definition of the aggregates. Compiling it needs Ibis and sqlglot, which
take longer to import (and to tear down at exit) than DuckDB takes to aggregate a million
invoices. So the DuckDB path of `kit kpis` runs SQL compiled from `queries` ahead of time and
kept beside this module (`duckdb_queries.json`, rebuilt by `make compiled`); a test fails while
that file differs from a fresh compile. T, T − P, the goal days and T's month are the only values
that change between runs: they are compiled as sentinel numbers and stored as placeholders.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from kit.kpis.aggregates import Receivables, month_index
from kit.kpis.backends.assemble import Rows, by_group, receivables_and_disputes
from kit.kpis.disputes import Disputes

__all__ = ["COMPILED", "aggregates", "compile_queries", "render", "templates", "write_compiled"]

#: The compiled aggregates of the `native` tables, by query name.
COMPILED = Path(__file__).with_name("duckdb_queries.json")
#: Sentinel values compiled in place of each parameter; no other number in the SQL equals one.
_PERIOD = 98765
_SENTINELS = {"day": 1234567, "start": 1234567 - _PERIOD, "goal": 4321, "t_month": 765432}
_PLACEHOLDER = re.compile(r"\{(day|start|goal|t_month)\}")


def compile_queries(*, day: int, period_days: int, goal_days: int, t_month: int) -> dict[str, str]:
    """Return the DuckDB SQL of the four aggregate queries over the `native` tables."""
    import ibis

    from kit.kpis.backends import queries
    from kit.kpis.backends.tables import named_tables

    tables = named_tables(paid_at=(day, day - period_days))
    exprs = {
        "invoices": queries.invoice_totals(
            tables, day=day, period_days=period_days, goal_days=goal_days
        ),
        "credits": queries.credit_totals(tables, day=day, period_days=period_days),
        "resolved": queries.resolved_totals(tables, day=day, period_days=period_days),
        "sales": queries.monthly_sales(tables, day=day, t_month=t_month),
    }
    return {name: str(ibis.to_sql(expr, dialect="duckdb")) for name, expr in exprs.items()}


def _templates_now() -> dict[str, str]:
    """Return the compiled queries with placeholders for the parameters (fresh from Ibis)."""
    s = _SENTINELS
    sql = compile_queries(
        day=s["day"], period_days=_PERIOD, goal_days=s["goal"], t_month=s["t_month"]
    )
    out = {}
    for name, text in sql.items():
        for key, value in s.items():
            text = re.sub(rf"(?<![\d.]){value}(?![\d.])", "{" + key + "}", text)
        out[name] = text
    return out


def write_compiled(path: Path = COMPILED) -> None:
    """Write the compiled queries (`make compiled`)."""
    text = json.dumps(_templates_now(), indent=1, sort_keys=True) + "\n"
    path.write_text(text, encoding="utf-8")


@cache
def templates(path: Path = COMPILED) -> dict[str, str]:
    """Return the stored compiled queries by name."""
    stored: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))
    return stored


def render(template: str, *, day: int, period_days: int, goal_days: int) -> str:
    """Return a compiled query with the parameters of one run in place of its placeholders."""
    values = {
        "day": int(day),
        "start": int(day) - int(period_days),
        "goal": int(goal_days),
        "t_month": int(month_index(day)),
    }
    return _PLACEHOLDER.sub(lambda m: str(values[m.group(1)]), template)


def _rows(raw: Any, sql: str) -> Rows:
    cursor = raw.execute(sql)
    return Rows([d[0] for d in cursor.description], cursor.fetchall())


def aggregates(
    raw: Any,
    *,
    day: int,
    period_days: int,
    goal_days: int,
    first_day: int,
    has_disputes: bool,
    has_resolved: bool,
) -> tuple[Receivables, Disputes]:
    """Return the receivables and dispute aggregates at T = `day` on a DuckDB connection.

    `raw` holds the tables `native` materialises (kit_invoices with paid_t and paid_s at T and
    T − P, kit_events, kit_credits, kit_disputes): the same as `run.Backend.aggregates` gives.
    """
    sql = {
        name: render(text, day=day, period_days=period_days, goal_days=goal_days)
        for name, text in templates().items()
    }
    return receivables_and_disputes(
        by_group(_rows(raw, sql["invoices"]), 1),
        by_group(_rows(raw, sql["credits"]), 1),
        by_group(_rows(raw, sql["resolved"]), 1),
        _rows(raw, sql["sales"]),
        groups=1,
        day=int(day),
        first_day=first_day,
        has_disputes=has_disputes,
        has_resolved=has_resolved,
    )
