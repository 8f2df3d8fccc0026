"""`kit validate`: the validation summary of an engagement's data, as text (en/de) or JSON."""

from __future__ import annotations

from dataclasses import dataclass, field

from kit.engagement import Engagement
from kit.errors import Problem
from kit.i18n import Language
from kit.ingest.load import ingest

__all__ = ["ValidationSummary", "validate_engagement"]

_WORDS = {
    "en": {
        "valid": "Data valid",
        "invalid": "Data NOT valid",
        "errors": "Errors",
        "warnings": "Warnings",
        "excluded": "Rows left out (on_error: skip)",
        "rows": "rows",
        "filtered": "filtered out",
        "skipped": "left out",
    },
    "de": {
        "valid": "Daten gültig",
        "invalid": "Daten NICHT gültig",
        "errors": "Fehler",
        "warnings": "Hinweise",
        "excluded": "Ausgelassene Zeilen (on_error: skip)",
        "rows": "Zeilen",
        "filtered": "gefiltert",
        "skipped": "ausgelassen",
    },
}


@dataclass
class ValidationSummary:
    """The outcome of checking an engagement's data: errors block KPIs, warnings do not."""

    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    excluded: list[Problem] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    tables: dict[str, dict[str, object]] = field(default_factory=dict)
    #: Per source, where its rows went (kit.ingest.accounting.SourceAccount.as_dict()).
    accounting: list[dict[str, object]] = field(default_factory=list)
    currency: str = "EUR"

    @property
    def blocking(self) -> bool:
        """Return True when at least one error blocks loading the ledger."""
        return bool(self.errors)

    def as_dict(self) -> dict[str, object]:
        """Return the report as a JSON-ready dict (valid, errors, warnings, excluded, tables)."""
        return {
            "valid": not self.blocking,
            "errors": [p.as_dict() for p in self.errors],
            "warnings": [p.as_dict() for p in self.warnings],
            "excluded": [p.as_dict() for p in self.excluded],
            "tables": self.tables,
            "accounting": self.accounting,
        }

    def describe(self, language: Language = "en") -> str:
        """Return a readable summary: verdict, rows per table, one line per problem."""
        words = _WORDS["de" if language == "de" else "en"]
        lines = [words["valid"] if not self.blocking else words["invalid"]]
        if self.accounting:
            return "\n".join(lines + self._accounted(language, words))
        for name, info in self.tables.items():
            line = f"  {name}: {info.get('rows', 0)} {words['rows']}"
            if info.get("filtered"):
                line += f", {info['filtered']} {words['filtered']}"
            if info.get("excluded"):
                line += f", {info['excluded']} {words['skipped']}"
            lines.append(line)
        for title, problems in self._problem_kinds():
            if problems:
                lines.append(f"{words[title]} ({len(problems)}):")
                lines.extend("  " + _line(p, language) for p in problems)
        return "\n".join(lines)

    def _problem_kinds(self) -> list[tuple[str, list[Problem]]]:
        """Return the errors, warnings and excluded rows, each under the key of its title."""
        return [("errors", self.errors), ("warnings", self.warnings), ("excluded", self.excluded)]

    def _accounted(self, language: Language, words: dict[str, str]) -> list[str]:
        """Return the per-source accounting and the first problems of each kind, capped."""
        from kit.ingest.accounting_text import accounting_lines, capped_lines

        lines = accounting_lines(self.accounting, language=language, currency=self.currency)
        for title, problems in self._problem_kinds():
            if problems:
                lines.append(f"{words[title]} ({len(problems)}):")
                lines.extend(capped_lines(problems, language))
        return lines


def _line(problem: Problem, language: Language) -> str:
    return problem.describe(language)


def validate_engagement(engagement: Engagement) -> ValidationSummary:
    """Return the validation summary of the engagement's data; never raises for data problems."""
    from kit.ingest.accounting_text import empty_tables

    result = ingest(engagement)
    accounting = [a.as_dict() for a in result.accounts]
    if not result.errors:
        result.errors.extend(empty_tables(accounting))
    if "invoices" not in result.tables and not result.errors:
        key = "data.ledger" if engagement.data.ledger is not None else "data.invoices"
        result.errors.append(Problem("no invoices could be loaded", key=key))
    return ValidationSummary(
        errors=result.errors,
        warnings=result.warnings,
        excluded=result.excluded,
        counts={name: int(str(info["rows"])) for name, info in result.info.items()},
        tables=result.info,
        accounting=accounting,
        currency=engagement.currency,
    )
