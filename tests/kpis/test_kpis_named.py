"""A ledger named in the engine (`data.<table>.table`) against the same ledger read from files.

A DuckDB database file stands for the warehouse (`engine: duckdb:///…/wh.duckdb`, tables in a
schema `finance`): every KPI equals (1e-9) the default engine on the CSV files; every ingest
rule is counted in the engine and reported per table and rule (`on_error: fail` → exit 2,
`on_error: skip` → rows left out with their count and amount). On Spark the tables are temp
views of the one local Spark of the test run (`make spark`).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pytest
from kpis_builders import same
from kpis_generated import clean_tables
from typer.testing import CliRunner

from kit.cli import app
from kit.engagement import load_engagement
from kit.kpis.engine import compute_native

AS_OF = date(2024, 6, 30)
TODAY = date(2026, 1, 1)
#: German headers of the invoices table in the warehouse, mapped under columns:.
_GERMAN = {"Belegnr": "invoice_id", "Kunde": "customer_id", "Betrag": "amount"}
_TABLES = ("invoices", "payments", "disputes", "dunning_events")


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
            elif out[column].dtype == object and out[column].isna().all():  # text of nulls
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


def _reference(folder: Path, as_of: date) -> Any:
    from kit.ingest import load_ledger
    from kit.kpis import compute_kpis

    # The pandas ingest of the files (DuckDB reading CSV itself is compared in test_kpis_native).
    return compute_kpis(load_ledger(load_engagement(folder)), as_of=as_of, engine="duckdb")


def _assert_equal(got: Any, ref: Any) -> None:
    assert {
        k: (got.values[k], v) for k, v in ref.values.items() if not same(got.values[k], v)
    } == {}
    assert got.notes == ref.notes
    assert list(got.aging["count"]) == list(ref.aging["count"])
    assert all(same(a, b) for a, b in zip(got.aging["amount"], ref.aging["amount"], strict=True))


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Return (CSV engagement, DuckDB warehouse file) of the 20k generated ledger."""
    root = tmp_path_factory.mktemp("generated")
    frames = clean_tables(20_000)
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


# Hand-worked ledger with one broken row per rule (invoices in German, as the client names
# them). I2 is issued twice: the second row (customer C2, ordered after C1) repeats the id.
_INVOICES = [
    ("I1", "C1", "2024-01-10", "2024-02-09", 100.0),
    ("I2", "C1", "2024-02-01", "2024-03-02", 250.0),
    ("I2", "C2", "2024-02-05", "2024-03-06", 40.0),  # invoice id used more than once
    ("I3", "C2", "2024-03-01", "2024-03-31", -5.0),  # amount must be greater than 0
    ("I4", "C3", "2024-03-10", "2024-03-01", 80.0),  # due date before the issue date
]
_PAYMENTS = [
    ("P1", "I1", "2024-02-01", 100.0),
    ("P2", "I9", "2024-02-10", 30.0),  # invoice id not found
    ("P3", "I2", "2024-01-15", 50.0),  # payment dated before the invoice was issued
    ("P4", "I3", "2024-03-05", 5.0),  # refers to I3, left out with on_error: skip
]
_BROKEN_AS_OF = date(2024, 3, 31)


def _broken_frames() -> dict[str, pd.DataFrame]:
    inv = pd.DataFrame(
        _INVOICES, columns=["invoice_id", "customer_id", "issue_date", "due_date", "amount"]
    )
    pay = pd.DataFrame(_PAYMENTS, columns=["payment_id", "invoice_id", "payment_date", "amount"])
    for frame in (inv, pay):
        for column in frame.columns:
            if column.endswith("_date"):
                frame[column] = pd.to_datetime(frame[column])
    return {"invoices": inv, "payments": pay}


def _broken(tmp_path: Path, *, skip: bool) -> Path:
    frames = _broken_frames()
    _warehouse(tmp_path / "wh.duckdb", frames)
    extra = {n: "on_error: skip" for n in frames} if skip else {}
    tables = {"invoices": "finance.invoices", "payments": "finance.payments"}
    return _named_yaml(tmp_path / "named", f"duckdb:///{tmp_path / 'wh.duckdb'}", tables, **extra)


def _cli(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.output


def test_every_broken_rule_is_listed_with_rows_amount_and_ids(tmp_path: Path) -> None:
    folder = _broken(tmp_path, skip=False)
    code, out = _cli("kpis", str(folder), "--as-of", "2024-03-31")
    assert code == 2
    text = " ".join(out.split())
    for line in (
        "finance.invoices, column 'Belegnr': invoice id used more than once: 1 row, amount "
        "40.00, e.g. I2",
        "finance.invoices, column 'Betrag': amount must be greater than 0: 1 row, amount "
        "-5.00, e.g. I3",
        "finance.invoices, column 'due_date': due date before the issue date: 1 row, amount "
        "80.00, e.g. I4",
        "finance.payments, column 'invoice_id': invoice id not found: 1 row, amount 30.00, e.g. P2",
        "finance.payments, column 'payment_date': payment dated before the invoice was "
        "issued: 1 row, amount 50.00, e.g. P3",
    ):
        assert line in text
    assert "P4" not in text  # I3 is in the table: its payment refers to a known invoice
    code, out = _cli("validate", str(folder), "--json")
    assert code == 2
    document = json.loads(out)
    assert document["valid"] is False and len(document["errors"]) == 5
    assert document["tables"]["invoices"] == {
        "path": "finance.invoices",
        "rows": 5,
        "filtered": 0,
        "excluded": 0,
    }


def test_on_error_skip_leaves_the_rows_out_and_counts_them(tmp_path: Path) -> None:
    folder = _broken(tmp_path, skip=True)
    code, out = _cli("validate", str(folder), "--json")
    assert code == 0
    document = json.loads(out)
    assert document["valid"] is True
    # Invoices: 5 rows − I2 again, I3, I4 = 2 kept (I1, I2). Payments: P2 (I9 unknown), P3
    # (before I2's issue) and P4 (I3 left out, so unknown) = 3 of 4 left out, P1 kept.
    assert document["tables"]["invoices"]["rows"] == 2
    assert document["tables"]["invoices"]["excluded"] == 3
    assert document["tables"]["payments"]["rows"] == 1
    assert document["tables"]["payments"]["excluded"] == 3
    excluded = [" ".join(p["message"].split()) for p in document["excluded"]]
    assert "invoice id not found: 2 rows, amount 35.00, e.g. I9, I3" not in excluded
    assert "invoice id not found: 2 rows, amount 35.00, e.g. P2, P4" in excluded  # 30 + 5
    assert "amount must be greater than 0: 1 row, amount -5.00, e.g. I3" in excluded
    code, out = _cli("kpis", str(folder), "--as-of", "2024-03-31", "--json")
    assert code == 0
    kpis = json.loads(out)["kpis"]
    # At 2024-03-31: I1 (100) paid in full on 2024-02-01, I2 (250) open → AR 250.
    assert kpis["ar_total"] == pytest.approx(250.0)
    # I2 is due 2024-03-02, 29 days before T: the whole 250 is overdue.
    assert kpis["ar_overdue"] == pytest.approx(250.0)


def test_on_error_skip_equals_the_csv_files_with_skip(tmp_path: Path) -> None:
    frames = _broken_frames()
    files = _csv_engagement(tmp_path / "files", frames)
    text = (files / "engagement.yaml").read_text(encoding="utf-8")
    for name in frames:
        text = text.replace(f"{{path: {name}.csv}}", f"{{path: {name}.csv, on_error: skip}}")
    (files / "engagement.yaml").write_text(text, encoding="utf-8")
    ref = _reference(files, _BROKEN_AS_OF)
    eng = load_engagement(_broken(tmp_path, skip=True))
    got = compute_native(eng, as_of=_BROKEN_AS_OF, engine=eng.engine)
    assert got is not None
    assert {
        k: (got.values[k], v) for k, v in ref.values.items() if not same(got.values[k], v)
    } == {}


def test_a_column_of_an_unusable_type_names_table_column_and_types(tmp_path: Path) -> None:
    frames = _broken_frames()
    frames["invoices"] = frames["invoices"].astype({"amount": str})
    _warehouse(tmp_path / "wh.duckdb", frames)
    tables = {"invoices": "finance.invoices"}
    folder = _named_yaml(tmp_path / "named", f"duckdb:///{tmp_path / 'wh.duckdb'}", tables)
    code, out = _cli("kpis", str(folder), "--as-of", "2024-03-31")
    assert code == 2
    text = " ".join(out.split())
    assert (
        "finance.invoices, column 'Betrag': column of a type the kit cannot use (found "
        "'string'); expected a number column" in text
    )


def test_a_table_the_engine_does_not_hold_is_named(tmp_path: Path) -> None:
    _warehouse(tmp_path / "wh.duckdb", _broken_frames())
    tables = {"invoices": "finance.nowhere"}
    folder = _named_yaml(tmp_path / "named", f"duckdb:///{tmp_path / 'wh.duckdb'}", tables)
    code, out = _cli("kpis", str(folder), "--as-of", "2024-03-31")
    assert code == 2
    assert "data.invoices.table" in out and "table not found in the engine" in out
    code, out = _cli("validate", str(folder), "--json")
    assert code == 2 and "table not found in the engine" in out


def _spark_views(spark: Any, frames: dict[str, pd.DataFrame], prefix: str) -> dict[str, str]:
    """Register the frames as temp views of `spark`; return canonical name → view name."""
    names = {}
    for name, frame in frames.items():
        out = frame.copy()
        if name == "invoices":
            out = out.rename(columns={v: k for k, v in _GERMAN.items()})
        out = out[[c for c in out.columns if not out[c].isna().all()]]  # no message ids at all
        df = spark.createDataFrame(out)
        for column in out.columns:
            if column.endswith("_date"):
                df = df.withColumn(column, df[column].cast("date"))
        names[name] = f"{prefix}_{name}"
        df.createOrReplaceTempView(names[name])
    return names


@pytest.mark.spark
@pytest.mark.parametrize("as_of", [AS_OF, date(2024, 12, 31)])
def test_named_spark_views_equal_the_csv_files(
    generated: tuple[Path, Path],
    tmp_path: Path,
    as_of: date,
    spark_session: Any,
    spark_backend: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from kit.kpis import engine

    monkeypatch.setitem(engine._BACKENDS, "spark", spark_backend)
    files, _ = generated
    frames = clean_tables(20_000)
    views = _spark_views(spark_session, frames, "kit_named")
    folder = _named_yaml(tmp_path / "named", "spark", views)
    got = compute_native(load_engagement(folder), as_of=as_of, engine="spark")
    assert got is not None
    _assert_equal(got, _reference(files, as_of))
    assert all(v is not None for v in got.values.values())


@pytest.mark.spark
def test_named_spark_views_count_every_rule(
    tmp_path: Path, spark_session: Any, spark_backend: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kit.kpis import engine

    monkeypatch.setitem(engine._BACKENDS, "spark", spark_backend)
    views = _spark_views(spark_session, _broken_frames(), "kit_broken")
    skip = {n: "on_error: skip" for n in views}
    eng = load_engagement(_named_yaml(tmp_path / "named", "spark", views, **skip))
    from kit.kpis.backends.named import validate

    report = validate(eng)
    assert report.counts == {"invoices": 2, "payments": 1}  # as on DuckDB (see above)
    excluded = [" ".join(p.describe("en").split()) for p in report.excluded]
    assert any("invoice id not found: 2 rows, amount 35.00, e.g. P2, P4" in e for e in excluded)
    got = compute_native(eng, as_of=_BROKEN_AS_OF, engine="spark")
    assert got is not None and got.values["ar_total"] == pytest.approx(250.0)


def _hand_frames() -> dict[str, pd.DataFrame]:
    """Return a hand-worked ledger: two payments settling A1, a disputed A2, two reminders."""
    day = pd.Timestamp
    inv = pd.DataFrame(
        {
            "invoice_id": ["A1", "A2", "A3"],
            "customer_id": ["C1", "C1", "C2"],
            "issue_date": [day("2024-01-05"), day("2024-02-10"), day("2024-03-20")],
            "due_date": [day("2024-02-04"), day("2024-03-11"), day("2024-04-19")],
            "amount": [1000.0, 500.0, 200.0],
            "currency": ["EUR", "EUR", "EUR"],
            "disputed": [False, True, False],
        }
    )
    pay = pd.DataFrame(
        {
            "payment_id": ["Q1", "Q2", "Q3"],
            "invoice_id": ["A1", "A1", "A2"],
            "payment_date": [day("2024-02-01"), day("2024-02-20"), day("2024-03-25")],
            "amount": [600.0, 400.0, 100.0],
        }
    )
    disputes = pd.DataFrame(
        {
            "dispute_id": ["D1"],
            "invoice_id": ["A2"],
            "opened_date": [day("2024-03-01")],
            "resolved_date": [pd.NaT],
        }
    )
    events = pd.DataFrame(
        {
            "invoice_id": ["A2", "A2", "A2", "A2"],
            "timestamp": [
                day("2024-03-12 09:00"),
                day("2024-03-12 15:00"),
                day("2024-03-13 10:00"),
                day("2024-03-20 08:00"),
            ],
            "channel": ["email", "email", "email", "sms"],
            "event": ["sent", "opened", "clicked", "sent"],
            "message_id": ["M1", "M1", "M1", "M2"],
        }
    )
    return {"invoices": inv, "payments": pay, "disputes": disputes, "dunning_events": events}


def test_a_hand_worked_ledger_named_in_the_engine(tmp_path: Path) -> None:
    frames = _hand_frames()
    ref = _reference(_csv_engagement(tmp_path / "files", frames), _BROKEN_AS_OF)
    _warehouse(tmp_path / "wh.duckdb", frames)
    engine = f"duckdb:///{tmp_path / 'wh.duckdb'}"
    eng = load_engagement(
        _named_yaml(tmp_path / "named", engine, {n: f"finance.{n}" for n in frames})
    )
    got = compute_native(eng, as_of=_BROKEN_AS_OF, engine=engine)
    assert got is not None
    _assert_equal(got, ref)
    # At 2024-03-31: A1 settled (600 + 400 by 2024-02-20), A2 500 − 100 = 400, A3 200 → 600.
    assert got.values["ar_total"] == pytest.approx(600.0)
    # Overdue: A2 (due 2024-03-11) 400; A3 is due 2024-04-19, current.
    assert got.values["ar_overdue"] == pytest.approx(400.0)
    # Disputed receivables: A2's 400 (dispute D1 open at T).
    assert got.values["disputed_ar"] == pytest.approx(400.0)
    # M1 sent 2024-03-12 09:00, clicked 2024-03-13 10:00: 25 hours; M2 (sms) got no response.
    assert got.values["response_time_hours"] == pytest.approx(25.0)
    # One email sent, and it was opened: 100 %.
    assert got.values["email_open_rate"] == pytest.approx(100.0)


def test_kpis_refuses_by_and_an_engine_without_tables(tmp_path: Path) -> None:
    folder = _broken(tmp_path, skip=True)
    code, out = _cli("kpis", str(folder), "--as-of", "2024-03-31", "--by", "segment")
    assert code == 2 and "--by is not available for a ledger named in the engine" in out
    code, out = _cli("kpis", str(folder), "--as-of", "2024-03-31", "--engine", "duckdb")
    assert code == 2 and "engine duckdb holds no tables" in " ".join(out.split())


def test_a_table_left_empty_is_not_supplied(tmp_path: Path) -> None:
    frames = _hand_frames()
    frames["dunning_events"] = frames["dunning_events"].iloc[:0]
    _warehouse(tmp_path / "wh.duckdb", frames)
    engine = f"duckdb:///{tmp_path / 'wh.duckdb'}"
    tables = {n: f"finance.{n}" for n in frames}
    eng = load_engagement(_named_yaml(tmp_path / "named", engine, tables))
    got = compute_native(eng, as_of=_BROKEN_AS_OF, engine=engine)
    assert got is not None and got.values["email_open_rate"] is None
    assert got.notes["email_open_rate"] == "no dunning_events data"  # as without the table


def test_blank_ids_foreign_currency_and_implausible_dates_are_counted(tmp_path: Path) -> None:
    inv = pd.DataFrame(
        {
            "invoice_id": ["J1", "  ", "J3", "J4"],  # J2's id is blank (trimmed: missing)
            "customer_id": ["C1", "C1", "C2", "C2"],
            "issue_date": pd.to_datetime(["2024-01-10", "2024-01-11", "1899-12-31", "2024-01-12"]),
            "due_date": pd.to_datetime(["2024-02-09", "2024-02-10", "2024-02-11", "2024-02-12"]),
            "amount": [100.0, 20.0, 30.0, 45.5],
            "currency": ["EUR", "EUR", "EUR", "USD"],  # J4 in USD, no fx rate
        }
    )
    _warehouse(tmp_path / "wh.duckdb", {"invoices": inv})
    folder = _named_yaml(
        tmp_path / "named", f"duckdb:///{tmp_path / 'wh.duckdb'}", {"invoices": "finance.invoices"}
    )
    code, out = _cli("validate", str(folder), "--json")
    assert code == 2
    errors = {" ".join(p["message"].split()) for p in json.loads(out)["errors"]}
    assert errors == {
        "empty value in the required column invoice_id: 1 row, amount 20.00, e.g. –",
        "date outside the plausible range: 1 row, amount 30.00, e.g. J3",
        "amount in a foreign currency without an exchange rate: 1 row, amount 45.50, e.g. J4",
    }
