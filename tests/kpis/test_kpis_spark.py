"""Spark `local[2]` against DuckDB: every KPI, aging and breakdown of a generated 20k-invoice
ledger with disputes, credit notes and dunning events equal to 1e-9."""

from __future__ import annotations

import math
from datetime import date
from typing import Any

import pytest
from kpis_generated import generated_ledger

from kit.kpis import compute_kpis, kpis_by

pytestmark = pytest.mark.spark

AS_OF = date(2024, 9, 30)


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None or math.isnan(a) or math.isnan(b):
        return (a is None or math.isnan(a)) and (b is None or math.isnan(b))
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def test_spark_equals_duckdb_on_20k_invoices(spark_backend: Any) -> None:
    ledger = generated_ledger(20_000)
    ref = compute_kpis(ledger, as_of=AS_OF, engine="duckdb")
    got = compute_kpis(ledger, as_of=AS_OF, engine=spark_backend)
    assert [k for k in ref.values if not _same(ref.values[k], got.values[k])] == []
    assert all(v is not None for v in got.values.values())
    assert got.aging["count"].tolist() == ref.aging["count"].tolist()
    assert all(_same(a, b) for a, b in zip(ref.aging["amount"], got.aging["amount"], strict=True))
    assert got.notes == ref.notes
    by_ref = kpis_by(ledger, "segment", as_of=AS_OF, engine="duckdb")
    by_got = kpis_by(ledger, "segment", as_of=AS_OF, engine=spark_backend)
    bad = [
        (g, k)
        for g in by_ref.index
        for k in by_ref.columns
        if not _same(by_ref.at[g, k], by_got.at[g, k])
    ]
    assert bad == []


def test_spark_equals_duckdb_on_the_sample_engagement(spark_backend: Any) -> None:
    from pathlib import Path

    from kit.engagement import load_engagement
    from kit.ingest import load_ledger

    eng = load_engagement(Path(__file__).resolve().parents[2] / "data/samples/acme-gmbh")
    ledger = load_ledger(eng)
    assert eng.as_of is not None
    ref = compute_kpis(ledger, as_of=eng.as_of, engine="duckdb")
    got = compute_kpis(ledger, as_of=eng.as_of, engine=spark_backend)
    assert [k for k in ref.values if not _same(ref.values[k], got.values[k])] == []
    assert got.notes == ref.notes


def test_kit_kpis_on_spark_prints_what_the_default_engine_prints(spark_backend: Any) -> None:
    """`kit kpis ENG --json --engine spark` is byte for byte the default's output: the sums are
    exact decimals, so neither the engine nor the order it adds in shows in the last digit."""
    from pathlib import Path

    from typer.testing import CliRunner

    from kit.cli.app import app

    sample = str(Path(__file__).resolve().parents[2] / "data/samples/acme-gmbh")
    default = CliRunner().invoke(app, ["kpis", sample, "--json"])
    spark = CliRunner().invoke(app, ["kpis", sample, "--json", "--engine", "spark"])
    assert default.exit_code == 0 and spark.exit_code == 0, (default.output, spark.output)
    assert spark.stdout == default.stdout
