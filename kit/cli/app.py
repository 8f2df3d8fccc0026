"""The `kit` command: scaffold, validate, run, KPIs, duplicates, BPMN import, rollout status.

Exit codes: 0 success, 1 a notebook/run failed, 2 bad input (one clear message, no traceback;
`--debug` shows it). `--json` prints exactly one JSON document on stdout.

The commands are plain functions in modules by purpose (`engagement`, `data`, `process`,
`rollout`); errors are caught once, in the group's `main()` (`kit.cli.boundary`).
"""

from __future__ import annotations

from typing import Annotated

import typer

from kit.cli import data, engagement, process, rollout
from kit.cli.boundary import KitGroup, set_debug

__all__ = ["app", "main"]

app = typer.Typer(
    cls=KitGroup,
    name="kit",
    help="Credit-management rollout kit: from a client's ledger to client-ready reports.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _root(
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks.")] = False,
) -> None:
    set_debug(debug)


app.command("new")(engagement.new)
app.command("validate")(engagement.validate)
app.command("run")(engagement.run)
app.command("kpis")(data.kpis)
app.command("business-case")(data.business_case)
app.command("forecast")(data.forecast)
app.command("duplicates")(process.duplicates)
app.command("import-bpmn")(process.import_bpmn)
app.command("status")(rollout.status)


def main() -> None:
    """Entry point of the `kit` console script (exits with the command's code)."""
    app(prog_name="kit")


if __name__ == "__main__":  # pragma: no cover
    main()
