"""The business case in report 01: the figure, the sentences in both languages, the card line."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from kit.business_case import BusinessCase, load_business_case
from kit.engagement import load_engagement
from kit.report import HEADLINE_MIME, ReportContext
from kit.report.index import IndexCard, render_index
from kit.run.convert import page_metadata
from kit.steps.goals import business_case as step
from kit.steps.goals.view import goals_headline, load_goals

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "samples" / "acme-gmbh"
AS_OF = date(2026, 6, 30)


@pytest.fixture(scope="module")
def case() -> BusinessCase:
    return load_business_case(load_engagement(SAMPLE), as_of=AS_OF)


def _ctx(language: str) -> ReportContext:
    return ReportContext(engagement=load_engagement(SAMPLE), language=language, as_of=AS_OF)


def test_block_opens_with_the_figure_and_states_every_figure(case: BusinessCase) -> None:
    block = step.business_case_block(_ctx("de"), case)
    assert block.html.index("<img") < block.html.index("<ul>")
    assert "data:image/png;base64," in block.html
    text = block.text.replace("\u00a0", " ")
    assert "Working Capital frei: 158.560 €" in text  # (43.92 − 40) × 3,637,454.87 € ÷ 90
    assert "9.514 € je Jahr" in text  # × 6 %
    assert "141,5 Stunden je Monat" in text and "93.390 €" in text  # 141.5 h × 12 × 55 €
    assert "Schätzung, nicht eingerechnet" in text  # the to-be saving stays apart
    assert "79.280 €" in text  # half the goal achievement
    english = step.business_case_block(_ctx("en"), case).text.replace("\u00a0", " ")
    assert "Working capital released: €158,560" in english and "Working Capital" not in english


def test_sensitivity_frame_holds_half_and_full(case: BusinessCase) -> None:
    frame = step.sensitivity_frame(_ctx("en"), case)
    assert list(frame["kind"]) == ["released", "interest", "hours", "cost"]
    assert list(frame["half"] * 2) == pytest.approx(list(frame["full"]))


def test_without_dso_goal_and_maps_a_plain_sentence_and_no_figure(case: BusinessCase) -> None:
    empty = replace(
        case,
        goals=(),
        duplicate_hours=None,
        rework_hours=None,
        to_be_saving_hours=None,
        reasons={"working_capital_released": "no_dso_goal"},
    )
    assert step.business_case_figure(_ctx("de"), empty) is None
    block = step.business_case_block(_ctx("de"), empty)
    assert "<img" not in block.html and "DSO-Ziel vereinbaren" in block.text
    assert "Prozesslandkarten" in block.text and "−0" not in block.text
    assert step.business_case_headline(_ctx("de"), empty) is None


def test_card_of_01_carries_the_business_case(
    case: BusinessCase, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    shown: list[dict[str, Any]] = []
    monkeypatch.setattr("IPython.display.display", lambda bundle, raw: shown.append(bundle))
    ctx = _ctx("de")
    goals_headline(ctx, load_goals(ctx), business_case=case)
    detail = shown[-1][HEADLINE_MIME]["detail"]
    assert detail.replace("\u00a0", " ").startswith("Wert der Ziele: 158.560 € Working Capital")
    meta = page_metadata(
        ctx.engagement, language="de", title="Übersicht", as_of_text="30.06.2026", footer="x"
    )
    html = render_index(
        kit_meta=meta,
        cards=[IndexCard("01_goals", "Ziele", "01_goals.html", shown[-1][HEADLINE_MIME])],
        phases=[],
    )
    assert f'<div class="kit-card-detail">{detail}</div>' in html
