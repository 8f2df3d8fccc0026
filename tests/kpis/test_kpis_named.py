"""A ledger named in the engine (`data.<table>.table`) against the same ledger read from files.

A DuckDB database file stands for the warehouse (`engine: duckdb:///…/wh.duckdb`, tables in a
schema `finance`): every KPI equals (1e-9) the default engine on the CSV files; every ingest
rule is counted in the engine and reported per table and rule (`on_error: fail` → exit 2,
`on_error: skip` → rows left out with their count and amount). On Spark the tables are temp
views of the shared session (`make spark`).
"""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pytest
from kpis_generated import generated_ledger

from kit.engagement import load_engagement
from kit.kpis.engine import compute_native

AS_OF = date(2024, 6, 30)
TODAY = date(2026, 1, 1)
#: German headers of the invoices table in the warehouse, mapped under columns:.
_GERMAN = {"Belegnr": "invoice_id", "Kunde": "customer_id", "Betrag": "amount"}
_TABLES = ("invoices", "payments", "disputes", "dunning_events")


def _ledger_frames(rows: int) -> dict[str, pd.DataFrame]:
    """Return invoices, payments, disputes and dunning events no ingest rule refuses."""
    ledger = generated_ledger(rows)
    inv = ledger.invoices.drop(columns=["residual"])
    pays = ledger.payments
    assert pays is not None and ledger.disputes is not None and ledger.dunning_events is not None
    pays = pays[pays["invoice_id"].notna()].drop(columns=["cleared_date"], errors="ignore")
    issued = pays["invoice_id"].map(inv.set_index("invoice_id")["issue_date"])
    pays = pays[pays["payment_date"] >= issued]  # ingest refuses payments before the invoice
    return {
        "invoices": inv,
        "payments": pays.reset_index(drop=True),
        "disputes": ledger.disputes,
        "dunning_events": ledger.dunning_events,
    }


def _csv_engagement(folder: Path, frames: dict[str, pd.DataFrame]) -> Path:
    """Write the frames as CSV files (dates as days, event times to the second) and the yaml."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, frame in frames.items():
        out = frame.copy()
        for column in out.columns:
            if column.endswith("_date"):
                out[column] = pd.to_datetime(out[column]).dt.strftime("%Y-%m-%d")
        out.to_csv(folder / f"{name}.csv", index=False, date_format="%Y-%m-%d %H:%M:%S")
    listed = "".join(f"  {name}: {{path: {name}.csv}}\n" for name in frames)
    (folder / "engagement.yaml").write_text(
        f"client: Files\nlanguage: en\ncurrency: EUR\nperiod_days: 90\ndata:\n{listed}",
        encoding="utf-8",
    )
    return folder


def _warehouse(file: Path, frames: dict[str, pd.DataFrame]) -> None:
    """Write the frames as tables of schema finance in a DuckDB file (invoices German)."""
    con = duckdb.connect(str(file))
    con.execute("CREATE SCHEMA IF NOT EXISTS finance")
    for name, frame in frames.items():
        out = frame.copy()
        if name == "invoices":
            out = out.rename(columns={v: k for k, v in _GERMAN.items()})
        for column in out.columns:
            if column.endswith("_date"):
                out[column] = pd.to_datetime(out[column]).dt.date
            elif out[column].isna().all():  # no message ids: a text column of nulls
                out[column] = out[column].astype("string")
        con.register("frame", out)
        con.execute(f"CREATE OR REPLACE TABLE finance.{name} AS SELECT * FROM frame")  # noqa: S608
        con.unregister("frame")
    con.close()


def _named_yaml(folder: Path, engine: str, tables: dict[str, str], **extra: str) -> Path:
    """Write engagement.yaml naming `tables` (canonical → engine table) on `engine`."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = []
    for name, table in tables.items():
        keys = [f"table: {table}"]
        if name == "invoices":
            keys.append("columns: {" + ", ".join(f"{k}: {v}" for k, v in _GERMAN.items()) + "}")
        if name in extra:
            keys.append(extra[name])
        lines.append(f"  {name}: {{{', '.join(keys)}}}\n")
    (folder / "engagement.yaml").write_text(
        f"client: Named\nlanguage: en\ncurrency: EUR\nperiod_days: 90\nengine: {engine!r}\n"
        f"data:\n{''.join(lines)}",
        encoding="utf-8",
    )
    return folder


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def _reference(folder: Path, as_of: date) -> Any:
    from kit.ingest import load_ledger
    from kit.kpis import compute_kpis

    eng = load_engagement(folder)
    return compute_native(eng, as_of=as_of, engine="duckdb") or compute_kpis(
        load_ledger(eng), as_of=as_of, engine="duckdb"
    )


def _assert_equal(got: Any, ref: Any) -> None:
    assert {
        k: (got.values[k], v) for k, v in ref.values.items() if not _same(got.values[k], v)
    } == {}
    assert got.notes == ref.notes
    assert list(got.aging["count"]) == list(ref.aging["count"])
    assert all(_same(a, b) for a, b in zip(got.aging["amount"], ref.aging["amount"], strict=True))


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Return (CSV engagement, DuckDB warehouse file) of the 20k generated ledger."""
    root = tmp_path_factory.mktemp("generated")
    frames = _ledger_frames(20_000)
    _warehouse(root / "wh.duckdb", frames)
    return _csv_engagement(root / "files", frames), root / "wh.duckdb"


@pytest.mark.parametrize("as_of", [AS_OF, date(2024, 12, 31)])
def test_named_duckdb_tables_equal_the_csv_files(
    generated: tuple[Path, Path], tmp_path: Path, as_of: date
) -> None:
    files, wh = generated
    ref = _reference(files, as_of)
    folder = _named_yaml(
        tmp_path / "named", f"duckdb:///{wh}", {n: f"finance.{n}" for n in _TABLES}
    )
    got = compute_native(load_engagement(folder), as_of=as_of, engine=f"duckdb:///{wh}")
    assert got is not None
    _assert_equal(got, ref)
    assert all(v is not None for v in got.values.values())
