from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from kit.cli.status_table import format_status_table
from kit.errors import ConfigError, DataError
from kit.rollout import (
    append_status,
    load_statuses,
    portfolio,
    portfolio_table,
)

TODAY = date(2026, 3, 20)


@pytest.fixture
def two_engagements(make_engagement: Callable[..., Path]) -> list[Path]:
    acme = make_engagement("acme", client="Acme GmbH", phases=[
        {"id": "blueprint", "owner": "Markus Weber", "start": "2026-01-05", "end": "2026-02-13"},
        {"id": "setup", "owner": "Thomas Schmidt", "start": "2026-02-16", "end": "2026-03-27"},
        {"id": "training", "start": "2026-03-30", "end": "2026-04-17"},
    ])  # fmt: skip
    log = acme / "tracking" / "status.csv"
    ids = ["blueprint", "setup", "training"]
    append_status(log, phase="blueprint", status="in_progress", percent=20, author="MW",
                  on=date(2026, 1, 6), phases=ids)  # fmt: skip
    append_status(log, phase="blueprint", status="done", percent=100, author="MW",
                  on=date(2026, 2, 20), phases=ids)  # fmt: skip
    append_status(log, phase="setup", status="blocked", percent=50, note="SAP-Export fehlt",
                  author="TS", on=date(2026, 3, 10), phases=ids)  # fmt: skip
    # no phases in engagement.yaml (the seven defaults, no dates) and no status log yet
    beta = make_engagement("beta", client="Beta AG")
    return [acme, beta]


def test_portfolio_json_for_two_engagements(two_engagements: list[Path]) -> None:
    document = portfolio(two_engagements, today=TODAY)
    assert json.loads(json.dumps(document)) == document  # plain JSON types only
    acme, beta = document
    assert acme["engagement"] == str(two_engagements[0])
    assert acme["client"] == "Acme GmbH"
    assert acme["current_phase"] == "setup"
    assert acme["rag"] == "red"  # setup is blocked
    # setup 02-16..03-27 = 39 days, 50 %: open ceil(19.5) = 20; 03-20 + 20 = 04-09 → 13 days
    assert acme["slippage_days"] == 13
    assert [p["id"] for p in acme["phases"]] == ["blueprint", "setup", "training"]
    assert acme["phases"][0] == {
        "id": "blueprint",
        "name": "Blueprint",
        "owner": "Markus Weber",
        "status": "done",
        "percent": 100.0,
        "planned_start": "2026-01-05",
        "planned_end": "2026-02-13",
        "actual_start": "2026-01-06",
        "actual_end": "2026-02-20",
        "rag": "amber",
        "slippage_days": 7,  # 02-20 − 02-13
    }
    assert acme["phases"][2]["rag"] == "grey"
    assert acme["phases"][2]["actual_start"] is None
    assert beta["client"] == "Beta AG"
    assert beta["current_phase"] == "blueprint"
    assert beta["rag"] == "grey"
    assert beta["slippage_days"] is None  # no planned dates anywhere
    assert len(beta["phases"]) == 7
    assert beta["phases"][2]["name"] == "Schulung"  # default language de
    assert all(p["planned_start"] is None and p["status"] == "not_started" for p in beta["phases"])


def test_portfolio_table_and_terminal_text(two_engagements: list[Path]) -> None:
    table = portfolio_table(two_engagements, today=TODAY)
    assert list(table["client"]) == ["Acme GmbH", "Beta AG"]
    assert list(table["rag"]) == ["red", "grey"]
    assert list(table["current_phase"]) == ["Setup", "Blueprint"]
    assert list(table["blocked"]) == [1, 0]
    assert table.loc[0, "next_milestone"] == "Setup 2026-03-27"
    assert table["slippage_days"].tolist()[0] == 13

    many = format_status_table(load_statuses(two_engagements, today=TODAY), language="en")
    lines = many.splitlines()
    assert len(lines) == 3  # header + one row per engagement
    assert "Acme GmbH" in lines[1] and "red" in lines[1] and "+13" in lines[1]
    assert "Beta AG" in lines[2] and "grey" in lines[2]

    one = format_status_table(load_statuses(two_engagements[:1], today=TODAY), language="de")
    assert "Verzug (Tage)" in one
    assert "Schulung" in one and "Markus Weber" in one
    assert one.splitlines()[-1] == "blockiert: Setup (2026-03-10): SAP-Export fehlt"


def test_portfolio_bad_inputs_raise_kit_errors(two_engagements: list[Path], tmp_path: Path) -> None:
    with pytest.raises(ConfigError):
        portfolio([tmp_path / "missing"], today=TODAY)
    with (two_engagements[0] / "tracking" / "status.csv").open("a") as handle:
        handle.write("2026-03-11,pilot,done,100,,\n")
    with pytest.raises(DataError) as caught:
        portfolio(two_engagements, today=TODAY)
    assert caught.value.row == 5 and caught.value.column == "phase"  # header + 3 rows, then ours
