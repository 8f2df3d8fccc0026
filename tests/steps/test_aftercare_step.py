"""Step 07 on the sample engagement: goal trend, overdue contributors, levers and backlog."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pandas as pd
import pytest

from kit.ingest import load_ledger
from kit.kpis import compute_kpis
from kit.report import open_report, show
from kit.steps.aftercare.figures import contributors_figure, goal_trends_figure
from kit.steps.aftercare.tables import (
    aftercare_glossary_block,
    backlog_table,
    contributor_table,
    customer_table,
    goal_table,
    lever_table,
)
from kit.steps.aftercare.text import aftercare_summary
from kit.steps.aftercare.view import aftercare_tiles, aftercare_view, levers
from tests.steps.conftest import SAMPLE


@pytest.fixture(scope="module")
def ctx(ctx_de):  # type: ignore[no-untyped-def]
    return ctx_de


@pytest.fixture(scope="module")
def view(ctx):  # type: ignore[no-untyped-def]
    return aftercare_view(ctx)


@pytest.fixture(scope="module")
def independent(ctx):  # type: ignore[no-untyped-def]
    ledger = load_ledger(ctx.engagement)
    eng = ctx.engagement
    now = compute_kpis(
        ledger, as_of=ctx.as_of, period_days=eng.period_days, goal_days=eng.goal_days
    )
    base = compute_kpis(ledger, as_of=eng.baseline_date, period_days=eng.period_days,
                        goal_days=eng.goal_days)  # fmt: skip
    return now, base


def test_contributors_add_up_to_overdue_ar(view, independent) -> None:  # type: ignore[no-untyped-def]
    now, _ = independent
    total = now.values["ar_overdue"]
    for dimension in ("customer", "segment", "aging_bucket", "dispute_reason"):
        frame = view.contributors[dimension]
        assert frame["overdue_amount"].sum() == pytest.approx(total, abs=0.01), dimension
        assert frame["share_pct"].sum() == pytest.approx(100.0)


def test_goals_baseline_and_now_match_the_kpi_engine(view, independent) -> None:  # type: ignore[no-untyped-def]
    now, base = independent
    by_kpi = {s.goal.kpi: s for s in view.goals}
    for kpi in ("dso", "cei", "paid_within_45_rate"):
        assert by_kpi[kpi].baseline == pytest.approx(base.values[kpi])
        assert by_kpi[kpi].latest == pytest.approx(now.values[kpi])
    # sample: DSO 52.5 → 43.9 (target 40, trend reaches it), CEI 79.9 → 92.1 (target 88 met),
    # paid within 45 days 76.0 → 75.1 (target 95 far off)
    assert by_kpi["dso"].verdict == "on_track"
    assert by_kpi["cei"].verdict == "achieved"
    assert by_kpi["paid_within_45_rate"].verdict == "at_risk"
    assert view.series.index[0] == pd.Timestamp("2025-12-31")


def test_summary_says_what_improved_and_what_not(ctx, view) -> None:  # type: ignore[no-untyped-def]
    text = repr(aftercare_summary(ctx, view)).replace("\xa0", " ")
    improved = "Verbessert seit dem Ausgangsdatum: DSO (Forderungslaufzeit), Inkasso-Effektivität"
    assert improved in text
    assert "Nicht verbessert: Anteil innerhalb von 45 Tagen bezahlt" in text
    assert "755.334 €" in text and "335.286 €" in text  # overdue AR at baseline and now
    assert "B07" in text  # the backlog item on paid_within_45_rate, for the goal at risk
    assert "Huber Elektro OHG" in text  # largest overdue customer


def test_levers_are_computed_from_the_contributors(ctx, view) -> None:  # type: ignore[no-untyped-def]
    frame = levers(ctx, view)
    assert list(frame["amount"]) == sorted(frame["amount"], reverse=True)
    amounts = dict(zip(frame["id"], frame["amount"], strict=True))
    buckets = view.contributors["aging_bucket"]["overdue_amount"]
    assert amounts["old_items"] == pytest.approx(buckets["91-180"] + buckets[">180"])
    assert amounts["early_items"] == pytest.approx(buckets["1-30"])
    assert amounts["top_customers"] == pytest.approx(view.top["overdue_amount"].sum())
    reasons = view.contributors["dispute_reason"]["overdue_amount"]
    assert amounts["disputes"] == pytest.approx(reasons.drop("(no dispute)").sum())
    disputes = frame.set_index("id").loc["disputes", "backlog"]
    assert "B02" in disputes and "B03" in disputes  # dispute_rate and days-to-resolve items


def test_backlog_late_items_are_marked(ctx, view) -> None:  # type: ignore[no-untyped-def]
    assert backlog_table(ctx, view).html.count('class="kit-missed"') == 0  # none late on 30.06.
    later = replace(ctx, as_of=date(2026, 8, 15))
    # open or in progress and due before 15.08.2026: only B06 (due 31.07.2026, in progress)
    assert backlog_table(later, view).html.count('class="kit-missed"') == 1
    assert "B06" in repr(aftercare_summary(later, view))


@pytest.mark.parametrize("language", ["de", "en"])
def test_every_block_renders_in_both_languages(language: str, view) -> None:  # type: ignore[no-untyped-def]
    ctx = open_report(SAMPLE, language=language)
    blocks = [aftercare_summary(ctx, view), aftercare_tiles(ctx, view), goal_table(ctx, view),
              customer_table(ctx, view), contributor_table(ctx, view), lever_table(ctx, view),
              backlog_table(ctx, view), aftercare_glossary_block(ctx, view)]  # fmt: skip
    for block in blocks:
        assert block.html and "{" not in block.text
    verdict = "gefährdet" if language == "de" else "at risk"
    assert verdict in goal_table(ctx, view).html
    assert goal_table(ctx, view).html.count('class="kit-missed"') == 1  # only the goal at risk
    show(goal_trends_figure(ctx, view))
    show(contributors_figure(ctx, view))
