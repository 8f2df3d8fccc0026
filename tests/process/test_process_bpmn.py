from __future__ import annotations

from pathlib import Path

import pytest

from kit.errors import ProcessMapError
from kit.process import bpmn
from kit.process.bpmn import import_bpmn
from tests.process.conftest import refusal

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples"
ACME = SAMPLES / "acme-gmbh" / "process_maps"  # German engagement, German map
IBM = SAMPLES / "ibm-ar" / "process_maps"  # English engagement, the same map in English
HEAD = '<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d">'


def test_all_miwg_reference_files_import(miwg: Path) -> None:
    files = sorted(miwg.glob("*.bpmn"))
    assert len(files) == 21
    for file in files:
        pmap = import_bpmn(file)
        assert pmap.graph.number_of_nodes() > 0, file.name
        assert pmap.graph.number_of_edges() > 0, file.name


def test_c_1_0_keeps_its_lanes(miwg: Path) -> None:
    pmap = import_bpmn(miwg / "C.1.0.bpmn")
    # main process lanes Approver, Team Assistant, Accountant; the pool "Team-Assistant" has one
    # unnamed lane, which takes the pool's name
    assert set(pmap.lanes()) == {"Approver", "Team Assistant", "Accountant", "Team-Assistant"}
    assert pmap.activity("approveInvoice")["lane"] == "Approver"
    assert pmap.activity("approveInvoice")["kind"] == "task"
    assert pmap.activity("reviewSuccessful_gw")["kind"] == "decision"


def test_files_with_lanes_keep_them(miwg: Path) -> None:
    assert {"Lane 1", "Lane 2", "Lane 3"} <= set(import_bpmn(miwg / "A.4.1.bpmn").lanes())
    assert {"Picker", "Packager"} <= set(import_bpmn(miwg / "C.2.0.bpmn").lanes())


def test_subprocess_is_flattened_and_gateway_split_equally(miwg: Path) -> None:
    pmap = import_bpmn(miwg / "C.2.0.bpmn")
    checkout = "__5ffa1675-9ad7-46f8-b19a-85cd5878496f"  # expanded sub-process "Checkout"
    assert checkout not in pmap.graph
    collapsed = import_bpmn(miwg / "A.3.0.bpmn")  # a collapsed sub-process stays one task
    assert collapsed.activity("_1ae31d1b-2559-4f78-a3ec-47986a49db48")["kind"] == "task"
    gw = import_bpmn(miwg / "A.2.0.bpmn")
    decisions = [n for n, k in gw.graph.nodes(data="kind") if k == "decision"]
    splits = [n for n in decisions if gw.graph.out_degree(n) > 1]
    assert splits
    for node in splits:
        k = gw.graph.out_degree(node)
        assert all(
            p == pytest.approx(1 / k) for _, _, p in gw.graph.out_edges(node, data="probability")
        )
    assert any("split equally" in w.message for w in gw.warnings)


def test_sample_bpmn_extension_properties_and_metrics_file() -> None:
    pmap = import_bpmn(IBM / "ssc_collections.bpmn")
    assert pmap.activity("t1")["minutes"] == 3  # camunda:property
    assert pmap.activity("t1")["per_month"] == 380
    assert pmap.activity("t2")["object"] == "dispute"
    assert pmap.activity("t3")["minutes"] == 6  # from ssc_collections.metrics.csv by id
    assert pmap.activity("t5")["per_month"] == 22  # by name
    assert pmap.activity("t1")["lane"] == "Collector"
    assert pmap.activity("t6")["lane"] == "Cash application"


def test_german_sample_bpmn_is_the_english_map_translated() -> None:
    german, english = (
        import_bpmn(ACME / "ssc_collections.bpmn"),
        import_bpmn(IBM / "ssc_collections.bpmn"),
    )
    assert set(german.graph.nodes) == set(english.graph.nodes)
    assert set(german.graph.edges) == set(english.graph.edges)
    for node in english.graph.nodes:  # same effort, only the words differ
        for key in ("minutes", "per_month", "kind"):
            assert german.activity(node).get(key) == english.activity(node).get(key), (node, key)
    assert german.activity("t2")["object"] == "Reklamation"
    assert german.activity("t5")["per_month"] == 22  # metrics row matched by the German name
    assert german.activity("t1")["lane"] == "Forderungsmanagement"


@pytest.mark.parametrize(
    ("content", "needle"),
    [
        ('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]>' + HEAD + "</definitions>", "DTD"),
        (
            '<?xml version="1.0"?><!DOCTYPE definitions SYSTEM "http://e/x.dtd">'
            + HEAD
            + "</definitions>",
            "DTD",
        ),
        ("this is not xml", "not well-formed"),
        (HEAD + "<process id='p'><task id='t'", "not well-formed"),
        ('<svg xmlns="http://www.w3.org/2000/svg"/>', "not a BPMN 2.0 file"),
        (HEAD + "</definitions>", "no <process>"),
    ],
)
def test_hostile_or_wrong_files_are_refused(tmp_path: Path, content: str, needle: str) -> None:
    message = refusal(import_bpmn, tmp_path / "x.bpmn", content)
    assert needle in message
    assert "x.bpmn" in message


def test_size_limit_checked_before_parsing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = tmp_path / "big.bpmn"
    src.write_text(HEAD + "</definitions>", encoding="utf-8")
    monkeypatch.setattr(bpmn, "MAX_BPMN_BYTES", 10)
    with pytest.raises(ProcessMapError, match="too large"):
        import_bpmn(src)


def test_unsupported_elements_listed_as_warnings(tmp_path: Path) -> None:
    src = tmp_path / "w.bpmn"
    src.write_text(
        HEAD + "<process id='p'><startEvent id='s'/><task id='t' name='Prüfen'/>"
        "<dataObject id='do'/><sequenceFlow id='f' sourceRef='s' targetRef='t'/>"
        "</process></definitions>",
        encoding="utf-8",
    )
    pmap = import_bpmn(src)
    assert any("dataObject" in w.message for w in pmap.warnings)
    assert list(pmap.graph.edges) == [("s", "t")]
