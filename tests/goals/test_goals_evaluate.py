"""Goals: SMART rules one at a time, progress and trend verdicts on series with known slopes."""

from __future__ import annotations

from datetime import date, timedelta

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from kit.charts.goals import plot_goal
from kit.engagement import Goal
from kit.goals import evaluate_goals, suggest_goals
from kit.message import render

BASE = date(2025, 12, 31)
AS_OF = date(2026, 6, 30)
OWNERS = {"Sabine Krüger", "Markus Weber"}
KNOWN = {"dso", "cei", "paid_within_45_rate"}


def _linear(start: float, per_day: float, kpi: str = "dso") -> pd.DataFrame:
    """Month ends 2025-06-30 … 2026-06-30 with value = start + per_day × (days since BASE)."""
    index = pd.date_range("2025-06-30", "2026-06-30", freq="ME")
    days = np.array([(d.date() - BASE).days for d in index], dtype=float)
    return pd.DataFrame({kpi: start + per_day * days}, index=index)


def _goal(**changes: object) -> Goal:
    base: dict[str, object] = {
        "kpi": "dso",
        "target": 20.0,
        "direction": "down",
        "deadline": date(2026, 12, 31),
        "statement": "DSO senken",
        "owner": "Sabine Krüger",
    }
    base.update(changes)
    return Goal.model_validate(base)


def _one(goal: Goal, series: pd.DataFrame):  # type: ignore[no-untyped-def]
    (status,) = evaluate_goals(
        [goal], series, baseline_date=BASE, as_of=AS_OF, owners=OWNERS, computable=KNOWN
    )
    return status


def _failed(goal: Goal, series: pd.DataFrame) -> set[str]:
    return {c.rule for c in _one(goal, series).smart if not c.passed}


def test_on_track_with_known_slope() -> None:
    # value = 50 − 0.1/day × days since 31.12.2025
    status = _one(_goal(), _linear(50, -0.1))
    assert status.baseline == pytest.approx(50.0)
    # 30.06.2026 is 181 days after the baseline: 50 − 18.1 = 31.9
    assert status.latest == pytest.approx(31.9)
    # (31.9 − 50) ÷ (20 − 50) = 0.60333
    assert status.progress == pytest.approx(18.1 / 30)
    assert status.slope_per_month == pytest.approx(-0.1 * 30.4375)
    # deadline 31.12.2026 is 365 days after the baseline: 50 − 36.5 = 13.5 ≤ 20
    assert status.forecast == pytest.approx(13.5)
    # target 20 reached after (20 − 50) ÷ −0.1 = 300 days
    assert status.reach_date == BASE + timedelta(days=300)
    assert status.verdict == "on_track"
    assert status.smart_ok


def test_at_risk_when_trend_is_too_slow() -> None:
    status = _one(_goal(target=40.0), _linear(50, -0.01))
    # forecast 50 − 0.01 × 365 = 46.35 > 40; reach after (40 − 50) ÷ −0.01 = 1000 days
    assert status.forecast == pytest.approx(46.35)
    assert status.reach_date == BASE + timedelta(days=1000)
    assert status.verdict == "at_risk"


def test_upward_goal_on_track_and_flat_trend_never_reaches() -> None:
    up = _goal(kpi="cei", direction="up", target=95.0)
    # 80 + 0.05 × 365 = 98.25 ≥ 95 at the deadline; latest 80 + 9.05 = 89.05
    status = _one(up, _linear(80, 0.05, "cei"))
    assert status.forecast == pytest.approx(98.25)
    assert status.verdict == "on_track"
    flat = _one(up, _linear(80, 0.0, "cei"))
    assert flat.reach_date is None
    assert flat.progress == pytest.approx(0.0)
    assert flat.verdict == "at_risk"


def test_achieved_and_missed() -> None:
    # latest 31.9 ≤ 35: achieved even though the deadline has not come
    assert _one(_goal(target=35.0), _linear(50, -0.1)).verdict == "achieved"
    # deadline 31.03.2026 has passed, 31.9 > 20: missed
    assert _one(_goal(deadline=date(2026, 3, 31)), _linear(50, -0.1)).verdict == "missed"


def test_unknown_without_values() -> None:
    series = _linear(50, -0.1)
    series.loc[pd.Timestamp(AS_OF), "dso"] = np.nan
    assert _one(_goal(), series).verdict == "unknown"


def test_baseline_is_last_value_before_the_baseline_date() -> None:
    index = pd.DatetimeIndex(["2025-11-30", "2026-01-31", "2026-06-30"])
    series = pd.DataFrame({"dso": [48.0, 47.0, 41.0]}, index=index)
    assert _one(_goal(), series).baseline == 48.0


def test_fit_falls_back_to_last_six_months() -> None:
    # only 30.06.2026 lies after a baseline of 31.05.2026; the fit uses the last six months,
    # whose values fall 2 per month: slope −2 per month (values exactly linear in months)
    index = pd.date_range("2025-07-31", "2026-06-30", freq="ME")
    series = pd.DataFrame({"dso": [60.0 - 2 * i for i in range(len(index))]}, index=index)
    (status,) = evaluate_goals([_goal()], series, baseline_date=date(2026, 5, 31), as_of=AS_OF)
    assert status.slope_per_month is not None
    assert status.slope_per_month == pytest.approx(-2.0, abs=0.1)


@pytest.mark.parametrize(
    ("changes", "rule"),
    [
        ({"statement": None}, "specific"),
        ({"kpi": "dso_magic"}, "measurable"),
        ({"target": 60.0}, "direction"),
        ({"deadline": date(2025, 12, 1)}, "time_bound"),
        ({"owner": "Erika Mustermann"}, "owner"),
        ({"owner": None}, "owner"),
    ],
)
def test_each_smart_rule_breaks_alone(changes: dict[str, object], rule: str) -> None:
    series = _linear(50, -0.1)
    if "kpi" in changes:
        series = series.rename(columns={"dso": "dso_magic"})
    assert _failed(_goal(**changes), series) == {rule}


def test_measurable_fails_without_data_at_baseline() -> None:
    series = _linear(50, -0.1)
    series.loc[: pd.Timestamp(BASE), "dso"] = np.nan
    status = _one(_goal(), series)
    reasons = {c.rule: render(c.reason, "en") for c in status.smart if not c.passed}
    assert set(reasons) == {"measurable", "direction"}
    assert "no value at the baseline date 31 Dec 2025" in reasons["measurable"]


def test_owner_reason_names_the_person() -> None:
    status = _one(_goal(owner="Erika Mustermann"), _linear(50, -0.1))
    (check,) = [c for c in status.smart if c.rule == "owner"]
    assert "Erika Mustermann is not in the stakeholder register" in render(check.reason, "en")


def test_suggest_goals_basics_first_and_gaps_in_words() -> None:
    values = {"paid_within_45_rate": 62.0, "dso": 52.3, "add": None, "cei": 90.0}
    goals = suggest_goals(values, worst_segment="Kleinkunde")
    # ADD has no value, CEI 90 is already above the CRF median 86.52: neither is suggested
    assert [g.kpi for g in goals] == ["paid_within_45_rate", "dso"]
    within, dso = goals
    assert within.target == 100.0
    # 100 − 62 = 38 % paid later than 45 days
    assert render(within.rationale, "en").startswith("38% of invoices are paid later than 45 days")
    assert "segment Kleinkunde" in render(within.rationale, "en")
    assert dso.target == 38.04
    # 52.3 − 38.04 = 14.26 → "14.3 days above"
    assert "14.3 days above the CRF median" in render(dso.rationale, "en")
    german = suggest_goals(values, goal_days=30)
    assert render(german[0].rationale, "de").startswith(
        "38\u00a0% der Rechnungen werden später als 30 Tage"
    )


def test_suggest_add_and_cei_below_reference() -> None:
    goals = suggest_goals({"add": 9.0, "cei": 80.0})
    assert [(g.kpi, g.direction, g.target) for g in goals] == [
        ("add", "down", 3.0),
        ("cei", "up", 86.52),
    ]
    # 86.52 − 80.0 = 6.52 → "6,5 Prozentpunkte"
    assert "6,5 Prozentpunkte unter dem CRF-Median" in render(goals[1].rationale, "de")


def test_plot_goal_draws_series_target_and_forecast() -> None:
    series = _linear(50, -0.1)
    status = _one(_goal(), series)
    fig = plot_goal(status, series, language="en")
    ax = fig.axes[0]
    labels = [line.get_label() for line in ax.get_lines()]
    assert {"Monthly value", "Baseline", "Target", "Deadline", "Trend to the deadline"} <= set(
        labels
    )
    # The house style may place titles left (kit.report.style_figures); either slot counts.
    title = ax.get_title() or ax.get_title(loc="left")
    assert title.endswith("on track")
    forecast = next(line for line in ax.get_lines() if line.get_label() == "Trend to the deadline")
    assert list(forecast.get_ydata()) == pytest.approx([31.9, 13.5])
    plt.close(fig)
