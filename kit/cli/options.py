"""The closed sets and shared arguments of the `kit` command, as typer types.

Choices are Enums, so typer refuses a wrong value itself (exit code 2, the allowed values in the
message) and the command functions receive a checked value.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from kit.cli.boundary import language
from kit.errors import ConfigError
from kit.i18n import N_, tr

__all__ = [
    "AsOfOpt",
    "EngagementArg",
    "JsonOpt",
    "LanguageChoice",
    "LanguageOpt",
    "StatusChoice",
    "parse_date",
    "parse_steps",
]


class LanguageChoice(StrEnum):
    """A report language: the values of `kit.i18n.Language`."""

    de = "de"
    en = "en"


class StatusChoice(StrEnum):
    """A phase status of the rollout log (`kit.rollout.STATUSES`)."""

    not_started = "not_started"
    in_progress = "in_progress"
    done = "done"
    blocked = "blocked"


#: The steps `kit run --only` accepts, by number; the notebook name (04_kpis) is accepted too.
STEPS = ("01", "02", "03", "04", "05", "06", "07")

EngagementArg = Annotated[
    Path, typer.Argument(help=N_("Engagement folder (holds engagement.yaml)."))
]
JsonOpt = Annotated[bool, typer.Option("--json", help=N_("Print one JSON document on stdout."))]
AsOfOpt = Annotated[
    str | None,
    typer.Option("--as-of", help=N_("As-of date YYYY-MM-DD (default: engagement.yaml).")),
]
LanguageOpt = Annotated[
    LanguageChoice | None,
    typer.Option(
        "--language",
        help=N_("Language of the output (default: the engagement the files sit in, else en)."),
    ),
]


def parse_date(text: str | None, option: str) -> date | None:
    """Return the date of an ISO option value, None when the option was not given."""
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ConfigError(
            "not a date", key=option, value=text, expected="a date like 2026-06-30"
        ) from None


def parse_steps(text: str | None) -> list[str] | None:
    """Return the steps of `--only 01,04` (numbers or notebook names); BadParameter otherwise."""
    if text is None:
        return None
    steps = [s.strip() for s in text.split(",") if s.strip()]
    for step in steps:
        number = step.split("_", 1)[0].zfill(2)
        if number not in STEPS:
            raise typer.BadParameter(
                tr("'{step}' is not one of {steps}", language(), step=step, steps=", ".join(STEPS)),
                param_hint="'--only'",
            )
    return steps or None
