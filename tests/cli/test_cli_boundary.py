"""The one error boundary of `kit`: one paragraph in the user's language, exit 2, no traceback."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kit.cli.app import app
from kit.cli.boundary import language_near

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "samples" / "acme-gmbh"


def _kit(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run the console script's entry point in a child process, as a user's shell would."""
    command = [sys.executable, "-c", "from kit.cli import main; main()", *args]
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=120, check=False
    )


def _bad_german_engagement(tmp_path: Path) -> Path:
    folder = tmp_path / "kunde"
    folder.mkdir()
    (folder / "engagement.yaml").write_text(
        "client: Müller GmbH\nlanguage: de\nperiod_days: neunzig\n"
        "data:\n  invoices: {path: data/rechnungen.csv}\n",
        encoding="utf-8",
    )
    return folder


@pytest.mark.parametrize("command", ["kpis", "validate", "status", "forecast", "business-case"])
def test_a_bad_engagement_is_one_german_paragraph_with_exit_2(command: str, tmp_path: Path) -> None:
    folder = _bad_german_engagement(tmp_path)
    result = _kit(command, str(folder), cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    assert result.stdout == ""  # stdout stays clean for scripts
    assert "Traceback" not in result.stderr
    message = result.stderr.strip()
    assert message.startswith("Fehler: ") and "period_days" in message
    assert "\n\n" not in message  # one paragraph
    assert message.count("Fehler") == 1  # caught and printed once


def test_debug_prints_the_traceback_then_the_same_message(tmp_path: Path) -> None:
    folder = _bad_german_engagement(tmp_path)
    result = _kit("--debug", "kpis", str(folder), cwd=tmp_path)
    assert result.returncode == 2
    assert "Traceback" in result.stderr and "Fehler: " in result.stderr


def test_the_language_of_one_command_does_not_leak_into_the_next(tmp_path: Path) -> None:
    german = _bad_german_engagement(tmp_path)
    runner = CliRunner()
    first = runner.invoke(app, ["kpis", str(german)])
    assert first.exit_code == 2 and first.output.startswith("Fehler: ")
    second = runner.invoke(app, ["kpis", str(tmp_path / "nowhere")])
    assert second.exit_code == 2 and second.output.startswith("Error: "), second.output


def test_language_near_looks_upward_for_an_engagement(tmp_path: Path) -> None:
    engagement = tmp_path / "acme"
    shutil.copytree(SAMPLE, engagement, ignore=shutil.ignore_patterns("output"))
    assert language_near(engagement / "process_maps" / "mahnlauf_buchhaltung.yaml") == "de"
    assert language_near(engagement / "process_maps") == "de"
    assert language_near(engagement / "engagement.yaml") == "de"
    assert language_near(tmp_path) == "en"  # no engagement above: English
    (engagement / "engagement.yaml").write_text("language: [kaputt", encoding="utf-8")
    assert language_near(engagement / "process_maps") == "en"  # unreadable: English


def test_a_wrong_choice_is_refused_by_the_option_itself() -> None:
    result = CliRunner().invoke(app, ["new", "/nonexistent/x", "--language", "fr"])
    assert result.exit_code == 2 and "fr" in result.output
    result = CliRunner().invoke(app, ["run", str(SAMPLE), "--only", "09"])
    assert result.exit_code == 2 and "09" in result.output


_BPMN_WITH_NOTE = (
    '<?xml version="1.0"?><definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL">'
    '<process id="m"><startEvent id="s"/><task id="t1" name="Prüfen"/><dataObject id="d"/>'
    '<endEvent id="e"/><sequenceFlow id="f1" sourceRef="s" targetRef="t1"/>'
    '<sequenceFlow id="f2" sourceRef="t1" targetRef="e"/></process></definitions>'
)


def test_import_bpmn_speaks_the_language_of_its_folder_or_of_the_option(tmp_path: Path) -> None:
    engagement = tmp_path / "acme"
    shutil.copytree(SAMPLE, engagement, ignore=shutil.ignore_patterns("output"))
    inside = engagement / "process_maps" / "neu.bpmn"
    outside = tmp_path / "neu.bpmn"
    for model in (inside, outside):
        model.write_text(_BPMN_WITH_NOTE, encoding="utf-8")
    runner = CliRunner()
    german = runner.invoke(app, ["import-bpmn", str(inside)])
    assert german.exit_code == 0 and german.stderr.startswith("Hinweis: "), german.output
    english = runner.invoke(app, ["import-bpmn", str(outside)])
    assert english.exit_code == 0 and english.stderr.startswith("Note: "), english.output
    chosen = runner.invoke(app, ["import-bpmn", str(outside), "--force", "--language", "de"])
    assert chosen.exit_code == 0 and chosen.stderr.startswith("Hinweis: "), chosen.output
