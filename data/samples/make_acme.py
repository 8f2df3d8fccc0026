"""Write the synthetic sample engagement Acme GmbH (German B2B wholesale) into acme-gmbh/.

Run `python data/samples/make_acme.py`; the output is byte-identical on every run (seeded
numpy generator, fixed ordering, no timestamps). engagement.yaml and process_maps/ are
maintained by hand and are not touched.

The story the data tell: about 5,000 invoices over 24 months, ~250 customers; payment
behaviour differs by customer (punctual, occasionally late, chronically late, disputers);
the new dunning process (e-mail with payment link, SMS, letter, call) goes live on
15.05.2026 and payments speed up from then on.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

import numpy as np

from kit.rollout import DEFAULT_PHASES

SEED = 20260630
FIRST_ISSUE = date(2024, 7, 1)
AS_OF = date(2026, 6, 30)
GO_LIVE = date(2026, 5, 15)
N_CUSTOMERS = 250
N_INVOICES = 5000
OUT = Path(__file__).resolve().parent / "acme-gmbh"

SEGMENTS = ("Großkunde", "Mittelstand", "Kleinkunde", "Öffentlicher Sektor")
SEGMENT_COUNTS = (22, 90, 118, 20)
# invoices per customer over 24 months, mean amount (EUR, lognormal median)
SEGMENT_VOLUME = {
    "Großkunde": 42.0,
    "Mittelstand": 24.0,
    "Kleinkunde": 8.0,
    "Öffentlicher Sektor": 14.0,
}
SEGMENT_AMOUNT = {
    "Großkunde": 14000.0,
    "Mittelstand": 2800.0,
    "Kleinkunde": 650.0,
    "Öffentlicher Sektor": 4200.0,
}
SEGMENT_LIMIT = {
    "Großkunde": 250000,
    "Mittelstand": 60000,
    "Kleinkunde": 10000,
    "Öffentlicher Sektor": 100000,
}
# behaviour shares: punctual, occasional, chronic, disputer
SEGMENT_BEHAVIOUR = {
    "Großkunde": (0.42, 0.40, 0.12, 0.06),
    "Mittelstand": (0.44, 0.32, 0.14, 0.10),
    "Kleinkunde": (0.40, 0.32, 0.18, 0.10),
    "Öffentlicher Sektor": (0.30, 0.58, 0.12, 0.00),
}
BEHAVIOURS = ("punctual", "occasional", "chronic", "disputer")
COUNTRIES = (("DE", 0.80), ("AT", 0.09), ("CH", 0.06), ("NL", 0.05))
REGIONS_DE = (("Nord", 0.24), ("Süd", 0.30), ("West", 0.30), ("Ost", 0.16))
CHANNEL_PREF = (
    ("E-Mail", 0.62),
    ("Portal", 0.14),
    ("Brief", 0.12),
    ("SMS", 0.06),
    ("Telefon", 0.06),
)
REASONS = (
    ("Preisdifferenz", 0.30),
    ("Mengendifferenz", 0.22),
    ("Qualitätsmangel", 0.20),
    ("Lieferverzug", 0.13),
    ("fehlende Bestellnummer", 0.15),
)
METHODS = (("Überweisung", 0.82), ("Lastschrift", 0.15), ("Scheck", 0.03))

SURNAMES = (
    "Müller Schmitt Schneider Fischer Meyer Wagner Becker Schulz Hoffmann Schäfer Koch Bauer "
    "Richter Klein Wolf Schröder Neumann Schwarz Zimmermann Braun Krüger Hofmann Hartmann Lange "
    "Werner Krause Lehmann Köhler Herrmann König Walter Mayer Huber Kaiser Fuchs Peters Lang "
    "Scholz Möller Weiß Jung Hahn Vogel Friedrich Keller Günther Frank Berger Winkler Roth Beck "
    "Lorenz Baumann Franke Albrecht Schuster Simon Ludwig Böhm Winter Kraus Martin Schumacher "
    "Krämer Vogt Stein Jäger Otto Sommer Groß Seidel Heinrich Brandt Haas Schreiber Graf Dietrich "
    "Ziegler Kuhn Kühn Pohl Engel Horn Busch Bergmann Thomas Voigt Sauer Arnold Wolff Pfeiffer"
).split()
TRADES = (
    "Haustechnik Elektro Bau Metallbau Sanitär Holzbau Maschinenbau Werkzeuge Logistik Druck "
    "Gastro Agrar Kfz-Teile Bürobedarf Verpackung Gebäudeservice Kältetechnik Dachdeckerei "
    "Fliesen Stahlhandel Landtechnik Medizintechnik Laborbedarf Textil"
).split()
PLACES = (
    "Hamburg Bremen Hannover Kiel Lübeck Rostock Berlin Leipzig Dresden Erfurt Magdeburg Köln "
    "Düsseldorf Essen Dortmund Münster Aachen Frankfurt Mainz Stuttgart München Nürnberg Augsburg "
    "Freiburg Karlsruhe Mannheim Regensburg Würzburg Kassel Bielefeld"
).split()
FOREIGN_PLACES = {
    "AT": "Wien Graz Linz Salzburg Innsbruck".split(),
    "CH": "Zürich Basel Bern Luzern St.Gallen".split(),
    "NL": "Utrecht Eindhoven Rotterdam Venlo Arnhem".split(),
}


@dataclass
class Customer:
    """One customer of the sample and its hidden payment behaviour."""

    id: str
    name: str
    segment: str
    country: str
    region: str
    channel: str
    limit: int
    terms: int
    behaviour: str
    weight: float


@dataclass
class Invoice:
    """One invoice with its planned payments and dispute."""

    id: str
    customer: Customer
    issue: date
    due: date
    amount: float
    payments: list[tuple[date, float]]
    settled: date | None
    dispute: tuple[date, date | None, str, float] | None


def _pick(rng: np.random.Generator, options: tuple[tuple[str, float], ...]) -> str:
    names = [o[0] for o in options]
    p = np.array([o[1] for o in options])
    return names[int(rng.choice(len(names), p=p / p.sum()))]


def _weekday(day: date) -> date:
    """Return the next working day (Saturday/Sunday move to Monday)."""
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def _money(value: float) -> str:
    return f"{value:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")


def _d(day: date | None) -> str:
    return "" if day is None else day.strftime("%d.%m.%Y")


def make_customers(rng: np.random.Generator) -> list[Customer]:
    """Return the customer master with segment, country, terms and behaviour."""
    segments = [s for s, n in zip(SEGMENTS, SEGMENT_COUNTS, strict=True) for _ in range(n)]
    order = rng.permutation(len(segments))
    customers: list[Customer] = []
    used: set[str] = set()
    for i, k in enumerate(order):
        segment = segments[int(k)]
        country = "DE" if segment == "Öffentlicher Sektor" else _pick(rng, COUNTRIES)
        region = {"AT": "Süd", "CH": "Süd", "NL": "West"}.get(country) or _pick(rng, REGIONS_DE)
        name = ""
        while not name or name in used:
            name = _name(rng, segment, country)
        used.add(name)
        terms = {
            "Großkunde": 60 if rng.random() < 0.18 else 30,
            "Mittelstand": 60 if rng.random() < 0.03 else 30,
            "Kleinkunde": 14 if rng.random() < 0.30 else 30,
            "Öffentlicher Sektor": 30,
        }[segment]
        behaviour = BEHAVIOURS[int(rng.choice(4, p=np.array(SEGMENT_BEHAVIOUR[segment])))]
        channel = (
            "Brief"
            if segment == "Öffentlicher Sektor" and rng.random() < 0.5
            else _pick(rng, CHANNEL_PREF)
        )
        limit = int(round(SEGMENT_LIMIT[segment] * rng.uniform(0.5, 1.5), -3))
        weight = SEGMENT_VOLUME[segment] * float(rng.gamma(4.0, 0.25))
        customers.append(
            Customer(
                f"{10001 + i:07d}",
                name,
                segment,
                country,
                region,
                channel,
                limit,
                terms,
                behaviour,
                weight,
            )
        )
    return customers


def _name(rng: np.random.Generator, segment: str, country: str) -> str:
    surname = str(rng.choice(SURNAMES))
    trade = str(rng.choice(TRADES))
    if segment == "Öffentlicher Sektor":
        kind = str(
            rng.choice(
                ["Stadtwerke", "Kreisverwaltung", "Stadt", "Zweckverband Wasser", "Klinikum"]
            )
        )
        return f"{kind} {rng.choice(PLACES)}"
    if country in FOREIGN_PLACES:
        place = str(rng.choice(FOREIGN_PLACES[country]))
        form = {"AT": "GmbH", "CH": "AG", "NL": "B.V."}[country]
        return f"{surname} {trade} {place} {form}"
    form = str(
        rng.choice(
            ["GmbH", "GmbH & Co. KG", "KG", "e.K.", "AG", "OHG"], p=[0.5, 0.2, 0.1, 0.1, 0.05, 0.05]
        )
    )
    if segment == "Großkunde":
        return (
            f"{surname} {trade} Gruppe {form}"
            if rng.random() < 0.4
            else f"{surname} {trade} {form}"
        )
    if rng.random() < 0.25:
        return f"{surname} & {rng.choice(SURNAMES)} {trade} {form}"
    return f"{surname} {trade} {form}"


def _issue_dates(rng: np.random.Generator, n: int) -> list[date]:
    days = [FIRST_ISSUE + timedelta(days=k) for k in range((AS_OF - FIRST_ISSUE).days + 1)]
    days = [
        d
        for d in days
        if d.weekday() < 5
        and not (d.month == 12 and d.day in (24, 25, 26, 31))
        and not (d.month == 1 and d.day == 1)
    ]
    season = {
        1: 0.95,
        2: 0.95,
        3: 1.1,
        4: 1.05,
        5: 1.05,
        6: 1.0,
        7: 0.95,
        8: 0.8,
        9: 1.05,
        10: 1.1,
        11: 1.1,
        12: 1.0,
    }
    w = np.array([season[d.month] * (1 + 0.08 * (d - FIRST_ISSUE).days / 365) for d in days])
    picks = rng.choice(len(days), size=n, p=w / w.sum())
    return sorted(days[int(k)] for k in picks)


def _delay(rng: np.random.Generator, c: Customer, due: date) -> float:
    """Return days after due date at which the customer pays (negative = early)."""
    after = due >= GO_LIVE - timedelta(days=30)  # trained clerks follow up from mid-April
    r = rng.random() * (0.65 if after else 1.0)  # the new ladder halves late payers
    if c.behaviour == "punctual":
        d = rng.normal(-2, 3) if r < 0.96 else rng.uniform(5, 25)
    elif c.behaviour == "occasional" or c.behaviour == "disputer":
        d = rng.normal(1, 4) if r < 0.90 else rng.uniform(15, 75)
    else:
        d = rng.uniform(-3, 12) if r < 0.35 else 14 + rng.gamma(2.0, 18.0)
    if after and d > 3:
        d = 3 + (d - 3) * 0.5
    elif d > 0:  # staff shortage in accounts receivable from mid-2025: late payers drift later
        d *= 1.0 + 1.1 * min(max((due - date(2025, 3, 1)).days / 240, 0.0), 1.0)
    return float(max(d, -c.terms + 2))


def make_invoices(rng: np.random.Generator, customers: list[Customer]) -> list[Invoice]:
    """Return the invoices with payments (possibly after as_of) and disputes."""
    w = np.array([c.weight for c in customers])
    owners = rng.choice(len(customers), size=N_INVOICES, p=w / w.sum())
    dates = _issue_dates(rng, N_INVOICES)
    invoices: list[Invoice] = []
    for k, (issue, idx) in enumerate(zip(dates, owners, strict=True)):
        c = customers[int(idx)]
        amount = round(float(SEGMENT_AMOUNT[c.segment] * rng.lognormal(0.0, 0.5)), 2)
        amount = max(amount, 49.0)
        due = issue + timedelta(days=c.terms)
        pay = due + timedelta(days=round(_delay(rng, c, due)))
        if pay > GO_LIVE and due < GO_LIVE - timedelta(
            days=30
        ):  # overdue at go-live: the new ladder collects faster
            pay = GO_LIVE + timedelta(days=round((pay - GO_LIVE).days * 0.75))
        dispute = None
        p_dispute = 0.30 if c.behaviour == "disputer" else 0.027
        if rng.random() < p_dispute:
            opened = _weekday(issue + timedelta(days=int(rng.integers(4, 30))))
            resolved: date | None = _weekday(opened + timedelta(days=int(rng.gamma(2.0, 12.0)) + 3))
            share = 1.0 if rng.random() < 0.4 else round(float(rng.uniform(0.05, 0.5)), 2)
            reason = _pick(rng, REASONS)
            if resolved is not None and resolved > AS_OF:
                resolved = None
            dispute = (opened, resolved, reason, round(amount * share, 2))
            settle_after = resolved if resolved is not None else AS_OF + timedelta(days=30)
            pay = max(pay, settle_after + timedelta(days=int(rng.integers(2, 15))))
        never = {"chronic": 0.035, "disputer": 0.01}.get(c.behaviour, 0.003)
        if due >= GO_LIVE:
            never /= 2
        if rng.random() < never:
            pay = AS_OF + timedelta(days=3650)
        pay = _weekday(max(pay, issue + timedelta(days=1)))
        payments = _split(rng, issue, pay, amount, c)
        settled = pay if pay <= AS_OF else None
        invoices.append(
            Invoice(f"{40010000 + k:010d}", c, issue, due, amount, payments, settled, dispute)
        )
    return invoices


def _split(
    rng: np.random.Generator, issue: date, pay: date, amount: float, c: Customer
) -> list[tuple[date, float]]:
    """Return the payments of one invoice: one, or two/three instalments, rarely an overpayment."""
    r = rng.random()
    span = (pay - issue).days
    if r < (0.12 if c.behaviour == "chronic" else 0.04) and span > 20:
        n = 2 if rng.random() < 0.7 else 3
        cuts = sorted(rng.uniform(0.2, 0.8, size=n - 1))
        shares = np.diff([0.0, *cuts, 1.0])
        parts = [round(amount * float(s), 2) for s in shares[:-1]]
        parts.append(round(amount - sum(parts), 2))
        days = sorted(int(x) for x in rng.integers(max(span // 3, 1), span, size=n - 1))
        when = [_weekday(issue + timedelta(days=d)) for d in days] + [pay]
        when = [min(x, pay) for x in when]
        return list(zip(when, parts, strict=True))
    if r > 0.9985:  # overpayment: freight or a rounding added by the customer
        return [(pay, round(amount + float(rng.uniform(5, 250)), 2))]
    return [(pay, amount)]


def write_csv(path: Path, header: list[str], rows: list[list[str]], sep: str = ";") -> None:
    """Write rows as UTF-8 CSV with `\\n` line ends."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter=sep, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)


def dunning_events(rng: np.random.Generator, invoices: list[Invoice]) -> list[list[str]]:
    """Return the dunning events of the ladder (+7 e-mail, +21 SMS/e-mail, +35 letter, +50 call)."""
    rows: list[tuple[datetime, str, list[str]]] = []
    msg = 0
    end = datetime.combine(AS_OF, datetime.max.time())
    for inv in invoices:
        c = inv.customer
        for step, offset in enumerate((7, 21, 35, 50)):
            day = _weekday(inv.due + timedelta(days=offset))
            if day > AS_OF or (inv.settled is not None and inv.settled <= day):
                continue
            if inv.dispute is not None:
                opened, resolved, _, _ = inv.dispute
                if opened <= day and (resolved is None or day < resolved):
                    continue  # dunning block while the dispute is open
            post = day >= GO_LIVE
            if step == 0:
                channel = {"Portal": "Portal", "Brief": "Brief"}.get(c.channel, "E-Mail")
                template = "Zahlungserinnerung mit Zahlungslink" if post else "Zahlungserinnerung"
            elif step == 1:
                channel = "SMS" if c.channel == "SMS" or (post and rng.random() < 0.4) else "E-Mail"
                template = "1. Mahnung"
            elif step == 2:
                channel, template = "Brief", "2. Mahnung"
            else:
                channel, template = "Telefon", "Telefonische Mahnung"
            msg += 1
            mid = f"MSG{msg:07d}"
            sent = datetime.combine(day, datetime.min.time()) + timedelta(
                minutes=int(rng.integers(7 * 60, 10 * 60))
            )
            for ts, event in _message_events(rng, sent, channel, post, inv):
                if ts <= end:
                    rows.append(
                        (
                            ts,
                            mid,
                            [
                                inv.id,
                                c.id,
                                ts.strftime("%d.%m.%Y %H:%M"),
                                channel,
                                event,
                                mid,
                                template,
                            ],
                        )
                    )
    rows.sort(key=lambda r: (r[0], r[1]))
    return [r[2] for r in rows]


def _message_events(
    rng: np.random.Generator, sent: datetime, channel: str, post: bool, inv: Invoice
) -> list[tuple[datetime, str]]:
    out = [(sent, "sent")]
    mins = lambda lo, hi: timedelta(minutes=int(rng.integers(lo, hi)))  # noqa: E731
    if channel == "Brief":
        return out
    if channel == "Telefon":
        if rng.random() < 0.6:
            out.append((sent + mins(1, 15), "replied"))
            if rng.random() < 0.5:
                out.append((sent + mins(15, 20), "promise_to_pay"))
        return out
    if channel == "E-Mail" and rng.random() < 0.035:
        return [*out, (sent + mins(1, 5), "bounced")]
    t = sent + mins(1, 5)
    out.append((t, "delivered"))
    p_open = {"E-Mail": 0.62 if post else 0.52, "Portal": 0.70, "SMS": 0.0}[channel]
    p_click = {"E-Mail": 0.45 if post else 0.20, "Portal": 0.5, "SMS": 0.25 if post else 0.12}[
        channel
    ]
    clicked = False
    click = sent
    if channel == "SMS" or rng.random() < p_open:
        if channel != "SMS":
            t = sent + mins(20, 60 * 30)
            out.append((t, "opened"))
            for _ in range(int(rng.poisson(0.8))):
                t = t + mins(10, 60 * 48)
                out.append((t, "opened"))
        if rng.random() < p_click:
            clicked = True
            t = click = t + mins(1, 30)
            out += [(t, "clicked"), (t + mins(0, 2), "page_view")]
    if rng.random() < 0.07:
        t = t + mins(30, 60 * 24)
        out.append((t, "replied"))
        if rng.random() < 0.4:
            out.append((t + mins(5, 120), "promise_to_pay"))
    open_then = inv.settled is None or inv.settled > click.date()
    if clicked and post and open_then and inv.dispute is None and rng.random() < 0.55:
        pay_t = click + mins(2, 10)  # pays right away through the payment link
        out.append((pay_t, "payment_attempt"))
        if rng.random() < 0.12:
            out.append((pay_t + mins(1, 3), "payment_failed"))
            pay_t = pay_t + mins(5, 30)
            out.append((pay_t, "payment_attempt"))
        out.append((pay_t + mins(0, 2), "payment_succeeded"))
        _settle_online(inv, (pay_t + timedelta(minutes=2)).date())
    return out


def _settle_online(inv: Invoice, day: date) -> None:
    """Move the invoice's (remaining) settlement to `day`: paid online through the payment link."""
    if day > AS_OF:
        return
    early = [(d, a) for d, a in inv.payments if d < day]
    rest = round(inv.amount - sum(a for _, a in early), 2)
    inv.payments = [*early, (day, rest)]
    inv.settled = day


def main() -> None:
    """Write every generated file of the sample engagement.

    Long because it writes each file of the sample engagement in turn, one call each.
    """
    rng = np.random.default_rng(SEED)
    customers = make_customers(rng)
    invoices = make_invoices(rng, customers)
    events = dunning_events(rng, invoices)
    online = {(r[0]) for r in events if r[4] == "payment_succeeded"}
    data = OUT / "data"
    write_csv(
        data / "kunden.csv",
        ["Kundennr", "Name", "Segment", "Land", "Bevorzugter_Kanal", "Kreditlimit"],
        [[c.id, c.name, c.segment, c.country, c.channel, _money(c.limit)] for c in customers],
    )
    write_csv(
        data / "rechnungen.csv",
        [
            "Belegnr",
            "Kundennr",
            "Belegdatum",
            "Faelligkeit",
            "Betrag",
            "Waehrung",
            "Strittig",
            "Vertriebsgebiet",
        ],
        [
            [
                i.id,
                i.customer.id,
                _d(i.issue),
                _d(i.due),
                _money(i.amount),
                "EUR",
                "Ja" if i.dispute else "Nein",
                i.customer.region,
            ]
            for i in invoices
        ],
    )
    pay_rows: list[tuple[date, str, float, str]] = []
    for inv in invoices:
        for when, amount in inv.payments:
            if when <= AS_OF:
                pay_rows.append(
                    (
                        when,
                        inv.id,
                        amount,
                        "Online-Zahlung" if inv.id in online and when == inv.settled else "",
                    )
                )
    pay_rows.sort(key=lambda r: (r[0], r[1]))
    methods = [_pick(rng, METHODS) for _ in pay_rows]
    write_csv(
        data / "zahlungen.csv",
        ["Zahlungsnr", "Belegnr", "Zahldatum", "Betrag", "Zahlart"],
        [
            [f"Z{n + 1:07d}", r[1], _d(r[0]), _money(r[2]), r[3] or m]
            for n, (r, m) in enumerate(zip(pay_rows, methods, strict=True))
        ],
    )
    disputes = sorted((i.dispute[0], i.id, i.dispute) for i in invoices if i.dispute is not None)
    write_csv(
        data / "reklamationen.csv",
        ["Reklamationsnr", "Belegnr", "Eroeffnet", "Geloest", "Grund", "Betrag"],
        [
            [f"RK-{n + 1:05d}", iid, _d(d[0]), _d(d[1]), d[2], _money(d[3])]
            for n, (_, iid, d) in enumerate(disputes)
        ],
    )
    write_csv(
        data / "mahnereignisse.csv",
        ["Belegnr", "Kundennr", "Zeitpunkt", "Kanal", "Ereignis", "Nachrichtennr", "Vorlage"],
        events,
    )
    write_register()
    write_tracking()
    write_logo()


STAKEHOLDERS = [
    # name, role, department, influence, interest, RACI per phase (blueprint … ), contact
    ("Markus Weber", "Projektleitung", "Finanzen", 4, 5, "A R R R A R C", "m.weber@acme-gmbh.de"),
    (
        "Sabine Krüger",
        "Leiterin Kreditmanagement",
        "Kreditmanagement",
        4,
        5,
        "R C A A R C A",
        "s.krueger@acme-gmbh.de",
    ),
    (
        "Dr. Claudia Neumann",
        "CFO",
        "Geschäftsführung",
        5,
        3,
        "C I I I C I I",
        "c.neumann@acme-gmbh.de",
    ),
    (
        "Andreas Hoffmann",
        "Controller",
        "Finanzen & Controlling",
        3,
        4,
        "R C I C I I R",
        "a.hoffmann@acme-gmbh.de",
    ),
    ("Thomas Schmidt", "IT-Leiter", "IT", 4, 3, ". A C C R A C", "t.schmidt@acme-gmbh.de"),
    ("Jan Schulz", "SAP-Berater FI", "IT", 2, 3, ". R I R R R I", "j.schulz@acme-gmbh.de"),
    (
        "Lena Fischer",
        "Sachbearbeiterin Debitoren",
        "Kreditmanagement",
        2,
        4,
        "I I R R I R R",
        "l.fischer@acme-gmbh.de",
    ),
    (
        "Murat Yilmaz",
        "Sachbearbeiter Debitoren",
        "Buchhaltung",
        2,
        4,
        ". I R R I I I",
        "m.yilmaz@acme-gmbh.de",
    ),
    (
        "Katrin Wagner",
        "Leiterin Reklamationsmanagement",
        "Kundenservice",
        3,
        4,
        "R C I C I C R",
        "k.wagner@acme-gmbh.de",
    ),
    (
        "Stefan Braun",
        "Vertriebsleiter Süd",
        "Vertrieb",
        4,
        2,
        "C . . I I I C",
        "s.braun@acme-gmbh.de",
    ),
    (
        "Petra Lange",
        "Datenschutzbeauftragte",
        "Recht & Compliance",
        3,
        2,
        "C C . I I . .",
        "p.lange@acme-gmbh.de",
    ),
]
PHASES = DEFAULT_PHASES


def write_register() -> None:
    """Write stakeholders.csv (comma-separated, RACI letter per phase)."""
    header = ["name", "role", "department", "influence", "interest", *PHASES, "contact"]
    rows = []
    for name, role, dept, infl, inter, raci, contact in STAKEHOLDERS:
        letters = [x if x != "." else "" for x in raci.split()]
        rows.append([name, role, dept, str(infl), str(inter), *letters, contact])
    write_csv(OUT / "stakeholders.csv", header, rows, sep=",")


STATUS = [
    (
        "2026-01-05",
        "blueprint",
        "in_progress",
        5,
        "Kick-off mit Geschäftsführung und Kreditmanagement",
        "Markus Weber",
    ),
    (
        "2026-01-23",
        "blueprint",
        "in_progress",
        40,
        "Ist-Prozesse Mahnwesen und Reklamation aufgenommen",
        "Markus Weber",
    ),
    (
        "2026-02-13",
        "blueprint",
        "in_progress",
        80,
        "Zielwerte mit CFO abgestimmt; Abnahme verschoben, Schnittstellenfragen offen",
        "Markus Weber",
    ),
    (
        "2026-02-20",
        "blueprint",
        "done",
        100,
        "Blueprint formell abgenommen (eine Woche später als geplant)",
        "Markus Weber",
    ),
    (
        "2026-02-23",
        "setup",
        "in_progress",
        10,
        "Start Datenanbindung SAP FI; IT erst jetzt eingebunden",
        "Thomas Schmidt",
    ),
    (
        "2026-03-06",
        "setup",
        "blocked",
        35,
        "Berechtigungen für OP-Export fehlen; Freigabe durch IT-Sicherheit ausstehend",
        "Thomas Schmidt",
    ),
    (
        "2026-03-13",
        "setup",
        "in_progress",
        50,
        "Berechtigungen erteilt, täglicher OP-Export läuft",
        "Thomas Schmidt",
    ),
    (
        "2026-03-27",
        "setup",
        "in_progress",
        80,
        "Mahnstufen und Vorlagen konfiguriert; Zahlungslink im Test",
        "Jan Schulz",
    ),
    (
        "2026-04-03",
        "setup",
        "done",
        100,
        "Setup abgeschlossen (eine Woche Verzug)",
        "Thomas Schmidt",
    ),
    (
        "2026-04-06",
        "training",
        "in_progress",
        30,
        "Schulung Sachbearbeitung Debitoren, Gruppe 1",
        "Sabine Krüger",
    ),
    (
        "2026-04-17",
        "training",
        "done",
        100,
        "Alle Sachbearbeiter geschult; Handbuch verteilt",
        "Sabine Krüger",
    ),
    (
        "2026-04-20",
        "acceptance_test",
        "in_progress",
        20,
        "Abnahmetest mit 40 Testfällen gestartet",
        "Sabine Krüger",
    ),
    (
        "2026-05-04",
        "acceptance_test",
        "in_progress",
        85,
        "3 Fehler in SMS-Vorlage behoben, Nachtest läuft",
        "Lena Fischer",
    ),
    ("2026-05-08", "acceptance_test", "done", 100, "Abnahme erteilt", "Sabine Krüger"),
    (
        "2026-05-11",
        "go_live",
        "in_progress",
        50,
        "Produktivsetzung, Altdaten übernommen",
        "Markus Weber",
    ),
    (
        "2026-05-15",
        "go_live",
        "done",
        100,
        "Go-live erfolgt; erste Zahlungserinnerungen mit Zahlungslink versendet",
        "Markus Weber",
    ),
    (
        "2026-05-18",
        "hypercare",
        "in_progress",
        10,
        "Hypercare gestartet, tägliche Abstimmung 15 Minuten",
        "Thomas Schmidt",
    ),
    (
        "2026-06-05",
        "hypercare",
        "in_progress",
        40,
        "Bounce-Rate E-Mail bereinigt, Kontaktdaten von 14 Kunden ergänzt",
        "Thomas Schmidt",
    ),
    (
        "2026-06-26",
        "hypercare",
        "in_progress",
        60,
        "Stabil; offene Punkte: Mahnsperre bei Reklamationen, Portal-Zugänge",
        "Thomas Schmidt",
    ),
]

BACKLOG = [
    (
        "B01",
        "Zahlungserinnerung 3 Tage vor Fälligkeit für Großkunden einführen",
        "Sabine Krüger",
        "dso",
        "DSO −3 Tage",
        "in_progress",
        "2026-08-31",
    ),
    (
        "B02",
        "Fehlende Bestellnummer vor Rechnungsversand abfangen (Pflichtfeld im Auftrag)",
        "Katrin Wagner",
        "dispute_rate",
        "Reklamationsquote −1 Prozentpunkt",
        "open",
        "2026-09-30",
    ),
    (
        "B03",
        "Klärungsfrist für Reklamationen auf 10 Arbeitstage begrenzen",
        "Katrin Wagner",
        "dispute_days_to_resolve",
        "Klärungsdauer −7 Tage",
        "open",
        "2026-09-30",
    ),
    (
        "B04",
        "Übergabe an das Inkasso nach 90 Tagen Verzug, zunächst manuell per Liste",
        "Sabine Krüger",
        "ar_overdue",
        "überfällige Forderungen −40.000 €",
        "done",
        "2026-06-30",
    ),
    (
        "B05",
        "SMS statt zweiter E-Mail für Kleinkunden mit hoher Öffnungsquote im Handy",
        "Lena Fischer",
        "dunning_conversion_rate",
        "Konversionsrate +5 Prozentpunkte",
        "open",
        "2026-10-31",
    ),
    (
        "B06",
        "Kontaktdaten mit Bounce bereinigen (Vertrieb liefert Ansprechpartner Buchhaltung)",
        "Stefan Braun",
        "email_bounce_rate",
        "Bounce-Rate unter 2 %",
        "in_progress",
        "2026-07-31",
    ),
    (
        "B07",
        "Zahlungsziel 60 Tage bei Großkunden neu verhandeln (Ziel 45 Tage)",
        "Dr. Claudia Neumann",
        "paid_within_45_rate",
        "Anteil innerhalb 45 Tagen +8 Prozentpunkte",
        "open",
        "2026-12-31",
    ),
    (
        "B08",
        "Monatliches KPI-Review mit Controlling (DSO, CEI, ADD)",
        "Andreas Hoffmann",
        "cei",
        "CEI +2 Punkte",
        "done",
        "2026-06-15",
    ),
]


def write_tracking() -> None:
    """Write tracking/status.csv and tracking/backlog.csv (comma-separated, ISO dates)."""
    header = ["date", "phase", "status", "percent_complete", "note", "author"]
    write_csv(
        OUT / "tracking" / "status.csv", header, [[str(x) for x in r] for r in STATUS], sep=","
    )
    header = ["id", "item", "owner", "kpi", "expected_effect", "status", "due_date"]
    write_csv(OUT / "tracking" / "backlog.csv", header, [list(r) for r in BACKLOG], sep=",")


def write_logo() -> None:
    """Write logo.png, a small wordmark, without timestamps or software metadata."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig = plt.figure(figsize=(3.2, 0.8), dpi=100)
    fig.patch.set_facecolor("white")
    ax = fig.add_axes((0.0, 0.0, 1.0, 1.0))
    ax.set_axis_off()
    ax.add_patch(matplotlib.patches.Rectangle((0.03, 0.18), 0.2, 0.64, color="#0b5394"))
    ax.text(0.13, 0.5, "A", color="white", fontsize=26, fontweight="bold", ha="center", va="center")
    ax.text(0.28, 0.56, "ACME", color="#0b5394", fontsize=24, fontweight="bold", va="center")
    ax.text(0.285, 0.2, "Großhandel GmbH", color="#555555", fontsize=9, va="center")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    fig.savefig(OUT / "logo.png", dpi=100, metadata={"Software": None})
    plt.close(fig)


if __name__ == "__main__":
    main()
