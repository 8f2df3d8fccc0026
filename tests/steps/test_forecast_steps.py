"""Forecast in the reports: reasons in words, the call list as a formula-safe Excel file."""

from __future__ import annotations

import math
import shutil
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from kit.forecast import worklist
from kit.report import open_report
from kit.steps.forecast_wording import why
from kit.steps.kpis.forecast import (
    ForecastView,
    backtest_table,
    forecast_block,
    forecast_figure,
    forecast_weeks_table,
    load_forecast,
)
from kit.steps.strategy.worklist import EXPORT_COLUMNS, export_worklist, with_reasons

SAMPLE = Path(__file__).resolve().parents[2] / "data" / "samples" / "acme-gmbh"


def test_reason_in_german_and_english() -> None:
    row = {"hist_mean": 12.2, "disputed": 2, "hist_trend": float("nan"), "days_overdue": 0}
    assert why(row, "de") == "zahlt im Schnitt 12 Tage nach Fälligkeit; 2 strittige Rechnungen"
    assert why(row, "en") == "pays 12 days after the due date on average; 2 disputed invoices"
    new = {"hist_mean": math.nan, "disputed": 1, "days_overdue": 40, "dunning_level": 2}
    assert why(new, "de") == (
        "neuer Kunde ohne Zahlungshistorie; 1 strittige Rechnung; "
        "älteste Rechnung 40 Tage überfällig; 2 Mahnungen ohne Zahlung"
    )


@pytest.fixture(scope="module")
def engagement(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("forecast") / "acme"
    shutil.copytree(SAMPLE, folder, ignore=shutil.ignore_patterns("output"))
    return folder


@pytest.fixture(scope="module")
def view(engagement: Path) -> ForecastView:
    return load_forecast(open_report(engagement, language="de"))


def test_report_blocks_show_forecast_and_backtest(engagement: Path, view: ForecastView) -> None:
    ctx = open_report(engagement, language="de")
    assert view.forecast.method in ("model", "baseline")
    block = forecast_block(ctx, view).html
    assert "Verfahren" in block and "13 Wochen" in block
    assert forecast_figure(ctx, view) is not None
    weeks = forecast_weeks_table(ctx, view)
    assert weeks is not None and weeks.html.count("<tr>") == 13 + 1
    backtest = backtest_table(ctx, view).html
    assert "Mittlere Abweichung" in backtest and "Einfache Regel" in backtest


def test_call_list_excel_keeps_client_text_as_text(tmp_path: Path, view: ForecastView) -> None:
    frame = worklist(view.forecast.invoices)
    first = str(frame["customer_id"].iloc[0])
    names = {first: '=HYPERLINK("http://x")'}
    table = with_reasons(frame, names=names, language="de")
    assert list(table.columns) == EXPORT_COLUMNS
    target = export_worklist(table, tmp_path / "call.xlsx", language="de")
    ws = load_workbook(target).active
    assert ws["A1"].value == "Rang"
    cell = ws.cell(row=2, column=EXPORT_COLUMNS.index("customer_name") + 1)
    assert cell.data_type == "s" and cell.value == '=HYPERLINK("http://x")'
    reason = ws.cell(row=2, column=EXPORT_COLUMNS.index("reason") + 1).value
    assert (isinstance(reason, str) and "zahlt" in reason) or "Kunde" in reason
    assert ws.max_row == len(table) + 1
    total = sum(
        ws.cell(row=r, column=EXPORT_COLUMNS.index("expected_overdue") + 1).value
        for r in range(2, ws.max_row + 1)
    )
    assert total == pytest.approx(float(view.forecast.invoices["expected_overdue"].sum()))
    assert pd.Series(table["rank"]).is_monotonic_increasing


def test_forecast_against_actual_sums_the_payments_that_came_in(engagement: Path) -> None:
    from datetime import timedelta

    from kit.ingest import load_ledger
    from kit.steps.aftercare.forecast import actual_table, forecast_vs_actual

    ctx = open_report(engagement, language="en")
    fva = forecast_vs_actual(ctx)
    assert fva.made_on == ctx.as_of - timedelta(days=91) and fva.available
    # independent: payments dated in the 13 weeks after made_on on the invoices open then
    ledger = load_ledger(ctx.engagement)
    pay = ledger.payments
    assert pay is not None
    start = pd.Timestamp(fva.made_on)
    in_window = (pay["payment_date"] > start) & (
        pay["payment_date"] <= start + pd.Timedelta(days=91)
    )
    open_ids = set(fva.forecast.invoices["invoice_id"])
    expected = float(pay.loc[in_window & pay["invoice_id"].isin(open_ids), "amount"].sum())
    assert float(fva.weeks["actual"].sum()) == pytest.approx(expected)
    assert "Forecast of" in actual_table(ctx, fva).html
