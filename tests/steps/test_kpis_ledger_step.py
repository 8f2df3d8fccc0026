"""Step 04 on ledger exports: the open-items notice once, no trend, the net balance sentence and
the row accounting in the data-quality section, in German and English."""

from __future__ import annotations

import shutil
from pathlib import Path

import matplotlib
import pytest

from kit.report import open_report
from kit.steps.kpis import figures as kpis_figures
from kit.steps.kpis import quality as kpis_quality
from kit.steps.kpis import tables as kpis_tables
from kit.steps.kpis import text as kpis_text
from kit.steps.kpis import view as step

matplotlib.use("Agg")

LEDGERS = Path(__file__).resolve().parents[1] / "ingest" / "ledgers"


def _engagement(tmp_path: Path, preset: str, fixture: str, language: str) -> Path:
    (tmp_path / "data").mkdir()
    shutil.copy(LEDGERS / fixture, tmp_path / "data" / fixture)
    (tmp_path / "engagement.yaml").write_text(
        f"client: Test GmbH\nlanguage: {language}\ndata:\n  ledger:\n"
        f"    path: data/{fixture}\n    preset: {preset}\n    extracted_on: 2026-06-30\n",
        encoding="utf-8",
    )
    return tmp_path


@pytest.mark.parametrize("language", ["de", "en"])
def test_open_items_report(tmp_path: Path, language: str) -> None:
    ctx = open_report(_engagement(tmp_path, "datev-opos", "datev_opos.csv", language))
    view = step.load_kpis(ctx)
    assert view.open_items_on is not None
    summary = str(kpis_text.kpis_summary(ctx, view))
    notice = "Offene-Posten-Liste" if language == "de" else "open-items list"
    assert summary.count(notice) == 1
    assert kpis_figures.trend_figure(ctx, view) is None
    quality = str(kpis_quality.quality_overview(ctx, view))
    assert ("Summen- oder Zwischensummenzeilen" if language == "de" else "subtotal") in quality
    table = str(kpis_tables.kpi_table(ctx, view))
    assert "the export holds" not in table if language == "de" else "the export holds" in table


def test_all_items_report_names_the_net_balance(tmp_path: Path) -> None:
    ctx = open_report(_engagement(tmp_path, "sap-fbl5n", "fbl5n_de.csv", "de"))
    view = step.load_kpis(ctx)
    assert view.open_items_on is None
    summary = str(kpis_text.kpis_summary(ctx, view))
    assert "Forderungssaldo (netto)" in summary and "750\u00a0€" in summary
    assert kpis_figures.trend_figure(ctx, view) is not None
