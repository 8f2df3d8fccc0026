"""Names of the engines that run the KPI aggregates (`engine:` in engagement.yaml, `--engine`)."""

from __future__ import annotations

__all__ = ["ENGINES", "check_engine"]

#: Engine names besides `spark:MASTER-URL` and a warehouse URL such as `snowflake://…`,
#: `bigquery://…`, `databricks://…`, `trino://…`, `postgres://…`. `numpy` is the in-memory
#: reference implementation.
ENGINES = ("duckdb", "spark", "numpy")


def check_engine(value: str) -> str:
    """Return `value` if it names an engine; raise ValueError (a readable message) otherwise.

    A warehouse URL must not carry a password: credentials come from the environment only.
    """
    if value in ENGINES or value.startswith("spark:"):
        return value
    scheme, sep, rest = value.partition("://")
    if not sep or not scheme.isidentifier():
        raise ValueError(
            "engine must be duckdb, spark, spark:MASTER-URL or a warehouse URL such as "
            "snowflake://account/database"
        )
    if ":" in rest.split("@", 1)[0] and "@" in rest:
        raise ValueError(
            "the engine URL must not contain a password: set the credentials in the environment"
        )
    return value
