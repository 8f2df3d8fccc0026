"""The Ibis aggregates on DuckDB against the numpy reference engine, engine names, and SQL
compiled for every warehouse (no connection)."""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path

import ibis
import pytest
from kpis_generated import generated_ledger

from kit.engagement import load_engagement
from kit.engines import check_engine
from kit.kpis import compute_kpis, kpi_series, kpis_by
from kit.kpis.backends import named, queries
from kit.kpis.backends.named_digital import digital_queries
from kit.kpis.backends.tables import Tables, named_tables
from kit.ledger import Ledger

AS_OF = date(2024, 9, 30)


@pytest.fixture(scope="module")
def ledger() -> Ledger:
    return generated_ledger(20_000)


def _same(a: float | None, b: float | None, tol: float = 1e-9) -> bool:
    if a is None or b is None or math.isnan(a) or math.isnan(b):
        return (a is None or math.isnan(a)) and (b is None or math.isnan(b))
    return math.isclose(a, b, rel_tol=tol, abs_tol=tol)


def test_duckdb_equals_numpy_on_a_generated_ledger(ledger: Ledger) -> None:
    ref = compute_kpis(ledger, as_of=AS_OF, engine="numpy")
    got = compute_kpis(ledger, as_of=AS_OF, engine="duckdb")
    assert [k for k in ref.values if not _same(ref.values[k], got.values[k])] == []
    assert all(v is not None for v in got.values.values())  # every table present: all KPIs
    assert got.aging["count"].tolist() == ref.aging["count"].tolist()
    assert got.aging["amount"].to_numpy() == pytest.approx(ref.aging["amount"].to_numpy())
    assert got.notes == ref.notes and got.warnings == ref.warnings


def test_duckdb_equals_numpy_by_segment_and_as_series(ledger: Ledger) -> None:
    ref = kpis_by(ledger, "segment", as_of=AS_OF, engine="numpy")
    got = kpis_by(ledger, "segment", as_of=AS_OF, engine="duckdb")
    assert list(got.index) == ["A", "B", "C"]
    bad = [(g, k) for g in ref.index for k in ref.columns if not _same(ref.at[g, k], got.at[g, k])]
    assert bad == []
    ref_s = kpi_series(ledger, as_of=AS_OF, months=3, engine="numpy")
    got_s = kpi_series(ledger, as_of=AS_OF, months=3, engine="duckdb")
    cells = [(t, k) for t in ref_s.index for k in ref_s.columns]
    assert [c for c in cells if not _same(ref_s.at[c], got_s.at[c])] == []


@pytest.mark.parametrize(
    "value", ["duckdb", "spark", "numpy", "spark:spark://h:7077", "spark:sc://h:15002",
              "snowflake://acct/db/schema", "bigquery://project/dataset"]
)  # fmt: skip
def test_engine_names(value: str) -> None:
    assert check_engine(value) == value


@pytest.mark.parametrize(
    ("value", "message"),
    [("oracle", "engine must be"), ("snowflake://user:secret@acct/db", "password")],
)
def test_engine_refused(value: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        check_engine(value)


def _aggregates(t: Tables) -> list[ibis.Table]:
    day, p = 19_996, 90  # 2024-09-30
    return [
        queries.invoice_totals(t, day=day, period_days=p, goal_days=45),
        queries.credit_totals(t, day=day, period_days=p),
        queries.resolved_totals(t, day=day, period_days=p),
        queries.monthly_sales(t, day=day, t_month=656),
    ]


@pytest.mark.parametrize("dialect", ["snowflake", "bigquery", "databricks", "trino", "postgres"])
def test_every_query_compiles_for_warehouses(dialect: str, tmp_path: Path) -> None:
    for expr in _aggregates(named_tables(groups=3)):
        sql = str(ibis.to_sql(expr, dialect=dialect))
        assert "kit_" in sql and "GROUP BY" in sql.upper()
    # A ledger named in the engine: its rule counts, its timeline under the same aggregates and
    # the digital-dunning queries (every one reads the invoices table or refers to it).
    planned, t = _named_plan(tmp_path)
    events = planned["dunning_events"].kept
    named_queries = [
        *(p.counts for p in planned.values()),
        *_aggregates(t),
        *digital_queries(events, t, day=19_996, period_days=90),
    ]
    for expr in named_queries:
        assert "invoices" in str(ibis.to_sql(expr, dialect=dialect))
    counted = str(ibis.to_sql(planned["payments"].counts, dialect=dialect))
    assert "payments" in counted and "invoices" in counted  # references counted in the engine
    settled = str(ibis.to_sql(t.invoices, dialect=dialect)).upper()
    assert "OVER" in settled and "ROW_NUMBER" in settled  # window sum, pos by invoice id


def test_kpis_command_refuses_an_unknown_engine_and_honours_duckdb() -> None:
    from pathlib import Path

    from kit.cli.commands import kpis_command
    from kit.engagement import load_engagement
    from kit.errors import ConfigError

    eng = load_engagement(Path(__file__).resolve().parents[2] / "data/samples/acme-gmbh")
    ledger = generated_ledger(500)
    assert eng.engine == "duckdb"  # the default
    with pytest.raises(ConfigError, match="engine must be duckdb"):
        kpis_command(eng, ledger, as_of=AS_OF, engine="oracle")
    _, duck = kpis_command(eng, ledger, as_of=AS_OF)
    _, ref = kpis_command(eng, ledger, as_of=AS_OF, engine="numpy")
    assert all(_same(ref["kpis"][k], duck["kpis"][k]) for k in ref["kpis"])


#: Tables of a warehouse as a client names them (invoices in German, amounts as decimals).
_WAREHOUSE = {
    "invoices": {
        "Belegnr": "string",
        "customer_id": "string",
        "issue_date": "date",
        "due_date": "date",
        "Betrag": "decimal(18, 2)",
        "paid_date": "date",
        "disputed": "boolean",
        "currency": "string",
    },
    "payments": {
        "payment_id": "int64",
        "invoice_id": "string",
        "payment_date": "timestamp",
        "amount": "float64",
    },
    "disputes": {
        "dispute_id": "string",
        "invoice_id": "string",
        "opened_date": "date",
        "resolved_date": "date",
    },
    "dunning_events": {
        "invoice_id": "string",
        "timestamp": "timestamp",
        "channel": "string",
        "event": "string",
        "message_id": "string",
    },
}


def _named_plan(tmp_path: Path) -> tuple[dict[str, named.Planned], Tables]:
    """Return the named tables of _WAREHOUSE planned as expressions, and their timeline."""
    listed = "".join(
        f"  {n}: {{table: finance.{n}"
        + (", columns: {Belegnr: invoice_id, Betrag: amount}" if n == "invoices" else "")
        + (", on_error: skip" if n == "payments" else "")
        + "}\n"
        for n in _WAREHOUSE
    )
    (tmp_path / "engagement.yaml").write_text(
        f"client: W\nengine: 'postgres://host/db'\ndata:\n{listed}", encoding="utf-8"
    )
    found = {n: ibis.table(schema, name=n) for n, schema in _WAREHOUSE.items()}
    planned = named.plan(load_engagement(tmp_path), found, today=date(2026, 1, 1))
    assert set(planned) == set(_WAREHOUSE)
    return planned, named.timeline_tables({n: p.kept for n, p in planned.items()})
