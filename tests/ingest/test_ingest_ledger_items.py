"""Ledger sources (ledgers.md): the SAP FBL5N fixture loads with the preset and by hand, and every
KPI equals the hand-worked value (T = extracted_on = 2026-06-30, P = 90, W = 2026-04-01 … 06-30).

The fixture `ledgers/fbl5n_de.csv` (cp1252, `;`, 1.234,56 with trailing minus, three title lines):
  invoices  90000000 c10002 issued 10.01 due 09.02   500 cleared 05.02 by DZ 1400000000 (500)
            90000001 c10001 issued 05.03 due 04.04 1.200 cleared 10.04 by DZ 1400000001 (1.200)
            90000002 c10001 issued 15.04 due 15.05 2.000 cleared 20.05 by DZ 1400000002 (1.500)
  residual  1600000001 c10001 issued 20.05 due 15.05 500 open (the rest of 90000002)
  invoices  90000003 c10002 issued 10.05 due 09.06 3.000 open
            90000004 c10002 issued 01.06 due 01.07   800 cleared 15.06 by credit memo 17000002
            90000005 c10003 issued 20.06 due 20.07 1.000 open
            90000006 c10003 issued 15.01 due 14.02   700 open
  credits   DG 17000001 c10002 20.05 300 open (unapplied); DG 17000002 15.06 800 (applied)
            DZ 1400000003 c10003 25.06 450 open (a-conto payment)
  then a subtotal row `*` and a total row `**` (4.950,00 EUR).
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from kit.engagement import load_engagement
from kit.errors import ConfigError
from kit.ingest import load_ledger
from kit.ingest.load import ingest
from kit.kpis import compute_kpis
from tests.ingest.conftest import assert_aging

LEDGERS = Path(__file__).parent / "ledgers"
T = date(2026, 6, 30)

PRESET = """client: Musterfirma GmbH
language: de
data:
  ledger:
    path: data/fbl5n_de.csv
    preset: sap-fbl5n
    extracted_on: 2026-06-30
"""

BY_HAND = """client: Musterfirma GmbH
language: de
data:
  ledger:
    path: data/fbl5n_de.csv
    sep: ";"
    decimal: ","
    thousands: "."
    encoding: cp1252
    date_format: "%d.%m.%Y"
    columns: {Konto: customer_id, Belegnummer: document_id, Belegart: document_type,
              Belegdatum: issue_date, "Nettofälligkeit": due_date,
              "Betrag in Hauswährung": amount, "Hauswährung": currency,
              Ausgleichsdatum: cleared_date, Ausgleichsbeleg: clearing_id,
              Rechnungsbezug: invoice_ref}
    document_types: {RV: invoice, DR: invoice, DG: credit_note, DZ: payment, AB: residual}
    sign: signed
    contains: all_items
    extracted_on: 2026-06-30
"""


def _engagement(tmp_path: Path, text: str, fixture: str = "fbl5n_de.csv") -> Path:
    (tmp_path / "data").mkdir(exist_ok=True)
    shutil.copy(LEDGERS / fixture, tmp_path / "data" / fixture)
    (tmp_path / "engagement.yaml").write_text(text, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("text", [PRESET, BY_HAND], ids=["preset", "by_hand"])
def test_fbl5n_kpis_equal_hand_worked_values(tmp_path: Path, text: str) -> None:
    ledger = load_ledger(load_engagement(_engagement(tmp_path, text)))
    r = compute_kpis(ledger, as_of=T, period_days=90)
    v = r.values
    # Open invoices at T: residual 500 (dpd 46), 90000003 3000 (dpd 21), 90000005 1000 (current),
    # 90000006 700 (dpd 136) → AR = 5200; current 1000; overdue 4200.
    assert v["ar_total"] == pytest.approx(5200.0)
    assert v["ar_current"] == pytest.approx(1000.0)
    assert v["ar_overdue"] == pytest.approx(4200.0)
    assert v["pct_current"] == pytest.approx(1000 / 5200 * 100)
    # Open credits: credit memo 17000001 300 + a-conto payment 1400000003 450 = 750.
    assert v["open_credits"] == pytest.approx(750.0)
    assert v["ar_net"] == pytest.approx(5200 - 750)
    # Net credit sales: invoices issued in W 2000 + 3000 + 800 + 1000 (the residual is no sale)
    # − credit memos issued in W 300 + 800 = 6800 − 1100 = 5700.
    assert v["credit_sales"] == pytest.approx(5700.0)
    assert v["dso"] == pytest.approx(5200 / 5700 * 90)
    assert v["bpdso"] == pytest.approx(1000 / 5700 * 90)
    assert v["add"] == pytest.approx(4200 / 5700 * 90)
    # AR(T − P = 2026-04-01): 90000001 1200 + 90000006 700 = 1900.
    assert v["cei"] == pytest.approx((1900 + 5700 - 5200) / (1900 + 5700 - 1000) * 100)
    # Countback (gross sales): June 800 + 1000 = 1800 < 5200 → 30 d, R 3400; May 3000 → 31 d,
    # R 400; April 2000 → 400 / 2000 × 30 = 6 d: 67 days.
    assert v["dso_countback"] == pytest.approx(67.0)
    # Cash in W: 1200 (10.04) + 1500 (20.05) + 450 (25.06) = 3150; the credit memo is no cash.
    # Due in W: 90000001 1200 + 90000002 2000 + residual 500 + 90000003 3000 = 6700.
    assert v["collection_rate"] == pytest.approx(3150 / 6700 * 100)
    # Settled in W: 90000001 (36 days, 6 late), 90000002 (35 days, 5 late), 90000004 by the
    # credit memo alone (14 days, 16 early).
    assert v["days_to_pay"] == pytest.approx((1200 * 36 + 2000 * 35 + 800 * 14) / 4000)
    assert v["days_late"] == pytest.approx((1200 * 6 + 2000 * 5 - 800 * 16) / 4000)
    assert v["on_time_rate"] == pytest.approx(100 / 3)
    assert v["paid_within_45_rate"] == pytest.approx(100.0)
    assert_aging(r.aging, 1000.0, 3000.0, 500.0, 0.0, 700.0, 0.0)


def test_fbl5n_tables_and_row_accounting(tmp_path: Path) -> None:
    result = ingest(load_engagement(_engagement(tmp_path, PRESET)))
    assert result.errors == []
    inv = result.tables["invoices"]
    assert inv["residual"].sum() == 1
    residual = inv[inv["residual"]].iloc[0]
    assert residual["invoice_ref"] == "90000002"
    assert residual["due_date"] < residual["issue_date"]  # allowed for residual items
    notes = result.tables["credit_notes"]
    applied = notes.set_index("credit_note_id")["invoice_id"]
    assert applied.isna().to_dict() == {"17000001": True, "17000002": False}
    assert applied["17000002"] == "90000004"
    settles = result.tables["payments"].set_index("payment_id")["settles"]
    assert settles["1400000002"] == "90000002"  # the partial payment shares its clearing
    assert settles.isna()["1400000003"]  # the a-conto payment settles nothing yet
    account = result.accounts[0].as_dict()
    # 16 item rows and 2 total rows below the header: 7 + 1 + 2 + 4 used, 2 left out.
    assert account["rows_read"] == 16
    assert account["used"] == {"invoices": 7, "residual_items": 1, "credit_notes": 2, "payments": 4}
    assert account["left_out"] == {"subtotal": 2}
    assert account["left_out_amount"] == {"subtotal": pytest.approx(2 * 4950.0)}
    assert any("2 subtotal or total rows" in w.message for w in result.warnings)


def test_other_document_type_skipped_and_counted(tmp_path: Path) -> None:
    text = PRESET.replace("extracted_on", "on_error: skip\n    extracted_on")
    root = _engagement(tmp_path, text)
    csv = root / "data" / "fbl5n_de.csv"
    lines = csv.read_bytes().decode("cp1252").split("\r\n")
    at = next(i for i, line in enumerate(lines) if line.startswith("*;"))
    lines.insert(at, "10003;100000009;SA;30.06.2026;;30.06.2026;99,00;EUR;;;;;Umbuchung;")
    lines.insert(at, "10003;90000010;RV;30.06.2026;;30.07.2026;12,50-;EUR;;;;;Storno;")
    csv.write_bytes("\r\n".join(lines).encode("cp1252"))
    result = ingest(load_engagement(root))
    assert result.errors == []
    account = result.accounts[0]
    assert account.left_out["other_document_type"] == 1
    assert account.left_out_amount["other_document_type"] == pytest.approx(99.0)
    assert account.left_out["skipped_problem"] == 1  # a credit "invoice"
    assert account.left_out_amount["skipped_problem"] == pytest.approx(-12.5)
    assert account.rows_used + account.rows_left_out == account.rows_read == 18
    messages = [p.message for p in result.excluded]
    assert "document type not in document_types" in messages
    assert "the amount's sign contradicts the document type (type invoice)" in messages


def test_ledger_with_invoices_is_a_config_error(tmp_path: Path) -> None:
    text = PRESET + "  invoices:\n    path: data/fbl5n_de.csv\n"
    with pytest.raises(ConfigError) as err:
        load_engagement(_engagement(tmp_path, text))
    assert err.value.key == "data"
    assert "data.ledger replaces data.invoices" in err.value.message


def test_open_items_need_extracted_on(tmp_path: Path) -> None:
    text = PRESET.replace("    extracted_on: 2026-06-30\n", "    contains: open_items\n")
    with pytest.raises(ConfigError) as err:
        load_engagement(_engagement(tmp_path, text))
    assert "extracted_on" in err.value.message


def test_indicator_sign_and_unsettled_warning(tmp_path: Path) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "items.csv").write_text(
        "Konto;Beleg;Datum;Faellig;Betrag;SH\n"
        "k1;R1;01.06.2026;01.07.2026;1.000,00;S\n"
        "k1;G1;05.06.2026;;200,00;H\n"
        "k2;R2;10.06.2026;10.06.2026;300,00;Soll\n",
        encoding="utf-8",
    )
    (tmp_path / "engagement.yaml").write_text(
        "client: X\nlanguage: en\ndata:\n  ledger:\n    path: data/items.csv\n"
        '    sep: ";"\n    decimal: ","\n    thousands: "."\n    date_format: "%d.%m.%Y"\n'
        "    sign: indicator\n"
        "    columns: {Konto: customer_id, Beleg: document_id, Datum: issue_date,\n"
        "              Faellig: due_date, Betrag: amount, SH: debit_credit}\n",
        encoding="utf-8",
    )
    result = ingest(load_engagement(tmp_path))
    assert result.errors == []
    # Without document_types the sign decides: debits are invoices, credits payments.
    assert list(result.tables["invoices"]["amount"]) == [1000.0, 300.0]
    assert list(result.tables["payments"]["amount"]) == [200.0]
    messages = [w.message for w in result.warnings]
    assert any(m.startswith("no document_types given") for m in messages)
    # No payment is cleared, but one exists: no "open-items list?" warning.
    assert not any(m.startswith("no settled items") for m in messages)


def test_filter_on_a_ledger_is_counted_with_its_amount(tmp_path: Path) -> None:
    text = PRESET.replace("extracted_on", 'filter: {Konto: ["10003"]}\n    extracted_on')
    result = ingest(load_engagement(_engagement(tmp_path, text)))
    account = result.accounts[0]
    # Customer 10003 keeps 3 items (−450, +1000, +700); the 11 items of 10001 and 10002 are
    # left out by the filter: 500 − 500 + 1200 − 1200 + 2000 − 1500 + 500 + 3000 − 300 + 800 − 800.
    assert account.used == {"invoices": 2, "residual_items": 0, "credit_notes": 0, "payments": 1}
    assert account.left_out == {"subtotal": 2, "filter": 11}
    assert account.left_out_amount["filter"] == pytest.approx(3700.0)
    assert account.rows_used + account.rows_left_out == account.rows_read == 16


def test_all_items_without_any_settlement_warns(tmp_path: Path) -> None:
    shutil.copy(LEDGERS / "datev_opos.csv", tmp_path / "opos.csv")
    (tmp_path / "engagement.yaml").write_text(
        "client: X\ndata:\n  ledger:\n    path: opos.csv\n    preset: datev-opos\n"
        "    contains: all_items\n",
        encoding="utf-8",
    )
    # The DATEV list has credits (read as payments without document types): drop them.
    text = (tmp_path / "opos.csv").read_bytes().decode("cp1252").splitlines()
    kept = [line for line in text if ";;238,00;" not in line and ";;400,00;" not in line]
    (tmp_path / "opos.csv").write_bytes("\r\n".join(kept).encode("cp1252"))
    result = ingest(load_engagement(tmp_path))
    messages = [w.message for w in result.warnings]
    assert "no settled items: is this an open-items list? then set contains: open_items" in messages
