"""The `kit` command on ledger exports: validate and kpis exit codes and JSON shapes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from kit.cli.app import app

ROOT = Path(__file__).resolve().parents[2]
NORDWERK = ROOT / "data" / "samples" / "nordwerk-gmbh"
LEDGERS = ROOT / "tests" / "ingest" / "ledgers"


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.output


def _datev(tmp_path: Path) -> Path:
    (tmp_path / "data").mkdir()
    shutil.copy(LEDGERS / "datev_opos.csv", tmp_path / "data" / "opos.csv")
    (tmp_path / "engagement.yaml").write_text(
        "client: Musterbau GmbH\nlanguage: de\ndata:\n  ledger:\n    path: data/opos.csv\n"
        "    preset: datev-opos\n    extracted_on: 2026-06-30\n",
        encoding="utf-8",
    )
    return tmp_path


def test_validate_the_ledger_sample() -> None:
    code, out = _run("validate", str(NORDWERK), "--json")
    assert code == 0
    document = json.loads(out)
    assert document["valid"] is True
    [customers, ledger] = document["accounting"]
    assert customers["source"] == "customers"
    assert ledger["source"] == "ledger"
    assert ledger["rows_used"] + ledger["rows_left_out"] == ledger["rows_read"]
    assert ledger["left_out"] == {"subtotal": 2}


def test_kpis_of_an_open_items_list(tmp_path: Path) -> None:
    root = _datev(tmp_path)
    code, out = _run("kpis", str(root), "--json")
    assert code == 0
    document = json.loads(out)
    assert document["as_of"] == "2026-06-30"  # the export date, without as_of in the file
    assert document["kpis"]["ar_net"] == 5332.0 and document["kpis"]["dso"] is None
    code, out = _run("kpis", str(root), "--as-of", "2026-05-31")
    assert code == 2
    assert "Offene-Posten-Liste vom 2026-06-30" in out and "extracted_on" in out
