"""Engine of the KPI tests: DuckDB, or with KIT_KPI_ENGINE=spark one shared Spark
`local[2]` session (two shuffle partitions, UI off, UTC) for every test of this folder."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from typing import Any

import pytest


@pytest.fixture(scope="session")
def spark_session() -> Iterator[Any]:
    """Return the one Spark session of the test run (skips only when Java is missing)."""
    if shutil.which("java") is None:
        pytest.skip("Java 17 is missing (install openjdk-17-jre-headless); .ci/run installs it")
    from kit.kpis.backends.run import _spark

    session = _spark("local[2]")
    yield session
    session.stop()


@pytest.fixture(scope="session")
def spark_backend(spark_session: Any) -> Any:
    """Return the Ibis backend on the shared Spark session."""
    from kit.kpis.backends.run import connect

    return connect("spark", session=spark_session)


@pytest.fixture(autouse=True)
def _kpi_engine(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run every KPI test of this folder on KIT_KPI_ENGINE (duckdb when unset).

    DuckDB is the kit's default, which every other folder's tests run on too; with
    KIT_KPI_ENGINE=spark the hand-worked examples run on Spark, so each engine meets them.
    """
    name = os.environ.get("KIT_KPI_ENGINE", "")
    from kit.kpis import engine

    if name != "spark":
        monkeypatch.setattr(engine, "DEFAULT_ENGINE", "duckdb")
        return

    monkeypatch.setitem(engine._BACKENDS, "spark", request.getfixturevalue("spark_backend"))
    monkeypatch.setattr(engine, "DEFAULT_ENGINE", "spark")
