"""Ingest remembers each payment's invoice row; the record is void once an id column changes."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from ingest_helpers import engagement

from kit.ingest import load_ledger
from kit.kpis import compute_kpis
from kit.kpis.timeline import build_timeline
from kit.ledger import Ledger, checked_links, record_links

INVOICES = (
    "invoice_id,customer_id,issue_date,due_date,amount\n"
    "A1,C1,2026-03-01,2026-03-31,100.00\n"
    "A2,C2,2026-03-05,2026-04-04,abc\n"  # bad amount: left out with on_error skip
    "A3,C1,2026-03-10,2026-04-09,300.00\n"
    "A4,C2,2026-03-12,2026-04-11,400.00\n"
)
PAYMENTS = (
    "invoice_id,payment_date,amount\n"
    "A4,2026-03-20,400.00\n"
    "A1,2026-02-01,50.00\n"  # before the issue date: left out with on_error skip
    "A3,2026-03-25,100.00\n"
    "A1,2026-03-26,100.00\n"
)


def _ledger(tmp_path: Path) -> Ledger:
    data: dict[str, Any] = {
        "invoices": {"path": "invoices.csv", "on_error": "skip"},
        "payments": {"path": "payments.csv", "on_error": "skip"},
    }
    files = {"invoices.csv": INVOICES, "payments.csv": PAYMENTS}
    return load_ledger(engagement(tmp_path, files, data))


def test_ingest_records_the_invoice_row_of_each_kept_payment(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path)
    assert ledger.invoices["invoice_id"].tolist() == ["A1", "A3", "A4"]
    assert ledger.payments is not None
    assert ledger.payments["invoice_id"].tolist() == ["A4", "A3", "A1"]
    unique, rows = checked_links(ledger)
    # kept payments A4, A3, A1 -> rows 2, 1, 0 among the kept invoices A1, A3, A4
    assert unique and rows is not None and rows.tolist() == [2, 1, 0]


def test_recorded_rows_give_the_same_kpis_as_a_fresh_lookup(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path)
    bare = dataclasses.replace(ledger)  # a copy without the record
    assert checked_links(bare) == (False, None)
    fast, slow = build_timeline(ledger), build_timeline(bare)
    assert fast.pay_inv.tolist() == slow.pay_inv.tolist() == [0, 1, 2]
    assert fast.settled.tolist() == slow.settled.tolist()
    when = date(2026, 3, 31)
    assert compute_kpis(ledger, as_of=when).values == compute_kpis(bare, as_of=when).values


def test_replacing_or_editing_an_id_column_voids_the_record(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path)
    assert ledger.payments is not None
    reversed_ids = pd.array(ledger.payments["invoice_id"].tolist()[::-1], dtype="str")
    ledger.payments = ledger.payments.assign(invoice_id=reversed_ids)
    assert checked_links(ledger) == (True, None)
    # the new column is looked up: A1 gets 400.00 on 03-20 (settled), A3 100 of 300 and
    # A4 100 of 400 stay open; with the stale rows A4 would count as settled instead
    timeline = build_timeline(ledger)
    assert timeline.pay_inv.tolist() == [0, 1, 2]
    march_20 = int(np.datetime64("2026-03-20", "D").astype(np.int64))
    assert timeline.settled.tolist() == [march_20, 2**40, 2**40]

    edited = _ledger(tmp_path / "again")
    edited.invoices.loc[0, "invoice_id"] = "A3"  # now repeats row 1: must not pass as unique
    assert checked_links(edited) == (False, None)
    try:
        build_timeline(edited)
    except Exception as exc:  # the timeline's own check runs again and refuses the repeat
        assert "not unique" in str(exc)
    else:
        raise AssertionError("a repeated invoice id was not noticed")


def test_hand_built_ledgers_and_object_columns_carry_no_record() -> None:
    invoices = pd.DataFrame({"invoice_id": ["A1", "A2"], "amount": [1.0, 2.0]})
    ledger = Ledger(invoices=invoices.astype({"invoice_id": object}))
    assert checked_links(ledger) == (False, None)
    record_links(ledger, positions=None)  # object storage has no immutable Arrow array
    assert checked_links(ledger) == (False, None)
    arrow = Ledger(invoices=invoices.astype({"invoice_id": "str"}))
    record_links(arrow, positions=None)
    assert checked_links(arrow) == (True, None)
