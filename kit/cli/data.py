"""`kit kpis`, `kit business-case`, `kit forecast`: what the engagement's ledger says."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import typer

from kit.cli.boundary import open_engagement
from kit.cli.options import AsOfOpt, EngagementArg, JsonOpt, parse_date
from kit.cli.output import emit_json, show
from kit.i18n import N_

__all__ = ["business_case", "forecast", "kpis"]


def kpis(
    engagement: EngagementArg,
    as_of: AsOfOpt = None,
    by: Annotated[
        str | None,
        typer.Option(help=N_("Break down by segment, country, customer_id or a column.")),
    ] = None,
    as_json: JsonOpt = False,
    engine: Annotated[
        str | None,
        typer.Option(help=N_("What computes the KPIs: duckdb, spark, spark:MASTER-URL or a URL.")),
    ] = None,
) -> None:
    """Compute every KPI of the specification at the as-of date."""
    from kit.cli.commands import kpis_command

    eng = open_engagement(engagement)
    when = parse_date(as_of, "--as-of") or eng.as_of or date.today()
    view, document = kpis_command(eng, None, as_of=when, by=by, engine=engine, view=not as_json)
    if view is None:
        emit_json(document)
    else:
        show(view)


def business_case(
    engagement: EngagementArg, as_of: AsOfOpt = None, as_json: JsonOpt = False
) -> None:
    """What reaching the goals is worth: working capital, interest, hours and their cost."""
    from kit.cli.commands import business_case_command

    eng = open_engagement(engagement)
    when = parse_date(as_of, "--as-of") or eng.as_of or date.today()
    view, document, reasons = business_case_command(eng, as_of=when)
    if as_json:
        for reason in reasons:  # stdout holds the JSON document only
            typer.echo(reason, err=True)
        emit_json(document)
    else:
        show(view)


def forecast(
    engagement: EngagementArg,
    as_of: AsOfOpt = None,
    weeks: Annotated[
        int, typer.Option(min=1, max=52, help=N_("Weeks of cash-in to forecast (1 to 52)."))
    ] = 13,
    as_json: JsonOpt = False,
) -> None:
    """Predict when each open invoice will be paid, the weekly cash-in and who to call first."""
    from kit.cli.forecast import forecast_command
    from kit.ingest import load_ledger

    eng = open_engagement(engagement)
    ledger = load_ledger(eng)
    when = parse_date(as_of, "--as-of") or eng.as_of or date.today()
    view, document = forecast_command(eng, ledger, as_of=when, weeks=weeks)
    if as_json:
        emit_json(document)
    else:
        show(view)
