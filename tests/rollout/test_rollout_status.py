"""RAG and slippage rules on hand-made dates; the arithmetic is in the comments."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from kit.engagement import load_engagement
from kit.message import render
from kit.rollout import PlannedPhase, append_status, rollout_status, status_for_plan
from kit.rollout.log import empty_status

# March phase: 2026-03-01 to 2026-03-31, planned duration 30 days
MARCH = PlannedPhase(id="setup", start=date(2026, 3, 1), end=date(2026, 3, 31))


def _log(*rows: tuple[date, str, str, float, str]) -> pd.DataFrame:
    frame = pd.DataFrame(
        [
            {"date": pd.Timestamp(d), "phase": p, "status": s, "percent_complete": float(c),
             "note": n, "author": "", "row": i + 2}
            for i, (d, p, s, c, n) in enumerate(rows)
        ]
    )  # fmt: skip
    return pd.concat([empty_status(), frame], ignore_index=True) if rows else empty_status()


def _one(
    phase: PlannedPhase, today: date, *rows: tuple[date, str, float]
) -> tuple[int | None, str]:
    log = _log(*[(d, phase.id, s, c, "") for d, s, c in rows])
    item = status_for_plan([phase], log, today=today).phases[0]
    return item.slippage_days, item.rag


@pytest.mark.parametrize(
    ("today", "rows", "slippage", "rag"),
    [
        # done on 04-07: 2026-04-07 − 2026-03-31 = +7 days → amber (1–10)
        (
            date(2026, 4, 20),
            [(date(2026, 3, 2), "in_progress", 0), (date(2026, 4, 7), "done", 100)],
            7,
            "amber",
        ),
        # done on 03-28: 2026-03-28 − 2026-03-31 = −3 days (early finish stays negative) → green
        (date(2026, 4, 20), [(date(2026, 3, 28), "done", 100)], -3, "green"),
        # done on 04-12: 12 days late > 10 → red
        (date(2026, 4, 20), [(date(2026, 4, 12), "done", 100)], 12, "red"),
        # on track: today 03-16, 50 %: open work ceil(50 × 30 / 100) = 15 days;
        # forecast 03-16 + 15 = 03-31 → 0 → green
        (date(2026, 3, 16), [(date(2026, 3, 1), "in_progress", 50)], 0, "green"),
        # behind: 30 %: open ceil(70 × 30 / 100) = 21; 03-16 + 21 = 04-06 → 6 days → amber
        (date(2026, 3, 16), [(date(2026, 3, 1), "in_progress", 30)], 6, "amber"),
        # far behind: 10 %: open ceil(90 × 30 / 100) = 27; 03-16 + 27 = 04-12 → 12 days → red
        (date(2026, 3, 16), [(date(2026, 3, 1), "in_progress", 10)], 12, "red"),
        # ahead: 80 %: open ceil(20 × 30 / 100) = 6; 03-16 + 6 = 03-22 → −9, floored to 0 while open
        (date(2026, 3, 16), [(date(2026, 3, 1), "in_progress", 80)], 0, "green"),
        # past the end, 90 %: open ceil(10 × 30 / 100) = 3; 04-10 + 3 = 04-13 → 13 days → red
        (date(2026, 4, 10), [(date(2026, 3, 1), "in_progress", 90)], 13, "red"),
        # past the end, 100 % but not done: 04-10 + 0 = 04-10 → 10 days → amber (10 is not > 10)
        (date(2026, 4, 10), [(date(2026, 3, 1), "in_progress", 100)], 10, "amber"),
        # not started, before the planned start → grey, no slippage
        (date(2026, 2, 20), [], 0, "grey"),
        # not started on the planned start day: 03-01 + 30 = 03-31 → 0; not yet late → green
        (date(2026, 3, 1), [], 0, "green"),
        # not started 3 days after start: 03-04 + 30 = 04-03 → 3 days → amber
        (date(2026, 3, 4), [], 3, "amber"),
        # 5 days after start: slippage 5 → amber (the late-start rule needs more than 5 days)
        (date(2026, 3, 6), [], 5, "amber"),
        # 6 days after start: slippage 6 would be amber, but not started > 5 days late → red
        (date(2026, 3, 7), [], 6, "red"),
        # blocked while on track: 03-16, 50 % → slippage 0 as above, blocked → red
        (date(2026, 3, 16), [(date(2026, 3, 10), "blocked", 50)], 0, "red"),
    ],
)
def test_slippage_and_rag_rules(
    today: date, rows: list[tuple[date, str, float]], slippage: int, rag: str
) -> None:
    assert _one(MARCH, today, *rows) == (slippage, rag)


def test_open_work_is_rounded_up_exactly() -> None:
    # 10-day phase 03-01 to 03-11, 30 % on 03-05: open 70 × 10 / 100 = 7 days exactly (not 8 from
    # 0.7 × 10 = 7.000000000000001); forecast 03-05 + 7 = 03-12 → 1 day late
    short = PlannedPhase(id="setup", start=date(2026, 3, 1), end=date(2026, 3, 11))
    assert _one(short, date(2026, 3, 5), (date(2026, 3, 2), "in_progress", 30)) == (1, "amber")
    # 33 %: open 67 × 10 / 100 = 6.7 → 7 days; same forecast
    assert _one(short, date(2026, 3, 5), (date(2026, 3, 2), "in_progress", 33)) == (1, "amber")


def test_phases_without_dates() -> None:
    undated = PlannedPhase(id="setup")
    assert _one(undated, date(2026, 3, 5)) == (None, "grey")
    assert _one(undated, date(2026, 3, 5), (date(2026, 3, 2), "in_progress", 30)) == (None, "green")
    # only an end: 2026-03-15 − 2026-03-11 = 4 days past the end
    end_only = PlannedPhase(id="setup", end=date(2026, 3, 11))
    assert _one(end_only, date(2026, 3, 15), (date(2026, 3, 2), "in_progress", 30)) == (4, "amber")


def test_actual_dates_and_rows_after_today() -> None:
    log = _log(
        (date(2026, 2, 27), "setup", "blocked", 0, "waiting for IT"),
        (date(2026, 3, 2), "setup", "in_progress", 20, ""),
        (date(2026, 3, 25), "setup", "done", 100, ""),
        (date(2026, 3, 26), "setup", "in_progress", 90, "reopened"),
        (date(2026, 3, 30), "setup", "done", 100, ""),
        (date(2026, 4, 2), "setup", "done", 100, "confirmed by the client"),
        (date(2026, 5, 1), "setup", "blocked", 100, "after today: ignored"),
    )
    item = status_for_plan([MARCH], log, today=date(2026, 4, 20)).phases[0]
    assert item.actual_start == date(2026, 3, 2)  # first in_progress/done row, not the blocked one
    assert item.actual_end == date(2026, 3, 30)  # first done row after the reopening
    assert item.status == "done"
    assert item.slippage_days == -1  # 2026-03-30 − 2026-03-31
    assert item.note == "confirmed by the client"


PLAN = [
    PlannedPhase(id="blueprint", start=date(2026, 1, 5), end=date(2026, 2, 13)),
    PlannedPhase(id="setup", start=date(2026, 2, 16), end=date(2026, 3, 27)),
    PlannedPhase(id="training", start=date(2026, 3, 30), end=date(2026, 4, 17)),
    PlannedPhase(id="go_live", start=date(2026, 5, 11), end=date(2026, 5, 15)),
]


def test_overall_status_current_phase_blocked_and_milestones() -> None:
    log = _log(
        (date(2026, 1, 5), "blueprint", "in_progress", 10, ""),
        (date(2026, 2, 20), "blueprint", "done", 100, ""),  # 02-20 − 02-13 = 7 days late
        (date(2026, 2, 23), "setup", "in_progress", 40, ""),
        (date(2026, 3, 10), "setup", "blocked", 50, "SAP-Export fehlt, Ticket 4711"),
        (date(2026, 3, 12), "setup", "blocked", 50, "IT eskaliert"),
    )
    status = status_for_plan(PLAN, log, today=date(2026, 3, 20), client="Acme", language="de")
    # setup: 39 planned days (02-16 to 03-27), 50 %: open ceil(19.5) = 20; 03-20 + 20 = 04-09
    # → 04-09 − 03-27 = 13 days
    assert [(p.phase.id, p.slippage_days, p.rag) for p in status.phases] == [
        ("blueprint", 7, "amber"),
        ("setup", 13, "red"),
        ("training", 0, "grey"),
        ("go_live", 0, "grey"),
    ]
    assert status.current_phase == "setup"
    assert status.rag == "red"  # worst of amber and red; grey phases do not count
    assert status.slippage_days == 13  # largest among open phases (the done blueprint not counted)
    assert status.blocked == [
        {"phase": "setup", "name": "Setup", "since": date(2026, 3, 10), "note": "IT eskaliert",
         "owner": None}
    ]  # fmt: skip
    # planned ends within 30 days after 03-20 (up to 04-19): setup 03-27 (7 days), training 04-17
    assert [(m["phase"], m["days_left"]) for m in status.milestones] == [
        ("setup", 7),
        ("training", 28),
    ]


def test_current_phase_rules() -> None:
    today = date(2026, 4, 1)
    # nothing in progress: the first phase not done
    log = _log((date(2026, 2, 13), "blueprint", "done", 100, ""))
    assert status_for_plan(PLAN, log, today=today).current_phase == "setup"
    # two phases in progress at once: the later one in plan order
    log = _log(
        (date(2026, 2, 16), "setup", "in_progress", 80, ""),
        (date(2026, 3, 30), "training", "in_progress", 5, ""),
    )
    assert status_for_plan(PLAN, log, today=today).current_phase == "training"
    # all done: no current phase, overall slippage is the last phase's
    log = _log(*[(p.end, p.id, "done", 100, "") for p in PLAN if p.end])
    finished = status_for_plan(PLAN, log, today=date(2026, 6, 1))
    assert finished.current_phase is None
    assert finished.slippage_days == 0 and finished.rag == "green"


def test_nothing_started_is_grey_overall() -> None:
    status = status_for_plan(PLAN, empty_status(), today=date(2026, 1, 1))
    assert status.rag == "grey"
    assert status.current_phase == "blueprint"
    assert status.slippage_days == 0


def test_rollout_status_reads_the_engagement_log(make_engagement: Callable[..., Path]) -> None:
    root = make_engagement(phases=[
        {"id": "blueprint", "owner": "MW", "start": "2026-01-05", "end": "2026-02-13"},
        {"id": "setup", "start": "2026-02-16", "end": "2026-03-27"},
    ])  # fmt: skip
    engagement = load_engagement(root)
    append_status(root / "tracking" / "status.csv", phase="blueprint", status="in_progress",
                  percent=60, on=date(2026, 1, 26), phases=["blueprint", "setup"])  # fmt: skip
    status = rollout_status(engagement, today=date(2026, 1, 26))
    # 39 planned days, 60 %: open ceil(40 × 39 / 100 = 15.6) = 16; 01-26 + 16 = 02-11 → −2 → 0
    assert status.phase("blueprint").slippage_days == 0
    assert status.phase("blueprint").actual_start == date(2026, 1, 26)
    assert status.rag == "green"
    assert status.language == "de"  # the engagement's language
    frame = status.frame()
    assert list(frame["id"]) == ["blueprint", "setup"]
    assert str(frame["slippage_days"].dtype) == "Int64"


def test_glossary_states_the_thresholds_in_both_languages() -> None:
    from kit.rollout import rollout_glossary

    for language in ("de", "en"):
        rows = [tuple(render(m, language) for m in row) for row in rollout_glossary()]
        assert len(rows) == 8
        assert all(term and meaning for term, meaning, _ in rows)
        text = " ".join(meaning for _, meaning, _ in rows)
        assert "10" in text and "5" in text and "30" in text
    assert render(rollout_glossary()[1][0], "de") == "Ampel rot"
    assert render(rollout_glossary()[0][2], "en").startswith("done: actual end − planned end")
