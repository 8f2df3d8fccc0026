from __future__ import annotations

import shutil
import unicodedata
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from kit.engagement import load_engagement
from kit.ingest import load_ledger
from kit.ingest.plausibility import (
    amount_findings,
    header_problems,
    nfc_ids,
    overpayment_findings,
)
from kit.ingest.rules import TableContext


def _ctx(frame: pd.DataFrame) -> TableContext:
    return TableContext(path="p.csv", raw=frame.astype(str), source_names={})


def test_overpayment_beyond_the_share_is_a_finding() -> None:
    invoices = pd.DataFrame({"invoice_id": ["A", "B"], "amount": [250.50, 100.0]})
    payments = pd.DataFrame(
        {"invoice_id": ["A", "A", "B"], "amount": [100.0, 99_999_999.0, 190.0]}, index=[2, 3, 4]
    )
    at = np.array([0, 0, 1])
    (found,) = overpayment_findings(payments, invoices, at, _ctx(payments), max_share=1.0)
    # A: 100 + 99,999,999 = 100,000,099 paid > 250.50 × (1 + 1.0) = 501.00 -> both rows named
    # B: 190 paid <= 100 × 2 = 200 -> accepted (a double payment is possible, not implausible)
    assert found.rows.tolist() == [2, 3]
    assert found.details is not None
    assert found.details.tolist() == ["invoice A: 100,000,099.00 paid on 250.50"] * 2
    # with share 0.5, B (190 > 150) joins
    (strict,) = overpayment_findings(payments, invoices, at, _ctx(payments), max_share=0.5)
    assert strict.rows.tolist() == [2, 3, 4]


def test_unknown_invoices_are_not_overpayments() -> None:
    invoices = pd.DataFrame({"invoice_id": ["A"], "amount": [10.0]})
    payments = pd.DataFrame({"invoice_id": ["X"], "amount": [1e6]}, index=[2])
    assert (
        overpayment_findings(payments, invoices, np.array([-1]), _ctx(payments), max_share=1) == []
    )


def test_amounts_beyond_the_bound_are_findings() -> None:
    frame = pd.DataFrame({"amount": [100.0, 1e28, -2e11, np.nan]}, index=[2, 3, 4, 5])
    (found,) = amount_findings(frame, _ctx(frame), max_amount=1e11)
    assert found.rows.tolist() == [3, 4]  # |1e28| and |-2e11| > 1e11; NaN is not a finding


def test_header_given_twice_names_both_columns() -> None:
    nfd = unicodedata.normalize("NFD", "Betrag ä")
    names = ["id", "amount", " amount ", "Betrag ä", nfd, None]
    problems = header_problems(names, path="p.csv", row=1)
    assert [p.message for p in problems] == [
        "column 'amount' appears twice in the header (columns 2 and 3)",
        "column 'Betrag ä' appears twice in the header (columns 4 and 5)",
    ]
    assert all(p.row == 1 and p.path == "p.csv" for p in problems)


def test_nfc_ids_merge_with_a_warning() -> None:
    nfc, nfd = unicodedata.normalize("NFC", "Ä-1"), unicodedata.normalize("NFD", "Ä-1")
    values = pd.Series([nfc, nfd, "B", None])
    normal, warning = nfc_ids(values, column="Belegnr", path="p.csv")
    assert normal.tolist()[:3] == [nfc, nfc, "B"]
    assert warning is not None and warning.severity == "warning"
    assert warning.message == (
        "1 id written in another Unicode form (NFD) was brought to NFC; "
        "1 of them now equal another id"
    )


def test_ascii_ids_are_left_alone() -> None:
    values = pd.Series(["A", "B", None])
    normal, warning = nfc_ids(values, column="id", path="p.csv")
    assert normal is values and warning is None


@pytest.mark.parametrize(("header_form", "key_form"), [("NFD", "NFC"), ("NFC", "NFD")])
def test_headers_and_mapping_keys_match_in_any_unicode_form(
    tmp_path: Path, header_form: str, key_form: str
) -> None:
    root = tmp_path / "eng"
    shutil.copytree(Path(__file__).parents[1] / "hostile" / "_base", root)
    header = unicodedata.normalize(header_form, "Betrag_ä")  # type: ignore[arg-type]
    key = unicodedata.normalize(key_form, "Betrag_ä")  # type: ignore[arg-type]
    invoices = root / "data" / "invoices.csv"
    text = invoices.read_text(encoding="utf-8").replace(",amount\n", f",{header}\n", 1)
    invoices.write_text(text, encoding="utf-8")
    config = root / "engagement.yaml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "invoices: {path: data/invoices.csv}",
            f"invoices: {{path: data/invoices.csv, columns: {{{key}: amount}}}}",
        ),
        encoding="utf-8",
    )
    ledger = load_ledger(load_engagement(root))
    assert ledger.invoices["amount"].tolist() == [100.0, 250.5, 80.0]
