"""Every validation rule, each broken by exactly one fixture; messages name file, row, column."""

from __future__ import annotations

from pathlib import Path
from typing import Any, NamedTuple

import pytest
from ingest_helpers import DE_SOURCE, INVOICES_DE, INVOICES_EN, de_invoices, en_invoices, engagement

from kit.errors import DataError, Problem
from kit.ingest import load_ledger, validate_engagement

PAYMENTS = (
    "payment_id,invoice_id,payment_date,amount\nP1,A1,2026-03-20,100.00\nP2,A2,2026-04-01,50.00\n"
)


def _errors(eng: Any) -> list[Problem]:
    report = validate_engagement(eng)
    with pytest.raises(DataError) as caught:
        load_ledger(eng)
    raised = [caught.value.as_problem(), *caught.value.problems]
    # load_ledger raises exactly what validate reports (same first problem and same list)
    assert [p.describe() for p in raised] == [p.describe() for p in report.errors]
    return report.errors


def _one(eng: Any) -> Problem:
    errors = _errors(eng)
    assert len(errors) == 1, [p.describe() for p in errors]
    return errors[0]


def test_clean_german_file_loads_without_problems(tmp_path: Path) -> None:
    report = validate_engagement(de_invoices(tmp_path))
    assert report.errors == [] and not report.blocking
    assert report.counts == {"invoices": 3}


def test_renamed_column_lists_found_columns_and_suggests_the_closest(tmp_path: Path) -> None:
    problem = _one(de_invoices(tmp_path, INVOICES_DE.replace("Betrag;", "Betrag EUR;")))
    assert problem.path == str(tmp_path / "rechnungen.csv")
    assert problem.row == 1 and problem.column == "Betrag"
    assert problem.suggestion == "Betrag EUR"
    assert "did you mean 'Betrag EUR'" in problem.describe()
    assert problem.expected is not None and "Belegnr, Kundennr" in problem.expected


def test_missing_required_column_without_mapping(tmp_path: Path) -> None:
    text = INVOICES_EN.replace(",amount", ",Amount")
    problem = _one(en_invoices(tmp_path, text))
    assert "required column 'amount' is missing" in problem.message
    assert problem.suggestion == "Amount"
    assert "did you mean 'Amount'" in problem.describe()


def test_text_in_amount(tmp_path: Path) -> None:
    problem = _one(de_invoices(tmp_path, INVOICES_DE.replace("500,00", "fünfhundert")))
    # second data row = row 3
    assert (problem.row, problem.column, problem.value) == (3, "Betrag", "fünfhundert")
    assert problem.message == "not a number"
    assert problem.expected is not None and "1.234,56" in problem.expected


def test_blank_required_value(tmp_path: Path) -> None:
    problem = _one(de_invoices(tmp_path, INVOICES_DE.replace("K2;", ";")))
    assert (problem.row, problem.column) == (3, "Kundennr")
    assert "empty value" in problem.message


def test_paid_date_before_issue_date(tmp_path: Path) -> None:
    text = (
        "invoice_id,customer_id,issue_date,due_date,amount,paid_date\n"
        "A1,C1,2026-03-01,2026-03-31,10,2026-02-01\n"
    )
    problem = _one(en_invoices(tmp_path, text))
    assert (problem.row, problem.column, problem.value) == (2, "paid_date", "2026-02-01")


class Broken(NamedTuple):
    """One value of the German fixture replaced, and the problem that must name it."""

    old: str
    new: str
    row: int
    column: str
    value: str
    message: str | None = None  # a part of the problem's message
    expected: str | None = None  # a part of what the problem says is expected


#: The one-value breaks of the German fixture, by the rule each breaks.
BROKEN = {
    "english-amount-in-a-german-file": Broken("99,90", "1,234.50", 4, "Betrag", "1,234.50"),
    "impossible-date-is-an-error-not-nat": Broken(
        "05.03.2026", "31.02.2026", 3, "Belegdatum", "31.02.2026", None, "%d.%m.%Y"
    ),
    "duplicate-invoice-id-names-first-row": Broken(
        "00103", "00101", 4, "Belegnr", "00101", "first in row 2", None
    ),
    "amount-must-be-positive": Broken(
        "500,00", "-500,00", 3, "Betrag", "-500,00", "greater than 0", None
    ),
    "due-date-before-issue-date": Broken(
        "04.04.2026", "04.02.2026", 3, "Faelligkeit", "04.02.2026", "issue date 2026-03-05", None
    ),
    "dates-outside-plausible-range": Broken(
        "31.03.2026", "31.03.2206", 2, "Faelligkeit", "31.03.2206", None, "1990-01-01"
    ),
    "unmapped-boolean-value-is-named": Broken(
        ";Ja\n", ";Vielleicht\n", 3, "Strittig", "Vielleicht", None, "Ja, Nein"
    ),
    "foreign-currency-without-rate": Broken(
        "500,00;EUR", "500,00;USD", 3, "Waehrung", "USD", "exchange rate", None
    ),
}


@pytest.mark.parametrize("case", BROKEN.values(), ids=BROKEN.keys())
def test_a_broken_value_is_named_by_row_column_and_value(tmp_path: Path, case: Broken) -> None:
    problem = _one(de_invoices(tmp_path, INVOICES_DE.replace(case.old, case.new)))
    assert (problem.row, problem.column, problem.value) == (case.row, case.column, case.value)
    if case.message is not None:
        assert case.message in problem.message
    if case.expected is not None:
        assert problem.expected is not None and case.expected in problem.expected


def test_foreign_currency_with_rate_is_converted(tmp_path: Path) -> None:
    text = INVOICES_DE.replace("500,00;EUR", "500,00;USD")
    ledger = load_ledger(de_invoices(tmp_path, text, fx={"USD": 0.9}))
    # 500 USD × 0.9 = 450 EUR
    assert ledger.invoices["amount"].tolist() == [1234.56, 450.0, 99.9]
    assert ledger.invoices["currency"].tolist() == ["EUR", "EUR", "EUR"]
    assert ledger.invoices["original_amount"].tolist()[1] == 500.0


def test_filter_counts_rows_left_out(tmp_path: Path) -> None:
    eng = de_invoices(tmp_path, filter={"Kundennr": ["K1"]})
    report = validate_engagement(eng)
    assert report.counts == {"invoices": 2}
    assert report.tables["invoices"]["filtered"] == 1
    [note] = report.warnings
    assert "1 row left out by the filter" in note.message and note.column == "Kundennr"
    # filtering on mapped values: disputed == true keeps only row 3
    ledger = load_ledger(de_invoices(tmp_path, filter={"disputed": [True]}))
    assert ledger.invoices["invoice_id"].tolist() == ["00102"]


def test_on_error_skip_excludes_bad_rows(tmp_path: Path) -> None:
    text = INVOICES_DE.replace("500,00", "abc").replace("00103", "00101")
    ledger = load_ledger(de_invoices(tmp_path, text, on_error="skip"))
    assert ledger.invoices["invoice_id"].tolist() == ["00101"]
    assert sorted((p.row, p.column) for p in ledger.excluded) == [(3, "Betrag"), (4, "Belegnr")]


def _with_payments(tmp_path: Path, payments: str, **extra: dict[str, Any]) -> Any:
    files = {"invoices.csv": INVOICES_EN, "payments.csv": payments}
    data: dict[str, Any] = {
        "invoices": {"path": "invoices.csv"},
        "payments": {"path": "payments.csv"},
    }
    for name, (text, source) in extra.items():
        files[f"{name}.csv"] = text
        data[name] = source
    return engagement(tmp_path, files, data)


def test_payments_clean(tmp_path: Path) -> None:
    ledger = load_ledger(_with_payments(tmp_path, PAYMENTS))
    assert ledger.payments is not None and len(ledger.payments) == 2


def test_payment_for_unknown_invoice(tmp_path: Path) -> None:
    problem = _one(_with_payments(tmp_path, PAYMENTS.replace("P2,A2", "P2,A9")))
    assert problem.path == str(tmp_path / "payments.csv")
    assert (problem.row, problem.column, problem.value) == (3, "invoice_id", "A9")


def test_payment_before_issue_date(tmp_path: Path) -> None:
    problem = _one(_with_payments(tmp_path, PAYMENTS.replace("2026-03-20", "2026-02-20")))
    assert (problem.row, problem.column, problem.value) == (2, "payment_date", "2026-02-20")
    assert "2026-03-01" in problem.message


def test_duplicate_payment_id(tmp_path: Path) -> None:
    problem = _one(_with_payments(tmp_path, PAYMENTS.replace("P2,", "P1,")))
    assert (problem.row, problem.column, problem.value) == (3, "payment_id", "P1")


def test_dispute_for_unknown_invoice(tmp_path: Path) -> None:
    disputes = "invoice_id,opened_date\nA1,2026-03-10\nZZ,2026-03-11\n"
    eng = _with_payments(tmp_path, PAYMENTS, disputes=(disputes, {"path": "disputes.csv"}))
    problem = _one(eng)
    assert problem.path == str(tmp_path / "disputes.csv")
    assert (problem.row, problem.column, problem.value) == (3, "invoice_id", "ZZ")


def test_dunning_event_rules(tmp_path: Path) -> None:
    events = (
        "Beleg;Zeit;Kanal;Ereignis\n"
        "A1;10.03.2026 09:00;E-Mail;sent\n"
        "A1;10.03.2026 09:05;Fax;sent\n"
        "A1;10.03.2026 10:00;E-Mail;gelesen\n"
        "A7;11.03.2026 08:00;SMS;sent\n"
    )
    source = {
        "path": "dunning_events.csv",
        "date_format": "%d.%m.%Y %H:%M",
        "columns": {
            "Beleg": "invoice_id",
            "Zeit": "timestamp",
            "Kanal": "channel",
            "Ereignis": "event",
        },
        "values": {"channel": {"E-Mail": "email", "SMS": "sms"}},
    }
    errors = _errors(_with_payments(tmp_path, PAYMENTS, dunning_events=(events, source)))
    found = sorted((p.row, p.column, p.value) for p in errors)
    assert found == [(3, "Kanal", "Fax"), (4, "Ereignis", "gelesen"), (5, "Beleg", "A7")]


def test_all_problems_are_reported_and_capped(tmp_path: Path) -> None:
    rows = "".join(f"{i},C1,2026-03-01,2026-03-31,x{i}\n" for i in range(250))
    eng = en_invoices(tmp_path, "invoice_id,customer_id,issue_date,due_date,amount\n" + rows)
    with pytest.raises(DataError) as caught:
        load_ledger(eng)
    listed = [caught.value.as_problem(), *caught.value.problems]
    # 200 listed one by one (rows 2..201), then one saying 250 - 200 = 50 more
    assert len(listed) == 201
    assert listed[199].row == 201
    assert listed[-1].message.startswith("50 more rows")


def test_source_options_reach_the_parser(tmp_path: Path) -> None:
    source = {**DE_SOURCE, "sep": ";"}
    eng = engagement(tmp_path, {"rechnungen.csv": INVOICES_DE}, {"invoices": source})
    assert load_ledger(eng).invoices["amount"].sum() == pytest.approx(1834.46)  # 1234.56+500+99.90


def test_a_rule_with_a_note_per_row_is_worded_in_the_reader_language() -> None:
    import numpy as np
    import pandas as pd

    from kit.ingest.findings import Finding
    from kit.message import msg

    finding = Finding(
        "due date before the issue date",
        path="invoices.csv",
        rows=np.array([2]),
        column="due_date",
        details=pd.Series([msg("{what} {day}", what=msg("issue date"), day="2026-02-01")], [2]),
    )
    (problem,) = finding.problems()
    text = problem.describe("de")
    assert "Fälligkeitsdatum vor dem Belegdatum (" in text and "due date before" not in text
