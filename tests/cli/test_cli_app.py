"""The `kit` command: names, JSON shapes and exit codes that scripts depend on."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kit.cli.app import app
from kit.errors import RunError
from kit.kpis import BUCKETS, REGISTRY

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "samples" / "acme-gmbh"
IBM = ROOT / "data" / "samples" / "ibm-ar"
SHARED = ROOT.parent / "shared" / "data"


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.output


def test_kpis_json_has_every_kpi_and_bucket() -> None:
    code, out = _run("kpis", str(SAMPLE), "--json")
    assert code == 0
    document = json.loads(out)  # stdout holds exactly one JSON document
    assert document["client"] == "Acme GmbH" and document["as_of"] == "2026-06-30"
    assert document["period_days"] == 90 and document["currency"] == "EUR"
    assert list(document["kpis"]) == list(REGISTRY)
    assert list(document["aging"]) == list(BUCKETS)
    assert sum(document["aging"].values()) == pytest.approx(document["kpis"]["ar_total"])
    assert all(v is None or isinstance(v, float) for v in document["kpis"].values())


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/data is not beside the repository")
def test_kpis_on_the_ibm_example_with_as_of_and_by() -> None:
    code, out = _run("kpis", str(IBM), "--as-of", "2012-06-30", "--by", "country", "--json")
    assert code == 0
    document = json.loads(out)
    assert document["by"] == "country" and len(document["groups"]) == 5
    code, text = _run("kpis", str(IBM), "--as-of", "2012-06-30")
    assert code == 0 and "DSO" in text


def test_validate_sample_is_clean() -> None:
    code, out = _run("validate", str(SAMPLE), "--json")
    assert code == 0
    assert json.loads(out)["valid"] is True


def test_duplicates_json_shape() -> None:
    code, out = _run("duplicates", str(SAMPLE / "process_maps"), "--json")
    assert code == 0
    document = json.loads(out)
    assert document["maps"] == 5 and document["groups"]
    member = document["groups"][0]["activities"][0]
    assert set(member) >= {"map", "id", "name", "lane", "hours_per_month"}
    assert {"avoidable_hours_per_month", "reason"} <= set(document["groups"][0])


@pytest.mark.skipif(not SHARED.is_dir(), reason="../shared/data is not beside the repository")
def test_import_bpmn_writes_yaml(tmp_path: Path) -> None:
    target = tmp_path / "c10.yaml"
    code, out = _run(
        "import-bpmn", str(SHARED / "bpmn-miwg-reference" / "C.1.0.bpmn"), "--output", str(target)
    )
    assert code == 0 and str(target) in out
    code, _ = _run("duplicates", str(target), "--json")
    assert code == 0


def test_status_portfolio_and_append_only_update(tmp_path: Path) -> None:
    engagement = tmp_path / "acme"
    shutil.copytree(SAMPLE, engagement, ignore=shutil.ignore_patterns("output"))
    log = engagement / "tracking" / "status.csv"
    before = log.read_text(encoding="utf-8")
    code, out = _run("status", str(engagement), str(IBM), "--json")
    assert code == 0
    portfolio = json.loads(out)
    assert portfolio[0]["client"] == "Acme GmbH" and len(portfolio) == 2
    assert {"current_phase", "rag", "slippage_days", "phases"} <= set(portfolio[0])
    code, _ = _run(
        "status", str(engagement), "--update", "hypercare", "--status", "in_progress",
        "--percent", "80", "--note", "Störungen, \"Sonderfälle\" geklärt",
    )  # fmt: skip
    assert code == 0
    after = log.read_text(encoding="utf-8")
    assert after.startswith(before)  # history is never rewritten
    assert after.count("\n") == before.count("\n") + 1 and "hypercare,in_progress,80" in after


def test_new_scaffolds_and_refuses_existing(tmp_path: Path) -> None:
    code, out = _run("new", str(tmp_path / "kunde"), "--client", "Kunde AG", "--language", "en")
    assert code == 0 and (tmp_path / "kunde" / "engagement.yaml").is_file()
    code, out = _run("new", str(tmp_path / "kunde"), "--language", "en")
    assert code == 2 and "not empty" in out


def test_failed_run_exits_1_with_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    def failing(*args: object, **kwargs: object) -> None:
        raise RunError(step="04_kpis", cell=5, error="KeyError: 'dso'", executed="x.ipynb")

    monkeypatch.setattr("kit.run.engine.run_engagement", failing)
    code, out = _run("run", str(SAMPLE), "--only", "04")
    assert code == 1
    # The sample engagement is German, so the message is too.
    assert "Schritt 04_kpis in Zelle 5 fehlgeschlagen: KeyError: 'dso'" in out
    assert "Traceback" not in out


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    code, out = _run("--debug", "validate", str(tmp_path / "missing"))
    assert code == 2 and "Traceback" in out


_SMALL_BPMN = (
    '<?xml version="1.0"?><definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL">'
    '<process id="m"><startEvent id="s"/><task id="t1" name="Check"/><endEvent id="e"/>'
    '<sequenceFlow id="f1" sourceRef="s" targetRef="t1"/>'
    '<sequenceFlow id="f2" sourceRef="t1" targetRef="e"/></process></definitions>'
)


def test_import_bpmn_keeps_an_edited_map_unless_forced(tmp_path: Path) -> None:
    model = tmp_path / "m.bpmn"
    model.write_text(_SMALL_BPMN, encoding="utf-8")
    target = tmp_path / "m.yaml"
    assert _run("import-bpmn", str(model))[0] == 0
    first = target.read_bytes()
    assert _run("import-bpmn", str(model))[0] == 0  # the same import again: nothing to lose
    assert target.read_bytes() == first
    edited = first.replace(b"minutes: null", b"minutes: 12", 1)
    assert edited != first
    target.write_bytes(edited)
    code, out = _run("import-bpmn", str(model))
    assert code == 2 and "m.yaml" in out and "exists and differs" in out and "--force" in out
    assert target.read_bytes() == edited
    assert _run("import-bpmn", str(model), "--force")[0] == 0
    assert target.read_bytes() == first
