"""Reader options: separator sniffing, quoting, BOM, encodings, limits, XLSX, Parquet."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from ingest_helpers import INVOICES_EN, de_invoices, en_invoices, engagement

from kit.engagement import Source
from kit.errors import DataError
from kit.ingest import load_ledger, read_table, readers, validate_engagement


def _src(path: str, **options: object) -> Source:
    return Source.model_validate({"path": path, **options})


@pytest.mark.parametrize("sep", [";", ",", "\t", "|"])
def test_separator_is_sniffed_when_absent(tmp_path: Path, sep: str) -> None:
    (tmp_path / "f.csv").write_text(f"a{sep}b{sep}c\n1{sep}2{sep}3\n4{sep}5{sep}6\n")
    frame = read_table(_src("f.csv"), root=tmp_path, table="invoices")
    assert list(frame.columns) == ["a", "b", "c"]
    # header is row 1, so the two data rows are rows 2 and 3
    assert list(frame.index) == [2, 3]
    assert frame.loc[3, "c"] == "6"


def test_quoted_fields_keep_the_separator_and_leading_zeros(tmp_path: Path) -> None:
    (tmp_path / "f.csv").write_text('id;name\n"007";"Müller; Söhne"\n')
    frame = read_table(_src("f.csv"), root=tmp_path, table="customers")
    assert frame.loc[2, "id"] == "007"
    assert frame.loc[2, "name"] == "Müller; Söhne"


def test_bom_is_dropped_from_the_first_header(tmp_path: Path) -> None:
    (tmp_path / "f.csv").write_bytes("\ufeffid;x\n1;2\n".encode())
    frame = read_table(_src("f.csv"), root=tmp_path, table="customers")
    assert list(frame.columns) == ["id", "x"]


def test_cp1252_file_reads_with_encoding_option(tmp_path: Path) -> None:
    (tmp_path / "f.csv").write_bytes("id;name\n1;Müller\n".encode("cp1252"))
    frame = read_table(_src("f.csv", encoding="cp1252"), root=tmp_path, table="customers")
    assert frame.loc[2, "name"] == "Müller"


def test_encoding_error_names_byte_offset_and_hint(tmp_path: Path) -> None:
    data = b"id;name\n1;M" + "ü".encode("cp1252") + b"ller\n"
    (tmp_path / "f.csv").write_bytes(data)
    with pytest.raises(DataError) as caught:
        read_table(_src("f.csv"), root=tmp_path, table="customers")
    # "id;name\n" is 8 bytes, "1;M" 3 more: the bad byte 0xFC sits at offset 11
    assert "byte 11" in caught.value.message
    assert caught.value.hint is not None and "cp1252" in caught.value.hint


def test_encoding_error_beyond_the_sample_is_found(tmp_path: Path) -> None:
    body = "".join(f"{i};name{i}\n" for i in range(20000)).encode()
    (tmp_path / "f.csv").write_bytes(b"id;name\n" + body + b"9;\xfc\n")
    with pytest.raises(DataError) as caught:
        read_table(_src("f.csv"), root=tmp_path, table="customers")
    offset = 8 + len(body) + 2  # header, all good rows, then "9;"
    assert f"byte {offset}" in caught.value.message


def test_file_over_the_size_limit_is_refused_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "f.csv").write_text("id\n" + "1\n" * 100)
    monkeypatch.setattr(readers, "MAX_FILE_BYTES", 50)
    monkeypatch.setattr(readers, "_read_csv", lambda *a: pytest.fail("file was read"))
    with pytest.raises(DataError, match="at most 50 bytes"):
        read_table(_src("f.csv"), root=tmp_path, table="customers")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"   \n\n", "empty"),
        (b"invoice_id;amount\n", "no data rows"),
        (b"\x00\x01\x02garbage\xff\x00", "binary data"),
        (b"PK\x03\x04rest-of-zip", "zip/Excel"),
    ],
)
def test_unreadable_files_give_clear_errors(tmp_path: Path, content: bytes, message: str) -> None:
    (tmp_path / "f.csv").write_bytes(content)
    with pytest.raises(DataError, match=message) as caught:
        read_table(_src("f.csv"), root=tmp_path, table="invoices")
    assert caught.value.path == str(tmp_path / "f.csv")


def test_row_with_extra_fields_names_the_row(tmp_path: Path) -> None:
    (tmp_path / "f.csv").write_text("a;b\n1;2\n3;4\n5;6;7\n")
    with pytest.raises(DataError) as caught:
        read_table(_src("f.csv", sep=";"), root=tmp_path, table="customers")
    # header row 1, data rows 2, 3, 4: the bad one is row 4
    assert caught.value.row == 4
    assert "3 fields" in caught.value.message


def test_skiprows_shifts_row_numbers(tmp_path: Path) -> None:
    (tmp_path / "f.csv").write_text("Export vom 01.07.2026\n\nid;x\n1;2\n")
    frame = read_table(_src("f.csv", skiprows=2), root=tmp_path, table="customers")
    # two title lines, header = row 3, first data row = 4
    assert list(frame.index) == [4]


def _workbook(path: Path, sheet: str = "Rechnungen") -> None:
    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    first.title = "Info"
    first.append(["nothing here"])
    ws = book.create_sheet(sheet)
    ws.append(["Offene Posten Acme GmbH, Stand 30.06.2026"])
    ws.append(["Belegnr", "Kunde", "Datum", "Faellig", "Betrag"])
    ws.append(["00101", "K1", "01.03.2026", "31.03.2026", 100.5])
    ws.append([102, "K2", "05.03.2026", "04.04.2026", 200])
    ws.append([None, "Summe", None, None, 300.5])
    book.save(path)


#: The columns and date format of the German open-items workbooks below.
_GERMAN_WORKBOOK = {
    "date_format": "%d.%m.%Y",
    "columns": {
        "Belegnr": "invoice_id",
        "Kunde": "customer_id",
        "Datum": "issue_date",
        "Faellig": "due_date",
        "Betrag": "amount",
    },
}


def test_xlsx_with_title_row_and_totals_row(tmp_path: Path) -> None:
    _workbook(tmp_path / "op.xlsx")
    source = {
        "path": "op.xlsx",
        "sheet": "Rechnungen",
        "skiprows": 1,
        **_GERMAN_WORKBOOK,
    }
    ledger = load_ledger(engagement(tmp_path, {}, {"invoices": source}))
    assert list(ledger.invoices["invoice_id"]) == ["00101", "102"]
    assert ledger.invoices["amount"].sum() == pytest.approx(300.5)  # 100.5 + 200, not the total
    [warning] = ledger.warnings
    # title row 1, header row 2, data rows 3 and 4, totals row 5
    assert warning.row == 5
    assert warning.column == "Kunde"  # where "Summe" stands, not the blank id
    assert "totals row" in warning.message


def test_xlsx_sheet_by_index_and_unknown_sheet(tmp_path: Path) -> None:
    _workbook(tmp_path / "op.xlsx")
    frame = read_table(_src("op.xlsx", sheet=1, skiprows=1), root=tmp_path, table="invoices")
    assert list(frame.index) == [3, 4]
    with pytest.raises(DataError) as caught:
        read_table(_src("op.xlsx", sheet="Tabelle9"), root=tmp_path, table="invoices")
    assert caught.value.expected == "Info, Rechnungen"


def test_broken_xlsx_is_refused(tmp_path: Path) -> None:
    (tmp_path / "x.xlsx").write_bytes(b"not a zip at all")
    with pytest.raises(DataError, match="not a readable XLSX"):
        read_table(_src("x.xlsx"), root=tmp_path, table="invoices")


def test_parquet_keeps_types(tmp_path: Path) -> None:
    pd.DataFrame(
        {
            "invoice_id": ["001", "002"],
            "customer_id": ["C1", "C1"],
            "issue_date": pd.to_datetime(["2026-03-01", "2026-03-02"]),
            "due_date": pd.to_datetime(["2026-03-31", "2026-04-01"]),
            "amount": [10.0, 20.0],
        }
    ).to_parquet(tmp_path / "inv.parquet")
    ledger = load_ledger(engagement(tmp_path, {}, {"invoices": {"path": "inv.parquet"}}))
    assert list(ledger.invoices["invoice_id"]) == ["001", "002"]
    assert str(ledger.invoices["issue_date"].dtype) == "datetime64[ns]"


def test_ids_keep_leading_zeros_and_dates_are_midnight(tmp_path: Path) -> None:
    ledger = load_ledger(de_invoices(tmp_path))
    assert list(ledger.invoices["invoice_id"]) == ["00101", "00102", "00103"]
    assert str(ledger.invoices["due_date"].dtype) == "datetime64[ns]"
    assert ledger.invoices["amount"].tolist() == [1234.56, 500.0, 99.9]
    assert ledger.invoices["disputed"].tolist() == [False, True, False]


def test_dayfirst_without_format(tmp_path: Path) -> None:
    text = INVOICES_EN.replace("2026-03-05", "05/03/2026").replace("2026-03-01", "01/03/2026")
    text = text.replace("2026-03-31", "31/03/2026").replace("2026-04-04", "04/04/2026")
    ledger = load_ledger(en_invoices(tmp_path, text, dayfirst=True))
    assert ledger.invoices["issue_date"].tolist() == [
        pd.Timestamp("2026-03-01"),
        pd.Timestamp("2026-03-05"),
    ]


def test_xlsx_with_title_rows_suggests_skiprows(tmp_path: Path) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Offene Posten"])
    sheet.append(["Stand 30.06.2026"])
    sheet.append([])
    sheet.append(["Belegnr", "Kunde", "Datum", "Faellig", "Betrag"])
    sheet.append(["1", "K1", "01.06.2026", "01.07.2026", 10.0])
    book.save(tmp_path / "op.xlsx")
    source = {
        "path": "op.xlsx",
        **_GERMAN_WORKBOOK,
    }
    report = validate_engagement(engagement(tmp_path, {}, {"invoices": source}))
    [problem] = report.errors
    assert problem.message == "the header row is row 4: the rows above it are titles"
    assert problem.expected == "skiprows: 3 for this source"
    assert "Unnamed" not in problem.describe("de")
    assert "skiprows: 3 für diese Quelle" in problem.describe("de")
