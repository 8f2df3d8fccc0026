"""Write the synthetic sample engagement Nordwerk GmbH: an SAP FBL5N line-item export.

Run `python data/samples/make_nordwerk.py`; the output is byte-identical on every run (seeded
numpy generator, fixed ordering, no timestamps). engagement.yaml is maintained by hand; the
stakeholder register, tracking files and process maps are copied from acme-gmbh.

The export is what a German client's SAP hands over (ledgers.md): three title lines, `;`,
cp1252, 1.234,56 with a trailing minus for credits, invoices RV/DR, credit memos DG, payments
DZ that clear invoices through the clearing document (one payment may clear several invoices),
residual items AB after partial payments, open a-conto payments and one subtotal row per
currency plus the grand total at the end. About 1,600 invoices over 18 months, 80 customers.
"""

from __future__ import annotations

import csv
import shutil
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np

SEED = 20260701
FIRST_ISSUE = date(2025, 1, 2)
AS_OF = date(2026, 6, 30)
N_CUSTOMERS = 80
N_INVOICES = 1600
HERE = Path(__file__).resolve().parent
OUT = HERE / "nordwerk-gmbh"
ACME = HERE / "acme-gmbh"

NAMES = (
    "Hansa Antriebstechnik",
    "Elbtal Metallbau",
    "Weser Fördertechnik",
    "Rhein-Main Hydraulik",
    "Schwarzwald Präzision",
    "Allgäu Landmaschinen",
    "Spree Elektro",
    "Ostsee Werftservice",
    "Harz Gießerei",
    "Mosel Verpackung",
    "Isar Automation",
    "Neckar Pumpen",
)
FORMS = ("GmbH", "AG", "KG", "GmbH & Co. KG", "e.K.")
SEGMENTS = (("Großkunde", 0.15), ("Mittelstand", 0.55), ("Kleinkunde", 0.30))
AMOUNT = {"Großkunde": 18000.0, "Mittelstand": 4200.0, "Kleinkunde": 900.0}
# behaviour: (share, mean days late, spread)
BEHAVIOUR = {"punctual": (0.45, -2, 4), "late": (0.40, 12, 10), "chronic": (0.15, 45, 25)}
HEADER = (
    "Konto",
    "Belegnummer",
    "Belegart",
    "Belegdatum",
    "Buchungsdatum",
    "Nettofälligkeit",
    "Betrag in Hauswährung",
    "Hauswährung",
    "Ausgleichsbeleg",
    "Ausgleichsdatum",
    "Rechnungsbezug",
    "Zuordnung",
    "Text",
    "Verzug nach Nettofälligkeit",
)


@dataclass
class Numbers:
    """Document number ranges per document type (SAP number ranges)."""

    next: dict[str, int] = field(
        default_factory=lambda: {
            "RV": 90_000_000,
            "DR": 18_000_000,
            "DG": 17_000_000,
            "DZ": 14_000_000,
            "AB": 16_000_000,
        }
    )

    def take(self, kind: str) -> str:
        """Return the next document number of the type."""
        self.next[kind] += 1
        return str(self.next[kind])


def _money(value: float) -> str:
    """Return an amount as SAP writes it: 1.234,56 and 1.234,56- for credits."""
    text = f"{abs(value):,.2f}".replace(",", "#").replace(".", ",").replace("#", ".")
    return text + ("-" if value < 0 else "")


def _day(value: date | None) -> str:
    return value.strftime("%d.%m.%Y") if value is not None else ""


def _customers(rng: np.random.Generator) -> list[dict[str, str]]:
    rows = []
    for i in range(N_CUSTOMERS):
        segment = str(rng.choice([s for s, _ in SEGMENTS], p=[p for _, p in SEGMENTS]))
        behaviour = str(rng.choice(list(BEHAVIOUR), p=[b[0] for b in BEHAVIOUR.values()]))
        name = f"{NAMES[i % len(NAMES)]} {FORMS[(i // len(NAMES)) % len(FORMS)]}"
        if i >= len(NAMES) * len(FORMS):
            name += f" {i}"
        rows.append(
            {
                "Konto": str(100_000 + i * 7),
                "Name": name,
                "Segment": segment,
                "Land": "DE" if rng.random() < 0.85 else str(rng.choice(["AT", "CH", "NL"])),
                "behaviour": behaviour,
            }
        )
    return rows


def _item(
    konto: str,
    doc: str,
    kind: str,
    issued: date,
    due: date | None,
    amount: float,
    *,
    clearing: str = "",
    cleared: date | None = None,
    ref: str = "",
    assignment: str = "",
    text: str = "",
) -> dict[str, str]:
    arrears = "" if due is None or cleared is not None else str(max((AS_OF - due).days, 0))
    return {
        "Konto": konto,
        "Belegnummer": doc,
        "Belegart": kind,
        "Belegdatum": _day(issued),
        "Buchungsdatum": _day(issued + timedelta(days=1 if kind in ("RV", "DR") else 0)),
        "Nettofälligkeit": _day(due),
        "Betrag in Hauswährung": _money(amount),
        "Hauswährung": "EUR",
        "Ausgleichsbeleg": clearing,
        "Ausgleichsdatum": _day(cleared),
        "Rechnungsbezug": ref,
        "Zuordnung": assignment,
        "Text": text,
        "Verzug nach Nettofälligkeit": arrears,
    }


@dataclass(frozen=True)
class _Sale:
    """One invoice of the story: who, what, when it falls due and when it is paid."""

    konto: str
    number: str
    kind: str
    issued: date
    due: date
    amount: float
    assignment: str
    credit: float  # a price reduction credited later, 0.0 for none
    credit_on: date
    paid_on: date


def _invoice_row(sale: _Sale, **cleared: Any) -> dict[str, str]:
    """Return the invoice's ledger item (cleared by a payment when `cleared` names it)."""
    return _item(
        sale.konto,
        sale.number,
        sale.kind,
        sale.issued,
        sale.due,
        sale.amount,
        assignment=sale.assignment,
        text="Rechnung",
        **cleared,
    )


def _credit_row(
    sale: _Sale, numbers: Numbers, booked: date, due: date | None, **cleared: Any
) -> dict[str, str]:
    """Return the credit note of the sale's price reduction, booked on `booked`."""
    return _item(
        sale.konto,
        numbers.take("DG"),
        "DG",
        booked,
        due,
        -sale.credit,
        assignment=sale.assignment,
        text="Gutschrift Preisnachlass",
        **cleared,
    )


def _payment_row(sale: _Sale, doc: str, paid: date, amount: float, *, text: str) -> dict[str, str]:
    """Return a payment item `doc` of `amount` on `paid` that clears itself."""
    return _item(
        sale.konto,
        doc,
        "DZ",
        paid,
        None,
        -amount,
        clearing=doc,
        cleared=paid,
        assignment=sale.assignment,
        text=text,
    )


def _open_rows(sale: _Sale, numbers: Numbers) -> list[tuple[dict[str, str], date]]:
    """Return the items of an invoice not paid by the as-of date (and its credit note)."""
    rows = [(_invoice_row(sale), sale.issued)]
    if sale.credit and sale.credit_on <= AS_OF:
        rows.append((_credit_row(sale, numbers, sale.credit_on, sale.credit_on), sale.credit_on))
    return rows


def _partly_paid_rows(
    sale: _Sale, numbers: Numbers, rng: np.random.Generator, payment: str, cash: float
) -> list[tuple[dict[str, str], date]]:
    """Return the items of an invoice paid in part: the rest becomes a residual item."""
    part = round(cash * float(rng.uniform(0.4, 0.8)), 2)
    rest = round(cash - part, 2)
    residual = numbers.take("AB")
    later = sale.paid_on + timedelta(days=int(rng.integers(10, 60)))
    cleared = {"clearing": payment, "cleared": sale.paid_on}
    rows = [
        (_invoice_row(sale, **cleared), sale.issued),
        (_payment_row(sale, payment, sale.paid_on, part, text="Teilzahlung"), sale.paid_on),
    ]
    if sale.credit:
        credit = _credit_row(
            sale, numbers, sale.credit_on, sale.credit_on, ref=sale.number, **cleared
        )
        rows.append((credit, sale.credit_on))
    second = numbers.take("DZ") if later <= AS_OF else ""
    rest_row = _item(
        sale.konto,
        residual,
        "AB",
        sale.paid_on,
        sale.due,
        rest,
        clearing=second,
        cleared=later if second else None,
        ref=sale.number,
        assignment=sale.assignment,
        text=f"Restposten zu {sale.number}",
    )
    rows.append((rest_row, sale.paid_on))
    if second:
        rows.append((_payment_row(sale, second, later, rest, text="Zahlung Restposten"), later))
    return rows


def _paid_rows(
    sale: _Sale, numbers: Numbers, payment: str, cash: float
) -> list[tuple[dict[str, str], date]]:
    """Return the items of an invoice paid in full (with its credit note, if any)."""
    cleared = {"clearing": payment, "cleared": sale.paid_on}
    rows = [(_invoice_row(sale, **cleared), sale.issued)]
    if sale.credit:
        booked = min(sale.credit_on, sale.paid_on)
        credit = _credit_row(sale, numbers, booked, None, ref=sale.number, **cleared)
        rows.append((credit, sale.credit_on))
    rows.append((_payment_row(sale, payment, sale.paid_on, cash, text="Zahlung"), sale.paid_on))
    return rows


def _ledger(rng: np.random.Generator, customers: list[dict[str, str]]) -> list[dict[str, str]]:
    """Return the ledger rows of the sample's story, sorted by account, date and booking order.

    Long because the random draws of each invoice stay in one place, so the seeded output never
    changes.
    """
    numbers = Numbers()
    items: list[tuple[date, int, dict[str, str]]] = []
    span = (AS_OF - FIRST_ISSUE).days
    weights = np.array([AMOUNT[c["Segment"]] ** 0.3 for c in customers])
    owners = rng.choice(len(customers), size=N_INVOICES, p=weights / weights.sum())
    issue_days = np.sort(rng.integers(0, span + 1, size=N_INVOICES))
    order = 0

    def add(row: dict[str, str], when: date) -> None:
        nonlocal order
        order += 1
        items.append((when, order, row))

    for day, owner in zip(issue_days.tolist(), owners.tolist(), strict=True):
        customer = customers[owner]
        issued = FIRST_ISSUE + timedelta(days=day)
        due = issued + timedelta(days=30)
        amount = round(float(rng.lognormal(np.log(AMOUNT[customer["Segment"]]), 0.6)), 2)
        kind = "RV" if rng.random() < 0.85 else "DR"
        invoice = numbers.take(kind)
        assignment = f"A{int(rng.integers(10_000, 99_999))}"
        _, mean, spread = BEHAVIOUR[customer["behaviour"]]
        paid_on = due + timedelta(days=round(float(rng.normal(mean, spread))))
        paid_on = max(paid_on, issued + timedelta(days=3))
        credit = round(amount * float(rng.uniform(0.05, 0.3)), 2) if rng.random() < 0.05 else 0.0
        credit_on = issued + timedelta(days=int(rng.integers(5, 25)))
        partial = rng.random() < 0.08
        sale = _Sale(
            customer["Konto"],
            invoice,
            kind,
            issued,
            due,
            amount,
            assignment,
            credit,
            credit_on,
            paid_on,
        )
        if paid_on > AS_OF:
            rows = _open_rows(sale, numbers)
        else:
            payment = numbers.take("DZ")
            cash = amount - credit
            if partial:
                rows = _partly_paid_rows(sale, numbers, rng, payment, cash)
            else:
                rows = _paid_rows(sale, numbers, payment, cash)
        for row, when in rows:
            add(row, when)
    # Open a-conto payments: cash received in the last two months, applied to nothing yet.
    for _ in range(18):
        customer = customers[int(rng.integers(0, len(customers)))]
        when = AS_OF - timedelta(days=int(rng.integers(0, 60)))
        amount = round(float(rng.uniform(200, 5000)), 2)
        add(
            _item(
                customer["Konto"],
                numbers.take("DZ"),
                "DZ",
                when,
                None,
                -amount,
                text="Akontozahlung",
            ),
            when,
        )
    items.sort(key=lambda entry: (entry[2]["Konto"], entry[0], entry[1]))
    return [row for _, _, row in items]


def _write_ledger(rows: list[dict[str, str]], file: Path) -> None:
    total = sum(
        float(r["Betrag in Hauswährung"].rstrip("-").replace(".", "").replace(",", "."))
        * (-1 if r["Betrag in Hauswährung"].endswith("-") else 1)
        for r in rows
    )
    with file.open("w", encoding="cp1252", newline="") as handle:
        handle.write("Debitoren Einzelpostenliste\r\n")
        handle.write("Buchungskreis 1000  Nordwerk GmbH  Hauswährung EUR\r\n")
        handle.write(f"Stichtag {_day(AS_OF)}  offene und ausgeglichene Posten\r\n\r\n")
        writer = csv.DictWriter(handle, fieldnames=HEADER, delimiter=";", lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(rows)
        blank = dict.fromkeys(HEADER, "")
        for marker in ("*", "**"):
            writer.writerow(
                blank
                | {"Konto": marker, "Betrag in Hauswährung": _money(total), "Hauswährung": "EUR"}
            )


def main() -> None:
    """Write nordwerk-gmbh/data and copy the hand-kept files of the Acme sample."""
    rng = np.random.default_rng(SEED)
    customers = _customers(rng)
    rows = _ledger(rng, customers)
    data = OUT / "data"
    data.mkdir(parents=True, exist_ok=True)
    _write_ledger(rows, data / "FBL5N_2026-06-30.csv")
    with (data / "kunden.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(
            handle,
            fieldnames=["Konto", "Name", "Segment", "Land"],
            delimiter=";",
            lineterminator="\n",
            extrasaction="ignore",
        )
        writer.writeheader()
        writer.writerows(customers)
    for name in ("stakeholders.csv", "logo.png"):
        shutil.copyfile(ACME / name, OUT / name)
    for folder in ("tracking", "process_maps"):
        shutil.copytree(ACME / folder, OUT / folder, dirs_exist_ok=True)


if __name__ == "__main__":
    main()
