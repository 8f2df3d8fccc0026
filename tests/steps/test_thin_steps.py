"""Every step's report blocks run at as-of dates before, inside and after the data.

The notebooks' code cells are executed in-process (as papermill would, without the kernel), for
the sample engagement and for a bare engagement (`kit new` plus invoices), so a step that cannot
carry an empty window fails here with the cell that raised.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import matplotlib
import matplotlib.pyplot as plt
import pytest

from kit.run.execute import EXPORTS_ENV
from kit.scaffold import create_engagement

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "data" / "samples" / "acme-gmbh"
NOTEBOOKS = sorted((ROOT / "notebooks").glob("0*.ipynb"))


def _run_cells(notebook: Path, engagement: Path, as_of: str) -> None:
    cells: list[dict[str, Any]] = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    scope: dict[str, object] = {}
    for number, cell in enumerate(cells):
        if cell["cell_type"] != "code":
            continue
        source = "".join(cell["source"])
        if "parameters" in cell.get("metadata", {}).get("tags", []):
            source = f"engagement = {str(engagement)!r}\nas_of = {as_of!r}\nlanguage = None"
        try:
            exec(compile(source, f"{notebook.name} cell {number}", "exec"), scope)  # noqa: S102
        except Exception as exc:  # pragma: no cover - the message is the point
            raise AssertionError(f"{notebook.name} cell {number} at {as_of}: {exc!r}") from exc
        finally:
            plt.close("all")


@pytest.fixture(autouse=True)
def _quiet(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    matplotlib.use("Agg")  # in-process only; executed notebooks keep the inline backend
    monkeypatch.setenv(EXPORTS_ENV, str(tmp_path / "exports"))
    import IPython.display

    monkeypatch.setattr(IPython.display, "display", lambda *a, **k: None)


@pytest.mark.parametrize("as_of", ["2024-05-31", "2025-01-31", "2027-06-30"])
def test_sample_steps_before_inside_and_after_the_data(as_of: str) -> None:
    for notebook in NOTEBOOKS:
        _run_cells(notebook, SAMPLE, as_of)


@pytest.mark.parametrize("as_of", ["2025-01-31", "2026-06-30", "2027-06-30"])
def test_bare_engagement_steps_at_any_date(tmp_path: Path, as_of: str) -> None:
    eng = create_engagement(tmp_path / "kunde", client="Kunde AG", language="de")
    rows = ["invoice_id,customer_id,issue_date,due_date,amount,disputed,currency"]
    rows += [f"{i},K{i % 3},2025-{m:02d}-10,2025-{m:02d}-28,{100 + i}.00,false,EUR"
             for i, m in enumerate(range(3, 12))]  # fmt: skip
    (eng / "data" / "invoices.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    for notebook in NOTEBOOKS:
        _run_cells(notebook, eng, as_of)
