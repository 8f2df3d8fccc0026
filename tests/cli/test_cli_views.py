"""Human output of `kit kpis`, `kit duplicates` and `kit status`: tables in the user's language.

A German engagement shows no English word of the kit, an English one no German word; numbers
and dates come from the kit's formatter (one decimal for days and percentages, German dates).
"""

from __future__ import annotations

import getpass
import json
import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kit.cli.app import app

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "samples" / "acme-gmbh"
#: Maps of the sample whose activity names are German (the BPMN model is an English one).
GERMAN_MAPS = (
    "forderungsmanagement_vertrieb.yaml",
    "mahnlauf_buchhaltung.yaml",
    "reklamationsbearbeitung.yaml",
    "zahlungseingang_activities.csv",
    "zahlungseingang_flows.csv",
)
#: English words the kit itself writes (headings, units, statuses, reasons, bucket labels).
ENGLISH = re.compile(
    r"\b(days|current|over|Aging|KPI|Value|Note|invoices|settled|window|hours|per month|"
    r"Activity|Process map|Role|Avoidable|Hours/month|Owner|Planned|Actual|Slippage|done|"
    r"in progress|not started|red|amber|green|grey|As of|Client|Current phase|Next milestone|"
    r"overpaid|Error|Segment breakdown|ar_total|paid_within_45_rate|dso|bpdso)\b"
)
GERMAN = re.compile(
    r"\b(Tage|Kennzahl|Wert|Hinweis|Stichtag|Zeitraum|Altersstruktur|Stunden|Monat|Rolle|"
    r"Aktivität|Prozesslandkarte|Vermeidbar|Verantwortlich|geplant|tatsächlich|abgeschlossen|"
    r"in Arbeit|nicht begonnen|rot|gelb|grün|grau|Kunde|Stand|Verzug|über)\b"
)


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout


def _copy(tmp_path: Path, *, language: str = "de", client: str = "Müller GmbH") -> Path:
    engagement = tmp_path / "kunde"
    shutil.copytree(SAMPLE, engagement, ignore=shutil.ignore_patterns("output"))
    config = engagement / "engagement.yaml"
    text = re.sub(r"(?m)^client: .*$", f'client: "{client}"', config.read_text("utf-8"))
    text = re.sub(r"(?m)^language: .*$", f"language: {language}", text)
    config.write_text(text, encoding="utf-8")
    return engagement


def _german_maps(folder: Path) -> Path:
    folder.mkdir()
    for name in GERMAN_MAPS:
        shutil.copy(SAMPLE / "process_maps" / name, folder / name)
    return folder


def test_kpis_in_german_has_no_english_kit_word(tmp_path: Path) -> None:
    code, out = _run("kpis", str(_copy(tmp_path)))
    assert code == 0
    assert "Müller GmbH · Stichtag 30.06.2026 · Zeitraum 90 Tage" in out
    assert "DSO (Forderungslaufzeit)" in out and "43,9\u00a0Tage" in out
    assert "nicht fällig" in out and "über 180" in out  # the aging buckets in words
    # The overpaid invoices note is the catalogue's German sentence, not the engine's English.
    assert "überzahlte Rechnungen zählen mit 0 als offen" in out
    assert ENGLISH.findall(out) == [], out


def test_kpis_in_english_has_no_german_kit_word(tmp_path: Path) -> None:
    code, out = _run("kpis", str(_copy(tmp_path, language="en", client="Miller Ltd")))
    assert code == 0
    assert "Miller Ltd · as of 30 Jun 2026 · 90-day window" in out
    assert "43.9\u00a0days" in out and "overpaid invoices count as 0 open" in out
    assert GERMAN.findall(out) == [], out


def test_kpis_by_segment_is_a_table_with_kpi_names_and_german_decimals(tmp_path: Path) -> None:
    code, out = _run("kpis", str(_copy(tmp_path)), "--by", "segment")
    assert code == 0
    header = next(line for line in out.splitlines() if line.startswith("Segment"))
    assert "Forderungsbestand" in header and "DSO (Forderungslaufzeit)" in header
    assert not re.search(r"[a-z]+_[a-z]+", out)  # no snake_case column
    assert not re.search(r"\d\.\d\b", out)  # no dot decimals: 45,8 Tage, not 45.8
    # Großkunde: DSO 45,8 days in the JSON (plain float) and in the table (one decimal, German).
    document = json.loads(_run("kpis", str(_copy(tmp_path / "j")), "--by", "segment", "--json")[1])
    dso = document["groups"]["Großkunde"]["dso"]
    assert isinstance(dso, float) and round(dso, 1) == 45.8
    row = next(line for line in out.splitlines() if line.startswith("Großkunde"))
    assert "45,8\u00a0Tage" in row


def test_duplicates_of_a_german_folder_speak_german_with_one_decimal(tmp_path: Path) -> None:
    engagement = _copy(tmp_path)
    maps = engagement / "process_maps"
    for other in maps.iterdir():
        if other.name not in GERMAN_MAPS:
            other.unlink()
    code, out = _run("duplicates", str(maps))  # a bare folder inside a German engagement
    assert code == 0
    assert "Stunden Doppelarbeit pro Monat" in out
    assert "Vermeidbar (h/Monat)" in out and "Prozesslandkarte" in out
    assert not re.search(r"\d\.\d", out)  # no 21.666667, no dot decimals
    # "Zahlungszusage im CRM erfassen": 4 minutes × 70 a month / 60 = 4.666… hours → "4,7";
    # "Zahlungszusage in SAP vermerken": 5 × 70 / 60 = 5.833… → "5,8" (not 5.833333).
    row = next(line for line in out.splitlines() if "Zahlungszusage im CRM" in line)
    assert row.rstrip().endswith("4,7")
    assert "5,8" in next(line for line in out.splitlines() if "Zahlungszusage in SAP" in line)
    assert ENGLISH.findall(out) == [], out


def test_duplicates_language_option_wins_over_the_folder(tmp_path: Path) -> None:
    maps = _german_maps(tmp_path / "maps")  # no engagement above: English by default
    code, english = _run("duplicates", str(maps))
    assert code == 0 and "hours per month of duplicate work" in english
    assert "Avoidable (h/month)" in english
    code, german = _run("duplicates", str(maps), "--language", "de")
    assert code == 0 and "Stunden Doppelarbeit pro Monat" in german
    assert ENGLISH.findall(german) == [], german
    inside = _copy(tmp_path / "e") / "process_maps"
    code, forced = _run("duplicates", str(inside), "--language", "en")
    assert code == 0 and "Avoidable (h/month)" in forced
    code, document = _run("duplicates", str(maps), "--language", "de", "--json")
    assert json.loads(document)["maps"] == 4  # --json is the same in every language


def test_status_in_german_shows_german_dates_and_says_which_date(tmp_path: Path) -> None:
    code, out = _run("status", str(_copy(tmp_path)))
    assert code == 0
    assert out.startswith("Stand 30.06.2026: Verzug und Ampel zum Stichtag des Engagements")
    assert "05.01.2026" in out and not re.search(r"\d{4}-\d{2}-\d{2}", out)
    assert "Hypercare 10.07.2026" in out  # the next milestone with a German date
    assert ENGLISH.findall(out.replace(str(tmp_path), "")) == [], out


def test_status_uses_the_as_of_date_of_the_reports_unless_asked(tmp_path: Path) -> None:
    engagement = _copy(tmp_path)
    code, out = _run("status", str(engagement), "--json")
    [state] = json.loads(out)
    # Hypercare: planned 2026-05-18 … 2026-07-10 (53 days), 60 % done at the as-of date
    # 2026-06-30: open work ceil(0.4 × 53) = 22 days → forecast end 2026-07-22 → 12 days late.
    assert state["today"] == "2026-06-30" and state["slippage_days"] == 12
    code, out = _run("status", str(engagement), "--as-of", "2026-07-10", "--json")
    # 2026-07-10 + 22 days = 2026-08-01, planned end 2026-07-10 → 22 days late.
    assert json.loads(out)[0]["slippage_days"] == 22
    code, text = _run("status", str(engagement), "--today")
    assert code == 0
    assert text.startswith(f"Stand {date.today():%d.%m.%Y}: Verzug und Ampel zum heutigen Datum")


def test_update_records_the_author_and_keeps_the_log_format(tmp_path: Path) -> None:
    engagement = _copy(tmp_path)
    log = engagement / "tracking" / "status.csv"
    header = log.read_text("utf-8").splitlines()[0]
    args = ["status", str(engagement), "--update", "hypercare", "--status", "in_progress"]
    result = CliRunner().invoke(app, [*args, "--percent", "70"])
    assert result.exit_code == 0, result.output
    result = CliRunner().invoke(app, [*args, "--percent", "80", "--author", "Jana Becker"])
    assert result.exit_code == 0, result.output
    # The entries are dated today, after the as-of date: the output says why they do not count.
    assert "liegt nach dem Stichtag 30.06.2026" in result.stderr
    lines = log.read_text("utf-8").splitlines()
    assert lines[0] == header == "date,phase,status,percent_complete,note,author"
    today = date.today().isoformat()
    assert lines[-2] == f"{today},hypercare,in_progress,70,,{getpass.getuser()}"
    assert lines[-1] == f"{today},hypercare,in_progress,80,,Jana Becker"


@pytest.mark.parametrize("language", ["de", "en"])
def test_validate_counts_rows_in_a_table(language: str, tmp_path: Path) -> None:
    code, out = _run("validate", str(_copy(tmp_path, language=language)))
    assert code == 0
    row = next(line for line in out.splitlines() if "rechnungen.csv" in line)
    assert "5.000" in row if language == "de" else "5,000" in row
