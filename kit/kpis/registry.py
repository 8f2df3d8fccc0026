"""The KPI registry: every KPI id of kpis.md with its name, unit, direction and reference value.

The table is data, `registry.yaml` beside this module. Names, formulas and reference texts are
catalogue message ids (English; the German is in kit.po, names with the context "KPI", formulas
with "KPI formula"), so `KpiInfo.name_in(language)` and its siblings speak the reader's language.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kit.files import load_yaml
from kit.i18n.markers import N_, NP_, Language
from kit.message import render, wording

__all__ = ["CRF_SOURCE", "REGISTRY", "KpiInfo"]

#: Where every `reference` value of the registry comes from (a message id).
CRF_SOURCE = N_("Credit Research Foundation national median, Q1 2021")
_TABLE = Path(__file__).with_name("registry.yaml")


@dataclass(frozen=True)
class KpiInfo:
    """One KPI: id, name, unit, better direction, glossary formula, reference value and source.

    `name`, `formula`, `reference_source` and `reference_text` are English message ids; the
    `*_in(language)` accessors return them in a report language.
    """

    id: str
    name: str
    unit: str  # days | percent | currency | count | hours
    direction: str  # up = higher is better, down = lower is better
    formula: str
    group: str  # receivables | disputes | digital
    reference: float | None = None
    reference_source: str | None = None
    reference_text: str | None = None

    def name_in(self, language: Language) -> str:
        """Return the KPI's name in `language` (lower case, as in running text)."""
        return render(wording(NP_("KPI", self.name)), language)

    def formula_in(self, language: Language) -> str:
        """Return the KPI's glossary formula in `language`."""
        return render(wording(NP_("KPI formula", self.formula)), language)

    def reference_source_in(self, language: Language) -> str:
        """Return where the reference value comes from in `language` (empty without one)."""
        return render(wording(self.reference_source or ""), language)

    def reference_text_in(self, language: Language) -> str:
        """Return the reference given as a sentence in `language` (empty without one)."""
        return render(wording(self.reference_text or ""), language)


def _info(kpi: str, row: dict[str, Any]) -> KpiInfo:
    reference = row.get("reference")
    return KpiInfo(
        id=kpi,
        name=row["name"],
        unit=row["unit"],
        direction=row["direction"],
        formula=row["formula"],
        group=row["group"],
        reference=None if reference is None else float(reference),
        reference_source=CRF_SOURCE if reference is not None else None,
        reference_text=row.get("reference_text"),
    )


#: Every KPI of kpis.md, in the order of the contract.
REGISTRY: dict[str, KpiInfo] = {kpi: _info(kpi, row) for kpi, row in load_yaml(_TABLE).items()}
