"""The usage line, the help option and the usage errors of `kit` in the language of the line.

typer carries its own copy of click, whose usage line ("Usage:"), `--help` text and usage errors
("No such option", "Missing argument", "Invalid value", "Got unexpected extra argument") are
English f-strings without gettext. `WordedCommand` words them again at public methods of a click
command: `get_usage`, `get_help_option`, and `parse_args` / `invoke`, which re-raise a usage
error as one `UsageError` whose sentence is a kit.po message built from the error's fields (the
option's name, the parameter, its allowed values); click prints it and exits with code 2 as
before. The exception classes are read from typer's click copy: typer offers no other name for
them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from typer._click.exceptions import (
    BadOptionUsage,
    BadParameter,
    MissingParameter,
    NoArgsIsHelpError,
    NoSuchOption,
    UsageError,
)
from typer.core import TyperCommand

from kit.i18n import N_, Language, tr

__all__ = ["KitCommand", "WordedCommand", "WordedUsageError", "reworded"]

#: A missing parameter by its kind (typer's `param_type_name`).
_MISSING = {
    "argument": N_("Missing argument {hint}."),
    "option": N_("Missing option {hint}."),
    "parameter": N_("Missing parameter {hint}."),
}
_EXTRA = "Got unexpected extra argument(s) ("  # the click copy's sentence, filled with the args


class WordedUsageError(UsageError):
    """A usage error whose message is already in the user's language."""


def _language() -> Language:
    from kit.cli.boundary import language

    return language()


def _hint(exc: BadParameter) -> str:
    """Return how the error names its parameter ('--jobs', 'ENGAGEMENT'), empty when it does not."""
    hint: Sequence[str] | str | None = exc.param_hint
    if hint is not None and not isinstance(hint, str):
        return " / ".join(repr(x) for x in hint)
    if hint is None and exc.param is not None:
        return exc.param.get_error_hint()
    return hint or ""


def _allowed(exc: BadParameter, language: Language) -> str | None:
    """Return what the parameter accepts (its choices or range), None when it says nothing."""
    param = exc.param
    descriptor = getattr(param, "type_descriptor", None)
    choices = getattr(descriptor, "choices", None)
    if choices:
        return tr("allowed: {values}.", language, values=", ".join(str(c) for c in choices))
    low, high = getattr(param, "min", None), getattr(param, "max", None)
    if low is not None and high is not None:
        return tr("allowed: {low} to {high}.", language, low=f"{low:g}", high=f"{high:g}")
    if low is not None:
        return tr("allowed: {low} or more.", language, low=f"{low:g}")
    if high is not None:
        return tr("allowed: at most {high}.", language, high=f"{high:g}")
    annotation = getattr(descriptor, "annotation", None)
    if annotation is int:
        return tr("allowed: a whole number.", language)
    if annotation is float:
        return tr("allowed: a number.", language)
    return None


def _is_flag(command: object, name: str) -> bool:
    """Return True when `name` is an on/off option of `command` (it takes no value)."""
    for param in getattr(command, "params", []):
        if name in getattr(param, "opts", []):
            return bool(getattr(param, "is_flag", False))
    return False


def _given(exc: BadParameter, args: Sequence[str]) -> str | None:
    """Return the value the command line gave the option of `exc` (None when not found)."""
    names = getattr(exc.param, "opts", None) or []
    for i, arg in enumerate(args):
        name, equals, value = arg.partition("=")
        if name in names:
            if equals:
                return value
            return args[i + 1] if i + 1 < len(args) else None
    return None


def _sentence(
    exc: UsageError, language: Language, command: object, args: Sequence[str]
) -> str | None:
    """Return the error's sentence in `language`, None where the error's own text stays."""
    if isinstance(exc, NoSuchOption):
        text = tr("No such option: {name}", language, name=exc.option_name)
        if exc.possibilities:
            options = ", ".join(sorted(exc.possibilities))
            text = tr(
                "{message} (possible options: {options})", language, message=text, options=options
            )
        return text
    if isinstance(exc, MissingParameter):
        kind = exc.param_type or (exc.param.param_type_name if exc.param else "parameter")
        return tr(_MISSING.get(kind, _MISSING["parameter"]), language, hint=_hint(exc))
    if isinstance(exc, BadParameter):
        detail = _allowed(exc, language) or exc.message
        hint = _hint(exc)
        value = _given(exc, args)
        if hint and value is not None:
            return tr(
                "Invalid value '{value}' for {hint}: {detail}",
                language,
                value=value,
                hint=hint,
                detail=detail,
            )
        if hint:
            return tr("Invalid value for {hint}: {detail}", language, hint=hint, detail=detail)
        return tr("Invalid value: {detail}", language, detail=detail)
    if isinstance(exc, BadOptionUsage):
        if _is_flag(command, exc.option_name):
            return tr("Option '{name}' does not take a value.", language, name=exc.option_name)
        return tr("Option '{name}' needs a value.", language, name=exc.option_name)
    if exc.message.startswith(_EXTRA):
        extra = exc.message.removeprefix(_EXTRA).removesuffix(")")
        return tr("Unexpected extra arguments: {args}", language, args=extra)
    return None


def reworded(
    exc: UsageError, language: Language, command: object = None, args: Sequence[str] = ()
) -> UsageError:
    """Return the usage error `exc` with its sentence in `language` (the same one where it is).

    `command` is the command whose line `args` was read (it says which options are flags).
    """
    if isinstance(exc, (WordedUsageError, NoArgsIsHelpError)):
        return exc
    sentence = _sentence(exc, language, command, args)
    if sentence is None:
        return exc
    return WordedUsageError(sentence, exc.ctx)


class WordedCommand:
    """Mixin for typer's command classes: usage line, help option and usage errors worded."""

    def get_usage(self, ctx: Any) -> str:
        """Return the usage line with the word "Usage" in the user's language."""
        pieces = " ".join(self.collect_usage_pieces(ctx))  # type: ignore[attr-defined]
        return f"{tr('Usage:', _language())} {ctx.command_path} {pieces}".rstrip()

    def get_help_option(self, ctx: Any) -> Any:
        """Return the `--help` option with its help text in the user's language."""
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = tr("Show this message and exit.", _language())
        return option

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        """Parse `args` as click does; a usage error comes out in the user's language."""
        given = list(args)  # click consumes the list it parses
        try:
            return super().parse_args(ctx, args)  # type: ignore[misc, no-any-return]
        except UsageError as exc:
            raise reworded(exc, _language(), self, given) from None

    def invoke(self, ctx: Any) -> Any:
        """Run the command; a usage error it raises comes out in the user's language."""
        try:
            return super().invoke(ctx)  # type: ignore[misc]
        except UsageError as exc:
            raise reworded(exc, _language(), self) from None


class KitCommand(WordedCommand, TyperCommand):
    """A `kit` subcommand: typer's command with the usage words in the user's language."""
