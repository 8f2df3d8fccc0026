"""`kit forecast`: the JSON shape of the issue, the weeks option and exit code 2 on bad input."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kit.cli.app import app

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "samples" / "acme-gmbh"
IBM = ROOT / "data" / "samples" / "ibm-ar"
SHARED = ROOT.parent / "shared" / "data" / "ibm-accounts-receivable"


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.output


@pytest.mark.skipif(not SHARED.exists(), reason="shared data folder absent")
def test_json_has_the_shape_of_the_contract() -> None:
    code, out = _run("forecast", str(IBM), "--as-of", "2013-06-30", "--weeks", "4", "--json")
    assert code == 0, out
    doc = json.loads(out)
    assert {"as_of", "currency", "method", "invoices", "weeks", "backtest"} <= set(doc)
    assert doc["as_of"] == "2013-06-30" and doc["currency"] == "USD"
    assert doc["method"] in ("model", "baseline")
    first = doc["invoices"][0]
    assert set(first) == {
        "invoice_id",
        "customer_id",
        "open_amount",
        "expected_payment_date",
        "interval",
        "p_late_30",
        "rank",
    }
    for inv in doc["invoices"]:
        low, high = (date.fromisoformat(d) for d in inv["interval"])
        expected = date.fromisoformat(inv["expected_payment_date"])
        assert date(2013, 7, 1) <= low <= expected <= high
        assert 0.0 <= inv["p_late_30"] <= 1.0
    assert [i["rank"] for i in doc["invoices"]] == list(range(1, len(doc["invoices"]) + 1))
    assert [w["start"] for w in doc["weeks"]] == [
        "2013-07-01",
        "2013-07-08",
        "2013-07-15",
        "2013-07-22",
    ]
    assert all(set(w) == {"start", "expected", "low", "high"} for w in doc["weeks"])
    assert all(w["low"] <= w["expected"] <= w["high"] for w in doc["weeks"])
    bt = doc["backtest"]
    assert {
        "as_of_dates",
        "mae_days",
        "baseline_mae_days",
        "coverage_80",
        "wape_13w",
        "baseline_wape_13w",
    } <= set(bt)
    assert bt["as_of_dates"] and all(d < "2013-06-30" for d in bt["as_of_dates"])


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("--weeks", "0"), "--weeks"),
        (("--weeks", "53"), "--weeks"),
        (("--as-of", "2026-13-01"), "--as-of"),
    ],
)
def test_bad_options_exit_2_with_a_message(args: tuple[str, ...], needle: str) -> None:
    code, out = _run("forecast", str(SAMPLE), *args)
    assert code == 2
    assert needle in out and "Traceback" not in out


def test_missing_engagement_exits_2(tmp_path: Path) -> None:
    code, out = _run("forecast", str(tmp_path / "nowhere"), "--json")
    assert code == 2 and "Traceback" not in out
