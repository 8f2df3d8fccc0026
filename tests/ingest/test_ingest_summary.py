"""The validation summary: blocking flag, counts, JSON and readable text in English and German."""

from __future__ import annotations

import json
from pathlib import Path

from ingest_helpers import INVOICES_DE, de_invoices

from kit.cli.validation import validation_text
from kit.ingest import validate_engagement


def test_report_of_a_bad_file(tmp_path: Path) -> None:
    report = validate_engagement(de_invoices(tmp_path, INVOICES_DE.replace("500,00", "x")))
    assert report.blocking
    assert report.counts == {"invoices": 3}
    data = report.as_dict()
    assert json.loads(json.dumps(data))["valid"] is False
    [error] = data["errors"]  # type: ignore[misc]
    assert error["row"] == 3 and error["column"] == "Betrag" and error["value"] == "x"
    english = validation_text(report)
    assert "Data NOT valid" in english and "invoices: 3 rows" in english
    assert "row 3, column 'Betrag': not a number (found 'x')" in english
    german = validation_text(report, "de")
    assert "Daten NICHT gültig" in german and "invoices: 3 Zeilen" in german
    assert "Zeile 3, Spalte 'Betrag': keine Zahl (gefunden 'x'); erwartet " in german
    assert f"{tmp_path / 'rechnungen.csv'}, Zeile 3" in german


def test_report_never_raises_for_missing_files(tmp_path: Path) -> None:
    eng = de_invoices(tmp_path)
    (tmp_path / "rechnungen.csv").unlink()
    report = validate_engagement(eng)
    assert report.blocking
    assert report.errors[0].message == "data file not found"
    assert report.as_dict()["valid"] is False


def test_valid_report(tmp_path: Path) -> None:
    report = validate_engagement(de_invoices(tmp_path))
    assert not report.blocking
    assert validation_text(report, "de").splitlines()[0] == "Daten gültig"
    assert report.as_dict()["tables"] == {
        "invoices": {
            "path": str(tmp_path / "rechnungen.csv"),
            "rows": 3,
            "filtered": 0,
            "excluded": 0,
        }
    }
