"""One error family for everything the kit refuses.

Every error carries where the problem is (file, row, column, key path) and a hint; the CLI turns
it into one readable paragraph and exit code 2.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, Self

from kit.message import msg, render

if TYPE_CHECKING:
    from kit.i18n.translations import Language

__all__ = [
    "ConfigError",
    "DataError",
    "KitError",
    "Problem",
    "ProcessMapError",
    "ReportError",
    "RunError",
    "Severity",
    "not_utf8",
    "read_utf8_text",
]


class Severity(StrEnum):
    """How serious a problem is: an error stops the step, a warning is reported, info is a note."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


@dataclass(frozen=True)
class Problem:
    """One problem found in an input: where it is, what was found and what was expected.

    `message`, `expected` and `hint` are message ids (a `kit.message.Msg` when they carry
    values); `suggestion` is a value the input probably meant ("did you mean ..."). The sentence
    is made in the reader's language by `describe`.
    """

    message: str
    path: str | None = None
    row: int | None = None
    column: str | None = None
    value: str | None = None
    expected: str | None = None
    key: str | None = None
    severity: Severity = Severity.ERROR
    hint: str | None = None
    suggestion: str | None = None

    def describe(self, language: Language = "en") -> str:
        """Return the problem as one readable line: file, row, column, value, expectation."""
        where: list[str] = []
        if self.path:
            where.append(str(self.path))
        if self.row is not None:
            where.append(render(msg("row {row}", row=str(self.row)), language))
        if self.column:
            where.append(render(msg("column '{column}'", column=self.column), language))
        if self.key:
            where.append(render(msg("key '{key}'", key=self.key), language))
        text = self.sentence(language)
        if self.value is not None:
            shown = self.value if len(self.value) <= 60 else self.value[:57] + "..."
            text = render(msg("{message} (found '{value}')", message=text, value=shown), language)
        if self.expected:
            expected = render(self.expected, language)
            text = render(
                msg("{message}; expected {expected}", message=text, expected=expected), language
            )
        return (", ".join(where) + ": " if where else "") + text

    def sentence(self, language: Language = "en") -> str:
        """Return the message with its suggestion and hint, without place, value or expectation."""
        text = render(self.message, language)
        if self.suggestion is not None:
            text = render(
                msg(
                    "{message}; did you mean '{suggestion}'?",
                    message=text,
                    suggestion=self.suggestion,
                ),
                language,
            )
        if self.hint:
            hint = render(self.hint, language)
            text = render(msg("{message} (hint: {hint})", message=text, hint=hint), language)
        return text

    def as_dict(self) -> dict[str, object]:
        """Return a JSON-ready dictionary of the problem's fields (texts in English).

        `message` holds the suggestion and hint as one English sentence, as `--json` always did.
        """
        return {
            "severity": str(self.severity),
            "message": self.sentence("en"),
            "path": self.path,
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "expected": None if self.expected is None else str(self.expected),
            "key": self.key,
        }


class KitError(Exception):
    """Root of every error the kit raises on purpose (bad input, failed run)."""

    exit_code = 2

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        row: int | None = None,
        column: str | None = None,
        key: str | None = None,
        value: object = None,
        expected: str | None = None,
        hint: str | None = None,
        suggestion: str | None = None,
        problems: list[Problem] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.row = row
        self.column = column
        self.key = key
        self.value = None if value is None else str(value)
        self.expected = expected
        self.hint = hint
        self.suggestion = suggestion
        self.problems: list[Problem] = list(problems or [])

    @classmethod
    def from_problems(
        cls, problems: Sequence[Problem], *, path: str | Path | None = None, hint: str | None = None
    ) -> Self:
        """Return one error carrying every problem: the first as its own, the rest in `problems`.

        `path` (the file being read) takes precedence over the first problem's own path.
        """
        if not problems:
            raise ValueError("from_problems needs at least one problem")
        first, *rest = problems
        shared = _shared_fields(first)
        if path is not None:
            shared["path"] = path
        return cls(
            first.message, **shared, hint=hint if hint is not None else first.hint, problems=rest
        )

    def as_problem(self) -> Problem:
        """Return the error's own location and message as a Problem."""
        return Problem(self.message, **_shared_fields(self))

    def describe(self, language: Language = "en") -> str:
        """Return the whole error as readable text: one paragraph per problem, then the hint."""
        lines = [self.as_problem().describe(language)]
        lines.extend(p.describe(language) for p in self.problems)
        if self.hint:
            lines.append(render(msg("Hint: {hint}", hint=render(self.hint, language)), language))
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.describe()

    def __reduce__(self) -> tuple[object, ...]:
        """Return how pickle rebuilds the error (papermill and worker processes pickle them).

        Every field is restored as it was, so subclasses with their own keyword-only
        constructor (RunError) survive the round trip too.
        """
        return (_restore_error, (type(self), self.args, dict(self.__dict__)))


#: The fields an error and a Problem share besides the message (the hint is the error's own).
_SHARED_FIELDS = ("path", "row", "column", "key", "value", "expected", "suggestion")


def _shared_fields(source: Problem | KitError) -> dict[str, Any]:
    """Return the location, value, expectation and suggestion of a problem or an error."""
    return {name: getattr(source, name) for name in _SHARED_FIELDS}


def _restore_error(
    cls: type[KitError], args: tuple[object, ...], state: dict[str, object]
) -> KitError:
    """Return an error of class `cls` with the arguments and fields it was pickled with."""
    error = cls.__new__(cls)
    Exception.__init__(error, *args)
    error.__dict__.update(state)
    return error


class ConfigError(KitError):
    """engagement.yaml (or another configuration file) is missing, malformed or inconsistent."""


class DataError(KitError):
    """A ledger, register or status file cannot be read or breaks a validation rule."""


class ProcessMapError(KitError):
    """A process map (YAML, CSV or BPMN) is malformed or breaks a map rule."""


class ReportError(KitError):
    """A report cannot be produced (missing browser for PDF, bad template)."""


class RunError(KitError):
    """A notebook of `kit run` failed; the previous reports stay untouched."""

    exit_code = 1

    def __init__(
        self, *, step: str, error: str, cell: int | None = None, executed: str | None = None
    ) -> None:
        if cell is None:
            text = msg("step {step} failed: {error}", step=step, error=error)
        else:
            text = msg(
                "step {step} failed in cell {cell}: {error}", step=step, cell=str(cell), error=error
            )
        super().__init__(text, path=executed)
        self.step = step
        self.cell = cell
        self.error = error
        self.executed = executed

    def describe(self, language: Language = "en") -> str:
        """Return one line: step, cell and error first, then where the executed notebook is."""
        text = render(self.message, language)
        if not self.executed:
            return text
        return render(
            msg("{message} (executed notebook: {path})", message=text, path=self.executed), language
        )


def read_utf8_text(path: Path, *, error: type[KitError] = DataError, hint: str) -> str:
    """Return a text file's content (UTF-8, BOM allowed); `error` naming the byte if it is not."""
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise not_utf8(exc, path=path, error=error, hint=hint) from None


def not_utf8(
    exc: UnicodeDecodeError, *, path: str | Path | None, error: type[KitError], hint: str
) -> KitError:
    """Return the `error` that the file at `path` is not UTF-8 text, naming the first bad byte."""
    return error(msg("not UTF-8 text (byte {byte})", byte=str(exc.start)), path=path, hint=hint)
