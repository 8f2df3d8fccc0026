from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import matplotlib

matplotlib.use("Agg")  # library unit test only; executed notebooks keep the inline backend

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle

from kit.charts.gantt import RAG_STYLE, plot_gantt
from kit.rollout import PlannedPhase, status_for_plan
from kit.rollout.log import empty_status

PLAN = [
    PlannedPhase(id="blueprint", start=date(2026, 1, 5), end=date(2026, 2, 13)),
    PlannedPhase(id="setup", start=date(2026, 2, 16), end=date(2026, 3, 27)),
    PlannedPhase(id="training", start=date(2026, 3, 30), end=date(2026, 4, 17)),
    PlannedPhase(id="go_live", start=date(2026, 5, 11), end=date(2026, 5, 15)),
]


def _log(*rows: tuple[date, str, str, float, str]) -> pd.DataFrame:
    columns = ["date", "phase", "status", "percent_complete", "note"]
    frame = pd.DataFrame(rows, columns=columns).assign(author="", row=range(2, len(rows) + 2))
    frame["date"] = pd.to_datetime(frame["date"])
    return frame


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    yield
    plt.close("all")


def _bars(fig: Figure) -> list[Rectangle]:
    ax = fig.axes[0]
    return [p for p in ax.patches if isinstance(p, Rectangle)]


def test_gantt_planned_and_actual_bars() -> None:
    log = _log(
        (date(2026, 1, 5), "blueprint", "in_progress", 10, ""),
        (date(2026, 2, 20), "blueprint", "done", 100, ""),
        (date(2026, 2, 23), "setup", "blocked", 40, "SAP"),
    )
    status = status_for_plan(PLAN, log, today=date(2026, 3, 20), language="de")
    fig = plot_gantt(status)
    bars = _bars(fig)
    # 4 planned bars + 2 actual bars (blueprint done, setup blocked)
    assert len(bars) == 6
    widths = sorted(round(b.get_width()) for b in bars)
    # planned: blueprint 01-05..02-13 = 40 days incl. end, setup 02-16..03-27 = 40, training
    # 03-30..04-17 = 19, go-live 05-11..05-15 = 5; actual: blueprint 01-05..02-20 = 47,
    # setup 02-23..today 03-20 = 26
    assert widths == [5, 19, 26, 40, 40, 47]
    hatches = {b.get_hatch() for b in bars if b.get_hatch()}
    assert hatches == {RAG_STYLE["amber"]["hatch"], RAG_STYLE["red"]["hatch"]}
    ax = fig.axes[0]
    labels = [tick.get_text() for tick in ax.get_yticklabels()]
    assert labels == ["Go-live", "Schulung", "Setup", "Blueprint"]  # first phase on top
    today_lines = [line for line in ax.get_lines() if line.get_linestyle() == "--"]
    assert len(today_lines) == 1
    assert today_lines[0].get_xdata()[0] == mdates.date2num(date(2026, 3, 20))
    texts = " ".join(t.get_text() for t in ax.texts)
    assert "blockiert · 40\u00a0%" in texts and "Stichtag 20.03.2026" in texts
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert legend[0] == "geplant" and "tatsächlich: rot" in legend


def test_gantt_without_dates_says_so() -> None:
    status = status_for_plan([PlannedPhase(id="setup")], empty_status(), today=date(2026, 1, 1))
    fig = plot_gantt(status, language="en")
    assert "No phase has planned dates." in [t.get_text() for t in fig.axes[0].texts]


def test_gantt_of_phases_without_dates_beside_one_that_has_started() -> None:
    # the scaffold's phases carry no dates: one has a status entry, the other has nothing yet
    plan = [PlannedPhase(id="blueprint"), PlannedPhase(id="setup")]
    log = _log((date(2026, 6, 1), "blueprint", "in_progress", 40, "SAP interface agreed"))
    status = status_for_plan(plan, log, today=date(2026, 6, 30), language="en")
    fig = plot_gantt(status)
    assert len(_bars(fig)) == 1  # the started phase's actual bar; the other gets its label only
    left, right = fig.axes[0].get_xlim()
    assert right - left >= 28  # the axis spans weeks, not the single day of the one entry
