from pathlib import Path

from openpyxl import Workbook, load_workbook

from kit.spreadsheet import neutralise, set_text


def test_formula_leading_text_is_prefixed() -> None:
    assert neutralise('=HYPERLINK("http://x","click")') == '\'=HYPERLINK("http://x","click")'
    assert neutralise("+49 30 1234") == "'+49 30 1234"
    assert neutralise("-1") == "'-1"
    assert neutralise("@SUM(A1)") == "'@SUM(A1)"
    assert neutralise("\tcmd") == "'\tcmd"
    assert neutralise("Müller AG") == "Müller AG"
    assert neutralise("") == ""


def test_xlsx_text_cell_is_never_a_formula(tmp_path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    set_text(ws["A1"], '=HYPERLINK("http://x","click")')
    path = tmp_path / "x.xlsx"
    wb.save(path)
    cell = load_workbook(path).active["A1"]
    assert cell.data_type == "s"
    assert cell.value == '=HYPERLINK("http://x","click")'
