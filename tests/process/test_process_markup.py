from __future__ import annotations

import io
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

from kit.charts.process_overview import plot_process_overview
from kit.charts.swimlane import plot_swimlane
from kit.process.native import read_yaml

MAP = r"""id: m
name: 'Map $\undefined$'
activities:
  - {id: a1, name: 'Check $\frac{1}{0}$', lane: 'Lane $x$', minutes: 5, per_month: 9}
  - {id: a2, name: 'Send $\bad{', lane: 'Lane $x$', minutes: 5, per_month: 9}
flows:
  - {from: a1, to: a2}
"""


def test_markup_in_activity_and_map_names_is_drawn_as_text(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_text(MAP, encoding="utf-8")
    pmap = read_yaml(path)
    for fig in (
        plot_swimlane(pmap, language="en"),
        plot_process_overview([pmap], [], language="en"),
    ):
        fig.savefig(io.BytesIO(), format="png")  # a parsed `$…$` would raise ValueError
