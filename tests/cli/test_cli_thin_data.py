"""`kit kpis --json` at every month end before, inside and after the data: exit 0, no hole.

Walks the sample engagement and a scaffolded German engagement whose ledger has a gap of
months without invoices, payments only for the first invoices, a header-only disputes file and
dunning events that all fall after most as-of dates.
"""

from __future__ import annotations

import json
import math
import shutil
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from kit.cli.app import app
from kit.kpis import REGISTRY
from kit.scaffold import create_engagement

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "samples" / "acme-gmbh"


def _kpis(engagement: Path, as_of: pd.Timestamp) -> dict[str, object]:
    result = CliRunner().invoke(
        app, ["kpis", str(engagement), "--as-of", as_of.date().isoformat(), "--json"]
    )
    assert result.exit_code == 0, f"{as_of.date()}: {result.output}"
    document: dict[str, object] = json.loads(result.stdout)
    return document


def _assert_numbers_or_noted_nulls(document: dict[str, object], when: pd.Timestamp) -> None:
    kpis = document["kpis"]
    notes = document["notes"]
    assert isinstance(kpis, dict) and isinstance(notes, dict)
    assert list(kpis) == list(REGISTRY)
    for kpi, value in kpis.items():
        if value is None:
            assert notes.get(kpi), f"{when.date()}: {kpi} is null without a note"
        else:
            assert isinstance(value, float) and math.isfinite(value), (when.date(), kpi, value)
    aging = document["aging"]
    assert isinstance(aging, dict)
    assert sum(aging.values()) == pytest.approx(kpis["ar_total"])


def _month_ends(first: str, last: str) -> list[pd.Timestamp]:
    return list(pd.date_range(first, last, freq="ME"))


def test_month_ends_across_the_sample() -> None:
    # The sample's invoices run from July 2024 to June 2026: walk from two months before the
    # first to a year after the last, every third month end (the rest is the same code path).
    for when in _month_ends("2024-05-01", "2027-06-30")[::3]:
        _assert_numbers_or_noted_nulls(_kpis(SAMPLE, when), when)


def _gapped_engagement(folder: Path) -> Path:
    """Scaffold a German engagement with a ledger that has a gap and late dunning events."""
    eng = create_engagement(folder / "kunde", client="Lücke GmbH", language="de")
    data = eng / "data"
    rows = ["invoice_id,customer_id,issue_date,due_date,amount,disputed,currency"]
    for i, issue in enumerate(["2025-01-10", "2025-02-03", "2025-02-20", "2025-09-15"]):
        due = (pd.Timestamp(issue) + pd.Timedelta(days=30)).date().isoformat()
        rows.append(f"00{i},K{i % 2},{issue},{due},{100 * (i + 1)}.00,{str(i == 3).lower()},EUR")
    (data / "invoices.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (data / "payments.csv").write_text(
        "payment_id,invoice_id,payment_date,amount,method\n"
        "Z1,000,2025-02-01,100.00,transfer\nZ2,001,2025-03-20,150.00,transfer\n",
        encoding="utf-8",
    )
    (data / "dunning_events.csv").write_text(
        "invoice_id,customer_id,timestamp,channel,event,message_id,template\n"
        "002,K0,2026-04-02 09:00,email,sent,,\n002,K0,2026-04-03 10:00,email,opened,,\n",
        encoding="utf-8",
    )
    return eng


def test_month_ends_across_a_ledger_with_gaps(tmp_path: Path) -> None:
    eng = _gapped_engagement(tmp_path)
    for when in _month_ends("2024-11-01", "2026-10-31"):
        document = _kpis(eng, when)
        _assert_numbers_or_noted_nulls(document, when)
    before = _kpis(eng, pd.Timestamp("2024-12-31"))
    assert before["kpis"]["ar_total"] == 0.0  # type: ignore[index]
    assert before["notes"]["dso"] == "no invoices issued in window"  # type: ignore[index]
    # 2026-03-31: every dunning event lies after the as-of date (the case that used to crash).
    march = _kpis(eng, pd.Timestamp("2026-03-31"))
    assert march["kpis"]["email_open_rate"] is None  # type: ignore[index]
    assert march["kpis"]["landing_page_views"] == 0.0  # type: ignore[index]


def test_run_refuses_what_validate_refuses_with_the_same_messages(tmp_path: Path) -> None:
    corpus = ROOT / "tests" / "bad_inputs"
    eng = tmp_path / "engagement"
    shutil.copytree(corpus / "_base", eng)
    shutil.copytree(corpus / "run_ladder_bad_row", eng, dirs_exist_ok=True)
    validated = CliRunner().invoke(app, ["validate", str(eng)])
    ran = CliRunner().invoke(app, ["run", str(eng)])
    assert validated.exit_code == ran.exit_code == 2
    assert "pigeon" in ran.output and "Traceback" not in ran.output
    assert ran.output.strip() == validated.output.strip()
    assert not (eng / "output" / "runs").exists()  # nothing ran


def test_validate_says_per_step_what_is_shown_and_missing(tmp_path: Path) -> None:
    eng = create_engagement(tmp_path / "kunde", client="Kunde AG", language="de")
    rows = "invoice_id,customer_id,issue_date,due_date,amount,disputed,currency\n"
    rows += "1,K1,2026-01-05,2026-02-04,100.00,false,EUR\n"
    (eng / "data" / "invoices.csv").write_text(rows, encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(eng)])
    assert result.exit_code == 0, result.output
    assert "Schritt 03: keine Prozesslandkarten in process_maps/" in result.output
    assert "Schritt 02: Stakeholder-Register ohne Personen" in result.output
    document = json.loads(CliRunner().invoke(app, ["validate", str(eng), "--json"]).stdout)
    steps = {s["step"]: s for s in document["steps"]}
    assert len(steps) == 7
    assert [m["what"] for m in steps["05_strategy"]["missing"]] == ["maps", "events"]
    assert steps["01_goals"]["missing"][0]["what"] == "settlements"


def test_a_missing_register_passes_validate_and_run_says_whom_to_add(tmp_path: Path) -> None:
    eng = create_engagement(tmp_path / "kunde", client="Kunde AG", language="en")
    rows = "invoice_id,customer_id,issue_date,due_date,amount,disputed,currency\n"
    rows += "1,K1,2026-01-05,2026-02-04,100.00,false,EUR\n"
    (eng / "data" / "invoices.csv").write_text(rows, encoding="utf-8")
    (eng / "stakeholders.csv").unlink()
    result = CliRunner().invoke(app, ["validate", str(eng)])
    assert result.exit_code == 0, result.output
    assert "Step 02: no stakeholder register (stakeholders.csv is missing)" in result.output


def test_kpis_say_when_the_as_of_date_lies_after_the_last_invoice() -> None:
    # the sample's last invoice is of 30 June 2026; half a year later none falls in the window
    result = CliRunner().invoke(app, ["kpis", str(SAMPLE), "--as-of", "2027-01-31"])
    assert result.exit_code == 0, result.output
    assert "In den 90 Tagen bis 31.01.2027 wurde keine Rechnung gestellt" in result.output
    current = CliRunner().invoke(app, ["kpis", str(SAMPLE)])
    assert "wurde keine Rechnung gestellt" not in current.output
    # the note of the AR total points to the overpaid invoices: the output says how many
    overpaid = "11 Rechnungen waren am Stichtag um insgesamt 1.106,36\u00a0€ überzahlt"
    assert overpaid in current.output


def test_new_prints_the_folder_and_says_what_comes_next(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["new", str(tmp_path / "neu"), "--language", "de"])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(tmp_path / "neu")  # scripts read the folder alone
    assert "Weiter: die Exporte des Mandanten nach" in result.stderr
    bare = CliRunner().invoke(app, ["validate", str(tmp_path / "neu")])
    assert bare.exit_code == 2
    assert "die Dateien eines neuen Engagements enthalten nur die Kopfzeile" in bare.output
