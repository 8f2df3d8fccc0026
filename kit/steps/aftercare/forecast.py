"""Step 07, forecast against actual: the forecast made 13 weeks before the as-of date, week by week.

The earlier forecast is recomputed exactly as it was possible then (`kit.forecast` reads nothing
after its date), and each of its weeks, all passed by the as-of date, is set against the cash
that actually came in on the invoices open then.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from kit.charts.forecast import plot_weekly_cash_in
from kit.forecast import Forecast, build_book, forecast_book
from kit.forecast.book import Book
from kit.forecast.cashin import actual_weeks
from kit.forecast.predict import Prediction
from kit.i18n.labels import FORECAST_COL
from kit.ingest import load_ledger
from kit.kpis.timeline import day_number
from kit.report import Html, note, table
from kit.report.context import ReportContext
from kit.steps.kpis.forecast import WEEKS

__all__ = ["ActualView", "actual_figure", "actual_table", "forecast_vs_actual"]


@dataclass(frozen=True)
class ActualView:
    """The earlier forecast (made `weeks` weeks before the as-of date) and the actual weeks."""

    made_on: date
    forecast: Forecast
    weeks: pd.DataFrame  # start, end, expected, low, high, actual
    weeks_count: int

    @property
    def available(self) -> bool:
        """Return whether there was a forecast to compare (a method and open invoices)."""
        return self.forecast.method is not None and not self.weeks.empty

    @property
    def wape(self) -> float | None:
        """Return Σ|expected − actual| / Σ actual over the weeks (None when nothing came in)."""
        total = float(self.weeks["actual"].sum()) if self.available else 0.0
        if total <= 0:
            return None
        return float((self.weeks["expected"] - self.weeks["actual"]).abs().sum() / total)


def _actual(book: Book, fc: Forecast, day: int, weeks: int) -> pd.Series:
    inv = fc.invoices
    index = pd.Index(book.invoice_id)
    rows = index.get_indexer(pd.Index(inv["invoice_id"].astype(str)))
    pred = Prediction(
        day=day,
        rows=rows.astype(np.int64),
        open_amount=inv["open_amount"].to_numpy(float),
        expected=np.zeros(len(rows), dtype=np.int64),
        low=np.zeros(len(rows), dtype=np.int64),
        high=np.zeros(len(rows), dtype=np.int64),
        p_late_30=np.zeros(len(rows)),
        method=fc.method or "baseline",
    )
    return pd.Series(actual_weeks(book, pred, weeks=weeks))


def forecast_vs_actual(ctx: ReportContext, *, weeks: int = WEEKS) -> ActualView:
    """Return the forecast made `weeks` weeks before the as-of date against what came in since."""
    made_on = ctx.as_of - timedelta(days=7 * weeks)
    ledger = load_ledger(ctx.engagement)
    book = build_book(ledger)
    fc = forecast_book(book, as_of=made_on, weeks=weeks)
    frame = fc.weeks.copy()
    if fc.method is not None and not frame.empty:
        frame["actual"] = _actual(book, fc, day_number(made_on), weeks).to_numpy()
    else:
        frame["actual"] = pd.Series(dtype=float)
    return ActualView(made_on, fc, frame, weeks)


def actual_figure(ctx: ReportContext, view: ActualView) -> Figure | None:
    """Return the earlier forecast's weekly bars with band and the actual cash-in as points."""
    if not view.available:
        return None
    title = ctx.tr("Forecast of {date} and actual cash-in", date=ctx.date(view.made_on))
    return plot_weekly_cash_in(ctx, view.weeks, title=title, actual=view.weeks["actual"])


def actual_table(ctx: ReportContext, view: ActualView) -> Html:
    """Return the weeks (expected, band, actual) with the totals and weighted error, or a note."""
    if not view.available:
        return note(ctx, ctx.tr("No earlier forecast whose weeks have already passed yet."))
    df = view.weeks[["start", "expected", "low", "high", "actual"]]
    labels = {c: ctx.tr(FORECAST_COL[c]) for c in ("expected", "low", "high", "actual")}
    labels["start"] = ctx.tr("Week from")
    formats = {"start": "date"} | {c: "money:0" for c in ("expected", "low", "high", "actual")}
    wape = view.wape
    summary = ctx.tr(
        "Over {weeks} weeks expected {expected}, actually received "
        "{actual}; weighted error per week {wape}.",
        weeks=view.weeks_count,
        expected=ctx.money(float(df["expected"].sum()), digits=0),
        actual=ctx.money(float(df["actual"].sum()), digits=0),
        wape=ctx.percent(None if wape is None else 100 * wape, digits=0),
    )
    caption = (
        ctx.tr(
            "Forecast of {date} per week against the actual cash-in on the invoices open then.",
            date=ctx.date(view.made_on),
        )
        + " "
        + summary
    )
    return table(ctx, df, formats=formats, labels=labels, caption=caption)
