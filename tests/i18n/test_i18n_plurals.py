"""Counts of one take the singular noun (and German adjective ending), counts of two the plural."""

from __future__ import annotations

import math
from collections.abc import Callable

import pytest

from kit.i18n import Language, trn
from kit.message import plural, render, wording_plural
from kit.steps.forecast_wording import why


def _invoices(count: int, language: Language) -> str:
    return trn(
        "{count} open invoice, {amount} open",
        "{count} open invoices, {amount} open",
        count,
        language,
        amount="5 €",
    )


def _backlog(count: int, language: Language) -> str:
    return trn(
        "Improvement backlog: {n} item – {done} done, {doing} in progress, {open} open; "
        "{late} past due.",
        "Improvement backlog: {n} items – {done} done, {doing} in progress, {open} open; "
        "{late} past due.",
        count,
        language,
        n=count,
        done=0,
        doing=1,
        open=count - 1,
        late=0,
    )


def _smart(count: int, language: Language) -> str:
    return trn(
        "The goal passes the SMART check.",
        "All {n} goals pass the SMART check.",
        count,
        language,
        n=count,
    )


def _phases(count: int, language: Language) -> str:
    return trn(
        "{done} of {total} phase is finished.",
        "{done} of {total} phases are finished.",
        count,
        language,
        done=1,
        total=count,
    )


def _read(count: int, language: Language) -> str:
    payments = trn("{count} payment", "{count} payments", count, language)
    return trn(
        "{invoices} invoice and {payments} read.",
        "{invoices} invoices and {payments} read.",
        count,
        language,
        invoices=count,
        payments=payments,
    )


def _stakeholders(count: int, language: Language) -> str:
    departments = trn("{count} department", "{count} departments", count, language)
    return trn(
        "The stakeholder register names {n} person from {departments}. "
        "To manage closely (high influence and high interest): {closely}.",
        "The stakeholder register names {n} people from {departments}. "
        "To manage closely (high influence and high interest): {closely}.",
        count,
        language,
        n=count,
        departments=departments,
        closely="Ada",
    )


def _handoffs(count: int, language: Language) -> str:
    waits = wording_plural("{n} waiting step", "{n} waiting steps", count, n=count)
    text = wording_plural(
        "{handoffs} handoff between roles; {waits} costing {hours} hours per month.",
        "{handoffs} handoffs between roles; {waits} costing {hours} hours per month.",
        count,
        handoffs=str(count),
        waits=waits,
        hours="3",
    )
    return render(text, language)


def _rows(count: int, language: Language) -> str:
    text = plural(
        "{count} row without a valid {column}",
        "{count} rows without a valid {column}",
        count,
        column="amount",
    )
    return text.render(language)


def _published(count: int, language: Language) -> str:
    return trn(
        "{count} report published to {reports}",
        "{count} reports published to {reports}",
        count,
        language,
        reports="reports",
    )


CASES = [
    (_invoices, "de", "1 offene Rechnung, 5 € offen", "2 offene Rechnungen, 5 € offen"),
    (_invoices, "en", "1 open invoice, 5 € open", "2 open invoices, 5 € open"),
    (
        _backlog,
        "de",
        "Verbesserungs-Backlog: 1 Eintrag – 0 erledigt, 1 in Arbeit, 0 offen; 0 überfällig.",
        "Verbesserungs-Backlog: 2 Einträge – 0 erledigt, 1 in Arbeit, 1 offen; 0 überfällig.",
    ),
    (
        _backlog,
        "en",
        "Improvement backlog: 1 item – 0 done, 1 in progress, 0 open; 0 past due.",
        "Improvement backlog: 2 items – 0 done, 1 in progress, 1 open; 0 past due.",
    ),
    (
        _smart,
        "de",
        "Das Ziel besteht die SMART-Prüfung.",
        "Alle 2 Ziele bestehen die SMART-Prüfung.",
    ),
    (_smart, "en", "The goal passes the SMART check.", "All 2 goals pass the SMART check."),
    (
        _phases,
        "de",
        "1 von 1 Phase ist abgeschlossen.",
        "1 von 2 Phasen sind abgeschlossen.",
    ),
    (_phases, "en", "1 of 1 phase is finished.", "1 of 2 phases are finished."),
    (
        _read,
        "de",
        "1 Rechnung und 1 Zahlung eingelesen.",
        "2 Rechnungen und 2 Zahlungen eingelesen.",
    ),
    (_read, "en", "1 invoice and 1 payment read.", "2 invoices and 2 payments read."),
    (
        _stakeholders,
        "de",
        "Im Stakeholder-Register steht 1 Person aus 1 Bereich. "
        "Eng einzubinden (hoher Einfluss und hohes Interesse): Ada.",
        "Im Stakeholder-Register stehen 2 Personen aus 2 Bereichen. "
        "Eng einzubinden (hoher Einfluss und hohes Interesse): Ada.",
    ),
    (
        _stakeholders,
        "en",
        "The stakeholder register names 1 person from 1 department. "
        "To manage closely (high influence and high interest): Ada.",
        "The stakeholder register names 2 people from 2 departments. "
        "To manage closely (high influence and high interest): Ada.",
    ),
    (
        _handoffs,
        "de",
        "1 Übergabe zwischen Rollen; 1 Warteschritt mit 3 Stunden pro Monat.",
        "2 Übergaben zwischen Rollen; 2 Warteschritte mit 3 Stunden pro Monat.",
    ),
    (
        _handoffs,
        "en",
        "1 handoff between roles; 1 waiting step costing 3 hours per month.",
        "2 handoffs between roles; 2 waiting steps costing 3 hours per month.",
    ),
    (_rows, "de", "1 Zeile ohne gültiges amount", "2 Zeilen ohne gültiges amount"),
    (_rows, "en", "1 row without a valid amount", "2 rows without a valid amount"),
    (
        _published,
        "de",
        "1 Bericht veröffentlicht in reports",
        "2 Berichte veröffentlicht in reports",
    ),
    (_published, "en", "1 report published to reports", "2 reports published to reports"),
]


@pytest.mark.parametrize(("render_count", "language", "one", "two"), CASES)
def test_a_count_of_one_takes_the_singular(
    render_count: Callable[[int, Language], str], language: Language, one: str, two: str
) -> None:
    assert render_count(1, language) == one
    assert render_count(2, language) == two


def _row(count: int) -> dict[str, object]:
    return {
        "hist_mean": float(count),
        "hist_trend": math.nan,
        "disputed": count,
        "days_overdue": count,
        "dunning_level": count,
    }


def test_the_worklist_reason_names_one_of_each_in_the_singular() -> None:
    assert why(_row(1), "de") == (
        "zahlt im Schnitt 1 Tag nach Fälligkeit; 1 strittige Rechnung; "
        "älteste Rechnung 1 Tag überfällig; 1 Mahnung ohne Zahlung"
    )
    assert why(_row(2), "de") == (
        "zahlt im Schnitt 2 Tage nach Fälligkeit; 2 strittige Rechnungen; "
        "älteste Rechnung 2 Tage überfällig; 2 Mahnungen ohne Zahlung"
    )
    assert why(_row(1), "en") == (
        "pays 1 day after the due date on average; 1 disputed invoice; "
        "oldest invoice 1 day past due; 1 reminder without payment"
    )
    assert why(_row(2), "en") == (
        "pays 2 days after the due date on average; 2 disputed invoices; "
        "oldest invoice 2 days past due; 2 reminders without payment"
    )
