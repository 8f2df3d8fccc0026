"""`kit forecast`: payment dates of the open invoices, weekly cash-in, backtest (text or JSON)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd
from rich.console import RenderableType

from kit.engagement import Engagement
from kit.forecast import Forecast, forecast
from kit.i18n import N_, Language, trn
from kit.ledger import Ledger
from kit.message import msg

__all__ = ["forecast_command", "forecast_document", "forecast_view"]

MAX_WEEKS = 52


def _iso(value: Any) -> str:
    return pd.Timestamp(value).date().isoformat()


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    return [{str(k): v for k, v in row.items()} for row in frame.to_dict("records")]


def _num(value: float | None) -> float | None:
    return None if value is None else float(value)


def forecast_document(fc: Forecast, *, currency: str, language: Language = "en") -> dict[str, Any]:
    """Return the `kit forecast --json` document (the shape of the issue, plus the reason)."""
    from kit.steps.forecast_wording import reason_text

    bt = fc.backtest
    return {
        "as_of": fc.as_of.isoformat(),
        "currency": currency,
        "method": fc.method,
        "reason": fc.reason,
        "reason_text": reason_text(fc, language),
        "invoices": [
            {
                "invoice_id": str(r["invoice_id"]),
                "customer_id": str(r["customer_id"]),
                "open_amount": float(r["open_amount"]),
                "expected_payment_date": _iso(r["expected_payment_date"]),
                "interval": [_iso(r["interval_start"]), _iso(r["interval_end"])],
                "p_late_30": float(r["p_late_30"]),
                "rank": int(r["rank"]),
            }
            for r in _records(fc.invoices)
        ],
        "weeks": [
            {
                "start": _iso(w["start"]),
                "expected": float(w["expected"]),
                "low": float(w["low"]),
                "high": float(w["high"]),
            }
            for w in _records(fc.weeks)
        ],
        "backtest": {
            "as_of_dates": [_iso(pd.Timestamp(int(r.day), unit="D")) for r in bt.rows],
            "mae_days": _num(bt.mean("mae_days")),
            "baseline_mae_days": _num(bt.mean("baseline_mae_days")),
            "coverage_80": _num(bt.mean("coverage_80")),
            "baseline_coverage_80": _num(bt.mean("baseline_coverage_80")),
            "wape_13w": _num(bt.mean("wape_13w")),
            "baseline_wape_13w": _num(bt.mean("baseline_wape_13w")),
            "band_coverage_13w": _num(bt.mean("band_coverage_13w")),
            "baseline_band_coverage_13w": _num(bt.mean("baseline_band_coverage_13w")),
        },
    }


def forecast_view(fc: Forecast, *, engagement: Engagement, weeks: int) -> RenderableType:
    """Return the readable forecast in the engagement's language: weeks, backtest, invoices."""
    from kit.cli.output import lines, stack, table
    from kit.i18n import fmt_date, fmt_days, fmt_money, fmt_percent, tr
    from kit.i18n.labels import FORECAST_COL
    from kit.steps.forecast_wording import method_text, reason_text

    lang, cur = engagement.language, engagement.currency
    head = [
        f"{engagement.client} · {tr('Forecast at {date}', lang, date=fmt_date(fc.as_of, lang))}"
    ]
    head.append(method_text(fc, lang))
    reason = reason_text(fc, lang)
    if reason:
        head.append(reason)
    if fc.method is None:
        return lines(head)
    head.append(
        trn(
            "{count} open invoice, {amount} open",
            "{count} open invoices, {amount} open",
            len(fc.invoices),
            lang,
            amount=fmt_money(fc.open_amount, lang, currency=cur),
        )
    )

    def money(value: object) -> str:
        return fmt_money(float(str(value)), lang, currency=cur, digits=0)

    def columns(*keys: str) -> tuple[str, ...]:
        return tuple(tr(FORECAST_COL[key], lang) for key in keys)

    week_rows = [
        (
            fmt_date(pd.Timestamp(w["start"]).date(), lang),
            money(w["expected"]),
            money(w["low"]),
            money(w["high"]),
        )
        for w in _records(fc.weeks)
    ]
    week_table = table(
        columns("week", "expected", "low", "high"),
        week_rows,
        title=tr("Expected cash-in per week (80 % band)", lang),
        right=(1, 2, 3),
    )
    bt = fc.backtest
    if not bt.rows:
        backtest: RenderableType = lines(
            [
                tr("Backtest at earlier dates", lang),
                "  " + tr("No earlier date with enough history for a backtest.", lang),
            ]
        )
    else:
        rows = []
        for key, name, kind in (
            ("mae_days", N_("Mean error against the actual payment day"), "days"),
            ("coverage_80", N_("Share of payments inside the 80 % interval"), "percent"),
            ("wape_13w", N_("Error of the weekly cash-in ({weeks} weeks, weighted)"), "percent"),
            (
                "band_coverage_13w",
                N_("Share of weeks whose cash-in lay inside the 80 % band"),
                "percent",
            ),
        ):
            m, b = bt.mean(key), bt.mean("baseline_" + key)
            if kind == "days":
                shown = (fmt_days(m, lang), fmt_days(b, lang))
            else:
                shown = (
                    fmt_percent(None if m is None else m * 100.0, lang),
                    fmt_percent(None if b is None else b * 100.0, lang),
                )
            rows.append((tr(name, lang, weeks=weeks), *shown))
        dates = ", ".join(
            fmt_date(pd.Timestamp(int(r.day), unit="D").date(), lang) for r in bt.rows
        )
        backtest = stack(
            table(
                columns("figure", "model", "baseline"),
                rows,
                title=tr("Backtest at earlier dates", lang),
                right=(1, 2),
            ),
            lines(
                [
                    tr(
                        "Checked at {dates}; at each date only what was known then was used.",
                        lang,
                        dates=dates,
                    )
                ]
            ),
        )
    invoice_rows = [
        (
            str(int(r["rank"])),
            str(r["invoice_id"]),
            str(r["customer_id"]),
            fmt_money(float(r["open_amount"]), lang, currency=cur),
            fmt_date(pd.Timestamp(r["expected_payment_date"]).date(), lang),
            fmt_percent(float(r["p_late_30"]) * 100, lang),
        )
        for r in _records(fc.invoices.head(10))
    ]
    invoices = table(
        columns(
            "rank",
            "invoice_id",
            "customer_id",
            "open_amount",
            "expected_payment_date",
            "p_late_30_short",
        ),
        invoice_rows,
        title=tr("Open invoices with the largest expected overdue amount", lang),
        right=(0, 3, 5),
    )
    return stack(lines(head), week_table, backtest, invoices)


def forecast_command(
    engagement: Engagement, ledger: Ledger, *, as_of: date, weeks: int = 13
) -> tuple[RenderableType, Any]:
    """Return the readable forecast and the `kit forecast --json` document."""
    from kit.errors import ConfigError

    if not 1 <= weeks <= MAX_WEEKS:
        raise ConfigError(
            "--weeks out of range",
            key="--weeks",
            value=weeks,
            expected=msg("a whole number from 1 to {max_weeks}", max_weeks=MAX_WEEKS),
        )
    fc = forecast(ledger, as_of=as_of, weeks=weeks)
    view = forecast_view(fc, engagement=engagement, weeks=weeks)
    document = forecast_document(fc, currency=engagement.currency, language=engagement.language)
    return view, document
