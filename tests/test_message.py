"""Error texts and report wording are message ids with parameters, rendered in a language."""

from __future__ import annotations

import pickle
from datetime import date

import numpy as np
import pandas as pd
import pytest

from kit.errors import DataError, KitError, Problem, ProcessMapError, Severity
from kit.i18n.labels import STRATEGY_HANDOVER_COL
from kit.ingest.findings import Finding, to_problems
from kit.message import (
    Amount,
    Day,
    Figure,
    Joined,
    Msg,
    literal,
    msg,
    plural,
    render,
    wording,
    wording_plural,
)


def test_a_message_reads_english_and_renders_german() -> None:
    text = msg("sheet index {wanted} does not exist", wanted=3)
    assert isinstance(text, str)
    assert text == "sheet index 3 does not exist"
    assert text.id == "sheet index {wanted} does not exist"
    assert render(text, "en") == "sheet index 3 does not exist"
    assert render(text, "de") == "Tabellenblatt Nr. 3 existiert nicht"


def test_a_plain_string_is_a_message_id_without_values() -> None:
    assert render("the file is empty", "de") == "die Datei ist leer"
    assert render("the file is empty", "en") == "the file is empty"
    assert render(None, "de") == ""


def test_numbers_and_amounts_are_formatted_for_the_language_when_rendered() -> None:
    # 52_428_800 bytes: en groups with commas, de with dots; the English value matches `:,`.
    size = msg(
        "file is {size} bytes; at most {max_bytes} bytes are read", size=52_428_801, max_bytes=50
    )
    assert size == "file is 52,428,801 bytes; at most 50 bytes are read"
    assert render(size, "de") == "die Datei hat 52.428.801 Bytes; gelesen werden höchstens 50 Bytes"
    total = msg(
        "the total row shows {shown}, the items above it sum to {computed}",
        shown=Amount(1234.5),
        computed=Amount(1200.0),
    )
    assert total == "the total row shows 1,234.50, the items above it sum to 1,200.00"
    assert render(total, "de") == (
        "die Summenzeile zeigt 1.234,50, die Posten darüber ergeben 1.200,00"
    )
    # A value passed as text stays as written (a configuration value, a row number).
    assert render(msg("skiprows: {skiprows} for this source", skiprows="1234"), "de") == (
        "skiprows: 1234 für diese Quelle"
    )


#: A problem in a ledger: the file, row and column, the value found and the value expected.
LEDGER_PROBLEM = Problem(
    "not a number",
    path="data/invoices.csv",
    row=12,
    column="amount",
    value="12,5x",
    expected=msg(
        "a number like {example} (decimal '{decimal}', thousands '{thousands}')",
        example="1.234,56",
        decimal=",",
        thousands=".",
    ),
)
#: A problem with a suggestion and a hint, both fields of their own until it is rendered.
HINTED_PROBLEM = Problem(
    msg("column '{src}' (mapped to {target}) not found", src="Betrag", target="amount"),
    path="data/invoices.csv",
    row=1,
    suggestion="Betrag EUR",
    hint="check `sep`",
)


@pytest.mark.parametrize(
    ("problem", "english", "german"),
    [
        pytest.param(
            LEDGER_PROBLEM,
            "data/invoices.csv, row 12, column 'amount': not a number (found '12,5x'); "
            "expected a number like 1.234,56 (decimal ',', thousands '.')",
            "data/invoices.csv, Zeile 12, Spalte 'amount': keine Zahl (gefunden '12,5x'); "
            "erwartet eine Zahl wie 1.234,56 (Dezimalzeichen ',', Tausendertrennzeichen '.')",
            id="ledger-row-column-found-expected",
        ),
        pytest.param(
            HINTED_PROBLEM,
            "data/invoices.csv, row 1: column 'Betrag' (mapped to amount) not found; "
            "did you mean 'Betrag EUR'? (hint: check `sep`)",
            "data/invoices.csv, Zeile 1: Spalte 'Betrag' (zugeordnet zu amount) nicht gefunden; "
            "meinten Sie 'Betrag EUR'? (Hinweis: `sep` prüfen)",
            id="suggestion-and-hint",
        ),
    ],
)
def test_a_problem_is_described_in_both_languages(
    problem: Problem, english: str, german: str
) -> None:
    assert problem.describe("en") == english
    assert problem.describe("de") == german


def test_a_suggestion_and_a_hint_are_fields_rendered_at_the_edge() -> None:
    # --json keeps one English sentence per problem, as it always had.
    assert HINTED_PROBLEM.as_dict()["message"] == (
        "column 'Betrag' (mapped to amount) not found; did you mean 'Betrag EUR'? "
        "(hint: check `sep`)"
    )
    assert (HINTED_PROBLEM.suggestion, HINTED_PROBLEM.hint) == ("Betrag EUR", "check `sep`")


def test_a_nested_process_map_error_is_german_inside_and_out() -> None:
    inner = Problem(
        msg(
            "map '{map}', activity '{activity}': {cause}",
            map="o2c",
            activity="a7",
            cause=msg("flow {src} → {dst} has probability {prob}", src="a7", dst="a8", prob=1.5),
        ),
        expected="a probability between 0 and 1",
    )
    error = ProcessMapError(
        msg("process map '{map}' is invalid: {cause}", map="o2c", cause=inner.message),
        path="process_maps/o2c.yaml",
        expected=inner.expected,
        hint="see the commented engagement.yaml that `kit new` writes for every key",
    )
    assert str(error) == (
        "process_maps/o2c.yaml: process map 'o2c' is invalid: map 'o2c', activity 'a7': "
        "flow a7 → a8 has probability 1.5; expected a probability between 0 and 1\n"
        "Hint: see the commented engagement.yaml that `kit new` writes for every key"
    )
    assert error.describe("de") == (
        "process_maps/o2c.yaml: Prozesslandkarte 'o2c' ist ungültig: Prozesslandkarte 'o2c', "
        "Aktivität 'a7': Fluss a7 → a8 hat die Wahrscheinlichkeit 1,5; "
        "erwartet eine Wahrscheinlichkeit zwischen 0 und 1\n"
        "Hinweis: jeder Schlüssel ist in der kommentierten engagement.yaml erklärt, "
        "die `kit new` schreibt"
    )


@pytest.mark.parametrize(
    ("count", "english", "german"),
    [
        (1, "1 more row with problems is not listed", "1 weitere fehlerhafte Zeile ist nicht"),
        (3, "3 more rows with problems are not listed", "3 weitere fehlerhafte Zeilen sind nicht"),
        (
            25_000,
            "25,000 more rows with problems are not listed",
            "25.000 weitere fehlerhafte Zeilen sind nicht",
        ),
    ],
)
def test_plurals_follow_the_count_in_both_languages(count: int, english: str, german: str) -> None:
    # `limit` problems are listed one by one; the rest are counted in one last problem.
    rows = np.arange(2, 2 + 2 + count)
    finding = Finding("not a number", path="data/x.csv", rows=rows, column="amount")
    problems = to_problems([finding], limit=2)
    last = problems[-1]
    assert len(problems) == 3
    assert last.message == english
    assert render(last.message, "de").startswith(german)
    assert render(last.expected, "de") == "zuerst die 2 aufgeführten beheben, dann erneut prüfen"


def test_a_finding_note_per_row_renders_in_the_language() -> None:
    details = pd.Series([msg("first in row {row}", row="2")], index=[5], dtype=object)
    finding = Finding(
        msg("{what} used more than once", what=msg("invoice id")),
        path="data/invoices.csv",
        rows=np.array([5]),
        column="invoice_id",
        values=pd.Series(["R-1"], index=[5]),
        expected=msg("each {what} once", what=msg("invoice id")),
        details=details,
    )
    (problem,) = finding.problems()
    assert finding.problem.severity is Severity.ERROR
    assert problem.describe("de") == (
        "data/invoices.csv, Zeile 5, Spalte 'invoice_id': Rechnungsnummer mehrfach vorhanden "
        "(zuerst in Zeile 2) (gefunden 'R-1'); erwartet jede Rechnungsnummer nur einmal"
    )
    assert problem.describe("en") == (
        "data/invoices.csv, row 5, column 'invoice_id': invoice id used more than once "
        "(first in row 2) (found 'R-1'); expected each invoice id once"
    )


def test_literal_text_is_shown_as_written_in_every_language() -> None:
    assert render(literal("Rechnung, Betrag"), "de") == "Rechnung, Betrag"
    assert render(literal("Rechnung, Betrag"), "en") == "Rechnung, Betrag"


def test_messages_and_errors_carrying_them_survive_pickling() -> None:
    text = plural("{count} row left out by the filter on this column",
                  "{count} rows left out by the filter on this column", 4)  # fmt: skip
    again = pickle.loads(pickle.dumps(text))  # noqa: S301 - bytes this test made itself
    assert isinstance(again, Msg)
    assert (again, again.id, again.plural_count) == (text, text.id, 4)
    assert render(again, "de") == "4 Zeilen durch den Filter auf dieser Spalte ausgelassen"
    error = DataError(msg("sheet index {wanted} does not exist", wanted=9), path="x.xlsx")
    back = pickle.loads(pickle.dumps(error))  # noqa: S301
    assert isinstance(back, KitError)
    assert back.describe("de") == "x.xlsx: Tabellenblatt Nr. 9 existiert nicht"


def test_severity_is_one_enumeration_and_stays_a_plain_word_in_json() -> None:
    problem = Problem("the file is empty", severity=Severity.WARNING)
    assert problem.severity == "warning"
    assert problem.as_dict()["severity"] == "warning"
    assert type(problem.as_dict()["severity"]) is str
    assert [s.value for s in Severity] == ["error", "warning", "info"]


def test_report_wording_is_a_message_of_the_kit_catalogue() -> None:
    phases = Joined((wording("RAG red"), "Go-live"))
    text = wording("Not exactly one A in: {phases}.", phases=phases)
    assert (text.domain, text.id) == ("kit", "Not exactly one A in: {phases}.")
    assert text == "Not exactly one A in: RAG red, Go-live."
    assert render(text, "de") == "Nicht genau ein A in: Ampel rot, Go-live."
    assert render(wording(""), "de") == ""


def test_figures_and_days_take_the_language_of_the_report() -> None:
    text = wording(
        "The deadline {deadline} is after the baseline date {baseline_date}.",
        deadline=Day(date(2026, 6, 30)),
        baseline_date=Day(date(2025, 12, 31)),
    )
    assert render(text, "de") == "Termin 30.06.2026 liegt nach dem Ausgangsdatum 31.12.2025."
    assert render(text, "en") == "The deadline 30 Jun 2026 is after the baseline date 31 Dec 2025."
    share = wording("{reason} {advice}", reason=Figure(12.5, "percent", 1), advice=Figure(1234.5))
    assert render(share, "de") == "12,5\u00a0% 1.234,5"
    assert render(share, "en") == "12.5% 1,234.5"


def test_wording_keeps_the_context_of_an_id_and_survives_pickling() -> None:
    due = wording(STRATEGY_HANDOVER_COL["due_date"])
    assert due.context == "due_date"
    assert render(due, "de") == "Fälligkeitsdatum"
    count = wording_plural(
        "{hours} hours per month of duplicate work in one group ({maps}, {activities}).",
        "{hours} hours per month of duplicate work in {groups} groups ({maps}, {activities}).",
        2,
        hours=Figure(1500.0, digits=0),
        groups=2,
        maps=3,
        activities="40",
    )
    for text in (due, count):
        again = pickle.loads(pickle.dumps(text))  # noqa: S301 - bytes this test made itself
        assert (again, again.domain, again.context) == (text, "kit", text.context)
        assert render(again, "de") == render(text, "de")
    assert render(count, "de").startswith("1.500 Stunden Doppelarbeit pro Monat in 2 Gruppen")
