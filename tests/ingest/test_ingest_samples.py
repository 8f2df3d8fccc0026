"""The real ledgers: IBM accounts receivable (clean and dirty copies) and the Acme sample."""

from __future__ import annotations

from pathlib import Path

import pytest

from kit.cli.validation import validation_text
from kit.engagement import load_engagement
from kit.ingest import data_quality, load_ledger, validate_engagement

REPO = Path(__file__).resolve().parents[2]
IBM = REPO / ".." / "shared" / "data" / "ibm-accounts-receivable"
needs_ibm = pytest.mark.skipif(not IBM.is_dir(), reason=f"shared IBM data not found at {IBM}")


@needs_ibm
def test_ibm_clean_file_loads_without_errors() -> None:
    engagement = load_engagement(REPO / "data" / "samples" / "ibm-ar")
    ledger = load_ledger(engagement)
    invoices = ledger.invoices
    assert len(invoices) == 2466 and ledger.warnings == []
    assert invoices["invoice_id"].iloc[0] == "0000611365"  # leading zeros kept
    assert invoices["issue_date"].min().date().isoformat() == "2012-01-03"
    assert invoices["issue_date"].max().date().isoformat() == "2013-12-02"
    # facts of the data README: 22.7 % disputed, 92.9 % settled within 45 days of the invoice
    assert round(invoices["disputed"].mean() * 100, 1) == 22.7
    days = (invoices["paid_date"] - invoices["issue_date"]).dt.days
    assert round((days <= 45).mean() * 100, 1) == 92.9
    quality = data_quality(ledger, as_of=engagement.as_of)
    assert quality.tables.loc[0, "rows"] == 2466


@needs_ibm
def test_ibm_dirty_copy_loads_with_the_same_mapping(tmp_path: Path) -> None:
    engagement = load_engagement(REPO / "data" / "samples" / "ibm-ar")
    source = engagement.data.invoices.model_copy(
        update={"path": (IBM / "WA_Fn-UseC_-Accounts-Receivable_with_missing.csv").resolve()}
    )
    dirty = engagement.model_copy(
        update={"data": engagement.data.model_copy(update={"invoices": source})}
    )
    report = validate_engagement(dirty)
    duplicates = [p for p in report.errors if "more than once" in p.message]
    assert len(report.errors) == len(duplicates)  # blanks in unmapped columns block nothing
    for problem in duplicates:
        assert problem.row is not None and problem.column == "invoiceNumber"
    if not report.blocking:
        ledger = load_ledger(dirty)
        assert len(ledger.invoices) == 2586
        assert ledger.invoices["invoice_id"].map(type).eq(str).all()
        assert ledger.invoices["PaperlessBill"].isna().sum() == 120


def test_acme_sample_validates() -> None:
    engagement = load_engagement(REPO / "data" / "samples" / "acme-gmbh")
    report = validate_engagement(engagement)
    assert not report.blocking, validation_text(report)
    ledger = load_ledger(engagement)
    assert ledger.payments is not None and ledger.dunning_events is not None
    assert set(ledger.dunning_events["channel"]) <= {"email", "sms", "letter", "call", "portal"}
