"""Step 01 (goals) on the sample engagement: verdicts, baseline rule, late payers, texts."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd
import pytest

import kit.steps.goals.view as step
from kit.engagement import Engagement, Goal, load_engagement
from kit.goals import evaluate_goals
from kit.ingest import load_ledger
from kit.kpis import compute_kpis, kpi_series
from kit.ledger import Ledger
from kit.report import ReportContext
from kit.steps.goals import tables as goals_tables
from kit.steps.goals import text as goals_text
from kit.steps.goals import wording as goals_wording

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "samples" / "acme-gmbh"
AS_OF = date(2026, 6, 30)


@pytest.fixture(scope="module")
def engagement() -> Engagement:
    return load_engagement(SAMPLE)


@pytest.fixture(scope="module")
def ledger(engagement: Engagement) -> Ledger:
    return load_ledger(engagement)


@pytest.fixture(scope="module")
def views(
    engagement: Engagement, ledger: Ledger
) -> dict[str, tuple[ReportContext, step.GoalsView]]:
    out = {}
    for lang in ("de", "en"):
        ctx = ReportContext(engagement=engagement, language=lang, as_of=AS_OF)
        out[lang] = (ctx, step.load_goals(ctx, ledger=ledger))
    return out


def test_verdicts_match_evaluate_goals_on_an_independent_series(
    engagement: Engagement, ledger: Ledger, views: dict[str, Any]
) -> None:
    _, view = views["de"]
    # baseline 31.12.2025 (engagement.yaml); series from 30.06.2025 (six months earlier) to
    # 30.06.2026: June 2025 .. June 2026 = 13 month ends
    series = kpi_series(ledger, as_of=AS_OF, months=13, period_days=90, goal_days=45)
    assert list(view.series.index) == list(series.index)
    names = set(pd.read_csv(SAMPLE / "stakeholders.csv")["name"])
    expected = evaluate_goals(
        engagement.goals,
        series,
        baseline_date=date(2025, 12, 31),
        as_of=AS_OF,
        owners=names,
    )
    assert view.baseline_date == date(2025, 12, 31) and view.baseline_rule == "engagement"
    got = [(s.goal.kpi, s.verdict, s.baseline, s.latest) for s in view.statuses]
    assert got == [(s.goal.kpi, s.verdict, s.baseline, s.latest) for s in expected]
    # the sample tells a story: 45-day share stalls, DSO recovers, CEI is above its target
    assert [s.verdict for s in view.statuses] == ["at_risk", "on_track", "achieved"]


def test_default_baseline_date_rules(engagement: Engagement) -> None:
    unset = engagement.model_copy(update={"baseline_date": None})
    # 30.06.2026 − 12 months = 30.06.2025, a month end; data from 01.07.2024 reach back further
    got = step.default_baseline_date(unset, as_of=AS_OF, data_start=date(2024, 7, 1))
    assert got == (date(2025, 6, 30), "default")
    # 15.03.2026 − 12 months = 15.03.2025 → month end 31.03.2025
    got = step.default_baseline_date(unset, as_of=date(2026, 3, 15), data_start=date(2024, 7, 1))
    assert got == (date(2025, 3, 31), "default")
    # data start 15.01.2026 is later than 30.06.2025 → first month end with data, 31.01.2026
    got = step.default_baseline_date(unset, as_of=AS_OF, data_start=date(2026, 1, 15))
    assert got == (date(2026, 1, 31), "data_start")
    late = engagement.model_copy(update={"baseline_date": date(2026, 9, 30)})
    got = step.default_baseline_date(late, as_of=AS_OF, data_start=date(2024, 7, 1))
    assert got == (AS_OF, "clamped")


def _settled(ledger: Ledger) -> pd.Series:
    """Return per invoice the first payment date on which the payments reach the amount."""
    pay = ledger.payments.sort_values("payment_date")
    daily = pay.groupby(["invoice_id", "payment_date"], sort=True)["amount"].sum().reset_index()
    daily["cum"] = daily.groupby("invoice_id")["amount"].cumsum()
    amount = ledger.invoices.set_index("invoice_id")["amount"]
    reached = daily[daily["cum"] >= daily["invoice_id"].map(amount) - 0.005]
    return reached.groupby("invoice_id")["payment_date"].min()


def test_late_by_segment_counts_invoices_settled_after_45_days(
    ledger: Ledger, views: dict[str, Any]
) -> None:
    _, view = views["de"]
    settled = _settled(ledger)
    inv = ledger.invoices.set_index("invoice_id")
    t = pd.Timestamp(AS_OF)
    in_window = settled[(settled > t - pd.Timedelta(days=90)) & (settled <= t)]
    days = (in_window - inv.loc[in_window.index, "issue_date"]).dt.days
    late_ids = days[days > 45].index
    segment = inv.loc[late_ids, "customer_id"].map(
        ledger.customers.set_index("customer_id")["segment"]
    )
    expected = segment.value_counts()
    got = view.late_by_segment
    assert got is not None
    assert got.to_dict() == expected.to_dict()
    # late share = late ÷ settled in the window, the complement of paid_within_45_rate
    rate = compute_kpis(ledger, as_of=AS_OF).values["paid_within_45_rate"]
    assert rate is not None
    assert np.isclose(100 * got.sum() / len(in_window), 100 - rate)
    assert str(got.index[0]) == str(expected.idxmax())


def test_summary_names_verdicts_gap_and_segment(views: dict[str, Any]) -> None:
    ctx, view = views["de"]
    text = goals_text.goals_summary(ctx, view).text
    worst = str(view.late_by_segment.index[0])
    assert "3 Ziele vereinbart" in text
    assert "1 gefährdet: Anteil innerhalb von 45 Tagen bezahlt" in text
    assert "Die größte Lücke hat „Alle Zahlungen innerhalb von 45 Tagen“" in text
    assert f"Segment {worst}" in text
    assert "Mit Markus Weber Maßnahmen für „Alle Zahlungen innerhalb von 45 Tagen“" in text
    # the late share is 100 − paid_within_45_rate, rounded to whole percent
    late = round(100 - view.values["paid_within_45_rate"])
    assert f"{late}\u00a0% der Rechnungen werden später als 45 Tage" in text
    en = goals_text.goals_summary(*views["en"]).text
    assert "The biggest gap is in “Alle Zahlungen innerhalb von 45 Tagen”" in en
    assert "at the current pace" in en.lower()


def test_headline_counts_goals_on_course(
    views: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[dict[str, Any]] = []
    monkeypatch.setattr(step, "headline", lambda ctx, **kw: seen.append(kw))
    for lang in ("de", "en"):
        step.goals_headline(*views[lang])
    # achieved (CEI) and on track (DSO) count as on course, the 45-day share is at risk
    assert seen[0]["value_text"] == "2 von 3 Zielen auf Kurs"
    assert seen[0]["status"] == "warn"
    assert "Alle Zahlungen innerhalb von 45 Tagen" in seen[0]["takeaway"]
    assert seen[1]["value_text"] == "2 of 3 goals on course"


def test_forecast_words_for_each_verdict(views: dict[str, Any]) -> None:
    ctx, view = views["en"]
    risk, track, done = (goals_wording.forecast_text(ctx, s) for s in view.statuses)
    reach = view.statuses[0].reach_date
    assert reach is not None and reach > date(2026, 12, 31)
    assert "not before the deadline of 31 Dec 2026" in risk
    assert f"reached only on {ctx.date(reach)}" in risk
    assert "At the current pace the target is reached on" in track
    assert done.startswith("The goal is met")


def test_every_block_renders_in_both_languages_without_placeholders(
    views: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[Any] = []
    monkeypatch.setattr("IPython.display.display", shown.append)  # kit.report.show displays
    monkeypatch.setattr(step, "headline", lambda ctx, **kw: None)
    for lang in ("de", "en"):
        ctx, view = views[lang]
        blocks = [
            goals_text.goals_summary(ctx, view),
            step.goals_tiles(ctx, view),
            goals_tables.goals_overview(ctx, view),
            goals_tables.starter_goals(ctx, view),
            goals_tables.goals_glossary(ctx, view),
        ]
        goals_tables.goal_sections(ctx, view)
        html = "".join(b.html for b in blocks) + "".join(getattr(s, "html", "") for s in shown)
        assert not re.search(r"\{[a-z_]+\}", html)
        assert "paid_within_45_rate" not in html  # KPI ids are shown by their names
    # per goal: heading, SMART table and chart, for 3 goals and 2 languages
    figures = [s for s in shown if s.__class__.__name__ == "Figure"]
    assert len(figures) == 6 and len(shown) == 18


def _goal_of_2026(kpi: str, target: float, direction: Literal["up", "down"], **text: str) -> Goal:
    """Return a goal on `kpi` due at the end of 2026; `text` holds its statement and owner."""
    return Goal(kpi=kpi, target=target, direction=direction, deadline=date(2026, 12, 31), **text)


def test_smart_failure_and_pseudonymised_owner(engagement: Engagement, ledger: Ledger) -> None:
    goals = [
        # DSO at the baseline is about 52.5 days: a target of 60 lies in the wrong direction
        _goal_of_2026("dso", 60, "down", statement="DSO halten", owner="Markus Weber"),
        _goal_of_2026("cei", 95, "up", statement="CEI steigern", owner="Erika Mustermann"),
    ]
    private = engagement.model_copy(update={"goals": goals, "privacy": "pseudonymise"})
    ctx = ReportContext(engagement=private, language="de", as_of=AS_OF)
    view = step.load_goals(ctx, ledger=ledger)
    # Markus Weber is the first name of the register → Person A; the unknown owner comes after
    # the 11 people of the register → Person L
    assert [s.goal.owner for s in view.statuses] == ["Person A", "Person L"]
    assert [s.smart_ok for s in view.statuses] == [False, False]
    text = goals_text.goals_summary(ctx, view).text
    assert "„DSO halten“ besteht den SMART-Check nicht" in text
    assert "Der Zielwert 60,0\u00a0Tage liegt nicht unter dem Ausgangswert" in text
    assert "Person L steht nicht im Stakeholder-Register" in text
    assert "Markus Weber" not in text and "Erika" not in text


def test_starter_goals_use_crf_medians_only_for_b2b(views: dict[str, Any]) -> None:
    from dataclasses import replace

    ctx, view = views["en"]
    b2b = goals_tables.starter_goals(ctx, view)
    assert b2b is not None and "CRF" in b2b.html
    subscription = replace(
        ctx, engagement=ctx.engagement.model_copy(update={"business": "subscription"})
    )
    shown = goals_tables.starter_goals(subscription, view)
    assert shown is None or "CRF median" not in shown.html
