from __future__ import annotations

import pandas as pd
import pytest
from openpyxl import load_workbook
from strategy_ledgers import AS_OF, invoice, ledger_from

from kit.errors import ConfigError
from kit.steps.strategy.handover import export_handover
from kit.strategy.agency import agency_handover


def _ledger():
    rows = [
        invoice("0001", "C1", "2026-03-01", 5000, late=None),  # 121 days overdue, open
        invoice("0002", "C1", "2026-04-01", 800, late=None),  # exactly 90 days overdue
        invoice("0003", "C2", "2026-04-02", 9000, late=None),  # 89 days: below threshold
        invoice("0004", "C2", "2026-01-15", 7000, late=None, disputed=True),  # flagged
        invoice("0005", "C3", "2026-02-01", 3000, late=None),  # dispute open in table
        invoice("0006", "C3", "2026-02-01", 2000, late=None),  # dispute resolved -> hand over
        invoice("0007", "C3", "2026-01-01", 50, late=None),  # below min amount 100
        invoice("0008", "C4", "2026-01-01", 4000, late=10),  # paid
    ]
    ledger = ledger_from(
        rows,
        customers=pd.DataFrame(
            {"customer_id": ["C1", "C3"], "name": ["Müller GmbH", "Özdemir KG"]}
        ),
        disputes=pd.DataFrame(
            {
                "invoice_id": ["0005", "0006"],
                "opened_date": pd.to_datetime(["2026-02-10", "2026-02-10"]),
                "resolved_date": pd.to_datetime([None, "2026-03-01"]),
            }
        ),
        dunning_events=pd.DataFrame(
            {
                "invoice_id": ["0001", "0001", "0001", "0001", "0002"],
                "timestamp": pd.to_datetime(
                    [
                        "2026-03-08 09:00",
                        "2026-03-22 09:00",
                        "2026-04-20 09:00",
                        "2026-04-20 10:00",
                        "2026-07-05 09:00",
                    ]
                ),
                "channel": ["email", "sms", "letter", "letter", "letter"],
                "event": ["sent", "sent", "sent", "delivered", "sent"],
            }
        ),
    )
    # 0001 is partly paid: 1,500 of 5,000 on 15 March -> 3,500 open
    extra = pd.DataFrame(
        {"invoice_id": ["0001"], "payment_date": [pd.Timestamp("2026-03-15")], "amount": [1500.0]}
    )
    ledger.payments = pd.concat([ledger.payments, extra], ignore_index=True)
    return ledger


def test_handover_selects_undisputed_long_overdue_invoices():
    out = agency_handover(_ledger(), as_of=AS_OF.date(), days_overdue=90, min_amount=100)
    # 0001: 3,500 open, 30 Jun - 1 Mar = 121 days; 0006: 2,000, 149 days; 0002: 800, 90 days
    assert out["invoice_id"].tolist() == ["0001", "0006", "0002"]
    assert out["open_amount"].tolist() == [3500.0, 2000.0, 800.0]
    assert out["amount"].tolist() == [5000.0, 2000.0, 800.0]
    assert out["days_overdue"].tolist() == [121, 149, 90]
    assert out["customer_name"].tolist() == ["Müller GmbH", "Özdemir KG", "Müller GmbH"]
    first = out.iloc[0]
    # three reminders sent for 0001 (email, sms, letter); the 'delivered' event is not one
    assert (first["reminders_sent"], first["last_channel"]) == (3, "letter")
    assert first["last_reminder_date"] == pd.Timestamp("2026-04-20")
    # the letter for 0002 goes out after as_of: not counted
    assert out.iloc[2]["reminders_sent"] == 0


def test_threshold_and_min_amount():
    out = agency_handover(_ledger(), as_of=AS_OF.date(), days_overdue=120)
    # 121 and 149 days pass; without a minimum the 50 of 0007 (180 days) joins
    assert out["invoice_id"].tolist() == ["0001", "0006", "0007"]
    with pytest.raises(ConfigError, match="days overdue"):
        agency_handover(_ledger(), as_of=AS_OF.date(), days_overdue=0)


@pytest.mark.parametrize("language", ["de", "en"])
def test_export_opens_with_expected_rows(tmp_path, language):
    out = agency_handover(_ledger(), as_of=AS_OF.date(), days_overdue=90, min_amount=100)
    csv_path, xlsx_path = export_handover(out, tmp_path, language=language)
    assert not list(tmp_path.glob(".*"))  # no temp files left
    assert csv_path.read_bytes()[:3] == b"\xef\xbb\xbf"  # BOM for Excel
    if language == "de":
        back = pd.read_csv(
            csv_path, sep=";", decimal=",", encoding="utf-8-sig", dtype={"Rechnungsnr.": str}
        )
        assert back["Rechnungsnr."].tolist() == ["0001", "0006", "0002"]
        assert back["Offener Betrag"].tolist() == [3500.0, 2000.0, 800.0]
        assert back["Fälligkeitsdatum"].iloc[0] == "01.03.2026"
        assert "3500,00" in csv_path.read_text(encoding="utf-8-sig")
    else:
        back = pd.read_csv(csv_path, encoding="utf-8-sig", dtype={"Invoice": str})
        assert back["Invoice"].tolist() == ["0001", "0006", "0002"]
        assert back["Due date"].iloc[0] == "2026-03-01"
    wb = load_workbook(xlsx_path)
    ws = wb.active
    rows = list(ws.iter_rows(values_only=True))
    assert len(rows) == 4  # header + 3 invoices
    assert rows[1][2] == "0001"  # leading zeros kept
    assert rows[1][6] == 3500.0
    assert ws["A1"].font.bold
    assert ws.freeze_panes == "A2"
    assert ws["G2"].number_format == "#,##0.00"
    assert ws["E2"].number_format == ("DD.MM.YYYY" if language == "de" else "YYYY-MM-DD")
    assert ws.column_dimensions["B"].width >= len("Müller GmbH")
    frame = pd.read_excel(xlsx_path, dtype={rows[0][2]: str})
    assert len(frame) == 3


def test_export_of_empty_list_has_header_only(tmp_path):
    out = agency_handover(_ledger(), as_of=AS_OF.date(), days_overdue=400)
    assert out.empty
    csv_path, xlsx_path = export_handover(out, tmp_path, language="en")
    assert pd.read_csv(csv_path, encoding="utf-8-sig").empty
    assert load_workbook(xlsx_path).active.max_row == 1


HOSTILE_NAME = '=HYPERLINK("http://x","click")'


@pytest.mark.parametrize("language", ["de", "en"])
def test_export_never_writes_a_formula(tmp_path, language):
    import csv

    ledger = _ledger()
    ledger.customers = pd.DataFrame(
        {"customer_id": ["C1", "C3"], "name": [HOSTILE_NAME, "@SUM(A1:A2)"]}
    )
    out = agency_handover(ledger, as_of=AS_OF.date(), days_overdue=90, min_amount=100)
    out["customer_id"] = ["=1+1", "+49 30", "-2"]
    out.loc[0, "invoice_id"] = "@cmd"
    csv_path, xlsx_path = export_handover(out, tmp_path, language=language)

    with csv_path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";" if language == "de" else ","))
    body = rows[1:]
    # every text cell that would start a formula carries a leading quote (OWASP)
    assert [r[0] for r in body] == ["'=1+1", "'+49 30", "'-2"]
    assert [r[1] for r in body] == ["'" + HOSTILE_NAME, "'@SUM(A1:A2)", "'" + HOSTILE_NAME]
    assert body[0][2] == "'@cmd"
    assert body[1][2] == "0006"  # plain ids untouched

    ws = load_workbook(xlsx_path).active
    cell = ws["B2"]
    assert (cell.data_type, cell.value) == ("s", HOSTILE_NAME)
    assert (ws["A2"].data_type, ws["A2"].value) == ("s", "=1+1")
    assert (ws["C2"].data_type, ws["C2"].value) == ("s", "@cmd")
    kinds = {c.data_type for row in ws.iter_rows() for c in row}
    assert "f" not in kinds  # not one formula in the workbook
    # the raw sheet XML holds no <f> element either
    import zipfile

    with zipfile.ZipFile(xlsx_path) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and "<f " not in sheet
