"""Each shipped preset loads its own realistic fixture (ledgers.md, "Presets"), with hand-worked
open-item KPIs at the export date; open-items presets give null with the reason for the rest, and
every row read is accounted for."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from kit.cli.commands import kpis_command
from kit.engagement import load_engagement
from kit.errors import ConfigError
from kit.ingest import load_ledger
from kit.ingest.load import ingest
from kit.kpis import compute_kpis, kpi_series
from kit.kpis.open_items import HISTORY_KPIS
from tests.ingest.conftest import assert_aging

LEDGERS = Path(__file__).parent / "ledgers"
E = date(2026, 6, 30)
FIXTURES = {
    "sap-fbl5n": "fbl5n_de.csv",
    "sap-fbl5n-en": "fbl5n_en.csv",
    "datev-opos": "datev_opos.csv",
    "bc-customer-ledger": "bc_customer_ledger.xlsx",
    "xero-aged-receivables": "xero_aged_receivables.csv",
    "quickbooks-ar-aging": "quickbooks_ar_aging.csv",
}


def _engagement(tmp_path: Path, preset: str, extra: str = "") -> Path:
    fixture = FIXTURES[preset]
    (tmp_path / "data").mkdir(exist_ok=True)
    shutil.copy(LEDGERS / fixture, tmp_path / "data" / fixture)
    (tmp_path / "engagement.yaml").write_text(
        "client: Test\nlanguage: en\ndata:\n  ledger:\n"
        f"    path: data/{fixture}\n    preset: {preset.removesuffix('-en')}\n"
        f"    extracted_on: 2026-06-30\n{extra}",
        encoding="utf-8",
    )
    return tmp_path


@pytest.mark.parametrize("preset", list(FIXTURES))
def test_every_row_read_is_accounted_for(tmp_path: Path, preset: str) -> None:
    result = ingest(load_engagement(_engagement(tmp_path, preset)))
    assert result.errors == []
    for account in result.accounts:
        assert account.rows_used + account.rows_left_out == account.rows_read
        assert account.rows_read > 0


def test_fbl5n_english_headers_give_the_german_figures(tmp_path: Path) -> None:
    v = compute_kpis(load_ledger(load_engagement(_engagement(tmp_path, "sap-fbl5n-en"))), as_of=E)
    # The same items as fbl5n_de.csv (see test_ingest_ledger_items): AR 5200, open credits 750.
    assert v.values["ar_total"] == pytest.approx(5200.0)
    assert v.values["open_credits"] == pytest.approx(750.0)
    assert v.values["credit_sales"] == pytest.approx(5700.0)
    assert v.values["collection_rate"] == pytest.approx(3150 / 6700 * 100)


def test_datev_open_items(tmp_path: Path) -> None:
    eng = load_engagement(_engagement(tmp_path, "datev-opos"))
    assert eng.as_of == E  # an open-items list is read as of its export date
    r = compute_kpis(load_ledger(eng), as_of=E)
    v = r.values
    # Open invoices: RE-101 1500 (due 15.05, dpd 46), RE-140 2380 (current), RE-090 900 (due
    # 31.03, dpd 91), RE-150 1190 (current) → AR 5970, current 3570.
    assert v["ar_total"] == pytest.approx(5970.0)
    assert v["ar_current"] == pytest.approx(2380 + 1190)
    assert v["ar_overdue"] == pytest.approx(1500 + 900)
    assert v["pct_current"] == pytest.approx(3570 / 5970 * 100)
    # Haben rows: credit GS-007 238 + prepayment AZ-003 400 = 638; net = the list's Saldo 5332.
    assert v["open_credits"] == pytest.approx(638.0)
    assert v["ar_net"] == pytest.approx(5332.0)
    assert_aging(r.aging, 3570.0, 0.0, 1500.0, 0.0, 900.0, 0.0)
    for kpi in HISTORY_KPIS:
        assert v[kpi] is None
        assert "only open items (extracted 2026-06-30)" in r.notes[kpi]


def test_open_items_refuse_another_as_of_date(tmp_path: Path) -> None:
    eng = load_engagement(_engagement(tmp_path, "datev-opos"))
    ledger = load_ledger(eng)
    with pytest.raises(ConfigError) as err:
        kpis_command(eng, ledger, as_of=date(2026, 5, 31))
    assert "extracted on 2026-06-30" in err.value.message
    assert err.value.expected == "the date of extracted_on (2026-06-30)"
    # Inside a report (a baseline, a month of a trend) another date gives null, not a crash.
    earlier = compute_kpis(ledger, as_of=date(2026, 5, 31))
    assert all(value is None for value in earlier.values.values())
    assert "no KPI at another date" in earlier.notes["ar_total"]
    series = kpi_series(ledger, as_of=E, months=3)
    assert series["ar_total"].isna().tolist() == [True, True, False]


def test_open_items_as_of_in_engagement_must_be_extracted_on(tmp_path: Path) -> None:
    root = _engagement(tmp_path, "datev-opos")
    text = (root / "engagement.yaml").read_text(encoding="utf-8")
    (root / "engagement.yaml").write_text("as_of: 2026-07-31\n" + text, encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_engagement(root)
    assert "differs from data.ledger.extracted_on 2026-06-30" in err.value.message


def test_xero_contact_groups_and_totals(tmp_path: Path) -> None:
    result = ingest(load_engagement(_engagement(tmp_path, "xero-aged-receivables")))
    inv = result.tables["invoices"]
    assert inv.set_index("invoice_id")["customer_id"].to_dict() == {
        "INV-0041": "Bayside Club",
        "INV-0033": "Bayside Club",
        "INV-0012": "City Agency",
    }
    account = result.accounts[0]
    # 2 contact rows, 3 total rows (two contacts, one grand total), 4 items.
    assert account.left_out == {"heading": 2, "subtotal": 3}
    assert account.used == {"invoices": 3, "residual_items": 0, "payments": 1, "credit_notes": 0}
    r = compute_kpis(load_ledger(load_engagement(tmp_path)), as_of=E)
    # INV-0041 1200 current; INV-0033 500 due 19 Jun (dpd 11); INV-0012 750 due 1 Apr (dpd 90).
    assert r.values["ar_total"] == pytest.approx(2450.0)
    assert r.aging["amount"]["61-90"] == pytest.approx(750.0)
    assert r.values["ar_net"] == pytest.approx(2450 - 100)  # the grand total 2,350.00


def test_xero_total_that_differs_is_a_warning(tmp_path: Path) -> None:
    root = _engagement(tmp_path, "xero-aged-receivables")
    csv = root / "data" / FIXTURES["xero-aged-receivables"]
    csv.write_text(csv.read_text().replace('"2,350.00"', '"1,250.00"'))
    result = ingest(load_engagement(root))
    assert result.errors == []
    [total] = [w for w in result.warnings if w.message.startswith("the total row shows")]
    assert total.message == "the total row shows 1,250.00, the items above it sum to 2,350.00"
    assert total.describe("de").endswith(
        "die Summenzeile zeigt 1.250,00, die Posten darüber ergeben 2.350,00; erwartet die Summe "
        "der Posten (eine abweichende Summe wird gemeldet, nicht verwendet)"
    )


def test_quickbooks_bucket_sections(tmp_path: Path) -> None:
    result = ingest(load_engagement(_engagement(tmp_path, "quickbooks-ar-aging")))
    account = result.accounts[0]
    # 3 bucket headings + the print date line; 3 "Total for …" rows + TOTAL.
    assert account.left_out == {"heading": 4, "subtotal": 4}
    r = compute_kpis(load_ledger(load_engagement(tmp_path)), as_of=E)
    # Open balances: 1037 362.07 current, 1021 400 (due 9 Jun, dpd 21), 1003 81 (dpd 146).
    assert r.values["ar_total"] == pytest.approx(362.07 + 400 + 81)
    assert r.values["open_credits"] == pytest.approx(50 + 25)
    assert r.values["ar_net"] == pytest.approx(768.07)
    assert r.aging["amount"]["91-180"] == pytest.approx(81.0)
    assert r.values["dso"] is None


def test_business_central_all_items(tmp_path: Path) -> None:
    r = compute_kpis(
        load_ledger(load_engagement(_engagement(tmp_path, "bc-customer-ledger"))), as_of=E
    )
    v = r.values
    # Open: 103002 2400 (due 19 Jun, dpd 11), 103003 800 (current); 103001 closed 2 May.
    assert v["ar_total"] == pytest.approx(3200.0)
    assert v["ar_current"] == pytest.approx(800.0)
    # Open credits: credit memo 104001 150 + payment on account 2606002 300.
    assert v["open_credits"] == pytest.approx(450.0)
    # W = 2 Apr … 30 Jun: invoices 1250 + 2400 + 800 − credit memo 150 = 4300.
    assert v["credit_sales"] == pytest.approx(4300.0)
    # Cash 1250 (2 May) + 300 (15 Jun); due in W 1250 (5 May) + 2400 (19 Jun).
    assert v["collection_rate"] == pytest.approx(1550 / 3650 * 100)
    # 103001: issued 5 Apr, settled 2 May = 27 days, 3 days early.
    assert v["days_to_pay"] == pytest.approx(27.0)
    assert v["days_late"] == pytest.approx(-3.0)


def test_preset_key_overridden_by_hand(tmp_path: Path) -> None:
    root = _engagement(
        tmp_path, "sap-fbl5n", "    document_types: {AB: other}\n    on_error: skip\n"
    )
    result = ingest(load_engagement(root))
    account = result.accounts[0]
    assert account.left_out["other_document_type"] == 1  # the residual item, now "other"
    assert account.used["invoices"] == 7


def test_preset_keys_are_keys_of_a_ledger_source() -> None:
    from kit.engagement import LedgerSource
    from kit.ingest.ledger_items import KINDS, LEDGER_COLUMNS
    from kit.ingest.presets import load_preset, preset_names

    for name in preset_names():
        preset = load_preset(name)
        variants = preset.pop("variants", [])
        assert set(preset) <= set(LedgerSource.model_fields), name
        for variant in variants:
            assert set(variant["set"]) <= set(LedgerSource.model_fields), name
        assert set(preset["columns"].values()) <= set(LEDGER_COLUMNS), name
        assert set(preset.get("document_types", {}).values()) <= set(KINDS), name


def test_engagement_column_wins_over_the_preset(tmp_path: Path) -> None:
    # Map the assignment (Zuordnung) to customer_id by hand: it beats the preset's Konto.
    root = _engagement(tmp_path, "sap-fbl5n", "    columns: {Zuordnung: customer_id}\n")
    result = ingest(load_engagement(root))
    customers = set(result.tables["invoices"]["customer_id"])
    assert customers == {"A-100", "A-101", "A-102", "B-200", "B-201", "C-301", "C-302"}
