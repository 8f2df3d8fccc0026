from __future__ import annotations

import csv
import multiprocessing
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from kit.engagement import load_engagement
from kit.errors import DataError
from kit.rollout import STATUS_COLUMNS, append_status, current_state, load_status, record_status

PHASES = ["blueprint", "setup", "training"]
HEADER = "date,phase,status,percent_complete,note,author\n"


def test_append_creates_file_with_header_and_quotes_notes(tmp_path: Path) -> None:
    log = tmp_path / "tracking" / "status.csv"
    note = 'Workshop "Ist-Prozess", 2 Termine\nzweite Zeile'
    append_status(log, phase="blueprint", status="in_progress", percent=40, note=note,
                  author="Markus Weber", on=date(2026, 1, 12), phases=PHASES)  # fmt: skip
    text = log.read_text(encoding="utf-8")
    assert text == (
        HEADER + '2026-01-12,blueprint,in_progress,40,"Workshop ""Ist-Prozess"", 2 Termine\n'
        'zweite Zeile",Markus Weber\n'
    )
    frame = load_status(log, phases=PHASES)
    assert frame.loc[0, "note"] == note
    assert frame.loc[0, "percent_complete"] == 40.0
    assert list(frame.columns) == [*STATUS_COLUMNS, "row"]


def test_append_never_rewrites_history(tmp_path: Path) -> None:
    log = tmp_path / "status.csv"
    append_status(log, phase="blueprint", status="in_progress", percent=10, on=date(2026, 1, 5))
    before = log.read_bytes()
    append_status(log, phase="blueprint", status="done", percent=100, on=date(2026, 1, 2))
    after = log.read_bytes()
    assert after.startswith(before)
    assert after[len(before) :] == b"2026-01-02,blueprint,done,100,,\n"
    # dates going backwards are kept in the file but sorted (stably) when loaded
    frame = load_status(log, phases=PHASES)
    assert list(frame["status"]) == ["done", "in_progress"]
    assert list(frame["row"]) == [3, 2]


@pytest.mark.parametrize(
    ("kwargs", "key", "value"),
    [
        ({"phase": "pilot"}, "phase", "pilot"),
        ({"status": "finished"}, "status", "finished"),
        ({"percent": 120}, "percent", "120"),
        ({"percent": -1}, "percent", "-1"),
        ({"percent": float("nan")}, "percent", "nan"),
        ({"percent": True}, "percent", "True"),
        ({"status": "done", "percent": 80}, "percent", "80"),
        ({"status": "not_started", "percent": 5}, "percent", "5"),
        ({"author": "a\nb"}, "author", "a\nb"),
    ],
)
def test_append_validates_before_writing(
    tmp_path: Path, kwargs: dict[str, object], key: str, value: str
) -> None:
    log = tmp_path / "status.csv"
    args: dict[str, object] = {"phase": "setup", "status": "in_progress", "percent": 50,
                               "author": "TS", "on": date(2026, 3, 1),
                               "phases": PHASES}  # fmt: skip
    args.update(kwargs)
    with pytest.raises(DataError) as caught:
        append_status(log, **args)  # type: ignore[arg-type]
    assert caught.value.key == key
    assert caught.value.value == value
    assert caught.value.expected
    assert not log.exists()


def test_append_to_hand_edited_file(tmp_path: Path) -> None:
    log = tmp_path / "status.csv"
    # another column order and no newline at the end of the last line
    log.write_text(
        "phase,date,status,percent_complete,author,note\nsetup,2026-02-16,in_progress,5,TS,x"
    )
    append_status(log, phase="setup", status="blocked", percent=20, note="SAP", author="TS",
                  on=date(2026, 2, 20))  # fmt: skip
    assert log.read_text().splitlines()[-1] == "setup,2026-02-20,blocked,20,TS,SAP"
    frame = load_status(log, phases=PHASES)
    assert list(frame["status"]) == ["in_progress", "blocked"]


def test_append_refuses_a_file_with_another_header(tmp_path: Path) -> None:
    log = tmp_path / "status.csv"
    log.write_text("datum,phase,status\n")
    with pytest.raises(DataError) as caught:
        append_status(log, phase="setup", status="in_progress", percent=5)
    assert caught.value.row == 1
    assert log.read_text() == "datum,phase,status\n"


def _writer(log: str, worker: int, count: int) -> None:
    for i in range(count):
        note = f'w{worker} n{i}, "quoted"\nline two'
        append_status(Path(log), phase=PHASES[i % 3], status="in_progress", percent=i,
                      note=note, author=f"worker {worker}", on=date(2026, 1, 1 + i))  # fmt: skip


def test_concurrent_appends_do_not_corrupt_the_file(tmp_path: Path) -> None:
    log = tmp_path / "tracking" / "status.csv"
    workers, rows = 8, 25
    context = multiprocessing.get_context("fork")
    processes = [context.Process(target=_writer, args=(str(log), w, rows)) for w in range(workers)]
    for process in processes:
        process.start()
    for process in processes:
        process.join(timeout=60)
        assert process.exitcode == 0
    with log.open(newline="", encoding="utf-8") as handle:
        records = list(csv.reader(handle))
    assert records[0] == list(STATUS_COLUMNS)  # exactly one header, written by the first
    body = records[1:]
    assert len(body) == workers * rows  # 8 × 25 = 200
    assert all(len(r) == 6 for r in body)
    expected = {f'w{w} n{i}, "quoted"\nline two' for w in range(workers) for i in range(rows)}
    assert {r[4] for r in body} == expected
    frame = load_status(log, phases=PHASES)
    assert len(frame) == 200


def test_load_missing_file_is_empty(tmp_path: Path) -> None:
    frame = load_status(tmp_path / "nope.csv", phases=PHASES)
    assert frame.empty
    assert list(frame.columns) == [*STATUS_COLUMNS, "row"]
    assert str(frame["date"].dtype) == "datetime64[ns]"


def test_load_reports_every_bad_row_with_its_row_number(tmp_path: Path) -> None:
    log = tmp_path / "status.csv"
    log.write_text(
        HEADER
        + '2026-01-05,blueprint,in_progress,10,"two\nlines",MW\n'  # row 2 (one row, two lines)
        + "2026-01-06,pilot,in_progress,20,,MW\n"  # row 3: unknown phase
        + "2026-01-07,setup,running,20,,MW\n"  # row 4: bad status
        + "2026-01-08,setup,in_progress,150,,MW\n"  # row 5: percent out of range
        + "2026-02-30,setup,in_progress,20,,MW\n"  # row 6: no 30 February
        + "\n"  # row 7: blank, skipped
        + '08.01.2026,setup,in_progress,"40,5",,MW\n',  # row 8: German date and decimal comma
        encoding="utf-8",
    )
    with pytest.raises(DataError) as caught:
        load_status(log, phases=PHASES)
    error = caught.value
    found = [(p.row, p.column, p.value, p.message) for p in [error.as_problem(), *error.problems]]
    assert found == [
        (3, "phase", "pilot", "unknown phase"),
        (4, "status", "running", "bad status"),
        (5, "percent_complete", "150", "percent out of range"),
        (6, "date", "2026-02-30", "bad date"),
    ]
    assert error.path == str(log)
    assert "blueprint, setup, training" in (error.expected or "")


def test_load_accepts_german_dates_and_decimal_comma(tmp_path: Path) -> None:
    log = tmp_path / "status.csv"
    log.write_text(HEADER + '08.01.2026,setup,in_progress,"40,5",,MW\n', encoding="utf-8")
    frame = load_status(log, phases=PHASES)
    assert frame.loc[0, "date"].date() == date(2026, 1, 8)
    assert frame.loc[0, "percent_complete"] == 40.5


@pytest.mark.parametrize(
    ("content", "row", "message"),
    [
        ("date,phase,status\n", 1, "header does not match"),
        (HEADER + "2026-01-05,setup,in_progress,10,MW\n", 2, "row has 5 fields"),
        (HEADER + '2026-01-05,setup,in_progress,10,"open note,MW\n', 2, "CSV syntax error"),
    ],
)
def test_load_rejects_malformed_files(tmp_path: Path, content: str, row: int, message: str) -> None:
    log = tmp_path / "status.csv"
    log.write_text(content, encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_status(log, phases=PHASES)
    assert caught.value.row == row
    assert caught.value.message.startswith(message)


def test_load_rejects_non_utf8(tmp_path: Path) -> None:
    log = tmp_path / "status.csv"
    log.write_bytes((HEADER + "2026-01-05,setup,in_progress,10,Größe,MW\n").encode("cp1252"))
    with pytest.raises(DataError, match="not UTF-8"):
        load_status(log, phases=PHASES)


def test_current_state_is_latest_row_per_phase(tmp_path: Path) -> None:
    log = tmp_path / "status.csv"
    for on, phase, status, percent in [
        (date(2026, 1, 5), "blueprint", "in_progress", 10),
        (date(2026, 2, 13), "blueprint", "done", 100),
        (date(2026, 2, 16), "setup", "in_progress", 5),
        (date(2026, 2, 16), "setup", "blocked", 5),  # same day: the later row wins
    ]:
        append_status(log, phase=phase, status=status, percent=percent, on=on, phases=PHASES)
    state = current_state(load_status(log, phases=PHASES)).set_index("phase")
    assert state["status"].to_dict() == {"blueprint": "done", "setup": "blocked"}


def test_record_status_uses_the_engagement_plan_and_log_path(
    make_engagement: Callable[..., Path],
) -> None:
    engagement = load_engagement(make_engagement(phases=[{"id": "blueprint"}, {"id": "pilot"}]))
    path = record_status(engagement, phase="pilot", status="in_progress", percent=25,
                         note="Werk Süd", author="MW", on=date(2026, 2, 2))  # fmt: skip
    assert path == engagement.root / "tracking" / "status.csv"
    assert path.read_text().splitlines()[1] == "2026-02-02,pilot,in_progress,25,Werk Süd,MW"
    with pytest.raises(DataError) as caught:
        record_status(engagement, phase="setup", status="in_progress", percent=5)
    assert caught.value.key == "phase" and caught.value.expected == "one of blueprint, pilot"


def test_spreadsheet_saved_file_with_bom_and_crlf(tmp_path: Path) -> None:
    log = tmp_path / "status.csv"
    log.write_bytes(("\ufeff" + HEADER + "2026-01-05,blueprint,in_progress,10,,MW\n").replace(
        "\n", "\r\n").encode("utf-8"))  # fmt: skip
    append_status(log, phase="blueprint", status="done", percent=100, on=date(2026, 2, 13))
    frame = load_status(log, phases=None)  # without a plan only the id's shape is checked
    assert list(frame["status"]) == ["in_progress", "done"]
    assert log.read_bytes().endswith(b"\r\n2026-02-13,blueprint,done,100,,\n")
