"""German wording of the kit's error and warning texts (message, expected, hint).

The texts are English free text with values in them, so the table holds (regular expression on
the whole English text → German template with the same named groups), tried in order. A group
named `t_…` holds a nested text that is translated too (all or nothing: if it has no German
wording the rule does not apply); a group named `n_…` is a number with English thousands commas,
shown with German dots; `m_…` an amount such as 1,234.50, shown as 1.234,50. A text no rule matches completely is returned unchanged, so a sentence is
never half translated.
"""

# ruff: noqa: E501  (one translation per line: the table reads best unwrapped)
from __future__ import annotations

import re
from functools import cache

__all__ = ["TRANSLATIONS", "translate"]

_IDS = r"(?P<t_what>invoice id|customer id|payment id|dispute id)"
_UNTIL = r"(?P<t_what>issue date|invoice's issue date|opened date)"

#: (English regular expression, German template), first full match wins; order matters.
TRANSLATIONS: tuple[tuple[str, str], ...] = (
    # Wrappers around another text
    (r"(?P<t_msg>.+) \(hint: (?P<t_hint>.+)\)", "{t_msg} (Hinweis: {t_hint})"),
    (r"(?P<t_msg>.+); did you mean '(?P<guess>[^']*)'\?", "{t_msg}; meinten Sie '{guess}'?"),
    (
        r"(?P<t_msg>.+); the header contains (?P<sep>'[^']*'): set sep: (?P<sep2>'[^']*') for this source",
        "{t_msg}; die Kopfzeile enthält {sep}: für diese Quelle sep: {sep2} setzen",
    ),
    (r"(?P<t_msg>.+) \(first in row (?P<row>\d+)\)", "{t_msg} (zuerst in Zeile {row})"),
    (rf"(?P<t_msg>.+) \({_UNTIL} (?P<day>[0-9-]+)\)", "{t_msg} ({t_what} {day})"),
    (r"process map '(?P<id>[^']*)' is invalid: (?P<t_msg>.+)", "Prozesslandkarte '{id}' ist ungültig: {t_msg}"),
    (r"map '(?P<m>[^']*)', activity '(?P<a>[^']*)': (?P<t_msg>.+)", "Prozesslandkarte '{m}', Aktivität '{a}': {t_msg}"),
    (r"map '(?P<m>[^']*)': (?P<t_msg>.+)", "Prozesslandkarte '{m}': {t_msg}"),
    (r"(?P<t_msg>header does not match.*); unknown column\(s\) (?P<c>[^;]+)", "{t_msg}; unbekannte Spalte(n) {c}"),
    (r"(?P<t_msg>header does not match.*); missing column\(s\) (?P<c>[^;]+)", "{t_msg}; fehlende Spalte(n) {c}"),
    # Ledger rules (ingest)
    (r"invoice id", "Rechnungsnummer"),
    (r"customer id", "Kundennummer"),
    (r"payment id", "Zahlungsnummer"),
    (r"dispute id", "Reklamationsnummer"),
    (r"issue date", "Belegdatum"),
    (r"invoice's issue date", "Belegdatum der Rechnung"),
    (r"opened date", "Eröffnungsdatum"),
    (r"invoices", "Rechnungen"),
    (r"customers", "Kunden"),
    (rf"{_IDS} used more than once", "{t_what} mehrfach vorhanden"),
    (rf"each {_IDS} once", "jede {t_what} nur einmal"),
    (rf"{_IDS} not found", "{t_what} nicht gefunden"),
    (r"an id that exists in the (?P<t_table>invoices|customers) table", "eine Nummer, die in der Tabelle {t_table} vorkommt"),
    (r"due date before the issue date", "Fälligkeitsdatum vor dem Belegdatum"),
    (r"paid date before the issue date", "Zahlungsdatum vor dem Belegdatum"),
    (r"resolved before it was opened", "Erledigungsdatum vor dem Eröffnungsdatum"),
    (r"payment dated before the invoice was issued", "Zahlung datiert vor dem Belegdatum der Rechnung"),
    (rf"a date not before the {_UNTIL}", "ein Datum nicht vor dem {t_what}"),
    (r"empty value in the required column (?P<c>\S+)", "leerer Wert in der Pflichtspalte {c}"),
    (r"a value in every row", "ein Wert in jeder Zeile"),
    (r"value not in the yes/no map of (?P<c>\S+)", "Wert nicht in der Ja/Nein-Zuordnung von {c}"),
    (r"one of (?P<k>.+) \(add it under values: \{(?P<c>[^:]+): \.\.\.\}\)", "einer der Werte {k} (unter values: {{{c}: ...}} ergänzen)"),
    (r"(?P<n>\d+) empty cells read as false", "{n} leere Zellen als false (nein) gelesen"),
    (r"not a number", "keine Zahl"),
    (r"a number like (?P<n>\S+) \(decimal '(?P<d>[^']*)', thousands '(?P<t>[^']*)'\)", "eine Zahl wie {n} (Dezimalzeichen '{d}', Tausendertrennzeichen '{t}')"),
    (r"not a valid date", "kein gültiges Datum"),
    (r"a date like (?P<d>\S+) \(ISO year-month-day; set date_format for other layouts\)", (
"ein Datum wie {d} (ISO Jahr-Monat-Tag; für andere Formate "
"date_format setzen)"
)),
    (r"a date like (?P<d>\S+) \(day first; set date_format for other layouts\)", "ein Datum wie {d} (Tag zuerst; für andere Formate date_format setzen)"),
    (r"a date like (?P<d>.+) \(format (?P<f>.+)\)", "ein Datum wie {d} (Format {f})"),
    (r"a date like (?P<d>\S+) \(or (?P<e>\S+)\), or empty", "ein Datum wie {d} (oder {e}) oder leer"),
    (r"a date like (?P<d>\S+) \(or (?P<e>\S+)\)", "ein Datum wie {d} (oder {e})"),
    (r"a date like (?P<d>\S+)", "ein Datum wie {d}"),
    (r"(?P<c>\w+) must be greater than 0", "{c} muss größer als 0 sein"),
    (r"a positive amount \(credit notes belong in payments\)", "ein positiver Betrag (Gutschriften gehören zu den Zahlungen)"),
    (r"date outside the plausible range", "Datum außerhalb des plausiblen Bereichs"),
    (r"a date between (?P<a>\S+) and (?P<b>\S+)", "ein Datum zwischen {a} und {b}"),
    (r"unknown (?P<c>\w+) value", "unbekannter Wert in {c}"),
    (r"one of (?P<k>.+) \(translate others with values:\)", "einer der Werte {k} (andere Werte unter values: übersetzen)"),
    (r"column fails the check (?P<k>.+)", "Spalte verletzt die Prüfung {k}"),
    (r"(?P<c>\w+) fails the check (?P<k>.+)", "{c} verletzt die Prüfung {k}"),
    (r"a valid value", "ein gültiger Wert"),
    (r"(?P<n>\d+) more rows with problems are not listed", "{n} weitere fehlerhafte Zeilen sind nicht aufgeführt"),
    (r"fix the (?P<n>\d+) listed first, then run the check again", "zuerst die {n} aufgeführten beheben, dann erneut prüfen"),
    (r"no invoices could be loaded", "es konnten keine Rechnungen geladen werden"),
    (r"`kit validate` lists every problem; `on_error: skip` leaves bad rows out", (
"`kit validate` listet jedes Problem auf; `on_error: skip` "
"lässt fehlerhafte Zeilen aus"
)),
    # Column mapping
    (r"column '(?P<s>[^']*)' \(mapped to (?P<t>[^)]*)\) not found", "Spalte '{s}' (zugeordnet zu {t}) nicht gefunden"),
    (r"one of the columns found: (?P<c>.*)", "eine der gefundenen Spalten: {c}"),
    (r"required column '(?P<c>[^']*)' is missing", "Pflichtspalte '{c}' fehlt"),
    (r"a column mapped to (?P<c>\S+); columns found: (?P<l>.*)", "eine Spalte, die {c} zugeordnet ist; gefundene Spalten: {l}"),
    (r"filter column not found", "Filterspalte nicht gefunden"),
    (r"(?P<n>\d+) rows left out by the filter on this column", "{n} Zeilen durch den Filter auf dieser Spalte ausgelassen"),
    (r"amount in a foreign currency without an exchange rate", "Betrag in Fremdwährung ohne Wechselkurs"),
    (r"(?P<c>\S+) or a rate under fx: \(e\.g\. fx: \{USD: 0\.92\}\)", "{c} oder ein Kurs unter fx: (z. B. fx: {{USD: 0.92}})"),
    # Reading files
    (r"the file is not valid (?P<e>\S+) text at byte (?P<b>\d+)", "die Datei ist ab Byte {b} kein gültiger {e}-Text"),
    (r"the file is not valid (?P<e>\S+) text", "die Datei ist kein gültiger {e}-Text"),
    (r"text encoded as (?P<e>\S+)", "Text in der Kodierung {e}"),
    (r"set `encoding: (?P<e>[^`]*)` \(or the export's encoding\) for this source", "für diese Quelle `encoding: {e}` (oder die Kodierung des Exports) setzen"),
    (r"rows have differing numbers of fields", "die Zeilen haben unterschiedlich viele Felder"),
    (r"check `sep`", "`sep` prüfen"),
    (r"data file not found", "Datendatei nicht gefunden"),
    (r"file is (?P<n_size>[\d,]+) bytes; at most (?P<n_max>[\d,]+) (?:bytes )?are read", "die Datei hat {n_size} Bytes; gelesen werden höchstens {n_max} Bytes"),
    (r"split the export by year or keep only the columns the kit needs", (
"den Export nach Jahren aufteilen oder nur die Spalten "
"behalten, die das Kit braucht"
)),
    (r"the file is empty", "die Datei ist leer"),
    (r"the file is empty \(only blank space\)", "die Datei ist leer (nur Leerraum)"),
    (r"a header row and data rows", "eine Kopfzeile und Datenzeilen"),
    (r"the file has a header but no data rows", "die Datei hat eine Kopfzeile, aber keine Datenzeilen"),
    (r"at least one data row below the header", "mindestens eine Datenzeile unter der Kopfzeile"),
    (r"this is a zip/Excel file, not CSV", "das ist eine ZIP-/Excel-Datei, kein CSV"),
    (r"set `format: xlsx` for this source or export it as CSV", "für diese Quelle `format: xlsx` setzen oder sie als CSV exportieren"),
    (r"binary data, not a text table \(NUL byte at byte (?P<b>\d+)\)", "Binärdaten, keine Texttabelle (NUL-Byte an Byte {b})"),
    (r"a CSV text file", "eine CSV-Textdatei"),
    (r"cannot read the file as CSV: (?P<e>.*)", "die Datei kann nicht als CSV gelesen werden: {e}"),
    (r"not a readable XLSX workbook \((?P<e>[^)]*)\)", "keine lesbare XLSX-Arbeitsmappe ({e})"),
    (r"an \.xlsx file", "eine .xlsx-Datei"),
    (r"the sheet is empty", "das Tabellenblatt ist leer"),
    (r"not a readable Parquet file: (?P<e>.*)", "keine lesbare Parquet-Datei: {e}"),
    (r"totals row at the end of the table left out", "Summenzeile am Tabellenende ausgelassen"),
    (r"one row per item; sums are computed by the kit", "eine Zeile pro Posten; Summen berechnet das Kit"),
    (r"no header row found", "keine Kopfzeile gefunden"),
    (r"row has (?P<a>\d+) fields but the header has (?P<b>\d+)", "die Zeile hat {a} Felder, die Kopfzeile aber {b}"),
    (r"(?P<a>\d+) fields separated by '(?P<s>[^']*)'", "{a} Felder, getrennt durch '{s}'"),
    (r"check the separator \(`sep`\) and quoting of text that contains it", (
"das Trennzeichen (`sep`) prüfen und Text, der es enthält, in "
"Anführungszeichen setzen"
)),
    (r"sheet index (?P<i>\d+) does not exist", "Tabellenblatt Nr. {i} existiert nicht"),
    (r"sheet not found", "Tabellenblatt nicht gefunden"),
    # engagement.yaml
    (r"no engagement\.yaml found", "keine engagement.yaml gefunden"),
    (r"give the folder that holds engagement\.yaml; `kit new PATH` creates one", (
"den Ordner angeben, der engagement.yaml enthält; `kit new "
"PATH` legt einen an"
)),
    (r"a mapping with at least 'client' and 'data'", "eine Zuordnung (Mapping) mit mindestens 'client' und 'data'"),
    (r"top level is not a mapping", "die oberste Ebene ist keine Zuordnung (Mapping)"),
    (r"keys such as client, language, data", "Schlüssel wie client, language, data"),
    (r"not UTF-8 text \(byte (?P<b>\d+)\)", "kein UTF-8-Text (Byte {b})"),
    (r"save engagement\.yaml as UTF-8", "engagement.yaml als UTF-8 speichern"),
    (r"save as UTF-8", "als UTF-8 speichern"),
    (r"save the file as UTF-8 CSV", "die Datei als UTF-8-CSV speichern"),
    (r"save the ladder as CSV UTF-8", "den Mahnstufenplan als CSV UTF-8 speichern"),
    (r"YAML syntax error: (?P<e>.*)", "YAML-Syntaxfehler: {e}"),
    (r"check indentation and quoting near that line; only plain YAML is accepted", (
"Einrückung und Anführungszeichen nahe dieser Zeile prüfen; "
"nur einfaches YAML wird akzeptiert"
)),
    (r"logo file not found", "Logodatei nicht gefunden"),
    (r"phase id used twice", "Phasen-ID doppelt vergeben"),
    (r"a file relative to (?P<p>.+)", "eine Datei relativ zu {p}"),
    (r"see the commented engagement\.yaml that `kit new` writes for every key", (
"jeder Schlüssel ist in der kommentierten engagement.yaml "
"erklärt, die `kit new` schreibt"
)),
    (r"unknown key '(?P<k>[^']*)'", "unbekannter Schlüssel '{k}'"),
    (r"one of the keys documented in engagement\.yaml", "einer der in engagement.yaml beschriebenen Schlüssel"),
    (r"required key is missing", "Pflichtschlüssel fehlt"),
    (r"primary_color must be a colour like '(?P<c>[^']*)'", "primary_color muss eine Farbe wie '{c}' sein"),
    (r"phase '(?P<p>[^']*)' ends \((?P<e>[^)]*)\) before it starts \((?P<s>[^)]*)\)", "Phase '{p}' endet ({e}) vor ihrem Beginn ({s})"),
    (r"currency must be a three-letter ISO code such as EUR", "currency muss ein dreistelliger ISO-Code wie EUR sein"),
    (r"client must not be empty", "client darf nicht leer sein"),
    (r"unknown encoding '(?P<e>[^']*)' \(use e\.g\. utf-8, cp1252, latin-1\)", "unbekannte Kodierung '{e}' (z. B. utf-8, cp1252, latin-1 verwenden)"),
    (r"fx rate for (?P<c>\S+) must be > 0", "der Wechselkurs für {c} muss > 0 sein"),
    # Type checks of engagement.yaml (pydantic's wording)
    (r"Input should be (?P<t_what>[^,]+), (?P<t_why>.+)", "Eingabe muss {t_what} sein ({t_why})"),
    (r"Input should be (?P<t_what>.+)", "Eingabe muss {t_what} sein"),
    (r"a valid integer", "eine ganze Zahl"),
    (r"a valid number", "eine Zahl"),
    (r"a finite number", "eine endliche Zahl"),
    (r"a valid (?:date or datetime|date)", "ein gültiges Datum"),
    (r"a valid boolean", "ein Wahrheitswert (true/false)"),
    (r"a valid string", "ein Text"),
    (r"a valid list", "eine Liste"),
    (r"a valid dictionary", "eine Zuordnung (Mapping)"),
    (r"(?P<a>'[^']*'(?:, '[^']*')*) or (?P<b>'[^']*')", "{a} oder {b}"),
    (r"greater than or equal to (?P<n>\S+)", "größer oder gleich {n}"),
    (r"greater than (?P<n>\S+)", "größer als {n}"),
    (r"less than or equal to (?P<n>\S+)", "kleiner oder gleich {n}"),
    (r"less than (?P<n>\S+)", "kleiner als {n}"),
    (r"unable to parse string as an integer", "Text ist keine ganze Zahl"),
    (r"unable to parse string as a number", "Text ist keine Zahl"),
    (r"got a number with a fractional part", "Zahl mit Nachkommastellen"),
    (r"(?P<t_part>day|month|year) value is outside expected range", "{t_part} außerhalb des gültigen Bereichs"),
    (r"day", "Tag"),
    (r"month", "Monat"),
    (r"year", "Jahr"),
    (r"input is too short", "Eingabe ist zu kurz"),
    (r"invalid character in (?P<t_part>day|month|year)", "ungültiges Zeichen im {t_part}"),
    # Process maps and BPMN
    (r"BPMN file too large \((?P<n_size>[\d,]+) bytes\)", "BPMN-Datei zu groß ({n_size} Bytes)"),
    (r"at most (?P<n_max>[\d,]+) bytes", "höchstens {n_max} Bytes"),
    (r"not a BPMN 2\.0 file \(root element '(?P<r>[^']*)'\)", "keine BPMN-2.0-Datei (Wurzelelement '{r}')"),
    (r"<definitions> in namespace (?P<ns>\S+)", "<definitions> im Namensraum {ns}"),
    (r"BPMN file has no <process>", "die BPMN-Datei enthält kein <process>"),
    (r"at least one process with tasks", "mindestens ein Prozess mit Aufgaben"),
    (r"BPMN element '(?P<t>[^']*)' is not part of a process map and was ignored \((?P<n>\d+)×\)", (
"BPMN-Element '{t}' gehört nicht zu einer Prozesslandkarte und "
"wurde ignoriert ({n}×)"
)),
    (r"cannot read the BPMN file: (?P<e>.*)", "die BPMN-Datei kann nicht gelesen werden: {e}"),
    (r"BPMN file contains a DTD \(refused for security\)", "die BPMN-Datei enthält eine DTD (aus Sicherheitsgründen abgelehnt)"),
    (r"plain BPMN 2\.0 XML without <!DOCTYPE>", "reines BPMN-2.0-XML ohne <!DOCTYPE>"),
    (r"BPMN file declares XML entities \(refused for security\)", (
"die BPMN-Datei deklariert XML-Entitäten (aus "
"Sicherheitsgründen abgelehnt)"
)),
    (r"BPMN file refers to external resources \(refused for security\)", (
"die BPMN-Datei verweist auf externe Ressourcen (aus "
"Sicherheitsgründen abgelehnt)"
)),
    (r"plain BPMN 2\.0 XML", "reines BPMN-2.0-XML"),
    (r"BPMN file refused for security: (?P<e>.*)", "BPMN-Datei aus Sicherheitsgründen abgelehnt: {e}"),
    (r"not well-formed XML: (?P<e>.*)", "kein wohlgeformtes XML: {e}"),
    (r"a complete BPMN 2\.0 XML file", "eine vollständige BPMN-2.0-XML-Datei"),
    (r"metrics row names no activity of the BPMN file", "die Kennzahlenzeile nennt keine Aktivität der BPMN-Datei"),
    (r"an activity id or name", "eine Aktivitäts-ID oder ein Aktivitätsname"),
    (r"BPMN file is UTF-8 but line (?P<l>[\d, …]+) holds (?P<n>\d+) byte\(s\) that are not; read as Latin-1 \(check the label there\)", (
"die BPMN-Datei ist UTF-8, aber Zeile {l} enthält {n} Byte(s), "
"die es nicht sind; als Latin-1 gelesen (die Beschriftung dort "
"prüfen)"
)),
    (r"(?P<n>\d+) sequence flow\(s\) lead to or from elements that are not activities of the map and were left out: (?P<f>.*)", (
"{n} Sequenzfluss/-flüsse führen zu oder von Elementen, die "
"keine Aktivitäten der Prozesslandkarte sind, und wurden "
"weggelassen: {f}"
)),
    (r"BPMN file has no activity \(task, sub-process or call activity\)", (
"die BPMN-Datei enthält keine Aktivität (Task, Teilprozess "
"oder Aufrufaktivität)"
)),
    (r"at least one task in a process", "mindestens ein Task in einem Prozess"),
    (r"BPMN has no branch probabilities: outgoing flows of (?P<n>\d+) gateway\(s\) were split equally; set the probabilities in the YAML map where they matter", (
"BPMN enthält keine Verzweigungswahrscheinlichkeiten: die "
"ausgehenden Flüsse von {n} Gateway(s) wurden gleichmäßig "
"aufgeteilt; Wahrscheinlichkeiten, wo sie wichtig sind, in der "
"YAML-Prozesslandkarte setzen"
)),
    (r"no reference map for language '(?P<l>[^']*)'", "keine Referenz-Prozesslandkarte für die Sprache '{l}'"),
    (r"de or en", "de oder en"),
    (r"not a process map file", "keine Prozesslandkarten-Datei"),
    (r"\.yaml/\.yml, \.bpmn or an activities\.csv \+ flows\.csv pair", ".yaml/.yml, .bpmn oder ein Paar activities.csv + flows.csv"),
    (r"activities CSV without its flows CSV", "Aktivitäten-CSV ohne zugehörige Flüsse-CSV"),
    (r"a file (?P<f>\S+) next to it", "eine Datei {f} daneben"),
    (r"map id '(?P<i>[^']*)' is used twice", "Prozesslandkarten-ID '{i}' ist doppelt vergeben"),
    (r"ids unique across the engagement \(also in (?P<p>.+)\)", "im ganzen Engagement eindeutige IDs (auch in {p})"),
    (r"folder holds no process maps", "der Ordner enthält keine Prozesslandkarten"),
    (r"\.yaml, \.bpmn or activities\.csv files", ".yaml-, .bpmn- oder activities.csv-Dateien"),
    (r"file or folder not found", "Datei oder Ordner nicht gefunden"),
    (r"duplicate activity id", "doppelte Aktivitäts-ID"),
    (r"flow (?P<a>\S+) → (?P<b>\S+) names an unknown activity", "Fluss {a} → {b} nennt eine unbekannte Aktivität"),
    (r"flow (?P<a>\S+) → (?P<b>\S+) has probability (?P<p>\S+)", "Fluss {a} → {b} hat die Wahrscheinlichkeit {p}"),
    (r"a probability between 0 and 1", "eine Wahrscheinlichkeit zwischen 0 und 1"),
    (r"the map has no activities", "die Prozesslandkarte hat keine Aktivitäten"),
    (r"unknown kind '(?P<k>[^']*)'", "unbekannte Art '{k}'"),
    (r"(?P<a>minutes|per_month) is (?P<v>\S+)", "{a} ist {v}"),
    (r"a number ≥ 0", "eine Zahl ≥ 0"),
    (r"outgoing probabilities of the decision sum to (?P<s>\S+)", (
"die ausgehenden Wahrscheinlichkeiten der Entscheidung ergeben "
"in Summe {s}"
)),
    (r"a sum of 1 \(± 0\.01\)", "eine Summe von 1 (± 0,01)"),
    (r"the loop (?P<l>.+) has no exit", "die Schleife {l} hat keinen Ausgang"),
    (r"a flow that leaves the loop", "ein Fluss, der die Schleife verlässt"),
    (r"a number such as 12 or 12\.5", "eine Zahl wie 12 oder 12,5"),
    (r"not a finite number", "keine endliche Zahl"),
    (r"activity without id", "Aktivität ohne ID"),
    (r"an id such as a1", "eine ID wie a1"),
    (r"activity '(?P<a>[^']*)' has no name", "Aktivität '{a}' hat keinen Namen"),
    (r"the activity's label", "die Bezeichnung der Aktivität"),
    (r"a process map must be a mapping", "eine Prozesslandkarte muss eine Zuordnung (Mapping) sein"),
    (r"keys id, name, activities, flows", "Schlüssel id, name, activities, flows"),
    (r"unknown key in process map", "unbekannter Schlüssel in der Prozesslandkarte"),
    (r"activities and flows must be lists", "activities und flows müssen Listen sein"),
    (r"missing column", "fehlende Spalte"),
    (r"cannot read the map: (?P<e>.*)", "die Prozesslandkarte kann nicht gelesen werden: {e}"),
    (r"not valid YAML: (?P<e>.*)", "kein gültiges YAML: {e}"),
    (r"activity must be a mapping", "eine Aktivität muss eine Zuordnung (Mapping) sein"),
    (r"unknown key in activity", "unbekannter Schlüssel in der Aktivität"),
    (r"flow must name from and to", "ein Fluss muss from und to nennen"),
    (r"cannot read the file: (?P<e>.*)", "die Datei kann nicht gelesen werden: {e}"),
    (r"empty map_id", "leere map_id"),
    (r"the id of the map", "die ID der Prozesslandkarte"),
    (r"flow of an unknown map", "Fluss einer unbekannten Prozesslandkarte"),
    (r"a map_id that appears in activities\.csv", "eine map_id, die in activities.csv vorkommt"),
    (r"synonym file must be a mapping", "die Synonymdatei muss eine Zuordnung (Mapping) sein"),
    (r"keys actions, objects, …", "Schlüssel actions, objects, …"),
    (r"synonym file not found", "Synonymdatei nicht gefunden"),
    (r"an existing YAML file", "eine vorhandene YAML-Datei"),
    (r"cannot read synonym file: (?P<e>.*)", "die Synonymdatei kann nicht gelesen werden: {e}"),
    (r"synonym section must map a concept id to a list of words", "ein Synonymabschnitt muss einer Begriffs-ID eine Wortliste zuordnen"),
    (r"CONCEPT: \[word, word\]", "BEGRIFF: [Wort, Wort]"),
    (r"threshold out of range", "Schwellenwert außerhalb des zulässigen Bereichs"),
    (r"a number in \(0, 1\], e\.g\. 0\.85", "eine Zahl in (0, 1], z. B. 0,85"),
    # Reports, runs, CLI options
    (r"unsupported language '(?P<l>[^']*)'", "nicht unterstützte Sprache '{l}'"),
    (r"not a date", "kein Datum"),
    (r"an ISO date such as (?P<d>\S+)", "ein ISO-Datum wie {d}"),
    (r"YYYY-MM-DD", "JJJJ-MM-TT"),
    (r"message key defined twice", "Textschlüssel doppelt definiert"),
    (r"no step notebooks \(NN_name\.ipynb\) found", "keine Schritt-Notebooks (NN_name.ipynb) gefunden"),
    (r"jobs must be at least 1", "jobs muss mindestens 1 sein"),
    (r"unknown step", "unbekannter Schritt"),
    (r"another `kit run` on this engagement is still running", "ein anderer `kit run` für dieses Engagement läuft noch"),
    (r"wait until it has finished; two runs would replace each other's reports", (
"warten, bis er fertig ist; zwei Läufe würden sich gegenseitig "
"die Berichte ersetzen"
)),
    (r"Chromium is not installed, so no PDF can be printed", "Chromium ist nicht installiert, daher kann kein PDF gedruckt werden"),
    (r"install it \(Debian/Ubuntu: apt-get install chromium\) or run without --pdf", (
"Chromium installieren (Debian/Ubuntu: apt-get install "
"chromium) oder ohne --pdf ausführen"
)),
    (r"Chromium could not print the report \(exit (?P<c>-?\d+)\)", "Chromium konnte den Bericht nicht drucken (Exit-Code {c})"),
    (r"report has no <body>", "der Bericht hat kein <body>"),
    (r"Chromium did not finish printing within (?P<t>\S+) s", "Chromium hat das Drucken nicht innerhalb von {t} s beendet"),
    (r"step (?P<s>\S+) failed in cell (?P<c>\d+): (?P<e>.*)", "Schritt {s} in Zelle {c} fehlgeschlagen: {e}"),
    (r"step (?P<s>\S+) failed: (?P<e>.*)", "Schritt {s} fehlgeschlagen: {e}"),
    (r"the folder exists and is not empty", "der Ordner existiert und ist nicht leer"),
    (r"choose a new folder; `kit new` never overwrites an engagement", "einen neuen Ordner wählen; `kit new` überschreibt nie ein Engagement"),
    (r"the client name is empty", "der Kundenname ist leer"),
    (r"(?P<v>\w+) must be a whole number of days ≥ (?P<n>\d+)", "{v} muss eine ganze Zahl von Tagen ≥ {n} sein"),
    (r"(?P<v>\w+) must be a whole number ≥ (?P<n>\d+)", "{v} muss eine ganze Zahl ≥ {n} sein"),
    (r"cannot break KPIs down by '(?P<b>[^']*)': no such invoice or customer column", (
"KPIs lassen sich nicht nach '{b}' aufschlüsseln: keine solche "
"Rechnungs- oder Kundenspalte"
)),
    (r"engine must be duckdb, spark, spark:MASTER-URL or a warehouse URL such as snowflake://account/database", (
"engine muss duckdb, spark, spark:MASTER-URL oder eine "
"Data-Warehouse-URL wie snowflake://konto/datenbank sein"
)),
    (r"the engine URL must not contain a password: set the credentials in the environment", (
"die engine-URL darf kein Passwort enthalten: die Zugangsdaten "
"in der Umgebung setzen"
)),
    (r"engine spark needs PySpark", "engine spark braucht PySpark"),
    (r"install it with pip install -e \".\[spark\]\" \(and Java 17\)", 'mit pip install -e ".[spark]" installieren (und Java 17)'),
    (r"cannot connect to the warehouse: (?P<e>.*)", "keine Verbindung zum Data Warehouse: {e}"),
    (r"credentials come from the environment; check the URL and the driver", "die Zugangsdaten kommen aus der Umgebung; URL und Treiber prüfen"),
    (r"(?P<n>\d+) rows without a valid (?P<c>\w+)", "{n} Zeilen ohne gültiges {c}"),
    (r"a date in every row", "ein Datum in jeder Zeile"),
    (r"table (?P<t>\w+) lacks the column\(s\) (?P<c>.+)", "der Tabelle {t} fehlen die Spalte(n) {c}"),
    (r"present: (?P<c>.*)", "vorhanden: {c}"),
    (r"(?P<n>\d+) rows with a missing or non-positive amount", "{n} Zeilen mit fehlendem oder nicht positivem Betrag"),
    (r"an amount > 0", "ein Betrag > 0"),
    (r"invoice_id is not unique", "invoice_id ist nicht eindeutig"),
    # Status log, backlog, commands
    (r"bad date", "ungültiges Datum"),
    (r"unknown phase", "unbekannte Phase"),
    (r"bad phase id", "ungültige Phasen-ID"),
    (r"a lower-case id such as setup", "eine ID in Kleinbuchstaben wie setup"),
    (r"bad status", "ungültiger Status"),
    (r"percent out of range", "Prozentwert außerhalb des zulässigen Bereichs"),
    (r"a number from 0 to 100", "eine Zahl von 0 bis 100"),
    (r"a whole number from 0 to 100", "eine ganze Zahl von 0 bis 100"),
    (r"--weeks out of range", "--weeks außerhalb des zulässigen Bereichs"),
    (r"a whole number from 1 to (?P<n>\d+)", "eine ganze Zahl von 1 bis {n}"),
    (r"a done phase must be 100 % complete", "eine abgeschlossene Phase (done) muss zu 100 % erledigt sein"),
    (r"a phase not started must be 0 % complete", "eine nicht begonnene Phase (not_started) muss bei 0 % stehen"),
    (r"note too long or not text", "Notiz zu lang oder kein Text"),
    (r"≤ (?P<n>\d+) characters", "≤ {n} Zeichen"),
    (r"bad author", "ungültiger Autor"),
    (r"a name on one line", "ein Name in einer Zeile"),
    (r"fix the rows in the file; new entries are best added with `kit status --update`", (
"die Zeilen in der Datei korrigieren; neue Einträge am besten "
"mit `kit status --update` hinzufügen"
)),
    (r"header does not match; nothing was appended", "die Kopfzeile passt nicht; nichts wurde angehängt"),
    (r"header does not match", "die Kopfzeile passt nicht"),
    (r"only (?P<a>\d+) of (?P<b>\d+) bytes written", "nur {a} von {b} Bytes geschrieben"),
    (r"check free disk space; the last line of the file may be incomplete", (
"freien Speicherplatz prüfen; die letzte Zeile der Datei ist "
"eventuell unvollständig"
)),
    (r"CSV syntax error: (?P<e>.*)", "CSV-Syntaxfehler: {e}"),
    (r'a quote \(\"\) opened in a note is not closed', (
"ein in einer Notiz geöffnetes Anführungszeichen (\") wird "
"nicht geschlossen"
)),
    (r"row has (?P<a>\d+) fields, the header has (?P<b>\d+)", "die Zeile hat {a} Felder, die Kopfzeile {b}"),
    (r"one value per column; quote notes holding commas", "ein Wert pro Spalte; Notizen mit Kommas in Anführungszeichen setzen"),
    (r"unknown automatic exit criterion", "unbekanntes automatisches Abschlusskriterium"),
    (r"--update takes exactly one engagement", "--update erwartet genau ein Engagement"),
    (r"--update needs --status", "--update braucht --status"),
    (r"not_started, in_progress, done or blocked", "not_started, in_progress, done oder blocked"),
    (r"--update needs --percent for this status", "--update braucht für diesen Status --percent"),
    (r"--status and --percent only go with --update PHASE", "--status und --percent gehen nur mit --update PHASE"),
    (r"missing id", "fehlende ID"),
    (r"a short unique id such as (?P<i>\S+)", "eine kurze eindeutige ID wie {i}"),
    (r"id used twice", "ID doppelt vergeben"),
    (r"a unique id per item", "eine eindeutige ID pro Eintrag"),
    (r"missing item", "fehlender Eintrag"),
    (r"what is to be improved, in words", "was verbessert werden soll, in Worten"),
    (r"unknown KPI", "unbekannte KPI"),
    (r"a KPI id such as (?P<l>.+)", "eine KPI-ID wie {l}"),
    # Stakeholder register
    (r"stakeholder register not found", "Stakeholder-Register nicht gefunden"),
    (r"`kit new` writes one", "`kit new` legt eines an"),
    (r"the register is empty", "das Register ist leer"),
    (r"a header row and at least one person", "eine Kopfzeile und mindestens eine Person"),
    (r"missing column\(s\): (?P<c>.+)", "fehlende Spalte(n): {c}"),
    (r"columns (?P<c>.+) \(contact optional\)", "Spalten {c} (contact optional)"),
    (r"columns (?P<c>.+)", "Spalten {c}"),
    (r"a row has more fields than the header", "eine Zeile hat mehr Felder als die Kopfzeile"),
    (r"fields separated by '(?P<s>[^']*)'; quote values that contain '(?P<q>[^']*)'", (
"Felder getrennt durch '{s}'; Werte, die '{q}' enthalten, in "
"Anführungszeichen setzen"
)),
    (r"name is empty", "Name ist leer"),
    (r"a person's name", "der Name einer Person"),
    (r"name already in row (?P<r>\d+)", "Name bereits in Zeile {r}"),
    (r"unique names", "eindeutige Namen"),
    (r"(?P<c>influence|interest) is not a score", "{c} ist keine Bewertung von 1 bis 5"),
    (r"1, 2, 3, 4 or 5", "1, 2, 3, 4 oder 5"),
    (r"not a RACI letter", "kein RACI-Buchstabe"),
    (r"R, A, C, I or empty \(R responsible, A accountable, C consulted, I informed\)", (
"R, A, C, I oder leer (R verantwortlich, A "
"rechenschaftspflichtig, C konsultiert, I informiert)"
)),
    # Strategy: facts, dunning ladder, agency, capacity, segments
    (r"table '(?P<t>[^']*)' lacks columns", "der Tabelle '{t}' fehlen Spalten"),
    (r"the canonical columns (?P<c>.+)", "die kanonischen Spalten {c}"),
    (r"map the source's headers to the canonical names in engagement\.yaml \(columns:\)", (
"die Spaltenköpfe der Quelle in engagement.yaml (columns:) den "
"kanonischen Namen zuordnen"
)),
    (r"invoice id used twice", "Rechnungsnummer doppelt vergeben"),
    (r"unique invoice ids", "eindeutige Rechnungsnummern"),
    (r"ladder lacks columns", "dem Mahnstufenplan fehlen Spalten"),
    (r"(?P<c>.+) \(text_de, text_en, note optional\)", "{c} (text_de, text_en und note optional)"),
    (r"a non-empty text", "ein nicht leerer Text"),
    (r"(?P<c>segment|step|owner) is empty", "{c} ist leer"),
    (r"a whole number of days from (?P<a>-?\d+) to (?P<b>-?\d+) \(negative = before due\)", "eine ganze Zahl von Tagen von {a} bis {b} (negativ = vor Fälligkeit)"),
    (r"day is not a whole number of days", "day ist keine ganze Zahl von Tagen"),
    (r"unknown channel", "unbekannter Kanal"),
    (r"unknown tone", "unbekannte Tonalität"),
    (r"each step once per segment", "jeder Schritt nur einmal pro Segment"),
    (r"step listed twice for this segment", "Schritt für dieses Segment doppelt aufgeführt"),
    (r"fix the ladder file and run again", "die Datei des Mahnstufenplans korrigieren und erneut ausführen"),
    (r"ladder file not found", "Datei des Mahnstufenplans nicht gefunden"),
    (r"a CSV file", "eine CSV-Datei"),
    (r"a header: (?P<c>.+)", "eine Kopfzeile: {c}"),
    (r"cannot read CSV: (?P<e>.*)", "CSV kann nicht gelesen werden: {e}"),
    (r"agency hand-over without an earlier final notice", "Übergabe an das Inkasso ohne vorherige letzte Mahnung"),
    (r"a final_notice step of the same segment on an earlier day", "ein final_notice-Schritt desselben Segments an einem früheren Tag"),
    (r"days overdue must be at least 1", "die Überfälligkeit in Tagen muss mindestens 1 sein"),
    (r"a whole number of days >= 1", "eine ganze Zahl von Tagen >= 1"),
    (r"minimum amount must not be negative", "der Mindestbetrag darf nicht negativ sein"),
    (r"an amount >= 0", "ein Betrag >= 0"),
    (r"hand-over table lacks columns", "der Übergabetabelle fehlen Spalten"),
    (r"the table agency_handover\(\) returns", "die Tabelle, die agency_handover() liefert"),
    (r"(?P<n>[\w.]+) is out of range", "{n} liegt außerhalb des zulässigen Bereichs"),
    (r"hours a month >= 0", "Stunden pro Monat >= 0"),
    (r"a count >= 0", "eine Anzahl >= 0"),
    (r"productive hours per FTE and month > 0", "produktive Stunden pro FTE und Monat > 0"),
    (r"a share from 0 to 1 \(0\.25 = a quarter of the work automated\)", "ein Anteil von 0 bis 1 (0,25 = ein Viertel der Arbeit automatisiert)"),
    (r"no growth steps given", "keine Wachstumsschritte angegeben"),
    (r"e\.g\. (?P<l>.+)", "z. B. {l}"),
    (r"default steps lack columns", "den Standardschritten fehlen Spalten"),
    (r"the agency hand-over must come after the final notice", "die Übergabe an das Inkasso muss nach der letzten Mahnung kommen"),
    (r"more than (?P<n>\d+) days \(final notice of '(?P<s>[^']*)'\)", "mehr als {n} Tage (letzte Mahnung von '{s}')"),
    (r"lookback is too short", "der Rückblickzeitraum ist zu kurz"),
    (r"at least (?P<n>\d+) days", "mindestens {n} Tage"),
    (r"need at least one cluster", "mindestens ein Cluster nötig"),
    (r"unknown segmentation method", "unbekannte Segmentierungsmethode"),
    (r"rules or kmeans", "rules oder kmeans"),
    # Hostile and broken files: YAML limits, OS errors, containment, bounded work
    (r"YAML anchors and aliases \(&name, \*name\) are not accepted", "YAML-Anker und -Verweise (&name, *name) werden nicht akzeptiert"),
    (r"every value written out where it is used", "jeden Wert dort ausgeschrieben, wo er gebraucht wird"),
    (r"YAML nested deeper than (?P<n>\d+) levels", "YAML tiefer als {n} Ebenen verschachtelt"),
    (r"key '(?P<k>[^']*)' appears twice \(lines (?P<a>\d+) and (?P<b>\d+)\)", "Schlüssel '{k}' kommt zweimal vor (Zeilen {a} und {b})"),
    (r"each key once per block; merge the two blocks", "jeden Schlüssel nur einmal pro Block; die beiden Blöcke zusammenführen"),
    (r"file is larger than (?P<n_max>[\d,]+) bytes; at most that is read", "die Datei ist größer als {n_max} Bytes; mehr wird nicht gelesen"),
    (r"save it as UTF-8", "als UTF-8 speichern"),
    (r"cannot read or write the file: (?P<t_r>.+)", "die Datei kann nicht gelesen oder geschrieben werden: {t_r}"),
    (r"the disk is full", "die Festplatte ist voll"),
    (r"the disk quota is exhausted", "das Speicherkontingent ist erschöpft"),
    (r"the file system is read-only", "das Dateisystem ist schreibgeschützt"),
    (r"permission denied", "keine Berechtigung"),
    (r"file or folder not found", "Datei oder Ordner nicht gefunden"),
    (r"a part of the path is a file, not a folder", "ein Teil des Pfads ist eine Datei, kein Ordner"),
    (r"a folder where a file was expected", "ein Ordner, wo eine Datei erwartet wurde"),
    (r"a file of that name already exists", "eine Datei dieses Namens existiert bereits"),
    (r"too many symbolic links", "zu viele symbolische Verknüpfungen"),
    (r"the file name is too long", "der Dateiname ist zu lang"),
    (r"input/output error", "Ein-/Ausgabefehler"),
    (r"the file is larger than the system allows", "die Datei ist größer, als das System erlaubt"),
    (r"free disk space and run again; earlier files are unchanged", (
"Speicherplatz freigeben und erneut ausführen; frühere Dateien "
"sind unverändert"
)),
    (r"copy the engagement to a writable folder", "das Engagement in einen beschreibbaren Ordner kopieren"),
    (r"check the file and folder permissions", "die Berechtigungen der Datei und des Ordners prüfen"),
    (r"path leaves the engagement folder", "der Pfad verlässt den Engagement-Ordner"),
    (r"a path inside the engagement folder \(symbolic links followed\); to read it from elsewhere list the key: allow_outside: \[(?P<k>[^\]]+)\]", (
"ein Pfad im Engagement-Ordner (symbolische Verknüpfungen "
"aufgelöst); um ihn von anderswo zu lesen, den Schlüssel "
"aufführen: allow_outside: [{k}]"
)),
    (r"allow_outside names a key that holds no path", "allow_outside nennt einen Schlüssel, der keinen Pfad enthält"),
    (r"keys such as data\.invoices\.path, branding\.logo, process_maps", "Schlüssel wie data.invoices.path, branding.logo, process_maps"),
    (r"logo is (?P<n_size>[\d,]+) bytes", "das Logo hat {n_size} Bytes"),
    (r"logo cannot be read \((?P<e>[^)]*)\)", "das Logo kann nicht gelesen werden ({e})"),
    (r"logo is not a PNG, JPEG or SVG image", "das Logo ist kein PNG-, JPEG- oder SVG-Bild"),
    (r"a \.png, \.jpg or \.svg file", "eine .png-, .jpg- oder .svg-Datei"),
    (r"a plain SVG drawing", "eine einfache SVG-Zeichnung"),
    (r"SVG logo holds a DTD or entities", "das SVG-Logo enthält eine DTD oder Entitäten"),
    (r"SVG logo is not well-formed XML \((?P<e>.*)\)", "das SVG-Logo ist kein wohlgeformtes XML ({e})"),
    (r"logo is not an SVG drawing", "das Logo ist keine SVG-Zeichnung"),
    (r"SVG logo holds an? (?P<what><[^>]+>) element", "das SVG-Logo enthält ein Element {what}"),
    (r"SVG logo holds an event handler \((?P<a>[^)]*)\)", "das SVG-Logo enthält einen Event-Handler ({a})"),
    (r"SVG logo refers to another file or address", "das SVG-Logo verweist auf eine andere Datei oder Adresse"),
    (r"output folder is a symbolic link", "der Ausgabeordner ist eine symbolische Verknüpfung"),
    (r"a plain folder inside the engagement \(nothing is written elsewhere\)", "ein gewöhnlicher Ordner im Engagement (anderswo wird nichts geschrieben)"),
    (r"remove the link; the kit creates the folder itself", "die Verknüpfung entfernen; das Kit legt den Ordner selbst an"),
    (r"output folder is a file", "der Ausgabeordner ist eine Datei"),
    (r"a folder", "ein Ordner"),
    (r"process_maps holds more than (?P<n_n>[\d,]+) files", "process_maps enthält mehr als {n_n} Dateien"),
    (r"a folder of process maps only", "ein Ordner nur mit Prozesslandkarten"),
    (r"map files inside the engagement folder \(symbolic links followed\)", (
"Prozesslandkarten im Engagement-Ordner (symbolische "
"Verknüpfungen aufgelöst)"
)),
    (r"workbook unpacks to (?P<n_size>[\d,]+) bytes", "die Arbeitsmappe entpackt sich auf {n_size} Bytes"),
    (r"at most (?P<n_max>[\d,]+) bytes unpacked", "höchstens {n_max} Bytes entpackt"),
    (r"save only the sheet with the ledger, or export it as CSV", "nur das Blatt mit den Buchungen speichern oder es als CSV exportieren"),
    (r"the sheet cannot be unpacked \((?P<e>.*)\)", "das Blatt kann nicht entpackt werden ({e})"),
    (r"formula without a saved value", "Formel ohne gespeicherten Wert"),
    (r"values: open the workbook in Excel and save it, or paste values only", (
"Werte: die Arbeitsmappe in Excel öffnen und speichern oder "
"nur Werte einfügen"
)),
    (r"(?P<n>\d+) more formula cells without a saved value", "{n} weitere Formelzellen ohne gespeicherten Wert"),
    (r"the kit reads saved values, not formulas", "das Kit liest gespeicherte Werte, keine Formeln"),
    (r"the sheet spans (?P<n_r>[\d,]+) rows × (?P<n_c>[\d,]+) columns", "das Blatt umfasst {n_r} Zeilen × {n_c} Spalten"),
    (r"at most (?P<n_max>[\d,]+) cells", "höchstens {n_max} Zellen"),
    (r"delete empty rows and columns below and right of the table, or export as CSV", (
"leere Zeilen und Spalten unter und rechts der Tabelle löschen "
"oder als CSV exportieren"
)),
    (r"a cell holds more than 32,767 characters \(Excel's limit\)", "eine Zelle enthält mehr als 32.767 Zeichen (Grenze von Excel)"),
    (r"a ledger export with ordinary cells", "ein Buchungsexport mit gewöhnlichen Zellen"),
    (r"the sheet is damaged or cut off \((?P<e>.*)\)", "das Blatt ist beschädigt oder abgeschnitten ({e})"),
    (r"a complete workbook; save it again in Excel", "eine vollständige Arbeitsmappe; in Excel erneut speichern"),
    (r"column '(?P<c>[^']*)' appears twice in the header \(columns (?P<a>\d+) and (?P<b>\d+)\)", "Spalte '{c}' kommt zweimal in der Kopfzeile vor (Spalten {a} und {b})"),
    (r"each column name once; rename or delete one of them", "jeden Spaltennamen nur einmal; eine der Spalten umbenennen oder löschen"),
    (r"(?P<n>\d+) ids written in another Unicode form \(NFD\) were brought to NFC; (?P<m>\d+) of them now equal another id", (
"{n} Nummern in anderer Unicode-Form (NFD) wurden nach NFC "
"gebracht; {m} davon gleichen jetzt einer anderen Nummer"
)),
    (r"(?P<n>\d+) ids written in another Unicode form \(NFD\) were brought to NFC", "{n} Nummern in anderer Unicode-Form (NFD) wurden nach NFC gebracht"),
    (r"amount outside the plausible range", "Betrag außerhalb des plausiblen Bereichs"),
    (r"an amount up to (?P<n_max>[\d,]+) \(set plausibility\.max_amount for larger ones\)", "ein Betrag bis {n_max} (für größere plausibility.max_amount setzen)"),
    (r"payments exceed the invoice amount \(invoice (?P<i>.+): (?P<a>[\d,.]+) paid on (?P<b>[\d,.-]+)\)", (
"Zahlungen übersteigen den Rechnungsbetrag (Rechnung {i}: {a} "
"gezahlt auf {b})"
)),
    (r"payments exceed the invoice amount", "Zahlungen übersteigen den Rechnungsbetrag"),
    (r"at most (?P<p>\d+%) of the invoice amount \(set plausibility\.max_overpayment_share to accept more\)", (
"höchstens {p} des Rechnungsbetrags (für mehr "
"plausibility.max_overpayment_share setzen)"
)),
    (r"the client name is not valid UTF-8 text", "der Kundenname ist kein gültiger UTF-8-Text"),
    (r"type the name again in a UTF-8 terminal", "den Namen in einem UTF-8-Terminal erneut eingeben"),
    (r"the client name cannot be written to engagement\.yaml", "der Kundenname kann nicht in engagement.yaml geschrieben werden"),
    (r"choose a folder that is not below a file", "einen Ordner wählen, der nicht unter einer Datei liegt"),
    (r"the map file exists and differs from this import \(it may hold edits\)", (
"die Prozesslandkarte existiert und weicht von diesem Import "
"ab (sie enthält eventuell Änderungen)"
)),
    (r"use --output for a new file, or --force to replace it", "--output für eine neue Datei verwenden oder --force, um sie zu ersetzen"),
    (r"BPMN elements nested deeper than (?P<n>\d+) levels", "BPMN-Elemente tiefer als {n} Ebenen verschachtelt"),
    (r"sub-processes nested a few levels deep", "Teilprozesse wenige Ebenen tief verschachtelt"),
    # HOSTILE-END
    # Last: the general "one of a, b, c"
    (r"one of (?P<items>.+)", "einer der Werte {items}"),
)  # fmt: skip


@cache
def _rules() -> tuple[tuple[re.Pattern[str], str], ...]:
    from kit.error_text_ledger import LEDGER_TRANSLATIONS

    table = (*LEDGER_TRANSLATIONS, *TRANSLATIONS)
    return tuple((re.compile(p, re.DOTALL), t) for p, t in table)


def _number(name: str, value: str) -> str:
    """Return a group's value in German notation: `n_` whole numbers, `m_` amounts (1,234.50)."""
    if name.startswith("n_"):
        return value.replace(",", ".")
    if name.startswith("m_"):
        return value.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return value


def _german(text: str, depth: int = 0) -> str | None:
    if depth > 6:
        return None
    for pattern, template in _rules():
        found = pattern.fullmatch(text)
        if found is None:
            continue
        values: dict[str, str] = {}
        for name, value in found.groupdict(default="").items():
            if name.startswith("t_"):
                inner = _german(value, depth + 1)
                if inner is None:
                    break
                values[name] = inner
            else:
                values[name] = _number(name, value)
        else:
            return template.format(**values)
    return None


def translate(text: str, language: str) -> str:
    """Return the text in the language ("de": German wording; otherwise or if unknown: as is)."""
    if language != "de" or not text:
        return text
    german = _german(text)
    return text if german is None else german
