"""One error family for everything the kit refuses.

Every error carries where the problem is (file, row, column, key path) and a hint; the CLI turns
it into one readable paragraph and exit code 2.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Self

from kit.error_text import translate

__all__ = [
    "ConfigError",
    "DataError",
    "KitError",
    "Problem",
    "ProcessMapError",
    "ReportError",
    "RunError",
    "read_utf8_text",
]


_WORDS = {
    "en": {
        "row": "row",
        "column": "column",
        "key": "key",
        "found": "found",
        "expected": "expected",
        "hint": "Hint",
    },
    "de": {
        "row": "Zeile",
        "column": "Spalte",
        "key": "Schlüssel",
        "found": "gefunden",
        "expected": "erwartet",
        "hint": "Hinweis",
    },
}


@dataclass(frozen=True)
class Problem:
    """One problem found in an input: where it is, what was found and what was expected."""

    message: str
    path: str | None = None
    row: int | None = None
    column: str | None = None
    value: str | None = None
    expected: str | None = None
    key: str | None = None
    severity: str = "error"  # error | warning

    def describe(self, language: str = "en") -> str:
        """Return the problem as one readable line: file, row, column, value, expectation."""
        words = _WORDS.get(language, _WORDS["en"])
        where: list[str] = []
        if self.path:
            where.append(str(self.path))
        if self.row is not None:
            where.append(f"{words['row']} {self.row}")
        if self.column:
            where.append(f"{words['column']} '{self.column}'")
        if self.key:
            where.append(f"{words['key']} '{self.key}'")
        text = translate(self.message, language)
        if self.value is not None:
            shown = self.value if len(self.value) <= 60 else self.value[:57] + "..."
            text += f" ({words['found']} '{shown}')"
        if self.expected:
            text += f"; {words['expected']} {translate(self.expected, language)}"
        return (", ".join(where) + ": " if where else "") + text

    def as_dict(self) -> dict[str, object]:
        """Return a JSON-ready dictionary of the problem's fields."""
        return {
            "severity": self.severity,
            "message": self.message,
            "path": self.path,
            "row": self.row,
            "column": self.column,
            "value": self.value,
            "expected": self.expected,
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
        return cls(
            first.message,
            path=path if path is not None else first.path,
            row=first.row,
            column=first.column,
            key=first.key,
            value=first.value,
            expected=first.expected,
            hint=hint,
            problems=rest,
        )

    def as_problem(self) -> Problem:
        """Return the error's own location and message as a Problem."""
        return Problem(
            self.message,
            path=self.path,
            row=self.row,
            column=self.column,
            value=self.value,
            expected=self.expected,
            key=self.key,
        )

    def describe(self, language: str = "en") -> str:
        """Return the whole error as readable text: one paragraph per problem, then the hint."""
        lines = [self.as_problem().describe(language)]
        lines.extend(p.describe(language) for p in self.problems)
        if self.hint:
            hint = translate(self.hint, language)
            lines.append(f"{_WORDS.get(language, _WORDS['en'])['hint']}: {hint}")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.describe()

    def __reduce__(self) -> tuple[object, ...]:
        """Return how pickle rebuilds the error (papermill and worker processes pickle them).

        Every field is restored as it was, so subclasses with their own keyword-only
        constructor (RunError) survive the round trip too.
        """
        return (_restore_error, (type(self), self.args, dict(self.__dict__)))


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
        text = f"step {step} failed"
        if cell is not None:
            text += f" in cell {cell}"
        text += f": {error}"
        super().__init__(text, path=executed)
        self.step = step
        self.cell = cell
        self.error = error
        self.executed = executed

    def describe(self, language: str = "en") -> str:
        """Return one line: step, cell and error first, then where the executed notebook is."""
        label = "ausgeführtes Notebook" if language == "de" else "executed notebook"
        where = f" ({label}: {self.executed})" if self.executed else ""
        return f"{translate(self.message, language)}{where}"


def read_utf8_text(path: Path, *, error: type[KitError] = DataError, hint: str) -> str:
    """Return a text file's content (UTF-8, BOM allowed); `error` naming the byte if it is not."""
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise error(f"not UTF-8 text (byte {exc.start})", path=path, hint=hint) from None
