"""Step 04, the look ahead: payment-date forecast, weekly cash-in with its band, backtest.

The numbers come from `kit.forecast` (trained only on what was known at the as-of date); this
module picks and words them. The backtest is shown beside the forecast, and when the model was
not better than the simple rule the report says that the simple rule is used.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from matplotlib.figure import Figure

from kit.charts.forecast import plot_weekly_cash_in
from kit.forecast import Forecast, forecast
from kit.ingest import load_ledger
from kit.report import Html, note, table
from kit.report.context import ReportContext
from kit.steps.forecast_wording import method_text, reason_text

__all__ = [
    "WEEKS",
    "ForecastView",
    "backtest_table",
    "forecast_block",
    "forecast_figure",
    "forecast_weeks_table",
    "load_forecast",
]

WEEKS = 13


@dataclass(frozen=True)
class ForecastView:
    """The forecast at the report's as-of date and its horizon in weeks."""

    forecast: Forecast
    weeks: int


def load_forecast(ctx: ReportContext, *, weeks: int = WEEKS) -> ForecastView:
    """Return the forecast of the engagement's open invoices at the report's as-of date."""
    ledger = load_ledger(ctx.engagement)
    return ForecastView(forecast(ledger, as_of=ctx.as_of, weeks=weeks), weeks)


def forecast_block(ctx: ReportContext, view: ForecastView) -> Html:
    """Return the method note (which method, why) and the expected cash-in within the weeks."""
    fc = view.forecast
    lines = [method_text(fc, ctx.language) + "."]
    reason = reason_text(fc, ctx.language)
    if reason:
        lines.append(reason)
    if fc.method is not None and fc.open_amount > 0:
        expected = float(fc.weeks["expected"].sum())
        lines.append(
            ctx.trn(
                "{count} open invoice, {amount} open",
                "{count} open invoices, {amount} open",
                len(fc.invoices),
                count=ctx.number(len(fc.invoices), digits=0),
                amount=ctx.money(fc.open_amount, digits=0),
            )
            + ". "
            + ctx.tr(
                "Expected within {weeks} weeks: {amount} ({share} of the open amount)",
                weeks=view.weeks,
                amount=ctx.money(expected, digits=0),
                share=ctx.percent(100.0 * expected / fc.open_amount, digits=0),
            )
        )
    kind = "info" if fc.method is not None else "warning"
    return note(ctx, " ".join(lines), kind=kind)


def forecast_figure(ctx: ReportContext, view: ForecastView) -> Figure | None:
    """Return the weekly cash-in bars with their band, None when there is no forecast."""
    fc = view.forecast
    if fc.method is None or fc.weeks.empty or fc.open_amount <= 0:
        return None
    return plot_weekly_cash_in(ctx, fc.weeks, title=ctx.tr("Expected cash-in per week"))


def forecast_weeks_table(ctx: ReportContext, view: ForecastView) -> Html | None:
    """Return the weekly cash-in table (week, expected, low, high), None without a forecast."""
    fc = view.forecast
    if fc.method is None or fc.weeks.empty:
        return None
    df = fc.weeks[["start", "expected", "low", "high"]].copy()
    labels = {
        "start": ctx.tr("Week from"),
        "expected": ctx.tr("Expected"),
        "low": ctx.tr("Low (10 %)"),
        "high": ctx.tr("High (90 %)"),
    }
    formats = {"start": "date", "expected": "money:0", "low": "money:0", "high": "money:0"}
    return table(
        ctx,
        df,
        formats=formats,
        labels=labels,
        caption=ctx.tr(
            "Expected cash-in on the invoices open today, per week, with "
            "the band the cash-in falls into with 80 % probability."
        ),
    )


def _ratio(value: float | None) -> float | None:
    return None if value is None else 100.0 * value


def backtest_table(ctx: ReportContext, view: ForecastView) -> Html:
    """Return the backtest in plain words: per figure the model's and the simple rule's value."""
    bt = view.forecast.backtest
    if not bt.rows:
        return note(ctx, ctx.tr("No earlier date with enough history for a backtest."))
    model, base = ctx.tr("Forecasting model"), ctx.tr("Simple rule")
    rows = [
        (
            ctx.tr("Mean error against the actual payment day"),
            ctx.days(bt.mean("mae_days")),
            ctx.days(bt.mean("baseline_mae_days")),
        ),
        (
            ctx.tr("Share of payments inside the 80 % interval"),
            ctx.percent(_ratio(bt.mean("coverage_80")), digits=0),
            ctx.percent(_ratio(bt.mean("baseline_coverage_80")), digits=0),
        ),
        (
            ctx.tr("Error of the weekly cash-in ({weeks} weeks, weighted)", weeks=view.weeks),
            ctx.percent(_ratio(bt.mean("wape_13w")), digits=0),
            ctx.percent(_ratio(bt.mean("baseline_wape_13w")), digits=0),
        ),
        (
            ctx.tr("Share of weeks whose cash-in lay inside the 80 % band"),
            ctx.percent(_ratio(bt.mean("band_coverage_13w")), digits=0),
            ctx.percent(_ratio(bt.mean("baseline_band_coverage_13w")), digits=0),
        ),
    ]
    df = pd.DataFrame(rows, columns=["figure", "model", "baseline"])
    dates = ", ".join(ctx.date(pd.Timestamp(int(r.day), unit="D").date()) for r in bt.rows)
    caption = (
        ctx.tr(
            "How accurate the forecast was at earlier dates, each computed "
            "only from what was known then and compared with what actually "
            "came in. Smaller errors are better; the interval should hold "
            "about 80 % of payments."
        )
        + " "
        + ctx.tr("Checked at {dates}; at each date only what was known then was used.", dates=dates)
    )
    labels = {"figure": ctx.trp("col.figure", "Figure"), "model": model, "baseline": base}
    formats = {"figure": "text", "model": "text", "baseline": "text"}
    return table(ctx, df, formats=formats, labels=labels, caption=caption)
