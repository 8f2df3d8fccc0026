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
from kit.cli.usage import KitCommand
from kit.i18n import N_

__all__ = ["app", "main"]

app = typer.Typer(
    cls=KitGroup,
    name="kit",
    help=N_("Credit-management rollout kit: from a client's ledger to client-ready reports."),
    epilog=N_(
        "Language of the help and of usage errors: --language where a command has it, else that "
        "of the engagement named on the command line, else KIT_LANGUAGE (de or en), else the "
        "locale (LC_ALL, LANG: de_* is German), else English."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _root(
    debug: Annotated[bool, typer.Option("--debug", help=N_("Show tracebacks."))] = False,
) -> None:
    set_debug(debug)


#: The commands: name, function, help text (a message id, shown in the user's language).
_COMMANDS = (
    (
        "new",
        engagement.new,
        N_(
            "Scaffold an engagement folder (engagement.yaml, data files, registers, process_maps/)."
        ),
    ),
    (
        "validate",
        engagement.validate,
        N_(
            "Check engagement.yaml and every data file; exit 0 when usable, 2 when anything blocks."
        ),
    ),
    (
        "run",
        engagement.run,
        N_("Execute the notebooks and convert them into client reports under output/reports/."),
    ),
    ("kpis", data.kpis, N_("Compute every KPI of the specification at the as-of date.")),
    (
        "business-case",
        data.business_case,
        N_("What reaching the goals is worth: working capital, interest, hours and their cost."),
    ),
    (
        "forecast",
        data.forecast,
        N_(
            "Predict when each open invoice will be paid, the weekly cash-in and who to call first."
        ),
    ),
    (
        "duplicates",
        process.duplicates,
        N_("Find duplicate work, rework loops and handoffs across process maps."),
    ),
    (
        "import-bpmn",
        process.import_bpmn,
        N_("Convert a BPMN 2.0 model into the kit's YAML map form so effort can be added."),
    ),
    (
        "status",
        rollout.status,
        N_(
            "Show rollout status for one or many engagements, or append a status row "
            "(--update).\n\nSlippage and RAG are computed at the engagement's as-of date, as the "
            "reports do; --as-of or --today choose another date. The output says which date it "
            "used."
        ),
    ),
)
for _name, _function, _help in _COMMANDS:
    app.command(_name, cls=KitCommand, help=_help)(_function)


def main() -> None:
    """Entry point of the `kit` console script (exits with the command's code)."""
    app(prog_name="kit")


if __name__ == "__main__":  # pragma: no cover
    main()
