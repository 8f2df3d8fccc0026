"""DuckDB reading the engagement's files itself (`compute_native`) against the pandas ingest.

Every value, note and aging amount must equal the in-memory reference on the same files; any
row an ingest rule would report makes the native path step aside (None), so `kit kpis` reports
it exactly as the pandas ingest does.
"""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from kpis_generated import clean_tables

from kit.engagement import load_engagement
from kit.ingest import load_ledger
from kit.kpis import compute_kpis
from kit.kpis.engine import compute_native

AS_OF = date(2024, 6, 30)


def _write(folder: Path, *, rows: int = 800, message_ids: bool = False) -> Path:
    """Write invoices, payments, disputes and dunning events (CSV) and engagement.yaml."""
    folder.mkdir(parents=True, exist_ok=True)
    tables = clean_tables(rows)
    if message_ids:
        events = tables["dunning_events"]
        events["message_id"] = "M" + events["invoice_id"].astype(str) + events["channel"]
    for name, frame in tables.items():
        frame.to_csv(folder / f"{name}.csv", index=False, date_format="%Y-%m-%d %H:%M:%S")
    for name in ("invoices", "payments", "disputes"):
        frame = pd.read_csv(folder / f"{name}.csv", dtype=str)
        for column in frame.columns:
            if column.endswith("_date"):
                frame[column] = frame[column].str.slice(0, 10)
        frame.to_csv(folder / f"{name}.csv", index=False)
    listed = "".join(f"  {name}: {{path: {name}.csv}}\n" for name in tables)
    (folder / "engagement.yaml").write_text(
        f"client: Native\nlanguage: en\ncurrency: EUR\nperiod_days: 90\ndata:\n{listed}",
        encoding="utf-8",
    )
    return folder


def _same(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def _compare(folder: Path, as_of: date) -> None:
    eng = load_engagement(folder)
    native = compute_native(eng, as_of=as_of, engine="duckdb")
    assert native is not None, "the files are clean: DuckDB reads them itself"
    ref = compute_kpis(load_ledger(eng), as_of=as_of, engine="numpy")
    bad = {
        k: (native.values[k], v) for k, v in ref.values.items() if not _same(native.values[k], v)
    }
    assert not bad
    assert native.notes == ref.notes
    np.testing.assert_allclose(native.aging["amount"], ref.aging["amount"], rtol=1e-9)
    assert list(native.aging["count"]) == list(ref.aging["count"])


@pytest.mark.parametrize("message_ids", [False, True])
def test_native_path_equals_the_pandas_ingest_on_every_kpi(
    tmp_path: Path, message_ids: bool
) -> None:
    folder = _write(tmp_path / "eng", message_ids=message_ids)
    for as_of in (AS_OF, date(2023, 1, 15), date(2024, 12, 31)):
        _compare(folder, as_of)


def test_native_path_gives_null_with_a_reason_before_any_invoice_and_after_the_last(
    tmp_path: Path,
) -> None:
    folder = _write(tmp_path / "eng", rows=200)
    for as_of in (date(2020, 1, 1), date(2030, 6, 30)):
        _compare(folder, as_of)
    eng = load_engagement(folder)
    early = compute_native(eng, as_of=date(2020, 1, 1), engine="duckdb")
    assert early is not None
    assert early.values["dso"] is None and early.notes["dso"] == "no invoices issued in window"


def test_native_path_reads_parquet_like_csv(tmp_path: Path) -> None:
    folder = _write(tmp_path / "eng", rows=300, message_ids=True)
    text = (folder / "engagement.yaml").read_text(encoding="utf-8")
    for name in ("invoices", "payments", "disputes", "dunning_events"):
        frame = pd.read_csv(folder / f"{name}.csv")
        for column in frame.columns:
            if column.endswith("_date") or column == "timestamp":
                frame[column] = pd.to_datetime(frame[column])
        frame.to_parquet(folder / f"{name}.parquet")
        text = text.replace(f"{name}.csv", f"{name}.parquet")
    (folder / "engagement.yaml").write_text(text, encoding="utf-8")
    _compare(folder, AS_OF)


def test_without_payments_the_settlement_kpis_are_null_with_the_reason(tmp_path: Path) -> None:
    folder = _write(tmp_path / "eng", rows=200)
    text = (folder / "engagement.yaml").read_text(encoding="utf-8")
    (folder / "engagement.yaml").write_text(
        text.replace("  payments: {path: payments.csv}\n", ""), encoding="utf-8"
    )
    _compare(folder, AS_OF)
    result = compute_native(load_engagement(folder), as_of=AS_OF, engine="duckdb")
    assert result is not None and result.values["days_to_pay"] is None
    assert result.notes["days_to_pay"].startswith("no settlement information")


@pytest.mark.parametrize(
    ("table", "column", "row", "value"),
    [
        ("invoices", "invoice_id", 3, "INV0000001"),  # a repeated invoice id
        ("invoices", "amount", 5, "-1.0"),
        ("invoices", "invoice_id", 4, " X1 "),  # the pandas ingest strips it
        ("invoices", "issue_date", 2, "31.02.2024"),
        ("invoices", "due_date", 6, "2001-01-01"),  # due before issue
        ("payments", "invoice_id", 1, "NOPE"),
        ("payments", "payment_date", 1, "1999-01-01"),
        ("disputes", "invoice_id", 0, "NOPE"),
        ("dunning_events", "channel", 0, "fax"),
        ("dunning_events", "invoice_id", 2, "NOPE"),  # counted by the anti join, not per row
    ],
)
def test_a_row_an_ingest_rule_reports_leaves_it_to_the_pandas_ingest(
    tmp_path: Path, table: str, column: str, row: int, value: str
) -> None:
    folder = _write(tmp_path / "eng", rows=120)
    frame = pd.read_csv(folder / f"{table}.csv", dtype=str)
    frame.loc[row, column] = value
    frame.to_csv(folder / f"{table}.csv", index=False)
    assert compute_native(load_engagement(folder), as_of=AS_OF, engine="duckdb") is None


def test_other_engines_and_sources_it_does_not_read_step_aside(tmp_path: Path) -> None:
    folder = _write(tmp_path / "eng", rows=60)
    eng = load_engagement(folder)
    assert compute_native(eng, as_of=AS_OF, engine="numpy") is None
    text = (folder / "engagement.yaml").read_text(encoding="utf-8")
    (folder / "engagement.yaml").write_text(
        text.replace("{path: invoices.csv}", "{path: invoices.csv, decimal: ','}"),
        encoding="utf-8",
    )
    assert compute_native(load_engagement(folder), as_of=AS_OF, engine="duckdb") is None


def test_an_output_folder_that_is_a_link_is_not_spilled_into(tmp_path: Path) -> None:
    folder = _write(tmp_path / "eng", rows=60)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (folder / "output").symlink_to(elsewhere)
    assert compute_native(load_engagement(folder), as_of=AS_OF, engine="duckdb") is None
    assert list(elsewhere.iterdir()) == []


def test_a_disputed_column_is_left_to_the_pandas_ingest(tmp_path: Path) -> None:
    """yes/no spellings of `disputed` are read by the pandas ingest, not typed by DuckDB."""
    folder = _write(tmp_path / "eng", rows=60)
    frame = pd.read_csv(folder / "invoices.csv", dtype=str)
    frame["disputed"] = ["ja" if k % 7 == 0 else "nein" for k in range(len(frame))]
    frame.to_csv(folder / "invoices.csv", index=False)
    eng = load_engagement(folder)
    assert compute_native(eng, as_of=AS_OF, engine="duckdb") is None


def test_paid_sums_carried_by_the_invoices_equal_the_events_grouped_at_t(tmp_path: Path) -> None:
    """The paid amounts summed with the settlement dates give the same aggregates, exactly."""
    from dataclasses import replace

    from kit.kpis.backends import native
    from kit.kpis.backends.run import Backend
    from kit.kpis.timeline import day_number

    eng = load_engagement(_write(tmp_path / "eng", rows=500))
    for as_of in (AS_OF, date(2023, 1, 15)):
        day = day_number(as_of)
        loaded = native.load(eng, paid_at=(day, day - 90))
        assert loaded is not None
        assert loaded.tables.paid_at == (day, day - 90)
        assert "paid_t" in loaded.tables.invoices.columns
        run = Backend("duckdb", loaded.con)
        carried = run.aggregates(loaded.tables, day=day, period_days=90, goal_days=45)
        grouped = run.aggregates(
            replace(loaded.tables, paid_at=None), day=day, period_days=90, goal_days=45
        )
        assert carried[0].ar_start.sum() > 0 or as_of != AS_OF  # sums at T − P are not empty
        for got, want in zip(carried, grouped, strict=True):
            for field, value in vars(want).items():
                np.testing.assert_array_equal(np.asarray(vars(got)[field]), np.asarray(value))


def test_payments_of_one_day_settle_the_invoice_on_that_day(tmp_path: Path) -> None:
    """Two payments of one day that together settle an invoice settle it on that day."""
    folder = tmp_path / "eng"
    folder.mkdir()
    (folder / "invoices.csv").write_text(
        "invoice_id,customer_id,issue_date,due_date,amount\n"
        "A,C1,2024-01-01,2024-01-31,100\nB,C1,2024-01-01,2024-01-31,100\n",
        encoding="utf-8",
    )
    (folder / "payments.csv").write_text(  # A: 60 + 40 on 10 Feb; B: 30 on 1 Feb, 70 on 5 Feb
        "invoice_id,payment_date,amount\n"
        "A,2024-02-10,60\nA,2024-02-10,40\nB,2024-02-01,30\nB,2024-02-05,70\n",
        encoding="utf-8",
    )
    (folder / "engagement.yaml").write_text(
        "client: Native\nlanguage: en\ncurrency: EUR\nperiod_days: 90\ndata:\n"
        "  invoices: {path: invoices.csv}\n  payments: {path: payments.csv}\n",
        encoding="utf-8",
    )
    got = compute_native(load_engagement(folder), as_of=date(2024, 3, 31), engine="duckdb")
    assert got is not None
    # A settled 10 Feb (40 days after issue), B 5 Feb (35 days): (100 × 40 + 100 × 35) / 200
    assert got.values["days_to_pay"] == pytest.approx(37.5)
    assert got.values["days_late"] == pytest.approx((100 * 10 + 100 * 5) / 200)
    _compare(folder, date(2024, 3, 31))
