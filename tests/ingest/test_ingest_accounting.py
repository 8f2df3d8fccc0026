"""Row accounting: rows read = rows used + rows left out, per source; `kit validate` shows it,
caps the problems it lists and blocks when a required table ends up empty."""

from __future__ import annotations

from pathlib import Path

from ingest_helpers import INVOICES_EN, en_invoices, engagement

from kit.cli.validation import validation_text
from kit.engagement import load_engagement
from kit.ingest import validate_engagement
from kit.ingest.load import ingest
from kit.ingest.presets import preset_names

SAMPLES = Path(__file__).parents[2] / "data" / "samples"


def test_every_row_of_the_samples_is_accounted_for() -> None:
    for name in ("acme-gmbh", "nordwerk-gmbh"):
        if not (SAMPLES / name / "engagement.yaml").is_file():
            continue
        result = ingest(load_engagement(SAMPLES / name))
        assert result.accounts
        for account in result.accounts:
            assert account.rows_used + account.rows_left_out == account.rows_read, account


def test_payments_all_skipped_block_validation(tmp_path: Path) -> None:
    payments = "invoice_id,payment_date,amount\n" + "".join(
        f"A1,2026-04-{day:02d},-5.00\n" for day in range(1, 31)
    )
    eng = engagement(
        tmp_path,
        {"invoices.csv": INVOICES_EN, "payments.csv": payments},
        {
            "invoices": {"path": "invoices.csv"},
            "payments": {"path": "payments.csv", "on_error": "skip"},
        },
    )
    report = validate_engagement(eng)
    assert report.blocking
    assert report.errors[0].message.startswith("the table payments is empty: none of the 30")
    text = validation_text(report, "en")
    assert "payments: 0 rows used of 30 read (payments.csv); left out: 30 with problems" in text
    # The 30 rows left out are not all listed: the first 20, then a count.
    assert "… and 10 more (all with --json)" in text
    assert len(report.as_dict()["excluded"]) == 30  # type: ignore[arg-type]
    german = validation_text(report, "de")
    assert "die Tabelle payments ist leer: keine der 30 gelesenen Zeilen" in german
    assert "… und 10 weitere (alle mit --json)" in german


def test_filter_is_counted(tmp_path: Path) -> None:
    eng = en_invoices(tmp_path, filter={"customer_id": ["C1"]})
    [account] = validate_engagement(eng).accounting
    assert account["rows_read"] == 2
    assert account["used"] == {"invoices": 1}
    assert account["left_out"] == {"filter": 1}


def test_presets_are_shipped() -> None:
    assert set(preset_names()) >= {
        "sap-fbl5n",
        "datev-opos",
        "bc-customer-ledger",
        "xero-aged-receivables",
        "quickbooks-ar-aging",
    }


def test_a_file_that_gives_no_table_still_stands_in_the_accounting(tmp_path: Path) -> None:
    # A header-only invoices file (as `kit new` writes it) blocks, and still has its row.
    eng = engagement(
        tmp_path,
        {"invoices.csv": INVOICES_EN.splitlines()[0] + "\n"},
        {"invoices": {"path": "invoices.csv"}},
    )
    report = validate_engagement(eng)
    assert report.blocking
    [account] = report.accounting
    assert account["source"] == "invoices"
    assert account["rows_read"] == 0
    assert account["used"] == {"invoices": 0}
