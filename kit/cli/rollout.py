"""`kit status`: where the rollout stands, for one engagement or a portfolio; `--update` logs."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kit.cli.boundary import language_near, speak
from kit.cli.options import AsOfOpt, JsonOpt, StatusChoice, parse_date
from kit.cli.output import emit_json, show
from kit.i18n import N_

__all__ = ["status"]


def status(
    engagements: Annotated[list[Path], typer.Argument(help=N_("One or many engagement folders."))],
    as_json: JsonOpt = False,
    update: Annotated[
        str | None, typer.Option(help=N_("Phase id to append a status row for."))
    ] = None,
    status_: Annotated[
        StatusChoice | None,
        typer.Option("--status", help=N_("The phase's status (with --update).")),
    ] = None,
    percent: Annotated[
        int | None, typer.Option(min=0, max=100, help=N_("Percent complete."))
    ] = None,
    note: Annotated[str, typer.Option(help=N_("A note for the status row."))] = "",
    author: Annotated[
        str | None, typer.Option(help=N_("Who reports the status (default: your user name)."))
    ] = None,
    as_of: AsOfOpt = None,
    today: Annotated[
        bool,
        typer.Option("--today", help=N_("Compute slippage at today's date, not the as-of date.")),
    ] = False,
) -> None:
    """Show rollout status for one or many engagements, or append a status row (--update).

    Slippage and RAG are computed at the engagement's as-of date, as the reports do; `--as-of`
    or `--today` choose another date. The output says which date it used.
    """
    from kit.cli.commands import status_command
    from kit.errors import ConfigError

    speak(language_near(engagements[0]))
    if as_of is not None and today:
        raise ConfigError("--as-of and --today exclude each other", key="--today")
    view, document, notes = status_command(
        engagements,
        update=update,
        status=status_.value if status_ is not None else None,
        percent=percent,
        note=note,
        author=author,
        as_of=parse_date(as_of, "--as-of"),
        use_today=today,
    )
    for text in notes:
        typer.echo(text, err=True)
    if as_json:
        emit_json(document)
    else:
        show(view)
