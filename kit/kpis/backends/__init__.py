"""KPI aggregates as Ibis expressions, run by DuckDB (default), Spark or a warehouse.

The split of the numpy engine stays: per-invoice timeline → per-group aggregates →
`kit.kpis.formulas.evaluate`. `tables` turns a ledger's timeline into Arrow tables (zero copy
from its arrays), `queries` states the aggregates once in Ibis, `run` executes them on a backend
and hands back the `Receivables` and `Disputes` dataclasses that the formulas consume.
"""
