"""Builders of tiny engagements for the ingest tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kit.engagement import Engagement

INVOICES_DE = (
    "Belegnr;Kundennr;Belegdatum;Faelligkeit;Betrag;Waehrung;Strittig\n"
    "00101;K1;01.03.2026;31.03.2026;1.234,56;EUR;Nein\n"
    "00102;K2;05.03.2026;04.04.2026;500,00;EUR;Ja\n"
    "00103;K1;10.03.2026;09.04.2026;99,90;EUR;Nein\n"
)
DE_SOURCE: dict[str, Any] = {
    "path": "rechnungen.csv",
    "decimal": ",",
    "thousands": ".",
    "date_format": "%d.%m.%Y",
    "columns": {
        "Belegnr": "invoice_id",
        "Kundennr": "customer_id",
        "Belegdatum": "issue_date",
        "Faelligkeit": "due_date",
        "Betrag": "amount",
        "Waehrung": "currency",
        "Strittig": "disputed",
    },
    "values": {"disputed": {"Ja": True, "Nein": False}},
}
INVOICES_EN = (
    "invoice_id,customer_id,issue_date,due_date,amount\n"
    "A1,C1,2026-03-01,2026-03-31,100.00\n"
    "A2,C2,2026-03-05,2026-04-04,200.00\n"
)


def engagement(
    root: Path,
    files: dict[str, str | bytes],
    data: dict[str, dict[str, Any]],
    *,
    currency: str = "EUR",
) -> Engagement:
    """Write the files under root and return an Engagement whose data sources are `data`."""
    for name, content in files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    return Engagement.model_validate(
        {"root": root, "client": "Test GmbH", "currency": currency, "data": data}
    )


def de_invoices(root: Path, text: str = INVOICES_DE, **changes: Any) -> Engagement:
    """Return an engagement whose invoices are the German CSV text (source options changed)."""
    return engagement(root, {"rechnungen.csv": text}, {"invoices": {**DE_SOURCE, **changes}})


def en_invoices(root: Path, text: str = INVOICES_EN, **options: Any) -> Engagement:
    """Return an engagement whose invoices are an English canonical-header CSV."""
    return engagement(
        root, {"invoices.csv": text}, {"invoices": {"path": "invoices.csv", **options}}
    )
