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


def _ledger(rng: np.random.Generator, customers: list[dict[str, str]]) -> list[dict[str, str]]:
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
        konto = customer["Konto"]
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
        settled = paid_on <= AS_OF
        if not settled:
            add(
                _item(
                    konto,
                    invoice,
                    kind,
                    issued,
                    due,
                    amount,
                    assignment=assignment,
                    text="Rechnung",
                ),
                issued,
            )
            if credit and credit_on <= AS_OF:
                add(
                    _item(
                        konto,
                        numbers.take("DG"),
                        "DG",
                        credit_on,
                        credit_on,
                        -credit,
                        assignment=assignment,
                        text="Gutschrift Preisnachlass",
                    ),
                    credit_on,
                )
            continue
        payment = numbers.take("DZ")
        cash = amount - credit
        if partial:
            part = round(cash * float(rng.uniform(0.4, 0.8)), 2)
            rest = round(cash - part, 2)
            residual = numbers.take("AB")
            later = paid_on + timedelta(days=int(rng.integers(10, 60)))
            add(
                _item(
                    konto,
                    invoice,
                    kind,
                    issued,
                    due,
                    amount,
                    clearing=payment,
                    cleared=paid_on,
                    assignment=assignment,
                    text="Rechnung",
                ),
                issued,
            )
            add(
                _item(
                    konto,
                    payment,
                    "DZ",
                    paid_on,
                    None,
                    -part,
                    clearing=payment,
                    cleared=paid_on,
                    assignment=assignment,
                    text="Teilzahlung",
                ),
                paid_on,
            )
            if credit:
                add(
                    _item(
                        konto,
                        numbers.take("DG"),
                        "DG",
                        credit_on,
                        credit_on,
                        -credit,
                        clearing=payment,
                        cleared=paid_on,
                        ref=invoice,
                        assignment=assignment,
                        text="Gutschrift Preisnachlass",
                    ),
                    credit_on,
                )
            if later <= AS_OF:
                second = numbers.take("DZ")
                add(
                    _item(
                        konto,
                        residual,
                        "AB",
                        paid_on,
                        due,
                        rest,
                        clearing=second,
                        cleared=later,
                        ref=invoice,
                        assignment=assignment,
                        text=f"Restposten zu {invoice}",
                    ),
                    paid_on,
                )
                add(
                    _item(
                        konto,
                        second,
                        "DZ",
                        later,
                        None,
                        -rest,
                        clearing=second,
                        cleared=later,
                        assignment=assignment,
                        text="Zahlung Restposten",
                    ),
                    later,
                )
            else:
                add(
                    _item(
                        konto,
                        residual,
                        "AB",
                        paid_on,
                        due,
                        rest,
                        ref=invoice,
                        assignment=assignment,
                        text=f"Restposten zu {invoice}",
                    ),
                    paid_on,
                )
            continue
        add(
            _item(
                konto,
                invoice,
                kind,
                issued,
                due,
                amount,
                clearing=payment,
                cleared=paid_on,
                assignment=assignment,
                text="Rechnung",
            ),
            issued,
        )
        if credit:
            add(
                _item(
                    konto,
                    numbers.take("DG"),
                    "DG",
                    min(credit_on, paid_on),
                    None,
                    -credit,
                    clearing=payment,
                    cleared=paid_on,
                    ref=invoice,
                    assignment=assignment,
                    text="Gutschrift Preisnachlass",
                ),
                credit_on,
            )
        add(
            _item(
                konto,
                payment,
                "DZ",
                paid_on,
                None,
                -cash,
                clearing=payment,
                cleared=paid_on,
                assignment=assignment,
                text="Zahlung",
            ),
            paid_on,
        )
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
