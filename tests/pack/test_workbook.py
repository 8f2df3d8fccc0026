"""The workbook: a sheet per report table, numbers as numbers, headers, client text as text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook

from kit.pack.collect import PackData
from kit.pack.workbook import Column, Sheet, Typed, build_sheets, write_workbook

GERMAN = [
    "Kennzahlen",
    "Altersstruktur",
    "Segmente",
    "Größte Überfällige",
    "Doppelarbeit",
    "Mahnstufen",
    "Arbeitsliste Inkasso",
    "Phasen",
    "Backlog",
    "Wirtschaftlichkeit",
    "Quellen",
]


@pytest.fixture(scope="module")
def workbook(pack_data: PackData, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("wb") / "kennzahlen.xlsx"
    return write_workbook(
        path, build_sheets(pack_data), language="de", currency="EUR", colour="#0b5394"
    )


def test_one_sheet_per_report_table_and_sources_last(workbook: Path) -> None:
    book = load_workbook(workbook)
    assert book.sheetnames == GERMAN


def test_every_sheet_has_a_frozen_bold_header_row(workbook: Path) -> None:
    book = load_workbook(workbook)
    for ws in book.worksheets:
        header = [c for c in ws[1] if c.value is not None]
        assert header and all(isinstance(c.value, str) and c.font.bold for c in header), ws.title
        assert ws.freeze_panes == "A2", ws.title
        assert ws.max_row >= 2, ws.title
        for letter, dim in ws.column_dimensions.items():
            assert 8 <= dim.width <= 60, (ws.title, letter)


def test_numbers_are_numbers_with_formats(workbook: Path, pack_data: PackData) -> None:
    book = load_workbook(workbook)
    kpis = book["Kennzahlen"]
    rows = {r[1].value: r for r in kpis.iter_rows(min_row=2)}
    dso = rows["dso"][2]
    assert isinstance(dso.value, float) and dso.number_format == "0.0"
    assert dso.value == pytest.approx(pack_data.kpis.values["dso"])  # type: ignore[union-attr]
    cei = rows["cei"][2]  # percent KPIs are stored as fractions under a percent format
    assert cei.number_format == "0.0%"
    assert cei.value == pytest.approx(pack_data.kpis.values["cei"] / 100)  # type: ignore[union-attr,operator]
    assert rows["ar_total"][2].number_format == '#,##0.00 "€"'
    aging = book["Altersstruktur"]
    amounts = [r[1].value for r in aging.iter_rows(min_row=2)]
    assert all(isinstance(a, float) for a in amounts)
    assert sum(amounts) == pytest.approx(pack_data.kpis.values["ar_total"])  # type: ignore[union-attr]
    shares = [r[3].value for r in aging.iter_rows(min_row=2)]
    assert sum(shares) == pytest.approx(1.0)
    phases = book["Phasen"]
    assert (
        isinstance(phases["C2"].value, dt.datetime) and phases["C2"].number_format == "dd.mm.yyyy"
    )
    worklist = book["Arbeitsliste Inkasso"]
    assert worklist["A2"].data_type == "s"  # customer number stays text: "0010093"
    assert str(worklist["A2"].value).startswith("0")


def test_every_numeric_column_holds_numbers_only(workbook: Path) -> None:
    book = load_workbook(workbook)
    for ws in book.worksheets:
        for column in ws.iter_cols(min_row=2):
            formats = {c.number_format for c in column if c.value is not None}
            numeric = {f for f in formats if f not in ("General", "@")}
            for cell in column:
                if cell.value is not None and cell.number_format in numeric:
                    assert isinstance(cell.value, int | float | dt.datetime), (ws.title, cell)


def test_sources_sheet_holds_accounting_and_formulas(workbook: Path) -> None:
    ws = load_workbook(workbook)["Quellen"]
    first = [r[0].value for r in ws.iter_rows(min_row=2)]
    rows = {r[0].value: r for r in ws.iter_rows(min_row=2)}
    assert "Datenbestand zum Stichtag 30.06.2026" in first
    assert rows["Rechnungen"][2].value == 5000 and rows["Rechnungen"][1].value == "rechnungen.csv"
    assert "Verwendete Formeln" in first
    assert any("Working Capital frei =" in str(r[1].value) for r in ws.iter_rows(min_row=2))


def test_client_text_is_never_a_formula(tmp_path: Path) -> None:
    sheet = Sheet(
        "Liste",
        (Column("Kunde"), Column("Betrag", "money")),
        (('=HYPERLINK("http://x")', 1.0), ("+49 30 1234", Typed(2.5, "number"))),
    )
    path = write_workbook(
        tmp_path / "x.xlsx", [sheet], language="en", currency="EUR", colour="#0b5394"
    )
    ws = load_workbook(path)["Liste"]
    assert ws["A2"].data_type == "s" and ws["A2"].value == '=HYPERLINK("http://x")'
    assert ws["A3"].data_type == "s" and ws["B3"].number_format == "#,##0.0"
    assert ws["B2"].number_format == '"€"#,##0.00'


def test_english_sheet_names(pack_data_en: PackData, tmp_path: Path) -> None:
    names = [s.name for s in build_sheets(pack_data_en)]
    assert names[0] == "KPIs" and names[-1] == "Sources" and "Worklist" in names
