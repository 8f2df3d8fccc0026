from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from kit.errors import DataError
from kit.ingest import xlsx_limits
from kit.ingest.xlsx_limits import check_package, check_sheet

SHEET = "xl/worksheets/sheet1.xml"


def _xlsx(path: Path, sheet: bytes, *, strings: bytes = b"<sst/>") -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(SHEET, sheet)
        archive.writestr("xl/sharedStrings.xml", strings)
    return path


def _sheet(cells: str, dimension: str = "A1:C3") -> bytes:
    return (
        f'<worksheet><dimension ref="{dimension}"/><sheetData><row r="2">{cells}</row>'
        "</sheetData></worksheet>"
    ).encode()


def test_formulas_without_saved_values_are_named_by_cell(tmp_path: Path) -> None:
    cells = (
        '<c r="A2"><f>1+1</f><v>2</v></c>'  # saved value: fine
        '<c r="B2"><f>TODAY()</f></c>'  # no value
        '<c r="C2" t="str"><f>A1</f><v></v></c>'  # empty value
        '<x:c r="D2"><x:f t="shared" si="0"/></x:c>'  # prefixed, shared formula, no value
    )
    problems = check_sheet(_xlsx(tmp_path / "a.xlsx", _sheet(cells)), SHEET, sheet="S")
    assert [(p.column, p.row) for p in problems] == [("B2", 2), ("C2", 2), ("D2", 2)]
    assert {p.message for p in problems} == {"formula without a saved value"}


def test_many_formulas_are_listed_ten_then_counted(tmp_path: Path) -> None:
    cells = "".join(f'<c r="A{i}"><f>1</f></c>' for i in range(2, 27))  # 25 cells
    problems = check_sheet(_xlsx(tmp_path / "a.xlsx", _sheet(cells)), SHEET, sheet="S")
    assert len(problems) == 11
    assert problems[-1].message == "15 more formula cells without a saved value"


def test_formula_across_a_chunk_boundary_is_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(xlsx_limits, "_CHUNK", 64)
    cells = '<c r="A2"><v>1</v></c>' * 20 + '<c r="Q7"><f>SUM(A1:A9)</f></c>'
    problems = check_sheet(_xlsx(tmp_path / "a.xlsx", _sheet(cells)), SHEET, sheet="S")
    assert [p.column for p in problems] == ["Q7"]


def test_declared_dimension_is_bounded(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "a.xlsx", _sheet("", dimension="A1:XFD1048576"))
    with pytest.raises(DataError, match=r"1,048,576 rows × 16,384 columns"):
        check_sheet(path, SHEET, sheet="S")


def test_a_cell_longer_than_excel_allows_is_refused(tmp_path: Path) -> None:
    long = '<c r="A2" t="inlineStr"><is><t>' + "x" * 200_000 + "</t></is></c>"
    with pytest.raises(DataError, match="more than 32,767 characters"):
        check_sheet(_xlsx(tmp_path / "a.xlsx", _sheet(long)), SHEET, sheet="S")
    strings = b"<sst><si><t>" + b"y" * 200_000 + b"</t></si></sst>"
    with pytest.raises(DataError, match="more than 32,767 characters"):
        check_package(_xlsx(tmp_path / "b.xlsx", _sheet(""), strings=strings))


def test_unpacked_size_is_checked_from_the_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(xlsx_limits, "MAX_UNPACKED_BYTES", 10_000)
    path = _xlsx(tmp_path / "a.xlsx", _sheet("<c/>" * 5_000))
    with pytest.raises(DataError, match="workbook unpacks to 20,") as info:
        check_package(path)
    assert info.value.value == SHEET


def test_a_ledger_workbook_is_read_within_the_same_limits(tmp_path: Path) -> None:
    from openpyxl import Workbook

    from kit.engagement import LedgerSource
    from kit.ingest.ledger_read import read_ledger_file

    wb = Workbook()
    ws = wb.active
    ws.append(["Konto", "Belegnummer", "Belegart", "Belegdatum", "Betrag in Hauswährung"])
    ws.append(["1000", "4711", "RV", "01.06.2026", "=2*50"])  # saved without a value
    path = tmp_path / "FBL5N.xlsx"
    wb.save(path)
    source = LedgerSource(path=path, preset="sap-fbl5n")
    with pytest.raises(DataError) as info:
        read_ledger_file(source, root=tmp_path)
    assert "formula without a saved value" in info.value.describe("en")
