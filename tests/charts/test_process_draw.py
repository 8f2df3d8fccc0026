from __future__ import annotations

from itertools import combinations
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.text import Text

from kit.charts.labels import text_width, wrap
from kit.charts.process_overview import plot_process_overview
from kit.charts.swimlane import plot_swimlane
from kit.charts.swimlane_layout import layout_columns
from kit.process.analysis import analyse
from kit.process.loading import load_maps
from kit.process.model import Activity, ProcessMap

ACME = Path(__file__).resolve().parents[2] / "data" / "samples" / "acme-gmbh" / "process_maps"


def _labels(fig: Figure) -> list[Text]:
    return [t for ax in fig.axes for t in ax.texts if (t.get_gid() or "").startswith("label:")]


def test_swimlane_of_sample_with_highlights() -> None:
    maps = load_maps([ACME])
    analysis = analyse(maps)
    pmap = next(m for m in maps if m.id == "reklamationen")
    fig = plot_swimlane(pmap, highlight=analysis, language="en")
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
    fig = plot_swimlane(pmap, language="de")
    renderer = FigureCanvasAgg(fig).get_renderer()
    boxes = [t.get_window_extent(renderer) for t in _labels(fig)]
    assert len(boxes) == 40
    overlaps = [(i, j) for (i, a), (j, b) in combinations(enumerate(boxes), 2) if a.overlaps(b)]
    assert overlaps == []


def test_overview_has_one_node_per_map() -> None:
    maps = load_maps([ACME])
    fig = plot_process_overview(maps, analyse(maps).groups, language="de")
    texts = {t.get_text().replace("\n", " ") for t in fig.axes[0].texts}
    assert "Reklamationsbearbeitung" in texts


def _chain(n: int, lanes: list[str]) -> ProcessMap:
    acts = [
        Activity(
            id=f"a{i}",
            name=f"Zahlungserinnerung Nummer {i} per E-Mail senden",
            lane=lanes[i % len(lanes)],
            minutes=6,
            per_month=10,
        )
        for i in range(n)
    ]
    flows = [(f"a{i}", f"a{i + 1}", 1.0) for i in range(n - 1)]
    return ProcessMap.build(id="chain", name="Chain", activities=acts, flows=flows)


def test_long_map_wraps_into_blocks_of_at_most_seven_columns() -> None:
    # 20 columns -> ceil(20 / 7) = 3 blocks of ceil(20 / 3) = 7 columns (7 + 7 + 6)
    fig = plot_swimlane(_chain(20, ["Debitorenbuchhaltung"]), language="de")
    labels = _labels(fig)
    xs = {round(t.get_position()[0], 3) for t in labels}
    assert len(xs) == 7
    ys = sorted({round(t.get_position()[1], 3) for t in labels}, reverse=True)
    assert len(ys) == 3  # one row of boxes per block
    # flows a6 -> a7 and a13 -> a14 leave a block: connectors A and B, each drawn twice
    letters = [t.get_text() for t in fig.axes[0].texts if t.get_text() in {"A", "B", "C"}]
    assert sorted(letters) == ["A", "A", "B", "B"]
    assert 10.0 <= fig.get_figwidth() <= 11.0


def test_labels_stay_readable_at_reporttext_width() -> None:
    # report content ~900 px: a W-inch figure is scaled to 900 / W px per inch, so a label of
    # s pt is s / 72 * 900 / W px high; 9 pt in 10.76 in -> 9 / 72 * 900 / 10.76 = 10.5 px
    fig = plot_swimlane(_chain(40, ["Buchhaltung", "Vertrieb"]), language="de")
    sizes = {t.get_fontsize() for t in _labels(fig)}
    assert min(sizes) / 72 * 900 / fig.get_figwidth() >= 9.0


def test_legend_sits_just_below_the_lanes() -> None:
    fig = plot_swimlane(_chain(9, ["Buchhaltung", "Vertrieb"]), language="en")
    renderer = FigureCanvasAgg(fig).get_renderer()
    ax = fig.axes[0]
    bands = [p for p in ax.patches if isinstance(p, Rectangle)]
    assert len(bands) == 4  # 9 columns -> 2 blocks (5 + 4) x 2 lanes
    lanes_bottom = min(p.get_window_extent(renderer).y0 for p in bands)
    legend_top = ax.get_legend().get_window_extent(renderer).y1
    gap_in = (lanes_bottom - legend_top) / fig.dpi
    assert 0.0 <= gap_in <= 0.25


def test_long_words_are_hyphenated_to_fit() -> None:
    lines = wrap("Debitorenbuchhaltung", 1.1, bold=True)
    assert lines == ["Debitoren-", "buchhaltung"]
    text = "Zahlungserinnerung per E-Mail senden"
    lines = wrap(text, 1.0)
    assert lines == ["Zahlungs-", "erinnerung per", "E-Mail senden"]
    assert all(text_width(line) <= 1.0 for line in lines)
    assert wrap(text, 1.0, max_lines=2)[-1].endswith("…")


def _legend_texts(fig: Figure) -> list[str]:
    return [t.get_text() for t in fig.axes[0].get_legend().get_texts()]


def test_connector_legend_only_when_a_map_continues_in_another_block() -> None:
    # 9 columns -> 2 blocks: flow a4 -> a5 leaves block 1 and ends at connector A
    two_blocks = plot_swimlane(_chain(9, ["Buchhaltung"]), language="en")
    assert "Continues (A → A)" in _legend_texts(two_blocks)
    german = plot_swimlane(_chain(9, ["Buchhaltung"]), language="de")
    assert "Fortsetzung (A → A)" in _legend_texts(german)
    # 7 columns fit one block: no connectors, so no connector entry (6 standard entries)
    one_block = plot_swimlane(_chain(7, ["Buchhaltung"]), language="en")
    assert [t.get_text() for t in one_block.axes[0].texts if t.get_text() == "A"] == []
    assert len(_legend_texts(one_block)) == 6
    assert "Continues (A → A)" not in _legend_texts(one_block)
