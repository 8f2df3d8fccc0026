"""Row accounting: per source, rows read = rows used per derived table + rows left out by reason.

Nothing read is dropped unseen (`ledgers.md`, "What the consultant sees"): `kit validate`, the
KPI report's data-quality section and `run.json` all show this accounting.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

__all__ = [
    "ITEM_TABLES",
    "REASONS",
    "RUN_FILE",
    "TABLES",
    "SourceAccount",
    "record_for_run",
    "recorded_in_run",
]

#: Reasons a row read is left out, in the order they are shown.
REASONS = ("filter", "skipped_problem", "subtotal", "heading", "other_document_type")
#: Derived tables a line item of a ledger (`data.ledger`) can end up in, in the order shown.
ITEM_TABLES = ("invoices", "residual_items", "credit_notes", "payments")
#: Derived tables a row can end up in, in the order they are shown.
TABLES = (*ITEM_TABLES, "customers", "disputes", "dunning_events")


@dataclass
class SourceAccount:
    """Where the rows of one source went: counts (and amounts) used per table, left out per reason.

    Amounts are signed sums in the file's amounts (debit +, credit −) where the rows carry one;
    None where the source has no amount column.
    """

    source: str
    path: str
    rows_read: int
    used: dict[str, int] = field(default_factory=dict)
    used_amount: dict[str, float | None] = field(default_factory=dict)
    left_out: dict[str, int] = field(default_factory=dict)
    left_out_amount: dict[str, float | None] = field(default_factory=dict)

    def use(self, table: str, rows: int, amount: float | None = None) -> None:
        """Record that `rows` rows (with signed `amount`) became rows of `table`."""
        self.used[table] = self.used.get(table, 0) + int(rows)
        if amount is not None:
            self.used_amount[table] = (self.used_amount.get(table) or 0.0) + float(amount)

    def leave_out(
        self, reason: str, rows: pd.Index | np.ndarray | int, amounts: np.ndarray | None = None
    ) -> None:
        """Record rows left out for `reason` (REASONS) with their signed amounts (NaN: none)."""
        count = int(rows) if isinstance(rows, int) else len(rows)
        if count == 0:
            return
        self.left_out[reason] = self.left_out.get(reason, 0) + count
        if amounts is not None and np.isfinite(amounts).any():
            total = float(np.nansum(amounts))
            self.left_out_amount[reason] = (self.left_out_amount.get(reason) or 0.0) + total

    @property
    def rows_used(self) -> int:
        """Return the number of rows that became rows of a derived table."""
        return sum(self.used.values())

    @property
    def rows_left_out(self) -> int:
        """Return the number of rows left out for any reason."""
        return sum(self.left_out.values())

    def as_dict(self) -> dict[str, object]:
        """Return the JSON form (`kit validate --json`, run.json): counts and amounts."""
        return {
            "source": self.source,
            "path": self.path,
            "rows_read": self.rows_read,
            "rows_used": self.rows_used,
            "rows_left_out": self.rows_left_out,
            "used": {t: self.used[t] for t in TABLES if t in self.used},
            "used_amount": {t: self.used_amount[t] for t in TABLES if t in self.used_amount},
            "left_out": {r: self.left_out[r] for r in REASONS if r in self.left_out},
            "left_out_amount": {
                r: self.left_out_amount[r] for r in REASONS if r in self.left_out_amount
            },
        }


#: File in a run's folder where the KPI step leaves the row accounting for run.json.
RUN_FILE = "accounting.json"


def record_for_run(accounts: list[dict[str, object]]) -> None:
    """Leave the row accounting in the run's folder (under `kit run` only) for run.json."""
    import json
    import os

    from kit.files import EXPORTS_ENV

    chosen = os.environ.get(EXPORTS_ENV)
    if not chosen:
        return
    folder = Path(chosen).parent
    if folder.is_dir():
        (folder / RUN_FILE).write_text(json.dumps(accounts, ensure_ascii=False), "utf-8")


def recorded_in_run(run_dir: Path) -> list[dict[str, object]] | None:
    """Return the row accounting the KPI step left in the run's folder (None: none)."""
    import json

    file = run_dir / RUN_FILE
    if not file.is_file():
        return None
    loaded = json.loads(file.read_text("utf-8"))
    file.unlink()
    return loaded if isinstance(loaded, list) else None
