"""The steering committee's pack in a sample run: published with the reports, on the index."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pptx import Presentation

from kit.engagement import load_engagement
from kit.report.index import IndexCard
from kit.run.engine import RunResult
from kit.run.pack import build_run_pack

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "samples" / "acme-gmbh"
WORKBOOK = "exports/acme-gmbh-kennzahlen-2026-06-30.xlsx"
DECK = "exports/acme-gmbh-lenkungskreis-2026-06-30.pptx"


def test_pack_is_published_and_on_the_index(sample_run: RunResult) -> None:
    reports = sample_run.reports_dir
    assert (reports / WORKBOOK).is_file() and (reports / DECK).is_file()
    index = (reports / "index.html").read_text(encoding="utf-8")
    assert f'href="{WORKBOOK}" download' in index and f'href="{DECK}" download' in index
    assert "Für den Lenkungskreis" in index
    slides = list(Presentation(str(reports / DECK)).slides)
    assert len(slides) == 1 + 7 + 1 + 1  # title, seven steps, business case, phase plan
    assert "Kennzahlen" in load_workbook(reports / WORKBOOK).sheetnames


def test_card_of_01_carries_the_business_case(sample_run: RunResult) -> None:
    index = (sample_run.reports_dir / "index.html").read_text(encoding="utf-8")
    assert '<div class="kit-card-detail">Wert der Ziele: 158.560' in index


def test_a_failing_pack_does_not_hold_back_the_reports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr("kit.pack.build_pack", broken)
    card = IndexCard("01_goals", "Ziele", "01_goals.html")
    downloads, error = build_run_pack(
        load_engagement(SAMPLE), tmp_path, [card], language="de", as_of=date(2026, 6, 30)
    )
    assert downloads == [] and error == "RuntimeError: disk full"
    assert "pack left out" in capsys.readouterr().err
