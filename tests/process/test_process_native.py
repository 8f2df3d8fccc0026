from __future__ import annotations

from pathlib import Path

import pytest

from kit.errors import ProcessMapError
from kit.process.loading import load_maps
from kit.process.native import read_csv_pair, read_yaml, write_yaml
from tests.process.conftest import refusal

ACME_MAPS = Path(__file__).resolve().parents[2] / "data" / "samples" / "acme-gmbh" / "process_maps"

MAP = """\
id: m1
name: Mahnlauf
owner: FiBu
activities:
  - {id: a1, name: Offene Posten prüfen, lane: Buchhaltung, minutes: 10, per_month: 400}
  - {id: a2, name: "Zahlung da?", kind: decision}
  - {id: a3, name: Mahnung senden, minutes: 4, per_month: 300}
flows:
  - {from: a1, to: a2}
  - {from: a2, to: a3, probability: 0.4}
  - {from: a2, to: a1, probability: 0.6}
"""


def test_read_yaml_and_round_trip(tmp_path: Path) -> None:
    src = tmp_path / "m.yaml"
    src.write_text(MAP, encoding="utf-8")
    pmap = read_yaml(src)
    assert pmap.id == "m1" and pmap.owner == "FiBu"
    assert pmap.hours("a1") == pytest.approx(10 * 400 / 60)
    out = write_yaml(pmap, tmp_path / "out" / "copy.yaml")
    again = read_yaml(out)
    assert sorted(again.graph.edges(data="probability")) == sorted(
        pmap.graph.edges(data="probability")
    )
    assert again.activity("a3")["minutes"] == 4
    assert not list((tmp_path / "out").glob(".*tmp"))  # no temp file left behind


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("id: [unclosed", "not valid YAML"),
        ("- just a list", "must be a mapping"),
        ("id: x\nactivities:\n  - {id: a, name: b, colour: red}\n", "unknown key"),
        ("id: x\nactivities:\n  - {id: a, name: b, minutes: zehn}\n", "not a number"),
        ("id: x\nactivities:\n  - {name: b}\n", "activity without id"),
        ("id: x\nactivities: []\n", "no activities"),
    ],
)
def test_bad_yaml_is_refused_clearly(tmp_path: Path, text: str, needle: str) -> None:
    message = refusal(read_yaml, tmp_path / "bad.yaml", text)
    assert needle in message
    assert "bad.yaml" in message


def test_csv_pair_holds_many_maps(tmp_path: Path) -> None:
    acts = tmp_path / "activities.csv"
    acts.write_text(
        "map_id;id;name;lane;system;object;minutes;per_month;kind\n"
        "m1;a;Rechnung prüfen;FiBu;;;5;100;task\n"
        "m1;b;Rechnung buchen;FiBu;;;2,5;100;task\n"
        "m2;x;Mahnung senden;FiBu;;;3;10;\n",
        encoding="utf-8",
    )
    flows = tmp_path / "flows.csv"
    flows.write_text("map_id;from;to;probability\nm1;a;b;\n", encoding="utf-8")
    maps = read_csv_pair(acts, flows)
    assert [m.id for m in maps] == ["m1", "m2"]
    assert maps[0].hours("b") == pytest.approx(2.5 * 100 / 60)


def test_csv_errors_name_row_and_column(tmp_path: Path) -> None:
    acts = tmp_path / "activities.csv"
    acts.write_text("map_id,id,name,minutes\nm1,a,X,abc\n", encoding="utf-8")
    (tmp_path / "flows.csv").write_text("map_id,from,to\n", encoding="utf-8")
    with pytest.raises(ProcessMapError) as info:
        read_csv_pair(acts, tmp_path / "flows.csv")
    assert info.value.row == 2  # header is row 1
    flows = tmp_path / "flows.csv"
    flows.write_text("map_id,from\n", encoding="utf-8")
    acts.write_text("map_id,id,name\nm1,a,X\n", encoding="utf-8")
    with pytest.raises(ProcessMapError) as info:
        read_csv_pair(acts, flows)
    assert info.value.column == "to"


def test_load_maps_reads_the_acme_folder() -> None:
    maps = load_maps([ACME_MAPS])
    assert sorted(m.id for m in maps) == [
        "mahnlauf-fibu",
        "reklamationen",
        "ssc_collections",
        "vertrieb-forderungen",
        "zahlungseingang",
    ]
    assert all(8 <= m.graph.number_of_nodes() <= 25 for m in maps)


def test_load_maps_refuses_missing_and_duplicate_ids(tmp_path: Path) -> None:
    with pytest.raises(ProcessMapError, match="not found"):
        load_maps([tmp_path / "nope"])
    for name in ("a.yaml", "b.yaml"):
        (tmp_path / name).write_text(MAP, encoding="utf-8")
    with pytest.raises(ProcessMapError, match="used twice"):
        load_maps([tmp_path])
