from __future__ import annotations

from itertools import combinations
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.text import Text

from kit.process.analysis import analyse
from kit.process.draw import draw_overview, draw_swimlane, layout_columns
from kit.process.loading import load_maps
from kit.process.model import Activity, ProcessMap

ACME = Path(__file__).resolve().parents[2] / "data" / "samples" / "acme-gmbh" / "process_maps"


def _labels(fig: Figure) -> list[Text]:
    return [t for ax in fig.axes for t in ax.texts if (t.get_gid() or "").startswith("label:")]


def test_swimlane_of_sample_with_highlights() -> None:
    maps = load_maps([ACME])
    analysis = analyse(maps)
    pmap = next(m for m in maps if m.id == "reklamationen")
    fig = draw_swimlane(pmap, highlight=analysis, language="en")
    assert isinstance(fig, Figure)
    assert len(_labels(fig)) == pmap.graph.number_of_nodes()
    legend = fig.axes[0].get_legend()
    assert {t.get_text() for t in legend.get_texts()} >= {"Duplicate work", "Rework loop"}


def test_columns_follow_flow_order_despite_loops() -> None:
    acts = [Activity(id=i, name=i, minutes=1, per_month=1) for i in "abc"]
    pmap = ProcessMap.build(
        id="m", name="M", activities=acts, flows=[("a", "b", 1.0), ("b", "c", 0.5), ("b", "a", 0.5)]
    )
    assert layout_columns(pmap) == {"a": 0, "b": 1, "c": 2}


def test_forty_activities_labels_do_not_overlap() -> None:
    lanes = ["Buchhaltung", "Vertrieb", "Kreditmanagement"]
    acts = [
        Activity(
            id=f"a{i}",
            name=f"Offene Posten des Kunden Nummer {i} prüfen und buchen",
            lane=lanes[i % 3],
            minutes=5,
            per_month=10,
        )
        for i in range(40)
    ]
    flows = [(f"a{i}", f"a{i + 1}", 1.0) for i in range(39)]
    flows += [("a0", "a5", 1.0), ("a0", "a6", 1.0)]  # parallel branches stack in a column
    pmap = ProcessMap.build(id="big", name="Big", activities=acts, flows=flows)
    fig = draw_swimlane(pmap, language="de")
    renderer = FigureCanvasAgg(fig).get_renderer()
    boxes = [t.get_window_extent(renderer) for t in _labels(fig)]
    assert len(boxes) == 40
    overlaps = [(i, j) for (i, a), (j, b) in combinations(enumerate(boxes), 2) if a.overlaps(b)]
    assert overlaps == []


def test_overview_has_one_node_per_map() -> None:
    maps = load_maps([ACME])
    fig = draw_overview(maps, analyse(maps).groups, language="de")
    texts = {t.get_text().replace("\n", " ") for t in fig.axes[0].texts}
    assert "Reklamationsbearbeitung" in texts
