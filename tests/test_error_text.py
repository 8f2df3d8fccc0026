"""German wording of error texts: every rule has an example, unknown text stays as it is."""

# ruff: noqa: E501  (English and German texts side by side read best unwrapped)
from __future__ import annotations

import re
import shutil
from pathlib import Path
from string import Formatter

import pytest
from typer.testing import CliRunner

from kit.cli.app import app
from kit.error_text import TRANSLATIONS, translate
from kit.errors import DataError, Problem, RunError

BASE = Path(__file__).parent / "bad_inputs" / "_base"

# English text as the kit writes it -> German wording (checked by hand against terminology.md).
EXAMPLES: list[tuple[str, str]] = [
    (
        "the file is not valid utf-8 text at byte 130 (hint: set `encoding: cp1252` (or the export's encoding) for this source)",
        "die Datei ist ab Byte 130 kein gültiger utf-8-Text (Hinweis: für diese Quelle `encoding: cp1252` (oder die Kodierung des Exports) setzen)",
    ),
    (
        "required column 'invoice_id' is missing; did you mean 'invoice_id;customer_id'?",
        "Pflichtspalte 'invoice_id' fehlt; meinten Sie 'invoice_id;customer_id'?",
    ),
    (
        "required column 'amount' is missing; the header contains ';': set sep: ';' for this source",
        "Pflichtspalte 'amount' fehlt; die Kopfzeile enthält ';': für diese Quelle sep: ';' setzen",
    ),
    (
        "invoice id used more than once (first in row 3)",
        "Rechnungsnummer mehrfach vorhanden (zuerst in Zeile 3)",
    ),
    (
        "due date before the issue date (issue date 2026-05-10)",
        "Fälligkeitsdatum vor dem Belegdatum (Belegdatum 2026-05-10)",
    ),
    (
        "process map 'dunning' is invalid: map 'dunning', activity 'a1': the loop a1, a2 has no exit",
        "Prozesslandkarte 'dunning' ist ungültig: Prozesslandkarte 'dunning', Aktivität 'a1': die Schleife a1, a2 hat keinen Ausgang",
    ),
    (
        "map 'dunning', activity 'a2': flow a1 → a2 names an unknown activity",
        "Prozesslandkarte 'dunning', Aktivität 'a2': Fluss a1 → a2 nennt eine unbekannte Aktivität",
    ),
    (
        "map 'dunning': the map has no activities",
        "Prozesslandkarte 'dunning': die Prozesslandkarte hat keine Aktivitäten",
    ),
    (
        "header does not match; missing column(s) phase; unknown column(s) Phase",
        "die Kopfzeile passt nicht; fehlende Spalte(n) phase; unbekannte Spalte(n) Phase",
    ),
    (
        "header does not match; missing column(s) phase, status",
        "die Kopfzeile passt nicht; fehlende Spalte(n) phase, status",
    ),
    ("invoice id", "Rechnungsnummer"),
    ("customer id", "Kundennummer"),
    ("payment id", "Zahlungsnummer"),
    ("dispute id", "Reklamationsnummer"),
    ("issue date", "Belegdatum"),
    ("invoice's issue date", "Belegdatum der Rechnung"),
    ("opened date", "Eröffnungsdatum"),
    ("invoices", "Rechnungen"),
    ("customers", "Kunden"),
    ("customer id used more than once", "Kundennummer mehrfach vorhanden"),
    ("each payment id once", "jede Zahlungsnummer nur einmal"),
    ("customer id not found", "Kundennummer nicht gefunden"),
    ("an id that exists in the customers table", "eine Nummer, die in der Tabelle Kunden vorkommt"),
    ("due date before the issue date", "Fälligkeitsdatum vor dem Belegdatum"),
    ("paid date before the issue date", "Zahlungsdatum vor dem Belegdatum"),
    (
        "resolved before it was opened (opened date 2026-03-02)",
        "Erledigungsdatum vor dem Eröffnungsdatum (Eröffnungsdatum 2026-03-02)",
    ),
    (
        "payment dated before the invoice was issued (invoice's issue date 2026-05-01)",
        "Zahlung datiert vor dem Belegdatum der Rechnung (Belegdatum der Rechnung 2026-05-01)",
    ),
    (
        "a date not before the invoice's issue date",
        "ein Datum nicht vor dem Belegdatum der Rechnung",
    ),
    ("empty value in the required column amount", "leerer Wert in der Pflichtspalte amount"),
    ("a value in every row", "ein Wert in jeder Zeile"),
    ("value not in the yes/no map of disputed", "Wert nicht in der Ja/Nein-Zuordnung von disputed"),
    (
        "one of true, false, 1, 0 (add it under values: {disputed: ...})",
        "einer der Werte true, false, 1, 0 (unter values: {disputed: ...} ergänzen)",
    ),
    (
        "3 empty cells read as false (first in row 7)",
        "3 leere Zellen als false (nein) gelesen (zuerst in Zeile 7)",
    ),
    ("not a number", "keine Zahl"),
    (
        "a number like 1.234,56 (decimal ',', thousands '.')",
        "eine Zahl wie 1.234,56 (Dezimalzeichen ',', Tausendertrennzeichen '.')",
    ),
    ("not a valid date", "kein gültiges Datum"),
    (
        "a date like 2026-03-31 (ISO year-month-day; set date_format for other layouts)",
        "ein Datum wie 2026-03-31 (ISO Jahr-Monat-Tag; für andere Formate date_format setzen)",
    ),
    (
        "a date like 2026-03-31 (day first; set date_format for other layouts)",
        "ein Datum wie 2026-03-31 (Tag zuerst; für andere Formate date_format setzen)",
    ),
    ("a date like 31.03.2026 (format %d.%m.%Y)", "ein Datum wie 31.03.2026 (Format %d.%m.%Y)"),
    (
        "a date like 2026-09-30 (or 30.09.2026), or empty",
        "ein Datum wie 2026-09-30 (oder 30.09.2026) oder leer",
    ),
    ("a date like 2026-03-27 (or 27.03.2026)", "ein Datum wie 2026-03-27 (oder 27.03.2026)"),
    ("a date like 2026-06-30", "ein Datum wie 2026-06-30"),
    ("amount must be greater than 0", "amount muss größer als 0 sein"),
    (
        "a positive amount (credit notes belong in payments)",
        "ein positiver Betrag (Gutschriften gehören zu den Zahlungen)",
    ),
    ("date outside the plausible range", "Datum außerhalb des plausiblen Bereichs"),
    ("a date between 1990-01-01 and 2031-11-26", "ein Datum zwischen 1990-01-01 und 2031-11-26"),
    ("unknown channel value", "unbekannter Wert in channel"),
    (
        "one of email, sms, letter, call, portal (translate others with values:)",
        "einer der Werte email, sms, letter, call, portal (andere Werte unter values: übersetzen)",
    ),
    (
        "column fails the check str_length(1, None)",
        "Spalte verletzt die Prüfung str_length(1, None)",
    ),
    ("amount fails the check not_nullable", "amount verletzt die Prüfung not_nullable"),
    ("a valid value", "ein gültiger Wert"),
    (
        "12 more rows with problems are not listed",
        "12 weitere fehlerhafte Zeilen sind nicht aufgeführt",
    ),
    (
        "fix the 200 listed first, then run the check again",
        "zuerst die 200 aufgeführten beheben, dann erneut prüfen",
    ),
    ("no invoices could be loaded", "es konnten keine Rechnungen geladen werden"),
    (
        "`kit validate` lists every problem; `on_error: skip` leaves bad rows out",
        "`kit validate` listet jedes Problem auf; `on_error: skip` lässt fehlerhafte Zeilen aus",
    ),
    (
        "column 'Betrag' (mapped to amount) not found",
        "Spalte 'Betrag' (zugeordnet zu amount) nicht gefunden",
    ),
    (
        "one of the columns found: Rechnungsnr, Kunde",
        "eine der gefundenen Spalten: Rechnungsnr, Kunde",
    ),
    ("required column 'amount' is missing", "Pflichtspalte 'amount' fehlt"),
    (
        "a column mapped to amount; columns found: invoice_id, customer_id",
        "eine Spalte, die amount zugeordnet ist; gefundene Spalten: invoice_id, customer_id",
    ),
    ("filter column not found", "Filterspalte nicht gefunden"),
    (
        "4 rows left out by the filter on this column",
        "4 Zeilen durch den Filter auf dieser Spalte ausgelassen",
    ),
    (
        "amount in a foreign currency without an exchange rate",
        "Betrag in Fremdwährung ohne Wechselkurs",
    ),
    (
        "EUR or a rate under fx: (e.g. fx: {USD: 0.92})",
        "EUR oder ein Kurs unter fx: (z. B. fx: {USD: 0.92})",
    ),
    ("the file is not valid cp1252 text", "die Datei ist kein gültiger cp1252-Text"),
    ("text encoded as utf-8", "Text in der Kodierung utf-8"),
    (
        "set `encoding: utf-8` (or the export's encoding) for this source",
        "für diese Quelle `encoding: utf-8` (oder die Kodierung des Exports) setzen",
    ),
    ("rows have differing numbers of fields", "die Zeilen haben unterschiedlich viele Felder"),
    ("check `sep`", "`sep` prüfen"),
    ("data file not found", "Datendatei nicht gefunden"),
    (
        "file is 1,100,000,000 bytes; at most 1,073,741,824 bytes are read",
        "die Datei hat 1.100.000.000 Bytes; gelesen werden höchstens 1.073.741.824 Bytes",
    ),
    (
        "file is 2000000 bytes; at most 1000000 are read",
        "die Datei hat 2000000 Bytes; gelesen werden höchstens 1000000 Bytes",
    ),
    (
        "split the export by year or keep only the columns the kit needs",
        "den Export nach Jahren aufteilen oder nur die Spalten behalten, die das Kit braucht",
    ),
    ("the file is empty", "die Datei ist leer"),
    ("the file is empty (only blank space)", "die Datei ist leer (nur Leerraum)"),
    ("a header row and data rows", "eine Kopfzeile und Datenzeilen"),
    (
        "the file has a header but no data rows",
        "die Datei hat eine Kopfzeile, aber keine Datenzeilen",
    ),
    ("at least one data row below the header", "mindestens eine Datenzeile unter der Kopfzeile"),
    ("this is a zip/Excel file, not CSV", "das ist eine ZIP-/Excel-Datei, kein CSV"),
    (
        "set `format: xlsx` for this source or export it as CSV",
        "für diese Quelle `format: xlsx` setzen oder sie als CSV exportieren",
    ),
    (
        "binary data, not a text table (NUL byte at byte 0)",
        "Binärdaten, keine Texttabelle (NUL-Byte an Byte 0)",
    ),
    ("a CSV text file", "eine CSV-Textdatei"),
    (
        "cannot read the file as CSV: Error tokenizing data",
        "die Datei kann nicht als CSV gelesen werden: Error tokenizing data",
    ),
    ("not a readable XLSX workbook (BadZipFile)", "keine lesbare XLSX-Arbeitsmappe (BadZipFile)"),
    ("an .xlsx file", "eine .xlsx-Datei"),
    ("the sheet is empty", "das Tabellenblatt ist leer"),
    (
        "not a readable Parquet file: Invalid magic bytes",
        "keine lesbare Parquet-Datei: Invalid magic bytes",
    ),
    ("totals row at the end of the table left out", "Summenzeile am Tabellenende ausgelassen"),
    (
        "one row per item; sums are computed by the kit",
        "eine Zeile pro Posten; Summen berechnet das Kit",
    ),
    ("no header row found", "keine Kopfzeile gefunden"),
    ("row has 4 fields but the header has 5", "die Zeile hat 4 Felder, die Kopfzeile aber 5"),
    ("5 fields separated by ';'", "5 Felder, getrennt durch ';'"),
    (
        "check the separator (`sep`) and quoting of text that contains it",
        "das Trennzeichen (`sep`) prüfen und Text, der es enthält, in Anführungszeichen setzen",
    ),
    ("sheet index 3 does not exist", "Tabellenblatt Nr. 3 existiert nicht"),
    ("sheet not found", "Tabellenblatt nicht gefunden"),
    ("no engagement.yaml found", "keine engagement.yaml gefunden"),
    (
        "give the folder that holds engagement.yaml; `kit new PATH` creates one",
        "den Ordner angeben, der engagement.yaml enthält; `kit new PATH` legt einen an",
    ),
    (
        "a mapping with at least 'client' and 'data'",
        "eine Zuordnung (Mapping) mit mindestens 'client' und 'data'",
    ),
    ("top level is not a mapping", "die oberste Ebene ist keine Zuordnung (Mapping)"),
    ("keys such as client, language, data", "Schlüssel wie client, language, data"),
    ("not UTF-8 text (byte 10)", "kein UTF-8-Text (Byte 10)"),
    ("save engagement.yaml as UTF-8", "engagement.yaml als UTF-8 speichern"),
    ("save as UTF-8", "als UTF-8 speichern"),
    ("save the file as UTF-8 CSV", "die Datei als UTF-8-CSV speichern"),
    ("save the ladder as CSV UTF-8", "den Mahnstufenplan als CSV UTF-8 speichern"),
    (
        "YAML syntax error: expected ',' or ']', but got ':'",
        "YAML-Syntaxfehler: expected ',' or ']', but got ':'",
    ),
    (
        "check indentation and quoting near that line; only plain YAML is accepted",
        "Einrückung und Anführungszeichen nahe dieser Zeile prüfen; nur einfaches YAML wird akzeptiert",
    ),
    ("logo file not found", "Logodatei nicht gefunden"),
    ("phase id used twice", "Phasen-ID doppelt vergeben"),
    ("a file relative to /engagement", "eine Datei relativ zu /engagement"),
    (
        "see the commented engagement.yaml that `kit new` writes for every key",
        "jeder Schlüssel ist in der kommentierten engagement.yaml erklärt, die `kit new` schreibt",
    ),
    ("unknown key 'colour'", "unbekannter Schlüssel 'colour'"),
    (
        "one of the keys documented in engagement.yaml",
        "einer der in engagement.yaml beschriebenen Schlüssel",
    ),
    ("required key is missing", "Pflichtschlüssel fehlt"),
    (
        "primary_color must be a colour like '#0b5394'",
        "primary_color muss eine Farbe wie '#0b5394' sein",
    ),
    (
        "phase 'blueprint' ends (2025-12-31) before it starts (2026-01-05)",
        "Phase 'blueprint' endet (2025-12-31) vor ihrem Beginn (2026-01-05)",
    ),
    (
        "currency must be a three-letter ISO code such as EUR",
        "currency muss ein dreistelliger ISO-Code wie EUR sein",
    ),
    ("client must not be empty", "client darf nicht leer sein"),
    (
        "unknown encoding 'utf-99' (use e.g. utf-8, cp1252, latin-1)",
        "unbekannte Kodierung 'utf-99' (z. B. utf-8, cp1252, latin-1 verwenden)",
    ),
    ("fx rate for USD must be > 0", "der Wechselkurs für USD muss > 0 sein"),
    (
        "Input should be a valid date or datetime, day value is outside expected range",
        "Eingabe muss ein gültiges Datum sein (Tag außerhalb des gültigen Bereichs)",
    ),
    ("Input should be 'de' or 'en'", "Eingabe muss 'de' oder 'en' sein"),
    ("a valid integer", "eine ganze Zahl"),
    ("a valid number", "eine Zahl"),
    ("a finite number", "eine endliche Zahl"),
    ("a valid date", "ein gültiges Datum"),
    ("a valid boolean", "ein Wahrheitswert (true/false)"),
    ("a valid string", "ein Text"),
    ("a valid list", "eine Liste"),
    ("a valid dictionary", "eine Zuordnung (Mapping)"),
    ("'up', 'down' or 'flat'", "'up', 'down' oder 'flat'"),
    ("Input should be greater than or equal to 1", "Eingabe muss größer oder gleich 1 sein"),
    ("Input should be greater than 0", "Eingabe muss größer als 0 sein"),
    ("Input should be less than or equal to 100", "Eingabe muss kleiner oder gleich 100 sein"),
    ("Input should be less than 1", "Eingabe muss kleiner als 1 sein"),
    (
        "Input should be a valid integer, unable to parse string as an integer",
        "Eingabe muss eine ganze Zahl sein (Text ist keine ganze Zahl)",
    ),
    (
        "Input should be a valid number, unable to parse string as a number",
        "Eingabe muss eine Zahl sein (Text ist keine Zahl)",
    ),
    (
        "Input should be a valid integer, got a number with a fractional part",
        "Eingabe muss eine ganze Zahl sein (Zahl mit Nachkommastellen)",
    ),
    ("month value is outside expected range", "Monat außerhalb des gültigen Bereichs"),
    ("day", "Tag"),
    ("month", "Monat"),
    ("year", "Jahr"),
    (
        "Input should be a valid date or datetime, input is too short",
        "Eingabe muss ein gültiges Datum sein (Eingabe ist zu kurz)",
    ),
    (
        "Input should be a valid date or datetime, invalid character in year",
        "Eingabe muss ein gültiges Datum sein (ungültiges Zeichen im Jahr)",
    ),
    ("BPMN file too large (30000000 bytes)", "BPMN-Datei zu groß (30000000 Bytes)"),
    ("at most 20971520 bytes", "höchstens 20971520 Bytes"),
    ("not a BPMN 2.0 file (root element 'html')", "keine BPMN-2.0-Datei (Wurzelelement 'html')"),
    (
        "<definitions> in namespace http://www.omg.org/spec/BPMN/20100524/MODEL",
        "<definitions> im Namensraum http://www.omg.org/spec/BPMN/20100524/MODEL",
    ),
    ("BPMN file has no <process>", "die BPMN-Datei enthält kein <process>"),
    ("at least one process with tasks", "mindestens ein Prozess mit Aufgaben"),
    (
        "BPMN element 'dataObject' is not part of a process map and was ignored (2×)",
        "BPMN-Element 'dataObject' gehört nicht zu einer Prozesslandkarte und wurde ignoriert (2×)",
    ),
    (
        "cannot read the BPMN file: [Errno 13] Permission denied",
        "die BPMN-Datei kann nicht gelesen werden: [Errno 13] Permission denied",
    ),
    (
        "BPMN file contains a DTD (refused for security)",
        "die BPMN-Datei enthält eine DTD (aus Sicherheitsgründen abgelehnt)",
    ),
    ("plain BPMN 2.0 XML without <!DOCTYPE>", "reines BPMN-2.0-XML ohne <!DOCTYPE>"),
    (
        "BPMN file declares XML entities (refused for security)",
        "die BPMN-Datei deklariert XML-Entitäten (aus Sicherheitsgründen abgelehnt)",
    ),
    (
        "BPMN file refers to external resources (refused for security)",
        "die BPMN-Datei verweist auf externe Ressourcen (aus Sicherheitsgründen abgelehnt)",
    ),
    ("plain BPMN 2.0 XML", "reines BPMN-2.0-XML"),
    (
        "BPMN file refused for security: EntitiesForbidden",
        "BPMN-Datei aus Sicherheitsgründen abgelehnt: EntitiesForbidden",
    ),
    (
        "not well-formed XML: no element found: line 2, column 104",
        "kein wohlgeformtes XML: no element found: line 2, column 104",
    ),
    ("a complete BPMN 2.0 XML file", "eine vollständige BPMN-2.0-XML-Datei"),
    (
        "metrics row names no activity of the BPMN file",
        "die Kennzahlenzeile nennt keine Aktivität der BPMN-Datei",
    ),
    ("an activity id or name", "eine Aktivitäts-ID oder ein Aktivitätsname"),
    (
        "BPMN has no branch probabilities: outgoing flows of 2 gateway(s) were split equally; set the probabilities in the YAML map where they matter",
        "BPMN enthält keine Verzweigungswahrscheinlichkeiten: die ausgehenden Flüsse von 2 Gateway(s) wurden gleichmäßig aufgeteilt; Wahrscheinlichkeiten, wo sie wichtig sind, in der YAML-Prozesslandkarte setzen",
    ),
    (
        "BPMN file is UTF-8 but line 12 holds 1 byte(s) that are not; read as Latin-1 (check the label there)",
        "die BPMN-Datei ist UTF-8, aber Zeile 12 enthält 1 Byte(s), die es nicht sind; als Latin-1 gelesen (die Beschriftung dort prüfen)",
    ),
    (
        "2 sequence flow(s) lead to or from elements that are not activities of the map and were left out: b1 → d1, b2 → d2",
        "2 Sequenzfluss/-flüsse führen zu oder von Elementen, die keine Aktivitäten der Prozesslandkarte sind, und wurden weggelassen: b1 → d1, b2 → d2",
    ),
    (
        "BPMN file has no activity (task, sub-process or call activity)",
        "die BPMN-Datei enthält keine Aktivität (Task, Teilprozess oder Aufrufaktivität)",
    ),
    ("at least one task in a process", "mindestens ein Task in einem Prozess"),
    ("no reference map for language 'fr'", "keine Referenz-Prozesslandkarte für die Sprache 'fr'"),
    ("de or en", "de oder en"),
    ("not a process map file", "keine Prozesslandkarten-Datei"),
    (
        ".yaml/.yml, .bpmn or an activities.csv + flows.csv pair",
        ".yaml/.yml, .bpmn oder ein Paar activities.csv + flows.csv",
    ),
    ("activities CSV without its flows CSV", "Aktivitäten-CSV ohne zugehörige Flüsse-CSV"),
    ("a file dunning_flows.csv next to it", "eine Datei dunning_flows.csv daneben"),
    ("map id 'dunning' is used twice", "Prozesslandkarten-ID 'dunning' ist doppelt vergeben"),
    (
        "ids unique across the engagement (also in process_maps/old.yaml)",
        "im ganzen Engagement eindeutige IDs (auch in process_maps/old.yaml)",
    ),
    ("folder holds no process maps", "der Ordner enthält keine Prozesslandkarten"),
    (".yaml, .bpmn or activities.csv files", ".yaml-, .bpmn- oder activities.csv-Dateien"),
    ("file or folder not found", "Datei oder Ordner nicht gefunden"),
    ("duplicate activity id", "doppelte Aktivitäts-ID"),
    ("flow a1 → a9 names an unknown activity", "Fluss a1 → a9 nennt eine unbekannte Aktivität"),
    ("flow a1 → a2 has probability 1.5", "Fluss a1 → a2 hat die Wahrscheinlichkeit 1.5"),
    ("a probability between 0 and 1", "eine Wahrscheinlichkeit zwischen 0 und 1"),
    ("the map has no activities", "die Prozesslandkarte hat keine Aktivitäten"),
    ("unknown kind 'subprocess'", "unbekannte Art 'subprocess'"),
    ("minutes is -10.0", "minutes ist -10.0"),
    ("a number ≥ 0", "eine Zahl ≥ 0"),
    (
        "outgoing probabilities of the decision sum to 0.8",
        "die ausgehenden Wahrscheinlichkeiten der Entscheidung ergeben in Summe 0.8",
    ),
    ("a sum of 1 (± 0.01)", "eine Summe von 1 (± 0,01)"),
    ("the loop a1, a2 has no exit", "die Schleife a1, a2 hat keinen Ausgang"),
    ("a flow that leaves the loop", "ein Fluss, der die Schleife verlässt"),
    ("a number such as 12 or 12.5", "eine Zahl wie 12 oder 12,5"),
    ("not a finite number", "keine endliche Zahl"),
    ("activity without id", "Aktivität ohne ID"),
    ("an id such as a1", "eine ID wie a1"),
    ("activity 'a3' has no name", "Aktivität 'a3' hat keinen Namen"),
    ("the activity's label", "die Bezeichnung der Aktivität"),
    ("a process map must be a mapping", "eine Prozesslandkarte muss eine Zuordnung (Mapping) sein"),
    ("keys id, name, activities, flows", "Schlüssel id, name, activities, flows"),
    ("unknown key in process map", "unbekannter Schlüssel in der Prozesslandkarte"),
    ("activities and flows must be lists", "activities und flows müssen Listen sein"),
    ("missing column", "fehlende Spalte"),
    (
        "cannot read the map: [Errno 2] No such file or directory",
        "die Prozesslandkarte kann nicht gelesen werden: [Errno 2] No such file or directory",
    ),
    (
        "not valid YAML: expected the node content, but found '<stream end>'",
        "kein gültiges YAML: expected the node content, but found '<stream end>'",
    ),
    ("activity must be a mapping", "eine Aktivität muss eine Zuordnung (Mapping) sein"),
    ("unknown key in activity", "unbekannter Schlüssel in der Aktivität"),
    ("flow must name from and to", "ein Fluss muss from und to nennen"),
    (
        "cannot read the file: [Errno 21] Is a directory",
        "die Datei kann nicht gelesen werden: [Errno 21] Is a directory",
    ),
    ("empty map_id", "leere map_id"),
    ("the id of the map", "die ID der Prozesslandkarte"),
    ("flow of an unknown map", "Fluss einer unbekannten Prozesslandkarte"),
    ("a map_id that appears in activities.csv", "eine map_id, die in activities.csv vorkommt"),
    ("synonym file must be a mapping", "die Synonymdatei muss eine Zuordnung (Mapping) sein"),
    ("keys actions, objects, …", "Schlüssel actions, objects, …"),
    ("synonym file not found", "Synonymdatei nicht gefunden"),
    ("an existing YAML file", "eine vorhandene YAML-Datei"),
    (
        "cannot read synonym file: [Errno 2] No such file or directory",
        "die Synonymdatei kann nicht gelesen werden: [Errno 2] No such file or directory",
    ),
    (
        "synonym section must map a concept id to a list of words",
        "ein Synonymabschnitt muss einer Begriffs-ID eine Wortliste zuordnen",
    ),
    ("CONCEPT: [word, word]", "BEGRIFF: [Wort, Wort]"),
    ("threshold out of range", "Schwellenwert außerhalb des zulässigen Bereichs"),
    ("a number in (0, 1], e.g. 0.85", "eine Zahl in (0, 1], z. B. 0,85"),
    ("unsupported language 'fr'", "nicht unterstützte Sprache 'fr'"),
    ("not a date", "kein Datum"),
    ("an ISO date such as 2026-06-30", "ein ISO-Datum wie 2026-06-30"),
    ("YYYY-MM-DD", "JJJJ-MM-TT"),
    ("message key defined twice", "Textschlüssel doppelt definiert"),
    ("no step notebooks (NN_name.ipynb) found", "keine Schritt-Notebooks (NN_name.ipynb) gefunden"),
    ("jobs must be at least 1", "jobs muss mindestens 1 sein"),
    ("unknown step", "unbekannter Schritt"),
    (
        "another `kit run` on this engagement is still running",
        "ein anderer `kit run` für dieses Engagement läuft noch",
    ),
    (
        "wait until it has finished; two runs would replace each other's reports",
        "warten, bis er fertig ist; zwei Läufe würden sich gegenseitig die Berichte ersetzen",
    ),
    (
        "Chromium is not installed, so no PDF can be printed",
        "Chromium ist nicht installiert, daher kann kein PDF gedruckt werden",
    ),
    (
        "install it (Debian/Ubuntu: apt-get install chromium) or run without --pdf",
        "Chromium installieren (Debian/Ubuntu: apt-get install chromium) oder ohne --pdf ausführen",
    ),
    (
        "Chromium could not print the report (exit 1)",
        "Chromium konnte den Bericht nicht drucken (Exit-Code 1)",
    ),
    ("report has no <body>", "der Bericht hat kein <body>"),
    (
        "Chromium did not finish printing within 120 s",
        "Chromium hat das Drucken nicht innerhalb von 120 s beendet",
    ),
    (
        "step 04_kpis failed in cell 7: ZeroDivisionError: division by zero",
        "Schritt 04_kpis in Zelle 7 fehlgeschlagen: ZeroDivisionError: division by zero",
    ),
    ("step 04_kpis failed: kernel died", "Schritt 04_kpis fehlgeschlagen: kernel died"),
    ("the folder exists and is not empty", "der Ordner existiert und ist nicht leer"),
    (
        "choose a new folder; `kit new` never overwrites an engagement",
        "einen neuen Ordner wählen; `kit new` überschreibt nie ein Engagement",
    ),
    ("the client name is empty", "der Kundenname ist leer"),
    (
        "period_days must be a whole number of days ≥ 1",
        "period_days muss eine ganze Zahl von Tagen ≥ 1 sein",
    ),
    ("months must be a whole number ≥ 1", "months muss eine ganze Zahl ≥ 1 sein"),
    (
        "cannot break KPIs down by 'Vertriebsweg': no such invoice or customer column",
        "KPIs lassen sich nicht nach 'Vertriebsweg' aufschlüsseln: keine solche Rechnungs- oder Kundenspalte",
    ),
    ("2 rows without a valid paid_date", "2 Zeilen ohne gültiges paid_date"),
    ("a date in every row", "ein Datum in jeder Zeile"),
    (
        "table invoices lacks the column(s) amount, due_date",
        "der Tabelle invoices fehlen die Spalte(n) amount, due_date",
    ),
    ("present: invoice_id, customer_id", "vorhanden: invoice_id, customer_id"),
    (
        "3 rows with a missing or non-positive amount",
        "3 Zeilen mit fehlendem oder nicht positivem Betrag",
    ),
    ("an amount > 0", "ein Betrag > 0"),
    ("invoice_id is not unique", "invoice_id ist nicht eindeutig"),
    ("bad date", "ungültiges Datum"),
    ("unknown phase", "unbekannte Phase"),
    ("bad phase id", "ungültige Phasen-ID"),
    ("a lower-case id such as setup", "eine ID in Kleinbuchstaben wie setup"),
    ("bad status", "ungültiger Status"),
    ("percent out of range", "Prozentwert außerhalb des zulässigen Bereichs"),
    ("a number from 0 to 100", "eine Zahl von 0 bis 100"),
    ("a whole number from 0 to 100", "eine ganze Zahl von 0 bis 100"),
    ("--weeks out of range", "--weeks außerhalb des zulässigen Bereichs"),
    ("a whole number from 1 to 52", "eine ganze Zahl von 1 bis 52"),
    (
        "a done phase must be 100 % complete",
        "eine abgeschlossene Phase (done) muss zu 100 % erledigt sein",
    ),
    (
        "a phase not started must be 0 % complete",
        "eine nicht begonnene Phase (not_started) muss bei 0 % stehen",
    ),
    ("note too long or not text", "Notiz zu lang oder kein Text"),
    ("≤ 2000 characters", "≤ 2000 Zeichen"),
    ("bad author", "ungültiger Autor"),
    ("a name on one line", "ein Name in einer Zeile"),
    (
        "fix the rows in the file; new entries are best added with `kit status --update`",
        "die Zeilen in der Datei korrigieren; neue Einträge am besten mit `kit status --update` hinzufügen",
    ),
    (
        "header does not match; nothing was appended",
        "die Kopfzeile passt nicht; nichts wurde angehängt",
    ),
    ("header does not match", "die Kopfzeile passt nicht"),
    ("only 10 of 64 bytes written", "nur 10 von 64 Bytes geschrieben"),
    (
        "check free disk space; the last line of the file may be incomplete",
        "freien Speicherplatz prüfen; die letzte Zeile der Datei ist eventuell unvollständig",
    ),
    ("CSV syntax error: unexpected end of data", "CSV-Syntaxfehler: unexpected end of data"),
    (
        'a quote (") opened in a note is not closed',
        'ein in einer Notiz geöffnetes Anführungszeichen (") wird nicht geschlossen',
    ),
    ("row has 7 fields, the header has 6", "die Zeile hat 7 Felder, die Kopfzeile 6"),
    (
        "one value per column; quote notes holding commas",
        "ein Wert pro Spalte; Notizen mit Kommas in Anführungszeichen setzen",
    ),
    ("unknown automatic exit criterion", "unbekanntes automatisches Abschlusskriterium"),
    ("--update takes exactly one engagement", "--update erwartet genau ein Engagement"),
    ("--update needs --status", "--update braucht --status"),
    ("not_started, in_progress, done or blocked", "not_started, in_progress, done oder blocked"),
    ("--update needs --percent for this status", "--update braucht für diesen Status --percent"),
    (
        "--status and --percent only go with --update PHASE",
        "--status und --percent gehen nur mit --update PHASE",
    ),
    ("--as-of and --today exclude each other", "--as-of und --today schließen einander aus"),
    ("missing id", "fehlende ID"),
    ("a short unique id such as B-01", "eine kurze eindeutige ID wie B-01"),
    ("id used twice", "ID doppelt vergeben"),
    ("a unique id per item", "eine eindeutige ID pro Eintrag"),
    ("missing item", "fehlender Eintrag"),
    ("what is to be improved, in words", "was verbessert werden soll, in Worten"),
    ("unknown KPI", "unbekannte KPI"),
    ("a KPI id such as add, ar_overdue, ar_total", "eine KPI-ID wie add, ar_overdue, ar_total"),
    ("stakeholder register not found", "Stakeholder-Register nicht gefunden"),
    ("`kit new` writes one", "`kit new` legt eines an"),
    ("the register is empty", "das Register ist leer"),
    ("a header row and at least one person", "eine Kopfzeile und mindestens eine Person"),
    ("missing column(s): influence", "fehlende Spalte(n): influence"),
    (
        "columns name, role, department, influence, interest, blueprint, setup (contact optional)",
        "Spalten name, role, department, influence, interest, blueprint, setup (contact optional)",
    ),
    ("columns date, phase, status", "Spalten date, phase, status"),
    ("a row has more fields than the header", "eine Zeile hat mehr Felder als die Kopfzeile"),
    (
        "fields separated by ';'; quote values that contain ';'",
        "Felder getrennt durch ';'; Werte, die ';' enthalten, in Anführungszeichen setzen",
    ),
    ("name is empty", "Name ist leer"),
    ("a person's name", "der Name einer Person"),
    ("name already in row 2", "Name bereits in Zeile 2"),
    ("unique names", "eindeutige Namen"),
    ("interest is not a score", "interest ist keine Bewertung von 1 bis 5"),
    ("1, 2, 3, 4 or 5", "1, 2, 3, 4 oder 5"),
    ("not a RACI letter", "kein RACI-Buchstabe"),
    (
        "R, A, C, I or empty (R responsible, A accountable, C consulted, I informed)",
        "R, A, C, I oder leer (R verantwortlich, A rechenschaftspflichtig, C konsultiert, I informiert)",
    ),
    ("table 'payments' lacks columns", "der Tabelle 'payments' fehlen Spalten"),
    (
        "the canonical columns payment_id, invoice_id, payment_date, amount",
        "die kanonischen Spalten payment_id, invoice_id, payment_date, amount",
    ),
    (
        "map the source's headers to the canonical names in engagement.yaml (columns:)",
        "die Spaltenköpfe der Quelle in engagement.yaml (columns:) den kanonischen Namen zuordnen",
    ),
    ("invoice id used twice", "Rechnungsnummer doppelt vergeben"),
    ("unique invoice ids", "eindeutige Rechnungsnummern"),
    ("ladder lacks columns", "dem Mahnstufenplan fehlen Spalten"),
    (
        "segment, step, day, channel, tone, owner (text_de, text_en, note optional)",
        "segment, step, day, channel, tone, owner (text_de, text_en und note optional)",
    ),
    ("a non-empty text", "ein nicht leerer Text"),
    ("owner is empty", "owner ist leer"),
    (
        "a whole number of days from -30 to 365 (negative = before due)",
        "eine ganze Zahl von Tagen von -30 bis 365 (negativ = vor Fälligkeit)",
    ),
    ("day is not a whole number of days", "day ist keine ganze Zahl von Tagen"),
    ("unknown channel", "unbekannter Kanal"),
    ("unknown tone", "unbekannte Tonalität"),
    (
        "each step once per segment (first in row 4)",
        "jeder Schritt nur einmal pro Segment (zuerst in Zeile 4)",
    ),
    ("step listed twice for this segment", "Schritt für dieses Segment doppelt aufgeführt"),
    (
        "fix the ladder file and run again",
        "die Datei des Mahnstufenplans korrigieren und erneut ausführen",
    ),
    ("ladder file not found", "Datei des Mahnstufenplans nicht gefunden"),
    ("a CSV file", "eine CSV-Datei"),
    ("a header: segment, step, day", "eine Kopfzeile: segment, step, day"),
    (
        "cannot read CSV: field larger than field limit",
        "CSV kann nicht gelesen werden: field larger than field limit",
    ),
    (
        "agency hand-over without an earlier final notice",
        "Übergabe an das Inkasso ohne vorherige letzte Mahnung",
    ),
    (
        "a final_notice step of the same segment on an earlier day",
        "ein final_notice-Schritt desselben Segments an einem früheren Tag",
    ),
    ("days overdue must be at least 1", "die Überfälligkeit in Tagen muss mindestens 1 sein"),
    ("a whole number of days >= 1", "eine ganze Zahl von Tagen >= 1"),
    ("minimum amount must not be negative", "der Mindestbetrag darf nicht negativ sein"),
    ("an amount >= 0", "ein Betrag >= 0"),
    ("hand-over table lacks columns", "der Übergabetabelle fehlen Spalten"),
    ("the table agency_handover() returns", "die Tabelle, die agency_handover() liefert"),
    ("team.fte is out of range", "team.fte liegt außerhalb des zulässigen Bereichs"),
    ("hours a month >= 0", "Stunden pro Monat >= 0"),
    ("a count >= 0", "eine Anzahl >= 0"),
    ("productive hours per FTE and month > 0", "produktive Stunden pro FTE und Monat > 0"),
    (
        "a share from 0 to 1 (0.25 = a quarter of the work automated)",
        "ein Anteil von 0 bis 1 (0,25 = ein Viertel der Arbeit automatisiert)",
    ),
    ("no growth steps given", "keine Wachstumsschritte angegeben"),
    ("e.g. 0, 0.1, ..., 1.0", "z. B. 0, 0.1, ..., 1.0"),
    ("default steps lack columns", "den Standardschritten fehlen Spalten"),
    (
        "the agency hand-over must come after the final notice",
        "die Übergabe an das Inkasso muss nach der letzten Mahnung kommen",
    ),
    (
        "more than 60 days (final notice of 'standard')",
        "mehr als 60 Tage (letzte Mahnung von 'standard')",
    ),
    ("lookback is too short", "der Rückblickzeitraum ist zu kurz"),
    ("at least 2 days", "mindestens 2 Tage"),
    ("need at least one cluster", "mindestens ein Cluster nötig"),
    ("unknown segmentation method", "unbekannte Segmentierungsmethode"),
    ("rules or kmeans", "rules oder kmeans"),
    (
        "one of not_started, in_progress, done, blocked",
        "einer der Werte not_started, in_progress, done, blocked",
    ),
    ("resolved before it was opened", "Erledigungsdatum vor dem Eröffnungsdatum"),
    (
        "payment dated before the invoice was issued",
        "Zahlung datiert vor dem Belegdatum der Rechnung",
    ),
    ("2 empty cells read as false", "2 leere Zellen als false (nein) gelesen"),
    (
        "the file is not valid utf-8 text at byte 7",
        "die Datei ist ab Byte 7 kein gültiger utf-8-Text",
    ),
    ("greater than or equal to 1", "größer oder gleich 1"),
    ("greater than 0", "größer als 0"),
    ("less than or equal to 100", "kleiner oder gleich 100"),
    ("less than 1", "kleiner als 1"),
    ("unable to parse string as an integer", "Text ist keine ganze Zahl"),
    ("unable to parse string as a number", "Text ist keine Zahl"),
    ("got a number with a fractional part", "Zahl mit Nachkommastellen"),
    ("input is too short", "Eingabe ist zu kurz"),
    ("invalid character in month", "ungültiges Zeichen im Monat"),
    ("each step once per segment", "jeder Schritt nur einmal pro Segment"),
    # Hostile and broken files
    (
        "YAML anchors and aliases (&name, *name) are not accepted",
        "YAML-Anker und -Verweise (&name, *name) werden nicht akzeptiert",
    ),
    (
        "every value written out where it is used",
        "jeden Wert dort ausgeschrieben, wo er gebraucht wird",
    ),
    ("YAML nested deeper than 50 levels", "YAML tiefer als 50 Ebenen verschachtelt"),
    (
        "key 'data' appears twice (lines 2 and 5)",
        "Schlüssel 'data' kommt zweimal vor (Zeilen 2 und 5)",
    ),
    (
        "each key once per block; merge the two blocks",
        "jeden Schlüssel nur einmal pro Block; die beiden Blöcke zusammenführen",
    ),
    (
        "file is larger than 1,000 bytes; at most that is read",
        "die Datei ist größer als 1.000 Bytes; mehr wird nicht gelesen",
    ),
    ("save it as UTF-8", "als UTF-8 speichern"),
    (
        "cannot read or write the file: the disk is full",
        "die Datei kann nicht gelesen oder geschrieben werden: die Festplatte ist voll",
    ),
    ("the disk is full", "die Festplatte ist voll"),
    ("the disk quota is exhausted", "das Speicherkontingent ist erschöpft"),
    ("the file system is read-only", "das Dateisystem ist schreibgeschützt"),
    ("permission denied", "keine Berechtigung"),
    ("file or folder not found", "Datei oder Ordner nicht gefunden"),
    (
        "a part of the path is a file, not a folder",
        "ein Teil des Pfads ist eine Datei, kein Ordner",
    ),
    ("a folder where a file was expected", "ein Ordner, wo eine Datei erwartet wurde"),
    ("a file of that name already exists", "eine Datei dieses Namens existiert bereits"),
    ("too many symbolic links", "zu viele symbolische Verknüpfungen"),
    ("the file name is too long", "der Dateiname ist zu lang"),
    ("input/output error", "Ein-/Ausgabefehler"),
    ("the file is larger than the system allows", "die Datei ist größer, als das System erlaubt"),
    (
        "free disk space and run again; earlier files are unchanged",
        "Speicherplatz freigeben und erneut ausführen; frühere Dateien sind unverändert",
    ),
    (
        "copy the engagement to a writable folder",
        "das Engagement in einen beschreibbaren Ordner kopieren",
    ),
    (
        "check the file and folder permissions",
        "die Berechtigungen der Datei und des Ordners prüfen",
    ),
    ("path leaves the engagement folder", "der Pfad verlässt den Engagement-Ordner"),
    (
        "a path inside the engagement folder (symbolic links followed); to read it from elsewhere list the key: allow_outside: [branding.logo]",
        "ein Pfad im Engagement-Ordner (symbolische Verknüpfungen aufgelöst); um ihn von anderswo zu lesen, den Schlüssel aufführen: allow_outside: [branding.logo]",
    ),
    (
        "allow_outside names a key that holds no path",
        "allow_outside nennt einen Schlüssel, der keinen Pfad enthält",
    ),
    (
        "keys such as data.invoices.path, branding.logo, process_maps",
        "Schlüssel wie data.invoices.path, branding.logo, process_maps",
    ),
    ("logo is 100,000,000 bytes", "das Logo hat 100.000.000 Bytes"),
    (
        "logo cannot be read (Permission denied)",
        "das Logo kann nicht gelesen werden (Permission denied)",
    ),
    ("logo is not a PNG, JPEG or SVG image", "das Logo ist kein PNG-, JPEG- oder SVG-Bild"),
    ("a .png, .jpg or .svg file", "eine .png-, .jpg- oder .svg-Datei"),
    ("a plain SVG drawing", "eine einfache SVG-Zeichnung"),
    ("SVG logo holds a DTD or entities", "das SVG-Logo enthält eine DTD oder Entitäten"),
    (
        "SVG logo is not well-formed XML (no element found: line 1, column 0)",
        "das SVG-Logo ist kein wohlgeformtes XML (no element found: line 1, column 0)",
    ),
    ("logo is not an SVG drawing", "das Logo ist keine SVG-Zeichnung"),
    ("SVG logo holds a <script> element", "das SVG-Logo enthält ein Element <script>"),
    (
        "SVG logo holds an event handler (onload)",
        "das SVG-Logo enthält einen Event-Handler (onload)",
    ),
    (
        "SVG logo refers to another file or address",
        "das SVG-Logo verweist auf eine andere Datei oder Adresse",
    ),
    ("output folder is a symbolic link", "der Ausgabeordner ist eine symbolische Verknüpfung"),
    (
        "a plain folder inside the engagement (nothing is written elsewhere)",
        "ein gewöhnlicher Ordner im Engagement (anderswo wird nichts geschrieben)",
    ),
    (
        "remove the link; the kit creates the folder itself",
        "die Verknüpfung entfernen; das Kit legt den Ordner selbst an",
    ),
    ("output folder is a file", "der Ausgabeordner ist eine Datei"),
    ("a folder", "ein Ordner"),
    ("process_maps holds more than 2,000 files", "process_maps enthält mehr als 2.000 Dateien"),
    ("a folder of process maps only", "ein Ordner nur mit Prozesslandkarten"),
    (
        "map files inside the engagement folder (symbolic links followed)",
        "Prozesslandkarten im Engagement-Ordner (symbolische Verknüpfungen aufgelöst)",
    ),
    (
        "workbook unpacks to 1,073,741,824 bytes",
        "die Arbeitsmappe entpackt sich auf 1.073.741.824 Bytes",
    ),
    ("at most 268,435,456 bytes unpacked", "höchstens 268.435.456 Bytes entpackt"),
    (
        "save only the sheet with the ledger, or export it as CSV",
        "nur das Blatt mit den Buchungen speichern oder es als CSV exportieren",
    ),
    (
        "the sheet cannot be unpacked (Bad CRC-32)",
        "das Blatt kann nicht entpackt werden (Bad CRC-32)",
    ),
    ("formula without a saved value", "Formel ohne gespeicherten Wert"),
    (
        "values: open the workbook in Excel and save it, or paste values only",
        "Werte: die Arbeitsmappe in Excel öffnen und speichern oder nur Werte einfügen",
    ),
    (
        "12 more formula cells without a saved value",
        "12 weitere Formelzellen ohne gespeicherten Wert",
    ),
    ("the kit reads saved values, not formulas", "das Kit liest gespeicherte Werte, keine Formeln"),
    (
        "the sheet spans 1,048,576 rows × 16,384 columns",
        "das Blatt umfasst 1.048.576 Zeilen × 16.384 Spalten",
    ),
    ("at most 50,000,000 cells", "höchstens 50.000.000 Zellen"),
    (
        "delete empty rows and columns below and right of the table, or export as CSV",
        "leere Zeilen und Spalten unter und rechts der Tabelle löschen oder als CSV exportieren",
    ),
    (
        "a cell holds more than 32,767 characters (Excel's limit)",
        "eine Zelle enthält mehr als 32.767 Zeichen (Grenze von Excel)",
    ),
    ("a ledger export with ordinary cells", "ein Buchungsexport mit gewöhnlichen Zellen"),
    (
        "the sheet is damaged or cut off (ParseError: no element found: line 1, column 9)",
        "das Blatt ist beschädigt oder abgeschnitten (ParseError: no element found: line 1, column 9)",
    ),
    (
        "a complete workbook; save it again in Excel",
        "eine vollständige Arbeitsmappe; in Excel erneut speichern",
    ),
    (
        "column 'amount' appears twice in the header (columns 5 and 6)",
        "Spalte 'amount' kommt zweimal in der Kopfzeile vor (Spalten 5 und 6)",
    ),
    (
        "each column name once; rename or delete one of them",
        "jeden Spaltennamen nur einmal; eine der Spalten umbenennen oder löschen",
    ),
    (
        "1 ids written in another Unicode form (NFD) were brought to NFC; 1 of them now equal another id",
        "1 Nummern in anderer Unicode-Form (NFD) wurden nach NFC gebracht; 1 davon gleichen jetzt einer anderen Nummer",
    ),
    (
        "3 ids written in another Unicode form (NFD) were brought to NFC",
        "3 Nummern in anderer Unicode-Form (NFD) wurden nach NFC gebracht",
    ),
    ("amount outside the plausible range", "Betrag außerhalb des plausiblen Bereichs"),
    (
        "an amount up to 100,000,000,000 (set plausibility.max_amount for larger ones)",
        "ein Betrag bis 100.000.000.000 (für größere plausibility.max_amount setzen)",
    ),
    (
        "payments exceed the invoice amount (invoice 0002: 100,000,099.00 paid on 250.50)",
        "Zahlungen übersteigen den Rechnungsbetrag (Rechnung 0002: 100,000,099.00 gezahlt auf 250.50)",
    ),
    ("payments exceed the invoice amount", "Zahlungen übersteigen den Rechnungsbetrag"),
    (
        "at most 200% of the invoice amount (set plausibility.max_overpayment_share to accept more)",
        "höchstens 200% des Rechnungsbetrags (für mehr plausibility.max_overpayment_share setzen)",
    ),
    ("the client name is not valid UTF-8 text", "der Kundenname ist kein gültiger UTF-8-Text"),
    (
        "type the name again in a UTF-8 terminal",
        "den Namen in einem UTF-8-Terminal erneut eingeben",
    ),
    (
        "the client name cannot be written to engagement.yaml",
        "der Kundenname kann nicht in engagement.yaml geschrieben werden",
    ),
    (
        "choose a folder that is not below a file",
        "einen Ordner wählen, der nicht unter einer Datei liegt",
    ),
    (
        "the map file exists and differs from this import (it may hold edits)",
        "die Prozesslandkarte existiert und weicht von diesem Import ab (sie enthält eventuell Änderungen)",
    ),
    (
        "use --output for a new file, or --force to replace it",
        "--output für eine neue Datei verwenden oder --force, um sie zu ersetzen",
    ),
    (
        "BPMN elements nested deeper than 200 levels",
        "BPMN-Elemente tiefer als 200 Ebenen verschachtelt",
    ),
    ("sub-processes nested a few levels deep", "Teilprozesse wenige Ebenen tief verschachtelt"),
    # HOSTILE-END
    # KPI engine (engagement.yaml engine:, kit kpis --engine)
    (
        "engine must be duckdb, spark, spark:MASTER-URL or a warehouse URL such as snowflake://account/database",
        "engine muss duckdb, spark, spark:MASTER-URL oder eine Data-Warehouse-URL wie snowflake://konto/datenbank sein",
    ),
    (
        "the engine URL must not contain a password: set the credentials in the environment",
        "die engine-URL darf kein Passwort enthalten: die Zugangsdaten in der Umgebung setzen",
    ),
    ("engine spark needs PySpark", "engine spark braucht PySpark"),
    (
        'install it with pip install -e ".[spark]" (and Java 17)',
        'mit pip install -e ".[spark]" installieren (und Java 17)',
    ),
    ("cannot connect to the warehouse: timeout", "keine Verbindung zum Data Warehouse: timeout"),
    (
        "credentials come from the environment; check the URL and the driver",
        "die Zugangsdaten kommen aus der Umgebung; URL und Treiber prüfen",
    ),
]


def test_every_example_translates_exactly() -> None:
    wrong = [(en, translate(en, "de"), de) for en, de in EXAMPLES if translate(en, "de") != de]
    assert wrong == []


def test_every_rule_has_an_example() -> None:
    untested = [
        pattern
        for pattern, _ in TRANSLATIONS
        if not any(re.fullmatch(pattern, en, re.DOTALL) for en, _ in EXAMPLES)
    ]
    assert untested == []


def test_templates_use_exactly_the_groups_of_their_pattern() -> None:
    for pattern, template in TRANSLATIONS:
        groups = set(re.compile(pattern).groupindex)
        used = {field for _, field, _, _ in Formatter().parse(template) if field is not None}
        assert used == groups, pattern


def test_english_and_unknown_languages_leave_the_text_alone() -> None:
    for en, _ in EXAMPLES[:40]:
        assert translate(en, "en") == en
        assert translate(en, "fr") == en


def test_unknown_text_passes_through_unchanged() -> None:
    assert translate("something nobody wrote before", "de") == "something nobody wrote before"
    assert translate("", "de") == ""
    # A known phrase inside a longer unknown sentence is not translated piecemeal.
    assert translate("not a number, but close", "de") == "not a number, but close"
    assert translate("oh: the file is empty", "de") == "oh: the file is empty"


def test_a_nested_text_without_german_wording_keeps_the_whole_text_english() -> None:
    text = "process map 'm' is invalid: map 'm', activity 'a1': a brand-new rule"
    assert translate(text, "de") == text
    assert translate("bad date (hint: ask someone)", "de") == "bad date (hint: ask someone)"


def test_values_are_copied_verbatim_even_with_braces() -> None:
    assert translate("unknown key '{x}'", "de") == "unbekannter Schlüssel '{x}'"
    assert translate("unknown key 'Größe'", "de") == "unbekannter Schlüssel 'Größe'"


def test_problem_describe_in_german_translates_message_and_expectation() -> None:
    problem = Problem("the file has a header but no data rows", path="x.csv", row=1,
                      expected="at least one data row below the header")  # fmt: skip
    assert problem.describe("de") == (
        "x.csv, Zeile 1: die Datei hat eine Kopfzeile, aber keine Datenzeilen; "
        "erwartet mindestens eine Datenzeile unter der Kopfzeile"
    )
    assert problem.describe() == (
        "x.csv, row 1: the file has a header but no data rows; "
        "expected at least one data row below the header"
    )


def test_error_describe_in_german_translates_every_problem_and_the_hint() -> None:
    error = DataError.from_problems(
        [
            Problem(
                "bad status",
                row=3,
                column="status",
                value="finished",
                expected="one of not_started, in_progress, done, blocked",
            ),
            Problem(
                "percent out of range",
                row=4,
                column="percent_complete",
                value="150",
                expected="a number from 0 to 100",
            ),
        ],
        path="status.csv",
        hint="fix the rows in the file; new entries are best added with `kit status --update`",
    )
    assert error.describe("de").splitlines() == [
        "status.csv, Zeile 3, Spalte 'status': ungültiger Status (gefunden 'finished'); "
        "erwartet einer der Werte not_started, in_progress, done, blocked",
        "Zeile 4, Spalte 'percent_complete': Prozentwert außerhalb des zulässigen Bereichs "
        "(gefunden '150'); erwartet eine Zahl von 0 bis 100",
        "Hinweis: die Zeilen in der Datei korrigieren; neue Einträge am besten mit "
        "`kit status --update` hinzufügen",
    ]
    assert error.describe().splitlines()[-1] == (
        "Hint: fix the rows in the file; new entries are best added with `kit status --update`"
    )


def test_run_error_in_german() -> None:
    error = RunError(step="04_kpis", cell=7, error="KeyError: 'x'", executed="out/04.ipynb")
    assert error.describe("de") == (
        "Schritt 04_kpis in Zelle 7 fehlgeschlagen: KeyError: 'x' "
        "(ausgeführtes Notebook: out/04.ipynb)"
    )
    assert error.describe() == (
        "step 04_kpis failed in cell 7: KeyError: 'x' (executed notebook: out/04.ipynb)"
    )


def _german_engagement(tmp_path: Path, files: dict[str, str], extra_yaml: str = "") -> Path:
    engagement = tmp_path / "engagement"
    shutil.copytree(BASE, engagement)
    config = engagement / "engagement.yaml"
    text = config.read_text("utf-8").replace("language: en", "language: de")
    config.write_text(text + extra_yaml, "utf-8")
    for name, content in files.items():
        (engagement / name).write_text(content, "utf-8")
    return engagement


_HEADER = "invoice_id,customer_id,issue_date,due_date,amount\n"
_ENGLISH = re.compile(r"\b(row|rows|found|expected|Hint|Error|the|not|is|has|used|file)\b")

CLI_CASES = {
    "header_only": (
        "validate",
        {"data/invoices.csv": _HEADER},
        "",
        ["Zeile 1: die Datei hat eine Kopfzeile, aber keine Datenzeilen",
         "erwartet mindestens eine Datenzeile unter der Kopfzeile"],
    ),
    "duplicate_id": (
        "validate",
        {"data/invoices.csv": _HEADER + "0001,C1,2026-05-01,2026-05-31,100.00\n"
                                        "0001,C2,2026-05-10,2026-06-09,250.50\n"},
        "",
        ["Zeile 3, Spalte 'invoice_id': Rechnungsnummer mehrfach vorhanden (zuerst in Zeile 2)",
         "erwartet jede Rechnungsnummer nur einmal"],
    ),
    "due_before_issue": (
        "validate",
        {"data/invoices.csv": _HEADER + "0001,C1,2026-05-10,2026-04-09,100.00\n"},
        "",
        ["Fälligkeitsdatum vor dem Belegdatum (Belegdatum 2026-05-10) (gefunden '2026-04-09')"],
    ),
    "unknown_key": (
        "validate",
        {},
        "colour: blue\n",
        ["Fehler: ", "Schlüssel 'colour': unbekannter Schlüssel 'colour' (gefunden 'blue')",
         "Hinweis: jeder Schlüssel ist in der kommentierten engagement.yaml erklärt"],
    ),
    "bad_status": (
        "status",
        {"tracking/status.csv": "date,phase,status,percent_complete,note,author\n"
                                "2026-01-20,blueprint,finished,100,,Ana Lead\n"},
        "",
        ["Zeile 2, Spalte 'status': ungültiger Status (gefunden 'finished')",
         "erwartet einer der Werte not_started, in_progress, done, blocked"],
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(CLI_CASES))
def test_cli_speaks_german_for_a_german_engagement(case: str, tmp_path: Path) -> None:
    command, files, extra_yaml, fragments = CLI_CASES[case]
    engagement = _german_engagement(tmp_path, files, extra_yaml)
    result = CliRunner().invoke(app, [command, str(engagement)])
    output = result.output.replace(str(engagement), "ENGAGEMENT")
    assert result.exit_code == 2, output
    for fragment in fragments:
        assert fragment in output, f"{fragment!r} missing in: {output}"
    assert _ENGLISH.findall(output) == [], output
