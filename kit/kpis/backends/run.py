"""Run the Ibis aggregates on a backend and return the dataclasses `formulas.evaluate` takes."""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Any

import ibis
import ibis.expr.types as ir
import pandas as pd

from kit.engines import ENGINES, check_engine
from kit.errors import ConfigError
from kit.kpis.aggregates import Receivables, month_index
from kit.kpis.backends import queries
from kit.kpis.backends.assemble import Rows, by_group, receivables_and_disputes
from kit.kpis.backends.tables import Tables
from kit.kpis.disputes import Disputes
from kit.message import msg

__all__ = ["ENGINES", "Backend", "check_engine", "connect"]


@dataclass
class Backend:
    """An Ibis connection that runs the KPI aggregates; `name` as in `engine:`."""

    name: str
    con: Any  # ibis.BaseBackend (untyped in ibis)

    def frame(self, expr: ir.Table) -> pd.DataFrame:
        """Return the rows of `expr` as a pandas frame (few rows: aggregates)."""
        with warnings.catch_warnings():
            # PySpark < 4.1 converts through pandas options and arguments that pandas 3 deprecates.
            warnings.simplefilter("ignore", pd.errors.Pandas4Warning)
            result: pd.DataFrame = self.con.to_pyarrow(expr).to_pandas()
        return result

    def rows(self, expr: ir.Table) -> Rows:
        """Return the rows of `expr` (few rows: aggregates) with its column names."""
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", pd.errors.Pandas4Warning)  # as in `frame`
            table = self.con.to_pyarrow(expr)
        columns = [column.to_pylist() for column in table.columns]  # NULL as None
        return Rows(list(table.column_names), list(zip(*columns, strict=True)))

    def aggregates(
        self, t: Tables, *, day: int, period_days: int, goal_days: int
    ) -> tuple[Receivables, Disputes]:
        """Return the receivables and dispute aggregates per group at T = `day`."""
        g = t.groups
        inv = queries.invoice_totals(t, day=day, period_days=period_days, goal_days=goal_days)
        cred = queries.credit_totals(t, day=day, period_days=period_days)
        res = queries.resolved_totals(t, day=day, period_days=period_days)
        t_month = int(month_index(day))
        return receivables_and_disputes(
            by_group(self.rows(inv), g),
            by_group(self.rows(cred), g),
            by_group(self.rows(res), g),
            self.rows(queries.monthly_sales(t, day=day, t_month=t_month)),
            groups=g,
            day=day,
            first_day=t.first_day,
            has_disputes=t.has_disputes,
            has_resolved=t.has_resolved,
        )


def _spark(master: str) -> Any:
    """Return a Spark session: local[N], a cluster master URL, or Spark Connect (sc://…)."""
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("kit-kpis")
    if master.startswith("sc://"):
        builder = builder.remote(master)
    else:
        builder = (
            builder.master(master)
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "2")
            .config("spark.ui.showConsoleProgress", "false")
        )
    session = builder.config("spark.sql.session.timeZone", "UTC").getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return session


def connect(engine: str = "duckdb", *, session: Any = None) -> Backend:
    """Return the backend for `engine`: duckdb, spark[:MASTER] or a warehouse Ibis URL.

    Warehouse credentials come from the environment (the URL of `engagement.yaml` names the
    account, never a password); `session` reuses a running Spark session.
    """
    if engine == "duckdb":
        from kit.kpis.backends.native import quiet_progress

        con = ibis.duckdb.connect()
        quiet_progress(con.con)
        return Backend("duckdb", con)
    if engine == "spark" or engine.startswith("spark:"):
        master = engine.partition(":")[2] or "local[2]"
        try:
            spark = session if session is not None else _spark(master)
        except ImportError as exc:
            raise ConfigError(
                "engine spark needs PySpark",
                key="engine",
                value=engine,
                hint='install it with pip install -e ".[spark]" (and Java 17)',
            ) from exc
        return Backend("spark", ibis.pyspark.connect(spark))
    if "://" in engine:
        try:
            return Backend(engine.split("://", 1)[0], ibis.connect(engine))
        except Exception as exc:  # any driver or connection failure: a config problem
            raise ConfigError(
                msg("cannot connect to the warehouse: {error}", error=str(exc)),
                key="engine",
                value=engine.split("://", 1)[0] + "://…",
                hint="credentials come from the environment; check the URL and the driver",
            ) from exc
    raise ConfigError(
        "unknown KPI engine",
        key="engine",
        value=engine,
        expected="duckdb, spark, spark:MASTER-URL or a warehouse URL such as snowflake://…",
    )
