"""`kit import-bpmn` → YAML → `kit duplicates`: every file the kit writes reads back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kit.cli.app import app
from kit.errors import ProcessMapError
from kit.process.bpmn import import_bpmn
from kit.process.native import read_yaml

HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">\n'
)


def _bpmn(path: Path, body: str) -> Path:
    """Write `body` between the head and the end of a BPMN document to `path`; return `path`."""
    path.write_text(HEAD + body + "</definitions>", encoding="utf-8")
    return path


def test_every_shared_reference_round_trips_through_the_cli(miwg: Path, tmp_path: Path) -> None:
    files = sorted(miwg.glob("*.bpmn"))
    assert len(files) == 21
    runner = CliRunner()
    written = []
    for file in files:
        target = tmp_path / f"{file.stem}.yaml"
        result = runner.invoke(app, ["import-bpmn", str(file), "--output", str(target)])
        assert result.exit_code == 0, (file.name, result.output)
        back = read_yaml(target)  # what the kit writes, it reads
        assert back.graph.number_of_nodes() == import_bpmn(file).graph.number_of_nodes()
        written.append(target)
    result = runner.invoke(app, ["duplicates", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert document["maps"] == 21
    assert {"groups", "pairs", "duplicate_hours_per_month"} <= set(document)


def test_unnamed_intermediate_event_is_written_and_read_back(tmp_path: Path) -> None:
    bpmn = _bpmn(
        tmp_path / "wait.bpmn",
        '<process id="p"><task id="t1" name="Check invoice"/>'
        '<intermediateCatchEvent id="w"><timerEventDefinition/></intermediateCatchEvent>'
        '<task id="t2" name="Pay invoice"/>'
        '<sequenceFlow id="f1" sourceRef="t1" targetRef="w"/>'
        '<sequenceFlow id="f2" sourceRef="w" targetRef="t2"/></process>',
    )
    pmap = import_bpmn(bpmn)
    assert pmap.activity("w")["kind"] == "wait" and pmap.activity("w")["name"] == ""
    from kit.process.native import write_yaml

    back = read_yaml(write_yaml(pmap, tmp_path / "wait.yaml"))
    assert back.activity("w")["kind"] == "wait"


def test_qname_prefixed_references_and_cross_pool_flows(tmp_path: Path) -> None:
    bpmn = _bpmn(
        tmp_path / "q.bpmn",
        '<collaboration id="c"><participant id="pa" name="Sales" processRef="x:pA"/>'
        '<participant id="pb" name="Finance" processRef="x:pB"/></collaboration>'
        '<process id="pA"><task id="a1" name="Take order"/>'
        '<sequenceFlow id="f1" sourceRef="x:a1" targetRef="x:b1"/></process>'
        '<process id="pB"><task id="b1" name="Bill order"/>'
        '<dataObject id="d1"/><sequenceFlow id="f2" sourceRef="b1" targetRef="d1"/></process>',
    )
    pmap = import_bpmn(bpmn)
    assert list(pmap.graph.edges) == [("a1", "b1")]  # across pools, prefix stripped
    assert pmap.activity("a1")["lane"] == "Sales" and pmap.activity("b1")["lane"] == "Finance"
    assert any("b1 → d1" in w.message for w in pmap.warnings)  # the skipped flow is named


def test_stray_latin1_byte_is_read_with_a_warning_naming_the_line(tmp_path: Path) -> None:
    bpmn = tmp_path / "l1.bpmn"
    text = HEAD + '<process id="p">\n<task id="t1" name="Prüfen"/>\n<task id="t2" name="X'
    data = text.encode("utf-8") + b"\xe4" + b'"/>\n</process></definitions>'
    bpmn.write_bytes(data)
    pmap = import_bpmn(bpmn)
    assert pmap.activity("t2")["name"] == "Xä"
    assert pmap.activity("t1")["name"] == "Prüfen"
    (warning,) = [w for w in pmap.warnings if "Latin-1" in w.message]
    assert warning.row == 5 and "line 5" in warning.message  # 2 head lines, process, t1


def test_process_without_any_activity_is_refused(tmp_path: Path) -> None:
    bpmn = _bpmn(
        tmp_path / "empty.bpmn",
        '<process id="p"><startEvent id="s"/><endEvent id="e"/>'
        '<sequenceFlow id="f" sourceRef="s" targetRef="e"/></process>',
    )
    with pytest.raises(ProcessMapError, match="no activity"):
        import_bpmn(bpmn)
