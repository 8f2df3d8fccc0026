"""`kit new`, `kit validate`, `kit run`: create an engagement, check it, turn it into reports."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kit.cli.boundary import open_engagement, speak
from kit.cli.options import AsOfOpt, EngagementArg, JsonOpt, LanguageChoice, parse_date
from kit.cli.output import emit_json, show
from kit.i18n import N_, tr

__all__ = ["new", "run", "validate"]


def new(
    path: Annotated[Path, typer.Argument(help=N_("Folder to create for the engagement."))],
    client: Annotated[str | None, typer.Option(help=N_("Client name."))] = None,
    language: Annotated[
        LanguageChoice, typer.Option(help=N_("Report language: de or en."))
    ] = LanguageChoice.de,
) -> None:
    """Scaffold an engagement folder (engagement.yaml, data files, registers, process_maps/)."""
    from kit.scaffold import create_engagement

    chosen = speak(language.value)
    created = create_engagement(path, client=client, language=chosen)
    typer.echo(str(created))  # the folder alone on stdout, for scripts; what next on stderr
    typer.echo(
        tr(
            "Next: put the client's ledger exports in {data} and name them and their columns in "
            "engagement.yaml (its comments and {readme} show how), set as_of to the date of the "
            "export, then run kit validate {path} and kit run {path}.",
            chosen,
            data=str(created / "data") + "/",
            readme="LIESMICH.md" if chosen == "de" else "README.md",
            path=str(created),
        ),
        err=True,
    )


def validate(engagement: EngagementArg, as_json: JsonOpt = False) -> None:
    """Check engagement.yaml and every data file; exit 0 when usable, 2 when anything blocks."""
    from kit.cli.commands import validate_command

    view, document, blocking = validate_command(open_engagement(engagement))
    if as_json:
        emit_json(document)
    else:
        show(view, err=blocking)
    if blocking:
        raise typer.Exit(2)


def run(
    engagement: EngagementArg,
    only: Annotated[
        str | None, typer.Option(help=N_("Comma-separated steps to run, e.g. 01,04."))
    ] = None,
    as_of: AsOfOpt = None,
    jobs: Annotated[int, typer.Option(min=1, help=N_("Notebooks run in parallel."))] = 1,
    pdf: Annotated[bool, typer.Option("--pdf", help=N_("Also render PDFs with Chromium."))] = False,
) -> None:
    """Execute the notebooks and convert them into client reports under output/reports/."""
    from kit.cli.commands import validate_command
    from kit.cli.options import parse_steps
    from kit.engagement import require_files
    from kit.run.engine import run_engagement

    steps = parse_steps(only)
    opened = open_engagement(engagement)
    require_files(opened)  # the notebooks read the ledger's rows: tables named in the engine not
    # What `kit validate` refuses, `kit run` refuses too: same messages, exit code 2.
    checked, _, blocking = validate_command(opened)
    if blocking:
        show(checked, err=True)
        raise typer.Exit(2)
    result = run_engagement(
        engagement, only=steps, as_of=parse_date(as_of, "--as-of"), jobs=jobs, pdf=pdf
    )
    for step in result.steps:
        for text in step.consultant:
            typer.echo(f"{step.step}: {text}", err=True)
    typer.echo(str(result.reports_dir / "index.html"))
