"""The one error boundary of the `kit` command and the language its messages are written in.

Every command is a plain function. Whatever it refuses (a `KitError`, or an `OSError` turned
into one) travels up to `KitGroup.main`, the `main()` of the typer group that both the console
script (`kit.cli.main`) and `typer.testing.CliRunner` call. It is caught there once, printed as
one paragraph in the user's language, and ends the command with the error's exit code (2 for bad
input, 1 for a failed run); `--debug` prints the traceback first.

Before the command line is read, `main()` chooses the language of the help and of click's
usage errors (`kit.cli.language.cli_language`); it is the messages' language until the command
opens an engagement (`open_engagement`, `language_near`). How `main()` knows the language: a
`ContextVar` (`_LANGUAGE`), which the boundary reads after the exception left the command. A
ContextVar rather than typer's context object because click pops its context (and `ctx.obj`
with it) while the exception unwinds, before `main()` sees it; rather than a module global
because `KitGroup.main` runs every invocation in a copy of the current context, so nothing one
command sets leaks into the next (tests call the app many times in one process).
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Sequence
from contextvars import ContextVar, copy_context
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer
from typer.core import TyperGroup

from kit.cli.language import (
    cli_language,
    declared_language,
    default_language,
    engagement_language,
    translate_help,
    typer_messages,
)
from kit.cli.usage import WordedCommand
from kit.errors import KitError
from kit.i18n import Language, tr

if TYPE_CHECKING:
    from kit.engagement import Engagement

__all__ = [
    "KitGroup",
    "language",
    "language_near",
    "open_engagement",
    "set_debug",
    "speak",
]

_LANGUAGE: ContextVar[Language] = ContextVar("kit_cli_language", default="en")
_DEBUG: ContextVar[bool] = ContextVar("kit_cli_debug", default=False)


def speak(chosen: Language) -> Language:
    """Return `chosen` after making it the language of this command's messages."""
    _LANGUAGE.set(chosen)
    return chosen


def language() -> Language:
    """Return the language of this command's messages (English until an engagement says)."""
    return _LANGUAGE.get()


def set_debug(debug: bool) -> None:
    """Let the boundary print tracebacks (`kit --debug …`)."""
    _DEBUG.set(debug)


def language_near(path: Path) -> Language:
    """Return the language of the engagement `path` belongs to; without one, `default_language()`.

    `path` may be an engagement folder, a file or folder inside one (a process map, `tracking/`),
    or the engagement.yaml itself: the folders from `path` upward are searched for an
    engagement.yaml; the first one found decides.
    """
    return engagement_language(path) or default_language()


def open_engagement(path: Path) -> Engagement:
    """Return the loaded engagement; from here on messages are in its language.

    The language is taken from the raw file first, so an engagement.yaml that is refused is
    refused in the language it asks for.
    """
    from kit.engagement import load_engagement, resolve_engagement_dir

    try:
        speak(declared_language(resolve_engagement_dir(path)) or "en")
    except KitError:
        pass  # load_engagement below says what is missing
    engagement = load_engagement(path)
    speak(engagement.language)
    return engagement


def _report(error: KitError, exc: BaseException) -> int:
    if _DEBUG.get():
        traceback.print_exception(exc)
    chosen = language()
    typer.echo(f"{tr('Error', chosen)}: {error.describe(chosen)}", err=True)
    return error.exit_code


def _report_unexpected(exc: Exception) -> int:
    if _DEBUG.get():
        traceback.print_exception(exc)
    typer.echo(
        tr(
            "Unexpected error: {error}. Run again with --debug for details.",
            language(),
            error=f"{type(exc).__name__}: {exc}",
        ),
        err=True,
    )
    return 1


class KitGroup(WordedCommand, TyperGroup):
    """The `kit` group: every command runs inside the one error boundary, `main()`."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        windows_expand_args: bool = True,
        **extra: Any,
    ) -> Any:
        """Run the command line `args`; a refused input ends it with one message and its code."""
        return copy_context().run(
            self._guarded, args, prog_name, complete_var, standalone_mode, windows_expand_args,
            extra,
        )  # fmt: skip

    def _guarded(
        self,
        args: Sequence[str] | None,
        prog_name: str | None,
        complete_var: str | None,
        standalone_mode: bool,
        windows_expand_args: bool,
        extra: dict[str, Any],
    ) -> Any:
        chosen = speak(cli_language(sys.argv[1:] if args is None else list(args)))
        translate_help(self, chosen)
        with typer_messages(chosen):
            try:
                return super().main(
                    args, prog_name, complete_var, standalone_mode, windows_expand_args, **extra
                )
            except KitError as exc:
                code = _report(exc, exc)
            except OSError as exc:
                from kit.files import os_error

                code = _report(os_error(exc), exc)
            except Exception as exc:
                code = _report_unexpected(exc)
        if standalone_mode:
            sys.exit(code)
        return code
