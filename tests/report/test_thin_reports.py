"""A bare engagement (`kit new` plus an invoices file) publishes seven reports without nonsense.

The visible text of every report (the HTML's text, not its markup) holds no "nan", "None",
negative zero, empty figure, English kit word in a German engagement, or sentence with a hole.
"""

from __future__ import annotations

import json
import random
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from typer.testing import CliRunner

from kit.cli.app import app
from tests.report.conftest import STEPS

#: Words the kit writes in English that a German report must never show.
ENGLISH = re.compile(
    r"\b(the|and|with|of|not|is|are|for|to|from|data|window|invoices|payments|missing|"
    r"expected|found|folder|settled|none|nobody|target|days)\b"
)
SNAKE = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")
FILE_NAME = re.compile(r"\S+\.(?:csv|xlsx|parquet|yaml|bpmn)\b")
#: A dash where a number belongs: next to punctuation, a unit or a preposition.
HOLES = (
    re.compile(r"(?:^|\s)–\s*(?:[,.;:)%]|Tage\b|days\b|\()"),
    re.compile(r"\b(?:von|bei|mit|auf|Schnitt|Ziel|of|at|by|target|average)\s+–(?:\s|$)"),
    re.compile(r"\(\s*–\s*\)"),
    re.compile(r"(?::|→)\s+–\s|\s–\s+(?:am|on|now|heute|\(|→)\s"),
)
BAD = re.compile(r"\bnan\b|\bNone\b|[−-]0,00|[−-]0\.00|\bNaN\b|\{|\}", re.IGNORECASE)


def _invoices(folder: Path, *, paid_dates: bool) -> None:
    """Write 60 invoices of twelve customers over eleven months; most with a paid date."""
    rnd = random.Random(7)
    header = "invoice_id,customer_id,issue_date,due_date,amount,disputed,currency"
    rows = [header + (",paid_date" if paid_dates else "")]
    start = date(2025, 7, 1)
    for i in range(60):
        issue = start + timedelta(days=rnd.randint(0, 330))
        due = issue + timedelta(days=30)
        paid = issue + timedelta(days=rnd.randint(10, 80))
        shown = paid.isoformat() if paid < date(2026, 6, 30) and rnd.random() < 0.8 else ""
        row = f"R{i:04d},K{rnd.randint(1, 12):03d},{issue},{due},{rnd.randint(200, 20000)}.00"
        row += ",false,EUR" + (f",{shown}" if paid_dates else "")
        rows.append(row)
    (folder / "data" / "invoices.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")


def _bare(tmp: Path, language: str, *, paid_dates: bool) -> Path:
    folder = tmp / f"bare-{language}"
    result = CliRunner().invoke(
        app, ["new", str(folder), "--client", "Maschinenbau Berg GmbH", "--language", language]
    )
    assert result.exit_code == 0, result.output
    _invoices(folder, paid_dates=paid_dates)
    config = folder / "engagement.yaml"
    text = re.sub(r"(?m)^as_of: \S+", "as_of: 2026-06-30", config.read_text(encoding="utf-8"))
    text = re.sub(r"(?m)^baseline_date: \S+", "baseline_date: 2026-03-31", text)
    config.write_text(text, encoding="utf-8")
    return folder


def _visible(html: str) -> tuple[str, BeautifulSoup]:
    soup = BeautifulSoup(html, "html.parser")
    for hidden in soup(["script", "style", "title"]):
        hidden.decompose()
    lines = (line.strip() for line in soup.get_text("\n").splitlines())
    return "\n".join(line for line in lines if line and line != "¶"), soup


@pytest.fixture(scope="module", params=[("de", True), ("en", False)], ids=["de", "en"])
def published(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, Path, str]:
    language, paid_dates = request.param
    folder = _bare(tmp_path_factory.mktemp("thin"), language, paid_dates=paid_dates)
    validated = CliRunner().invoke(app, ["validate", str(folder)])
    assert validated.exit_code == 0, validated.output
    ran = CliRunner().invoke(app, ["run", str(folder), "--jobs", "2"])
    assert ran.exit_code == 0, ran.output
    return language, folder / "output" / "reports", ran.output


def test_seven_reports_and_the_index_are_published(published: tuple[str, Path, str]) -> None:
    _, reports, _ = published
    names = sorted(p.stem for p in reports.glob("*.html"))
    assert names == sorted([*STEPS, "index"])


def test_visible_text_holds_no_nonsense(published: tuple[str, Path, str]) -> None:
    language, reports, _ = published
    problems: list[str] = []
    for page in sorted(reports.glob("*.html")):
        text, soup = _visible(page.read_text(encoding="utf-8"))
        for line in text.splitlines():
            if BAD.search(line):
                problems.append(f"{page.name}: {line}")
            if any(p.search(line) for p in HOLES):
                problems.append(f"{page.name}: hole: {line}")
            words = FILE_NAME.sub("", line)  # the client's own file names are not kit words
            if language == "de" and ENGLISH.search(words):
                problems.append(f"{page.name}: English: {line}")
            if SNAKE.search(words):  # a KPI id or configuration key instead of a word
                problems.append(f"{page.name}: identifier: {line}")
        for img in soup.find_all("img"):
            src = str(img.get("src", ""))
            if not src.startswith("data:image/") or len(src) < 2_000:
                problems.append(f"{page.name}: empty figure")
        for path_like in ("process_maps/", "engagement.yaml", "output/", "kit run", "kit "):
            if path_like in text and page.name != "index.html":
                problems.append(f"{page.name}: consultant words: {path_like}")
    assert not problems, "\n".join(problems)


def test_step_reports_say_what_is_missing(published: tuple[str, Path, str]) -> None:
    language, reports, output = published
    process, _ = _visible((reports / "03_process.html").read_text(encoding="utf-8"))
    people, _ = _visible((reports / "02_stakeholders.html").read_text(encoding="utf-8"))
    strategy, _ = _visible((reports / "05_strategy.html").read_text(encoding="utf-8"))
    if language == "de":
        assert "noch keine Prozesslandkarten" in process and "Anleitung" in process
        assert "Projektleitung" in people and "IT von Anfang an" in people
        assert "Kapazität" in strategy and "E-Mail als Standardkanal" in strategy
    else:
        assert "No process maps" in process and "guide" in process
        assert "project lead" in people and "IT from the start" in people
        assert "not a preference shown by the data" in strategy
        kpis, _ = _visible((reports / "04_kpis.html").read_text(encoding="utf-8"))
        assert "do not say when invoices were paid" in kpis  # invoices without paid dates
    for absent in ("Doppelarbeit", "Duplicate work") if language == "de" else ("Rework",):
        assert f"\n{absent}\n" not in process  # no empty section headings
    # The consultant's instructions went to the CLI output and run.json, not into the report.
    assert "05_strategy:" in output and "engagement.yaml" in output
    (manifest,) = (reports.parent / "runs").glob("*/run.json")
    notes = json.loads(manifest.read_text(encoding="utf-8"))["notebooks"]["05_strategy"]
    assert any("engagement.yaml" in n for n in notes["consultant_notes"])
