"""German wording of the texts of ledger sources, row accounting and open-items lists.

Same form as `kit.error_text.TRANSLATIONS` (English regular expression → German template), tried
before that table.
"""

# ruff: noqa: E501  (one translation per line: the table reads best unwrapped)
from __future__ import annotations

__all__ = ["LEDGER_TRANSLATIONS"]

LEDGER_TRANSLATIONS: tuple[tuple[str, str], ...] = (
    (r"a positive amount \(a file of signed items with credit notes: read it as data\.ledger\)", "ein positiver Betrag (eine Datei mit Vorzeichen und Gutschriften als data.ledger lesen)"),
    (r"(?P<n>\d+) subtotal or total rows left out \(rows (?P<r>[^)]*)\)", "{n} Summen- oder Zwischensummenzeilen ausgelassen (Zeilen {r})"),
    (r"the total row shows (?P<m_a>\S+), the items above it sum to (?P<m_b>\S+)", "die Summenzeile zeigt {m_a}, die Posten darüber ergeben {m_b}"),
    (r"the sum of the items \(a differing total is shown, not used\)", "die Summe der Posten (eine abweichende Summe wird gemeldet, nicht verwendet)"),
    (r"no document_types given: debit items are read as invoices, credit items as payments", "keine document_types angegeben: Soll-Posten werden als Rechnungen, Haben-Posten als Zahlungen gelesen"),
    (r"document_types mapping each document type to invoice, credit_note, payment or residual", "document_types, das jede Belegart invoice, credit_note, payment oder residual zuordnet"),
    (r"document type not in document_types", "Belegart nicht in document_types"),
    (r"one of (?P<k>.+) \(map others under document_types:\)", "einer der Werte {k} (weitere unter document_types: zuordnen)"),
    (r"document type mapped to other: not an invoice, credit note, payment or residual", "Belegart ist other zugeordnet: weder Rechnung noch Gutschrift, Zahlung oder Restposten"),
    (r"invoice, credit_note, payment or residual \(on_error: skip leaves it out, counted\)", "invoice, credit_note, payment oder residual (on_error: skip lässt sie gezählt aus)"),
    (r"the amount's sign contradicts the document type \(type (?P<k>\w+)\)", "das Vorzeichen des Betrags widerspricht der Belegart (Art {k})"),
    (r"the amount's sign contradicts the document type", "das Vorzeichen des Betrags widerspricht der Belegart"),
    (r"invoices and residual items as debits \(\+\), credit notes and payments as credits \(−\)", "Rechnungen und Restposten im Soll (+), Gutschriften und Zahlungen im Haben (−)"),
    (r"amount is 0", "Betrag ist 0"),
    (r"a debit or credit amount other than 0", "ein Soll- oder Haben-Betrag ungleich 0"),
    (r"an invoice without a due date", "eine Rechnung ohne Fälligkeitsdatum"),
    (r"the net due date of every invoice and residual item", "das Nettofälligkeitsdatum jeder Rechnung und jedes Restpostens"),
    (r"unknown debit/credit indicator", "unbekanntes Soll/Haben-Kennzeichen"),
    (r"S or H \(Soll/Haben\), D or C \(Debit/Credit\); map others under values: \{debit_credit: \.\.\.\}", "S oder H (Soll/Haben), D oder C (Debit/Credit); andere unter values: {{debit_credit: ...}} zuordnen"),
    (r"no settled items: is this an open-items list\? then set contains: open_items", "keine ausgeglichenen Posten: ist das eine Offene-Posten-Liste? Dann contains: open_items setzen"),
    (r"open_items with extracted_on, or an export of open and cleared items", "open_items mit extracted_on oder ein Export offener und ausgeglichener Posten"),
    (r"the table (?P<t>\w+) is empty: none of the (?P<n>\d+) rows read could be used", "die Tabelle {t} ist leer: keine der {n} gelesenen Zeilen konnte verwendet werden"),
    (r"at least one usable row \(see the rows left out above\)", "mindestens eine verwendbare Zeile (siehe die oben ausgelassenen Zeilen)"),
    (r"a ledger of line items is read from CSV or XLSX", "ein Posten-Export wird aus CSV oder XLSX gelesen"),
    (r"csv or xlsx", "csv oder xlsx"),
    (r"the file has no header row", "die Datei hat keine Kopfzeile"),
    (r"(?P<n>\d+) fields", "{n} Felder"),
    (r"the header row is row (?P<n>\d+): the rows above it are titles", "die Kopfzeile ist Zeile {n}: die Zeilen darüber sind Titel"),
    (r"skiprows: (?P<n>\d+) for this source", "skiprows: {n} für diese Quelle"),
    (r"true or false", "true oder false"),
    (r"the ledger is an open-items list extracted on (?P<e>\S+): KPIs can only be computed as of that date, not (?P<d>\S+)", "die Daten sind eine Offene-Posten-Liste vom {e}: Kennzahlen lassen sich nur zu diesem Stichtag berechnen, nicht zum {d}"),
    (r"the date of extracted_on \((?P<e>[^)]*)\)", "das Datum von extracted_on ({e})"),
    (r"leave as_of out or set it to extracted_on; for other dates export all items", "as_of weglassen oder auf extracted_on setzen; für andere Stichtage alle Posten exportieren"),
    (r"the export holds only open items \(extracted (?P<e>[^)]*)\): sales and payments of the window are unknown", "der Export enthält nur offene Posten (Stand {e}): Umsatz und Zahlungen des Zeitraums sind unbekannt"),
    (r"the export holds only open items \(extracted (?P<e>[^)]*)\): no KPI at another date", "der Export enthält nur offene Posten (Stand {e}): an einem anderen Stichtag keine Kennzahl"),
    (r"as_of (?P<a>\S+) differs from data\.ledger\.extracted_on (?P<e>\S+): an open-items list holds that day only", "as_of {a} weicht von data.ledger.extracted_on {e} ab: eine Offene-Posten-Liste gilt nur für diesen Tag"),
    (r"data\.ledger replaces (?P<g>.+): give either a ledger of line items or invoices and payments, not both", "data.ledger ersetzt {g}: entweder einen Posten-Export oder Rechnungen und Zahlungen angeben, nicht beides"),
    (r"data needs invoices \(and payments\) or a ledger of line items", "data braucht invoices (und payments) oder einen Posten-Export (ledger)"),
    (r"contains: open_items needs extracted_on \(the date of the export\)", "contains: open_items braucht extracted_on (das Datum des Exports)"),
    (r"unknown preset '(?P<p>[^']*)' \(one of (?P<l>[^)]*)\)", "unbekanntes Preset '{p}' (eines von {l})"),
    (r"document type (?P<r>.+): '(?P<k>[^']*)' is not one of (?P<l>.+)", "Belegart {r}: '{k}' ist keiner der Werte {l}"),
)  # fmt: skip
