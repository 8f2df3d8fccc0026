"""Run the Ibis aggregates on a backend and return the dataclasses `formulas.evaluate` takes."""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Any

import ibis
import ibis.expr.types as ir
import numpy as np
import pandas as pd

from kit.engines import ENGINES, check_engine
from kit.errors import ConfigError
from kit.kpis.aggregates import Receivables, month_index, slice_lengths
from kit.kpis.aging import BUCKETS
from kit.kpis.backends import queries
from kit.kpis.backends.tables import Tables
from kit.kpis.disputes import Disputes
from kit.message import msg

__all__ = ["ENGINES", "Backend", "check_engine", "connect"]


_I64 = np.dtype(np.int64)


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

    def aggregates(
        self, t: Tables, *, day: int, period_days: int, goal_days: int
    ) -> tuple[Receivables, Disputes]:
        """Return the receivables and dispute aggregates per group at T = `day`.

        Long because every aggregate of kpis.md is one expression over the same joined tables; they
        are listed side by side to be checked against the specification.
        """
        g = t.groups
        inv = self._by_group(
            queries.invoice_totals(t, day=day, period_days=period_days, goal_days=goal_days), g
        )
        cred = self._by_group(queries.credit_totals(t, day=day, period_days=period_days), g)
        res = self._by_group(queries.resolved_totals(t, day=day, period_days=period_days), g)
        t_month = int(month_index(day))
        first_month = int(month_index(min(t.first_day, day)))
        months = t_month - first_month + 1
        sales = np.zeros((g, months))
        long = self.frame(queries.monthly_sales(t, day=day, t_month=t_month))
        if len(long):
            np.add.at(
                sales,
                (long["grp"].to_numpy(_I64), long["back"].to_numpy(_I64)),
                long["sales"].to_numpy(np.float64),
            )
        k = len(BUCKETS)
        aging_amount = np.stack([inv[f"aging_amount_{b}"] for b in range(k)], axis=1)
        aging_count = np.stack([inv[f"aging_count_{b}"] for b in range(k)], axis=1)
        notes_in_w = cred["notes_in_w"]

        def ints(name: str, frame: dict[str, np.ndarray] = inv) -> np.ndarray:
            return np.asarray(frame[name]).astype(_I64)

        rec = Receivables(
            aging_amount=aging_amount,
            aging_count=aging_count.astype(_I64),
            ar_start=inv["ar_start"],
            credit_sales=inv["credit_sales"] - notes_in_w,
            issued_count=ints("issued_count"),
            paid_in_w=cred["paid_in_w"],
            due_in_w=inv["due_in_w"],
            settled_count=ints("settled_count"),
            settled_amount=inv["settled_amount"],
            settled_amount_x_days_to_pay=inv["settled_amount_x_days_to_pay"],
            settled_amount_x_days_late=inv["settled_amount_x_days_late"],
            on_time_count=ints("on_time_count"),
            within_goal_count=ints("within_goal_count"),
            monthly_sales=sales,
            slice_days=slice_lengths(day, t_month, months),
            overpaid_count=int(inv["overpaid_count"].sum()),
            overpaid_amount=float(inv["overpaid_amount"].sum()),
            open_credits=cred["open_credits"],
            credit_notes_in_w=notes_in_w,
        )
        dis = Disputes(
            available=t.has_disputes,
            resolution_available=t.has_resolved,
            issued_disputed_count=ints("issued_disputed_count"),
            disputed_ar=inv["disputed_ar"],
            resolved_count=ints("resolved_count", res),
            resolved_days_sum=res["resolved_days_sum"].astype(np.float64),
        )
        return rec, dis

    def _by_group(self, expr: ir.Table, groups: int) -> dict[str, np.ndarray]:
        """Return each aggregate column as an array of length `groups` (0 for absent groups)."""
        frame = self.frame(expr)
        codes = frame["grp"].to_numpy(_I64)
        out: dict[str, np.ndarray] = {}
        for column in frame.columns:
            if column == "grp":
                continue
            values = np.zeros(groups)
            values[codes] = pd.to_numeric(frame[column]).fillna(0).to_numpy(np.float64)
            out[str(column)] = values
        if not len(frame):
            for column in expr.columns:
                if column != "grp":
                    out[str(column)] = np.zeros(groups)
        return out


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
