from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from kit.errors import DataError
from kit.rollout.backlog import BACKLOG_COLUMNS, backlog_overview, load_backlog

HEADER = "id,item,owner,kpi,expected_effect,status,due_date\n"
KPIS = {"dso", "cei", "paid_within_45_rate"}


def test_missing_backlog_is_empty(tmp_path: Path) -> None:
    frame = load_backlog(tmp_path / "tracking" / "backlog.csv", known_kpis=KPIS)
    assert frame.empty
    assert list(frame.columns) == [*BACKLOG_COLUMNS, "row"]


def test_load_valid_backlog(tmp_path: Path) -> None:
    path = tmp_path / "backlog.csv"
    path.write_text(
        HEADER
        + 'B-01,"Vorab-Erinnerung 5 Tage vor Fälligkeit, per E-Mail",Sabine Krüger,dso,'
        + "-3 Tage,open,2026-09-30\n"
        + "B-02,Reklamationsgründe erfassen,Markus Weber,,,in_progress,\n"
        + "B-03,Inkasso-Übergabe automatisieren,Thomas Schmidt,cei,+2 Punkte,done,31.07.2026\n",
        encoding="utf-8",
    )
    frame = load_backlog(path, known_kpis=KPIS)
    assert list(frame["id"]) == ["B-01", "B-02", "B-03"]
    assert frame.loc[0, "item"] == "Vorab-Erinnerung 5 Tage vor Fälligkeit, per E-Mail"
    assert frame.loc[1, "kpi"] == ""
    assert pd.isna(frame.loc[1, "due_date"])
    assert frame.loc[2, "due_date"] == pd.Timestamp(2026, 7, 31)
    assert list(frame["row"]) == [2, 3, 4]


def test_backlog_rows_are_validated(tmp_path: Path) -> None:
    path = tmp_path / "backlog.csv"
    path.write_text(
        HEADER
        + "B-01,Vorab-Erinnerung,SK,dso,-3 Tage,open,2026-09-30\n"  # row 2: fine
        + "B-01,Doppelt,SK,dso,,open,\n"  # row 3: id used twice
        + ",Ohne Nummer,SK,,,open,\n"  # row 4: missing id
        + "B-04,,SK,,,open,\n"  # row 5: missing item
        + "B-05,Mahnlauf,SK,dsoo,,open,\n"  # row 6: unknown KPI
        + "B-06,Mahnlauf,SK,dso,,waiting,\n"  # row 7: bad status
        + "B-07,Mahnlauf,SK,dso,,open,31.09.2026\n",  # row 8: no 31 September
        encoding="utf-8",
    )
    with pytest.raises(DataError) as caught:
        load_backlog(path, known_kpis=KPIS)
    error = caught.value
    found = [(p.row, p.column, p.message) for p in [error.as_problem(), *error.problems]]
    assert found == [
        (3, "id", "id used twice"),
        (4, "id", "missing id"),
        (5, "item", "missing item"),
        (6, "kpi", "unknown KPI"),
        (7, "status", "bad status"),
        (8, "due_date", "bad date"),
    ]
    assert error.path == str(path)
    # without a KPI list any KPI id is accepted; the other rules still apply
    path.write_text(HEADER + "B-05,Mahnlauf,SK,dsoo,,open,\n", encoding="utf-8")
    assert list(load_backlog(path)["kpi"]) == ["dsoo"]


def test_backlog_header_is_checked(tmp_path: Path) -> None:
    path = tmp_path / "backlog.csv"
    path.write_text("id,item,owner,status\nB-01,x,y,open\n", encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_backlog(path)
    assert caught.value.row == 1
    assert "kpi" in caught.value.message and "due_date" in caught.value.message


def test_backlog_overview_counts_and_overdue(tmp_path: Path) -> None:
    path = tmp_path / "backlog.csv"
    path.write_text(
        HEADER
        + "B-01,a,SK,dso,,open,2026-05-31\n"  # open, due before 06-30 → overdue
        + "B-02,b,SK,dso,,open,2026-07-31\n"  # open, not yet due
        + "B-03,c,SK,dso,,in_progress,2026-06-01\n"  # in progress, overdue
        + "B-04,d,SK,dso,,done,2026-01-31\n"  # done: never overdue
        + "B-05,e,SK,dso,,open,\n",  # no due date: never overdue
        encoding="utf-8",
    )
    overview = backlog_overview(load_backlog(path), today=date(2026, 6, 30))
    assert overview.to_dict("records") == [
        {"status": "open", "items": 3, "overdue": 1},
        {"status": "in_progress", "items": 1, "overdue": 1},
        {"status": "done", "items": 1, "overdue": 0},
        {"status": "dropped", "items": 0, "overdue": 0},
    ]
