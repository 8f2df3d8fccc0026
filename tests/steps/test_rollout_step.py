"""Step 06 on the sample engagement: automatic exit criteria, status at the as-of date, blocks."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from kit.report import open_report, show
from kit.rollout import AUTOMATIC_CRITERIA
from kit.steps.rollout import tables
from kit.steps.rollout.checks import automatic_checks
from kit.steps.rollout.figures import gantt_figure
from kit.steps.rollout.text import rollout_summary
from kit.steps.rollout.view import blocked_episodes, rollout_tiles, rollout_view
from tests.steps.conftest import SAMPLE


@pytest.fixture(scope="module")
def view_de(ctx_de):  # type: ignore[no-untyped-def]
    return rollout_view(ctx_de)


def test_blueprint_checks_on_the_sample(view_de) -> None:  # type: ignore[no-untyped-def]
    checks = view_de.checks
    assert tuple(checks) == AUTOMATIC_CRITERIA
    met = {key: check.met for key, check in checks.items()}
    # IT (Thomas Schmidt, Jan Schulz) holds no RACI letter in the Blueprint phase of the register
    assert met["stakeholders_ok"] is False
    assert (
        "IT" in checks["stakeholders_ok"].detail
        and "Thomas Schmidt" in checks["stakeholders_ok"].detail
    )
    for key in ("goals_smart", "maps_analysed", "baseline_computed", "data_connected",
                "dispute_owner_named", "aftercare_owner_named", "backlog_maintained"):  # fmt: skip
        assert met[key] is True, (key, checks[key].detail)
    # baseline DSO at 31.12.2025 is 52.5 days on the sample (the detail quotes it)
    assert "52,5\xa0Tage" in checks["baseline_computed"].detail


def test_status_at_the_as_of_date(ctx_de, view_de) -> None:  # type: ignore[no-untyped-def]
    status = view_de.status
    assert ctx_de.as_of == date(2026, 6, 30) and status.today == date(2026, 6, 30)
    assert status.current_phase == "hypercare"
    hyper = status.phase("hypercare")
    # planned 18.05.–10.07.2026 = 53 days; 40 % open → ceil(21.2) = 22 days from 30.06 = 22.07,
    # 22.07 − 10.07 = 12 days of slippage → red (> 10)
    assert hyper.percent == 60 and hyper.slippage_days == 12 and hyper.rag == "red"
    assert status.rag == "red"


def test_summary_names_phase_slippage_and_failed_criterion(ctx_de, view_de) -> None:  # type: ignore[no-untyped-def]
    text = repr(rollout_summary(ctx_de, view_de)).replace("\xa0", " ")
    assert "Hypercare, 60 % erledigt, Ampel rot" in text
    assert "12 Tage" in text
    assert "Blueprint (+7 Tage), Setup (+7 Tage)" in text  # 20.02 vs 13.02, 03.04 vs 27.03
    assert "Stakeholder-Prüfungen" in text
    assert "10.07.2026 (in 10 Tagen)" in text  # next milestone: end of Hypercare


def test_blocked_stretch_from_the_log(ctx_de, view_de) -> None:  # type: ignore[no-untyped-def]
    episodes = blocked_episodes(view_de)
    assert list(episodes["phase"]) == ["setup"]
    # blocked on 06.03.2026, in progress again on 13.03.2026 → 7 days, resolved
    assert int(episodes["days"].iloc[0]) == 7 and not bool(episodes["open"].iloc[0])
    assert "Berechtigungen" in tables.blocked_table(ctx_de, view_de).html


def test_past_as_of_shows_the_block_as_current() -> None:
    ctx = open_report(SAMPLE, as_of="2026-03-10", language="en")
    view = rollout_view(ctx)
    assert view.status.current_phase == "setup"
    assert [b["phase"] for b in view.status.blocked] == ["setup"]
    text = repr(rollout_summary(ctx, view)).replace("\xa0", " ")
    assert "Blocked: Setup since 6 Mar 2026" in text
    assert "Resolve the blocker in Setup with Thomas Schmidt" in text
    episodes = blocked_episodes(view)
    assert bool(episodes["open"].iloc[0]) and int(episodes["days"].iloc[0]) == 4  # 06.03 → 10.03


def test_criteria_table_marks_the_failed_check(ctx_de, view_de) -> None:  # type: ignore[no-untyped-def]
    html = tables.criteria_table(ctx_de, view_de).html
    assert html.count('class="kit-missed"') == 1  # only stakeholders_ok fails
    assert "mit Phasenabschluss bestätigt" in html  # manual criteria of finished phases
    assert ">offen<" in html  # manual criteria of Hypercare, still running


@pytest.mark.parametrize("language", ["de", "en"])
def test_every_block_renders_in_both_languages(language: str) -> None:
    ctx = open_report(SAMPLE, language=language)
    view = rollout_view(ctx)
    blocks = [rollout_summary(ctx, view), rollout_tiles(ctx, view), tables.phase_table(ctx, view),
              tables.criteria_table(ctx, view), tables.notes_table(ctx, view),
              tables.blocked_table(ctx, view), tables.rollout_glossary_block(ctx)]  # fmt: skip
    for block in blocks:
        assert block.html and "{" not in block.text
    red = "rot" if language == "de" else "red"
    assert tables.phase_table(ctx, view).html.count('class="kit-missed"') == 1  # Hypercare is red
    assert red in rollout_tiles(ctx, view).html
    show(gantt_figure(ctx, view))


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "acme"
    shutil.copytree(SAMPLE, target, ignore=shutil.ignore_patterns("output"))
    return target


def test_broken_register_fails_the_check_with_its_location(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    lines = (root / "stakeholders.csv").read_text(encoding="utf-8").splitlines()
    # influence 9 is outside the scale 1–5
    bad = lines[1].replace(",4,5,", ",9,5,", 1)
    assert bad != lines[1]
    (root / "stakeholders.csv").write_text("\n".join([lines[0], bad, *lines[2:]]) + "\n",
                                           encoding="utf-8")  # fmt: skip
    ctx = open_report(root)
    checks = automatic_checks(ctx)
    assert checks["stakeholders_ok"].met is False
    assert "stakeholders.csv" in checks["stakeholders_ok"].detail


def test_pseudonymised_report_hides_owner_names(tmp_path: Path) -> None:
    root = _copy(tmp_path)
    yaml = root / "engagement.yaml"
    yaml.write_text(yaml.read_text(encoding="utf-8") + "privacy: pseudonymise\n", encoding="utf-8")
    ctx = open_report(root)
    view = rollout_view(ctx)
    html = tables.phase_table(ctx, view).html + repr(rollout_summary(ctx, view))
    html += tables.criteria_table(ctx, view).html
    assert "Thomas Schmidt" not in html and "Markus Weber" not in html
    assert "Person " in html


def test_as_of_is_the_report_date_not_the_system_date(ctx_de) -> None:  # type: ignore[no-untyped-def]
    later = replace(ctx_de, as_of=date(2026, 7, 20))
    status = rollout_view(later).status
    # 20.07.2026 + ceil(0.4 × 53) = 11.08.2026 → 32 days past 10.07.2026
    assert status.phase("hypercare").slippage_days == 32


def test_phases_without_planned_dates_claim_no_slippage(tmp_path: Path) -> None:
    import re

    root = _copy(tmp_path)
    config = root / "engagement.yaml"
    text = re.sub(r", start: [0-9-]+, end: [0-9-]+\}", "}", config.read_text(encoding="utf-8"))
    config.write_text(text, encoding="utf-8")
    (root / "tracking" / "status.csv").write_text(
        "date,phase,status,percent_complete,note,author\n", encoding="utf-8"
    )
    ctx = open_report(root, language="en")
    view = rollout_view(ctx)
    assert view.status.slippage_days is None
    assert "Slippage" not in rollout_tiles(ctx, view).html
    summary = rollout_summary(ctx, view).text
    assert "0 of 7 phases are finished." in summary and "on time" not in summary
