"""The `kit` command: scaffold, validate, run, KPIs, duplicates, BPMN import, rollout status.

Exit codes: 0 success, 1 a notebook/run failed, 2 bad input (one clear message, no traceback;
`--debug` shows it). `--json` prints exactly one JSON document on stdout.
"""

from __future__ import annotations

import json
import traceback
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from kit.errors import ConfigError, KitError

__all__ = ["app", "main"]

app = typer.Typer(
    name="kit",
    help="Credit-management rollout kit: from a client's ledger to client-ready reports.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

_state: dict[str, Any] = {"debug": False, "language": "en"}

EngagementArg = Annotated[Path, typer.Argument(help="Engagement folder (holds engagement.yaml).")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON document on stdout.")]
AsOfOpt = Annotated[
    str | None, typer.Option("--as-of", help="As-of date YYYY-MM-DD (default: engagement.yaml).")
]


def _emit_json(document: object, *, indent: int | None = 2) -> None:
    """Print `document`; `indent=None` prints it on one line (C encoder: large documents)."""
    separators = (",", ":") if indent is None else None
    text = json.dumps(
        document, ensure_ascii=False, indent=indent, separators=separators, default=str
    )
    typer.echo(text)


def _show(text: str, document: object, *, as_json: bool) -> None:
    """Print the JSON document (stdout holds nothing else) or the readable text."""
    if as_json:
        _emit_json(document)
    else:
        typer.echo(text)


def _parse_date(text: str | None, option: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ConfigError(
            "not a date", key=option, value=text, expected="a date like 2026-06-30"
        ) from None


def _language_of(path: Path) -> str:
    """Return the engagement's report language for messages, English when none is known."""
    try:
        from kit.engagement import MAX_CONFIG_BYTES, resolve_engagement_dir
        from kit.files import load_yaml

        root = resolve_engagement_dir(path)
        raw = load_yaml(root / "engagement.yaml", max_bytes=MAX_CONFIG_BYTES)
        language = raw.get("language") if isinstance(raw, dict) else None
    except Exception:
        return "en"
    return language if language in ("de", "en") else "en"


def _os_error(exc: OSError) -> KitError:
    """Return an operating-system error (disk full, read-only, permission) as a KitError."""
    from kit.files import os_error

    return os_error(exc)


def _guard(action: Callable[[], int | None]) -> None:
    """Run a command body; turn KitError into one readable message and its exit code."""
    try:
        code = action() or 0
    except (KitError, OSError) as exc:
        if _state["debug"]:
            traceback.print_exc()
        error = exc if isinstance(exc, KitError) else _os_error(exc)
        label = "Fehler" if _state["language"] == "de" else "Error"
        typer.echo(f"{label}: {error.describe(_state['language'])}", err=True)
        raise typer.Exit(error.exit_code) from None
    except KeyboardInterrupt:
        typer.echo("Interrupted.", err=True)
        raise typer.Exit(130) from None
    except (typer.Exit, typer.Abort):
        raise
    except Exception as exc:
        if _state["debug"]:
            traceback.print_exc()
        typer.echo(
            f"Unexpected error: {type(exc).__name__}: {exc}. Run again with --debug for details.",
            err=True,
        )
        raise typer.Exit(1) from None
    raise typer.Exit(code)


@app.callback()
def _root(
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks.")] = False,
) -> None:
    _state["debug"] = debug


@app.command("new")
def new(
    path: Annotated[Path, typer.Argument(help="Folder to create for the engagement.")],
    client: Annotated[str | None, typer.Option(help="Client name.")] = None,
    language: Annotated[str, typer.Option(help="Report language: de or en.")] = "de",
) -> None:
    """Scaffold an engagement folder (engagement.yaml, data files, registers, process_maps/)."""

    def body() -> int:
        from kit.scaffold import create_engagement

        _state["language"] = language if language in ("de", "en") else "en"
        created = create_engagement(path, client=client, language=language)
        typer.echo(str(created))
        return 0

    _guard(body)


@app.command("validate")
def validate(engagement: EngagementArg, as_json: JsonOpt = False) -> None:
    """Check engagement.yaml and every data file; exit 0 when usable, 2 when anything blocks."""

    def body() -> int:
        from kit.cli.commands import validate_command
        from kit.engagement import load_engagement

        _state["language"] = _language_of(engagement)
        text, document, blocking = validate_command(load_engagement(engagement))
        if as_json:
            _emit_json(document)
        else:
            typer.echo(text, err=blocking)
        return 2 if blocking else 0

    _guard(body)


@app.command("run")
def run(
    engagement: EngagementArg,
    only: Annotated[
        str | None, typer.Option(help="Comma-separated steps to run, e.g. 01,04.")
    ] = None,
    as_of: AsOfOpt = None,
    jobs: Annotated[int, typer.Option(min=1, help="Notebooks run in parallel.")] = 1,
    pdf: Annotated[bool, typer.Option("--pdf", help="Also render PDFs with Chromium.")] = False,
) -> None:
    """Execute the notebooks and convert them into client reports under output/reports/."""

    def body() -> int:
        from kit.cli.commands import validate_command
        from kit.engagement import load_engagement
        from kit.run.engine import run_engagement

        _state["language"] = _language_of(engagement)
        # What `kit validate` refuses, `kit run` refuses too: same messages, exit code 2.
        checked, _, blocking = validate_command(load_engagement(engagement))
        if blocking:
            typer.echo(checked, err=True)
            return 2
        steps = [s.strip() for s in only.split(",") if s.strip()] if only else None
        result = run_engagement(
            engagement, only=steps, as_of=_parse_date(as_of, "--as-of"), jobs=jobs, pdf=pdf
        )
        for step in result.steps:
            for text in step.consultant:
                typer.echo(f"{step.step}: {text}", err=True)
        typer.echo(str(result.reports_dir / "index.html"))
        return 0

    _guard(body)


@app.command("kpis")
def kpis(
    engagement: EngagementArg,
    as_of: AsOfOpt = None,
    by: Annotated[
        str | None, typer.Option(help="Break down by segment, country, customer_id or a column.")
    ] = None,
    as_json: JsonOpt = False,
    engine: Annotated[
        str | None,
        typer.Option(help="What computes the KPIs: duckdb, spark, spark:MASTER-URL or a URL."),
    ] = None,
) -> None:
    """Compute every KPI of the specification at the as-of date."""

    def body() -> int:
        from kit.cli.commands import kpis_command
        from kit.engagement import load_engagement

        _state["language"] = _language_of(engagement)
        eng = load_engagement(engagement)
        when = _parse_date(as_of, "--as-of") or eng.as_of or date.today()
        text, document = kpis_command(eng, None, as_of=when, by=by, engine=engine)
        _show(text, document, as_json=as_json)
        return 0

    _guard(body)


@app.command("business-case")
def business_case(
    engagement: EngagementArg, as_of: AsOfOpt = None, as_json: JsonOpt = False
) -> None:
    """What reaching the goals is worth: working capital, interest, hours and their cost."""

    def body() -> int:
        from kit.cli.commands import business_case_command
        from kit.engagement import load_engagement

        _state["language"] = _language_of(engagement)
        eng = load_engagement(engagement)
        when = _parse_date(as_of, "--as-of") or eng.as_of or date.today()
        text, document, reasons = business_case_command(eng, as_of=when)
        if as_json:
            for reason in reasons:  # stdout holds the JSON document only
                typer.echo(reason, err=True)
        _show(text, document, as_json=as_json)
        return 0

    _guard(body)


@app.command("forecast")
def forecast(
    engagement: EngagementArg,
    as_of: AsOfOpt = None,
    weeks: Annotated[int, typer.Option(help="Weeks of cash-in to forecast (1 to 52).")] = 13,
    as_json: JsonOpt = False,
) -> None:
    """Predict when each open invoice will be paid, the weekly cash-in and who to call first."""

    def body() -> int:
        from kit.cli.forecast import forecast_command
        from kit.engagement import load_engagement
        from kit.ingest import load_ledger

        _state["language"] = _language_of(engagement)
        eng = load_engagement(engagement)
        ledger = load_ledger(eng)
        when = _parse_date(as_of, "--as-of") or eng.as_of or date.today()
        text, document = forecast_command(eng, ledger, as_of=when, weeks=weeks)
        _show(text, document, as_json=as_json)
        return 0

    _guard(body)


@app.command("duplicates")
def duplicates(
    paths: Annotated[list[Path], typer.Argument(help="Process maps or folders of maps.")],
    threshold: Annotated[
        float, typer.Option(min=0.0, max=1.0, help="Similarity threshold 0..1.")
    ] = 0.85,
    as_json: JsonOpt = False,
) -> None:
    """Find duplicate work, rework loops and handoffs across process maps."""

    def body() -> int:
        from kit.cli.commands import duplicates_command

        text, document = duplicates_command(paths, threshold=threshold, as_json=as_json)
        if as_json:  # one line: tens of thousands of activities print in a fraction of a second
            _emit_json(document, indent=None)
        else:
            typer.echo(text)
        return 0

    _guard(body)


@app.command("import-bpmn")
def import_bpmn(
    file: Annotated[Path, typer.Argument(help="A BPMN 2.0 file.")],
    output: Annotated[
        Path | None, typer.Option(help="Where to write the map (default: FILE with .yaml).")
    ] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace an existing map even if it was edited.")
    ] = False,
) -> None:
    """Convert a BPMN 2.0 model into the kit's YAML map form so effort can be added."""

    def body() -> int:
        from kit.files import atomic_write_text
        from kit.process import import_bpmn as read_bpmn
        from kit.process.native import yaml_text

        pmap = read_bpmn(file)
        target = output or file.with_suffix(".yaml")
        text = yaml_text(pmap)
        _refuse_overwrite(target, text, force=force)
        atomic_write_text(target, text)
        for warning in pmap.warnings:
            typer.echo(f"Note: {warning.describe(_state['language'])}", err=True)
        typer.echo(str(target))
        return 0

    _guard(body)


def _refuse_overwrite(target: Path, text: str, *, force: bool) -> None:
    """Raise ProcessMapError when `target` exists and differs from `text` (edits would be lost)."""
    from kit.errors import ProcessMapError

    if force or not (target.exists() or target.is_symlink()):
        return
    if target.is_file() and not target.is_symlink():
        with target.open("rb") as handle:
            current = handle.read(len(text.encode("utf-8")) + 1)
        if current == text.encode("utf-8"):
            return
    raise ProcessMapError(
        "the map file exists and differs from this import (it may hold edits)",
        path=target,
        hint="use --output for a new file, or --force to replace it",
    )


@app.command("status")
def status(
    engagements: Annotated[list[Path], typer.Argument(help="One or many engagement folders.")],
    as_json: JsonOpt = False,
    update: Annotated[str | None, typer.Option(help="Phase id to append a status row for.")] = None,
    status_: Annotated[
        str | None,
        typer.Option("--status", help="not_started, in_progress, done or blocked."),
    ] = None,
    percent: Annotated[int | None, typer.Option(min=0, max=100, help="Percent complete.")] = None,
    note: Annotated[str, typer.Option(help="A note for the status row.")] = "",
    author: Annotated[str | None, typer.Option(help="Who reports the status.")] = None,
) -> None:
    """Show rollout status for one or many engagements, or append a status row (--update)."""

    def body() -> int:
        from kit.cli.commands import status_command

        _state["language"] = _language_of(engagements[0])
        text, document = status_command(
            engagements,
            update=update,
            status=status_,
            percent=percent,
            note=note,
            author=author,
        )
        _show(text, document, as_json=as_json)
        return 0

    _guard(body)


def main() -> None:
    """Entry point of the `kit` console script."""
    app(prog_name="kit")


if __name__ == "__main__":  # pragma: no cover
    main()
