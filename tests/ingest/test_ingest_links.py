"""Payments meet their invoices by id after ingest left rows out, and after an id column changed."""

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
from kit.ledger import Ledger

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


def test_kept_payments_meet_their_invoices_after_rows_are_left_out(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path)
    assert ledger.invoices["invoice_id"].tolist() == ["A1", "A3", "A4"]
    assert ledger.payments is not None
    assert ledger.payments["invoice_id"].tolist() == ["A4", "A3", "A1"]
    # kept payments A4, A3, A1 -> rows 2, 1, 0 among the kept invoices A1, A3, A4, sorted
    timeline = build_timeline(ledger)
    assert timeline.pay_inv.tolist() == [0, 1, 2]
    assert timeline.pay_amount.tolist() == [100.0, 100.0, 400.0]
    when = date(2026, 3, 31)
    bare = dataclasses.replace(ledger)
    assert compute_kpis(ledger, as_of=when).values == compute_kpis(bare, as_of=when).values


def test_replacing_or_editing_an_id_column_is_looked_up_again(tmp_path: Path) -> None:
    ledger = _ledger(tmp_path)
    assert ledger.payments is not None
    reversed_ids = pd.array(ledger.payments["invoice_id"].tolist()[::-1], dtype="str")
    ledger.payments = ledger.payments.assign(invoice_id=reversed_ids)
    # the new column is looked up: A1 gets 400.00 on 03-20 (settled), A3 100 of 300 and
    # A4 100 of 400 stay open
    timeline = build_timeline(ledger)
    assert timeline.pay_inv.tolist() == [0, 1, 2]
    march_20 = int(np.datetime64("2026-03-20", "D").astype(np.int64))
    assert timeline.settled.tolist() == [march_20, 2**40, 2**40]

    edited = _ledger(tmp_path / "again")
    edited.invoices.loc[0, "invoice_id"] = "A3"  # now repeats row 1
    try:
        build_timeline(edited)
    except Exception as exc:  # the timeline's own check refuses the repeat
        assert "not unique" in str(exc)
    else:
        raise AssertionError("a repeated invoice id was not noticed")
