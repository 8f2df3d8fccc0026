"""The business case: `kit business-case --json` against the arithmetic of its inputs."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from kit.business_case import business_case
from kit.cli.app import app
from kit.engagement import Goal, load_engagement

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "samples" / "acme-gmbh"
KEYS = {
    "working_capital_released",
    "interest_saved_per_year",
    "hours_freed_per_month",
    "cost_saved_per_year",
    "inputs",
}
INPUT_KEYS = {
    "dso",
    "dso_target",
    "credit_sales",
    "period_days",
    "interest_rate",
    "hourly_cost",
    "duplicate_hours",
    "rework_hours",
}


def _json(*args: str) -> dict[str, object]:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert isinstance(document, dict)
    return document


def _copy(tmp_path: Path, **changes: object) -> Path:
    engagement = tmp_path / "acme"
    shutil.copytree(SAMPLE, engagement, ignore=shutil.ignore_patterns("output"))
    file = engagement / "engagement.yaml"
    raw = yaml.safe_load(file.read_text(encoding="utf-8"))
    raw.update(changes)
    file.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return engagement


def test_sample_business_case_is_the_arithmetic_of_kpis_goal_and_duplicates(
    tmp_path: Path,
) -> None:
    engagement = _copy(tmp_path, business_case={"interest_rate": 0.05, "hourly_cost": 60})
    kpis = _json("kpis", str(engagement), "--json")
    duplicates = _json("duplicates", str(engagement), "--json")
    case = _json("business-case", str(engagement), "--json")
    assert set(case) == KEYS and set(case["inputs"]) == INPUT_KEYS  # type: ignore[arg-type]

    dso = kpis["kpis"]["dso"]  # type: ignore[index]
    sales = kpis["kpis"]["credit_sales"]  # type: ignore[index]
    period = kpis["period_days"]
    target = 40.0  # the sample's DSO goal: "DSO unter 40 Tage senken", direction down
    duplicate = duplicates["duplicate_hours_per_month"]
    rework = duplicates["rework_hours_per_month"]
    # the sample by hand: DSO 43.92 days, credit sales 3,637,454.87 € in 90 days,
    # (43.92 − 40) × 3,637,454.87 ÷ 90 = 158,559.50 €; duplicates 126.5 h + rework 15 h
    assert dso == pytest.approx(43.9232, abs=1e-4) and period == 90
    assert sales == pytest.approx(3_637_454.87)
    assert (duplicate, rework) == (pytest.approx(126.5), pytest.approx(15.0))

    released = (dso - target) * sales / period
    assert case["working_capital_released"] == pytest.approx(released, rel=1e-12)
    assert released == pytest.approx(158_559.50, abs=0.01)
    # interest saved = released × 5 % = 7,927.98 € a year
    assert case["interest_saved_per_year"] == pytest.approx(released * 0.05, rel=1e-12)
    assert case["interest_saved_per_year"] == pytest.approx(7_927.98, abs=0.01)
    # hours freed = 126.5 + 15 = 141.5 h a month; cost = 141.5 × 12 × 60 € = 101,880 € a year
    assert case["hours_freed_per_month"] == pytest.approx(duplicate + rework)
    assert case["cost_saved_per_year"] == pytest.approx((duplicate + rework) * 12 * 60)
    assert case["cost_saved_per_year"] == pytest.approx(101_880.0)
    assert case["inputs"] == {
        "dso": pytest.approx(dso),
        "dso_target": target,
        "credit_sales": pytest.approx(sales),
        "period_days": 90,
        "interest_rate": 0.05,
        "hourly_cost": 60.0,
        "duplicate_hours": pytest.approx(duplicate),
        "rework_hours": pytest.approx(rework),
    }


def test_defaults_are_six_percent_and_55_an_hour() -> None:
    case = _json("business-case", str(SAMPLE), "--json")
    assert case["inputs"]["interest_rate"] == 0.06  # type: ignore[index]
    assert case["inputs"]["hourly_cost"] == 55.0  # type: ignore[index]


def test_missing_goal_and_maps_give_null_with_a_reason(tmp_path: Path) -> None:
    raw = yaml.safe_load((SAMPLE / "engagement.yaml").read_text(encoding="utf-8"))
    goals = [g for g in raw["goals"] if g["kpi"] != "dso"]
    engagement = _copy(tmp_path, goals=goals, process_maps="no_maps_here")
    result = CliRunner().invoke(app, ["business-case", str(engagement), "--json"])
    assert result.exit_code == 0, result.output
    case = json.loads(result.stdout)
    assert case["working_capital_released"] is None and case["interest_saved_per_year"] is None
    assert case["hours_freed_per_month"] is None and case["cost_saved_per_year"] is None
    assert case["inputs"]["dso_target"] is None and case["inputs"]["duplicate_hours"] is None
    assert "DSO-Ziel" in result.stderr and "Prozesslandkarten" in result.stderr
    text = CliRunner().invoke(app, ["business-case", str(engagement)])
    assert text.exit_code == 0 and "DSO-Ziel vereinbaren" in text.stdout


def _goal(kpi: str, target: float, direction: str = "down") -> Goal:
    return Goal(kpi=kpi, target=target, direction=direction, deadline=date(2026, 12, 31))  # type: ignore[arg-type]


def test_per_goal_cash_sensitivity_and_met_goals() -> None:
    engagement = load_engagement(SAMPLE)
    values = {"dso": 50.0, "add": 12.0, "bpdso": 38.0, "credit_sales": 900_000.0}
    case = business_case(
        engagement,
        as_of=date(2026, 6, 30),
        values=values,
        duplicate_hours=10.0,
        rework_hours=5.0,
        goals=[_goal("dso", 40), _goal("add", 15), _goal("bpdso", 30), _goal("cei", 90, "up")],
    )
    # 900,000 € in 90 days = 10,000 € a day; DSO 50 → 40: 10 days × 10,000 € = 100,000 €
    assert case.working_capital_released == pytest.approx(100_000.0)
    assert case.interest_saved_per_year == pytest.approx(6_000.0)  # × 6 %
    by_kpi = {g.kpi: g for g in case.goals}
    assert set(by_kpi) == {"dso", "add", "bpdso"}  # CEI is no KPI in days of sales
    assert by_kpi["add"].released == 0.0  # ADD 12 is already below its target 15
    assert by_kpi["bpdso"].released == pytest.approx(80_000.0)  # (38 − 30) × 10,000 €
    # 15 h a month × 12 × 55 € = 9,900 € a year
    assert case.cost_saved_per_year == pytest.approx(9_900.0)
    half, full = case.sensitivity()
    assert (half.share, full.share) == (0.5, 1.0)
    assert half.working_capital_released == pytest.approx(50_000.0)
    assert half.interest_saved_per_year == pytest.approx(3_000.0)
    assert half.hours_freed_per_month == pytest.approx(7.5)
    assert half.cost_saved_per_year == pytest.approx(4_950.0)
    assert full.cost_saved_per_year == case.cost_saved_per_year


def test_no_sales_in_the_window_gives_null_not_an_error() -> None:
    engagement = load_engagement(SAMPLE)
    case = business_case(
        engagement,
        as_of=date(2026, 6, 30),
        values={"dso": None, "credit_sales": None},
        duplicate_hours=None,
        rework_hours=None,
    )
    assert case.working_capital_released is None
    assert case.reasons["working_capital_released"] == "no_kpi_value"
    assert case.to_json_dict()["inputs"]["dso"] is None  # type: ignore[index]
    assert case.sensitivity()[0].working_capital_released is None


def test_business_case_settings_are_checked(tmp_path: Path) -> None:
    engagement = _copy(tmp_path, business_case={"interest_rate": 6})
    result = CliRunner().invoke(app, ["business-case", str(engagement), "--json"])
    assert result.exit_code == 2
    assert "business_case.interest_rate" in result.output and "Traceback" not in result.output
