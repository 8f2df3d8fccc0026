"""`kit validate`: the validation summary of an engagement's data (written out by `kit.cli`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from kit.engagement import Engagement
from kit.errors import Problem
from kit.ingest.load import ingest

__all__ = ["ValidationSummary", "validate_engagement"]


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


def validate_engagement(engagement: Engagement) -> ValidationSummary:
    """Return the validation summary of the engagement's data; never raises for data problems."""
    from kit.ingest.accounting_checks import empty_tables

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
