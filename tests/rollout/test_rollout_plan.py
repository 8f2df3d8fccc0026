from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

import kit.rollout as rollout
from kit.engagement import load_engagement
from kit.errors import ConfigError
from kit.message import render


def test_default_plan_has_seven_phases_without_dates(make_engagement: Callable[..., Path]) -> None:
    plan = rollout.phase_plan(load_engagement(make_engagement()))
    assert [p.id for p in plan] == [
        "blueprint", "setup", "training", "acceptance_test", "go_live", "hypercare",
        "continuous_improvement",
    ]  # fmt: skip
    assert [render(p.title(), "de") for p in plan] == [
        "Blueprint", "Setup", "Schulung", "Abnahmetest", "Go-live", "Hypercare",
        "Kontinuierliche Verbesserung",
    ]  # fmt: skip
    assert [render(p.title(), "en") for p in plan] == [
        "Blueprint", "Setup", "Training", "Acceptance test", "Go-live", "Hypercare",
        "Continuous improvement",
    ]  # fmt: skip
    assert all(p.start is None and p.end is None and p.owner is None for p in plan)
    assert plan[0].exit_criteria == (
        "goals_smart", "stakeholders_ok", "maps_analysed", "baseline_computed",
        "blueprint_signed_off",
    )  # fmt: skip
    assert plan[1].exit_criteria[:2] == ("data_connected", "configuration_done")
    assert all(p.exit_criteria for p in plan)


def test_plan_from_engagement_keeps_order_names_and_unknown_ids(
    make_engagement: Callable[..., Path],
) -> None:
    phases = [
        {"id": "blueprint", "owner": "Markus Weber", "start": "2026-01-05", "end": "2026-02-13"},
        {"id": "pilot", "name": "Pilot Werk Süd", "start": "2026-02-16", "end": "2026-03-06",
         "exit_criteria": ["Pilotkunden angeschrieben"]},
        {"id": "setup", "name": "Einrichtung", "exit_criteria": ["data_connected"]},
    ]  # fmt: skip
    plan = rollout.phase_plan(load_engagement(make_engagement(phases=phases)))
    assert [p.id for p in plan] == ["blueprint", "pilot", "setup"]
    assert plan[0] == rollout.PlannedPhase(
        id="blueprint",
        owner="Markus Weber",
        start=date(2026, 1, 5),
        end=date(2026, 2, 13),
        exit_criteria=rollout.DEFAULT_EXIT_CRITERIA["blueprint"],
    )
    # 2026-02-13 − 2026-01-05 = 26 days of January left + 13 = 39
    assert plan[0].duration_days == 39
    assert render(plan[1].title(), "en") == "Pilot Werk Süd"
    assert plan[1].exit_criteria == ("Pilotkunden angeschrieben",)
    assert render(plan[2].title(), "de") == "Einrichtung"
    assert plan[2].exit_criteria == ("data_connected",)
    assert plan[2].start is None and plan[2].duration_days is None
    assert render(rollout.PlannedPhase(id="pilot").title(), "de") == "pilot"


def test_exit_criteria_automatic_and_manual() -> None:
    plan = [
        rollout.PlannedPhase(id=p, exit_criteria=rollout.DEFAULT_EXIT_CRITERIA[p])
        for p in rollout.DEFAULT_PHASES[:2]
    ]
    plan.append(rollout.PlannedPhase(id="pilot", exit_criteria=("Pilotkunden angeschrieben",)))
    automatic = {"goals_smart": True, "stakeholders_ok": False, "maps_analysed": None}
    frame = rollout.evaluate_exit_criteria(plan, automatic=automatic)
    # blueprint 5 + setup 3 + pilot 1 = 9 criteria
    assert len(frame) == 9
    by = frame.set_index(["phase", "criterion"])
    assert by.loc[("blueprint", "goals_smart"), "check"] == "automatic"
    assert by.loc[("blueprint", "goals_smart"), "met"]
    assert not by.loc[("blueprint", "stakeholders_ok"), "met"]
    assert by.loc[("blueprint", "maps_analysed"), "check"] == "automatic"
    assert pd.isna(by.loc[("blueprint", "maps_analysed"), "met"])
    assert by.loc[("blueprint", "blueprint_signed_off"), "check"] == "manual"
    assert pd.isna(by.loc[("blueprint", "blueprint_signed_off"), "met"])
    # data_connected can be checked by the kit, but the caller did not pass it: manual
    assert by.loc[("setup", "data_connected"), "check"] == "manual"
    assert render(by.loc[("blueprint", "goals_smart"), "text"], "de") == (
        "Ziele bestehen die SMART-Prüfung"
    )
    assert render(by.loc[("pilot", "Pilotkunden angeschrieben"), "text"], "de") == (
        "Pilotkunden angeschrieben"
    )
    assert str(frame["met"].dtype) == "boolean"
    assert frame["check"].value_counts().to_dict() == {"manual": 6, "automatic": 3}


def test_exit_criteria_rejects_unknown_automatic_key() -> None:
    plan = [
        rollout.PlannedPhase(
            id="blueprint", exit_criteria=rollout.DEFAULT_EXIT_CRITERIA["blueprint"]
        )
    ]
    with pytest.raises(ConfigError) as caught:
        rollout.evaluate_exit_criteria(plan, automatic={"goals_smrt": True})
    assert caught.value.value == "goals_smrt"
    assert "goals_smart" in (caught.value.expected or "")


def test_every_criterion_and_phase_has_both_languages() -> None:
    from kit.i18n import tr
    from kit.i18n.labels import ROLLOUT_CRITERION, ROLLOUT_PHASE

    criteria = {c for items in rollout.DEFAULT_EXIT_CRITERIA.values() for c in items}
    assert set(rollout.AUTOMATIC_CRITERIA) <= criteria
    assert criteria <= set(ROLLOUT_CRITERION)
    assert set(rollout.DEFAULT_PHASES) <= set(ROLLOUT_PHASE)
    for text in [ROLLOUT_CRITERION[c] for c in criteria] + [
        ROLLOUT_PHASE[p] for p in rollout.DEFAULT_PHASES
    ]:
        # strict mode (tests/conftest.py): a missing German or English entry raises
        assert tr(text, "de") and tr(text, "en") == text
