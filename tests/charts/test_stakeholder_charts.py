from __future__ import annotations

import io
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

from kit.charts.stakeholders import plot_power_interest, plot_raci
from kit.stakeholders import load_register

HEADER = (
    "name,role,department,influence,interest,blueprint,setup,training,acceptance_test,"
    "go_live,hypercare,continuous_improvement,contact\n"
)


def test_markup_in_names_is_drawn_as_text(tmp_path: Path) -> None:
    # `$\frac{1}{0}$` would be a matplotlib formula (and `$\undefined$` a parse error)
    names = [r"Ana $\frac{1}{0}$ Lead", r"Bo $\undefined{x}$", "Cy $5 and $6"]
    rows = "".join(f'"{n}",Lead,PMO,{i + 3},{i + 3},A,R,R,R,R,R,R,\n' for i, n in enumerate(names))
    path = tmp_path / "stakeholders.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    register = load_register(path)
    for fig in (plot_power_interest(register, language="en"), plot_raci(register, language="en")):
        fig.savefig(io.BytesIO(), format="png")  # raises ValueError when mathtext parses a name
        shown = [t.get_text() for ax in fig.axes for t in ax.texts]
        shown += [t.get_text() for ax in fig.axes for t in ax.get_yticklabels()]
        assert any(r"$\undefined{x}$" in s for s in shown)
