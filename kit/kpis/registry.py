"""The KPI registry: every KPI id of kpis.md with its names, unit, direction and reference value."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["CRF_SOURCE", "REGISTRY", "KpiInfo"]

CRF_SOURCE = "Credit Research Foundation, national median, Q1 2021"
_RECEEVE = "receeve: companies collect on average 60–70 % of MRR"


@dataclass(frozen=True)
class KpiInfo:
    """One KPI: id, German/English name, unit, better direction, glossary formula, reference."""

    id: str
    name_de: str
    name_en: str
    unit: str  # days | percent | currency | count | hours
    direction: str  # up = higher is better, down = lower is better
    formula_de: str
    formula_en: str
    group: str  # receivables | disputes | digital
    reference: float | None = None
    reference_source: str | None = None
    reference_text: str | None = None


def _k(
    id: str,
    de: str,
    en: str,
    unit: str,
    direction: str,
    formula_de: str,
    formula_en: str,
    group: str,
    reference: float | None = None,
    reference_text: str | None = None,
) -> KpiInfo:
    return KpiInfo(
        id=id,
        name_de=de,
        name_en=en,
        unit=unit,
        direction=direction,
        formula_de=formula_de,
        formula_en=formula_en,
        group=group,
        reference=reference,
        reference_source=CRF_SOURCE if reference is not None else None,
        reference_text=reference_text,
    )


_R, _D, _G = "receivables", "disputes", "digital"

# fmt: off
_ALL = (
    _k("ar_total", "Forderungsbestand", "total receivables", "currency", "down",
       "Summe der offenen Beträge aller bis T ausgestellten Rechnungen am Stichtag T",
       "sum of the open amounts of all invoices issued up to T, at the as-of date T", _R),
    _k("ar_current", "nicht fällige Forderungen", "current receivables", "currency", "down",
       "Summe der offenen Beträge der am Stichtag nicht fälligen Rechnungen (fällig ab T)",
       "sum of the open amounts of invoices not yet due at T (due on or after T)", _R),
    _k("ar_overdue", "überfällige Forderungen", "overdue receivables", "currency", "down",
       "Forderungsbestand − nicht fällige Forderungen",
       "total receivables − current receivables", _R),
    _k("pct_current", "Anteil nicht fälliger Forderungen", "% current", "percent", "up",
       "nicht fällige Forderungen ÷ Forderungsbestand × 100",
       "current receivables ÷ total receivables × 100", _R, 90.56),
    _k("credit_sales", "Umsatz auf Ziel", "credit sales", "currency", "up",
       "Summe der Rechnungsbeträge mit Rechnungsdatum im Zeitraum (T − P, T] ohne Restposten, "
       "abzüglich der im Zeitraum ausgestellten Gutschriften",
       "sum of invoice amounts with invoice date in the window (T − P, T], residual items "
       "excluded, less credit notes issued in the window", _R),
    _k("open_credits", "offene Gutschriften und nicht zugeordnete Zahlungen",
       "open credits and unapplied cash", "currency", "down",
       "Summe der keiner Rechnung zugeordneten Gutschriften und Zahlungen, die am Stichtag "
       "nicht ausgeglichen sind",
       "sum of credit notes and payments applied to no invoice that are not cleared at T", _R),
    _k("ar_net", "Forderungssaldo (netto)", "net receivables balance", "currency", "down",
       "Forderungsbestand − offene Gutschriften und nicht zugeordnete Zahlungen (der Saldo, "
       "den das ERP zeigt)",
       "total receivables − open credits and unapplied cash (the balance the ERP shows)", _R),
    _k("dso", "DSO (Forderungslaufzeit)", "DSO (days sales outstanding)", "days", "down",
       "Forderungsbestand am Stichtag ÷ Umsatz auf Ziel im Zeitraum × P Tage",
       "ending total receivables ÷ credit sales of the window × P days", _R, 38.04),
    _k("bpdso", "bestmögliche DSO (BPDSO)", "best possible DSO", "days", "down",
       "nicht fällige Forderungen ÷ Umsatz auf Ziel im Zeitraum × P Tage",
       "current receivables ÷ credit sales of the window × P days", _R, 32.02),
    _k("add", "durchschnittliche Verzugstage (ADD)", "average days delinquent (ADD)", "days",
       "down", "DSO − bestmögliche DSO", "DSO − best possible DSO", _R, 3.00),
    _k("cei", "Inkasso-Effektivitätsindex (CEI)", "collection effectiveness index (CEI)",
       "percent", "up",
       "(Bestand zu Beginn + Umsatz − Bestand am Ende) ÷ (Bestand zu Beginn + Umsatz − nicht "
       "fälliger Bestand am Ende) × 100, Umsatz des ganzen Zeitraums",
       "(beginning receivables + sales − ending receivables) ÷ (beginning receivables + sales − "
       "ending current receivables) × 100, total sales of the window", _R, 86.52),
    _k("dso_countback", "DSO nach Countback-Methode", "countback DSO", "days", "down",
       "Forderungsbestand wird monatsweise rückwärts mit den Umsätzen verrechnet; gezählt werden "
       "die dafür nötigen Kalendertage",
       "receivables are offset against monthly sales walking back from T; the calendar days "
       "needed are counted", _R),
    _k("collection_rate", "Einzugsquote", "collection rate", "percent", "up",
       "Zahlungseingänge im Zeitraum (ohne Gutschriften) ÷ im Zeitraum fällige Rechnungsbeträge "
       "× 100",
       "cash received in the window (credit notes are not cash) ÷ invoice amounts due in the "
       "window × 100", _R,
       None, _RECEEVE),
    _k("days_to_pay", "durchschnittliche Zahlungsdauer", "average days to pay", "days", "down",
       "betragsgewichteter Mittelwert von Ausgleichsdatum − Rechnungsdatum der im Zeitraum "
       "ausgeglichenen Rechnungen",
       "amount-weighted mean of settlement date − invoice date over invoices settled in the "
       "window", _R),
    _k("days_late", "durchschnittlicher Zahlungsverzug", "average payment delay", "days", "down",
       "betragsgewichteter Mittelwert von Ausgleichsdatum − Fälligkeitsdatum der im Zeitraum "
       "ausgeglichenen Rechnungen (negativ = vorzeitig)",
       "amount-weighted mean of settlement date − due date over invoices settled in the window "
       "(negative = early)", _R),
    _k("on_time_rate", "Anteil pünktlicher Zahlungen", "on-time payment rate", "percent", "up",
       "Anteil der im Zeitraum ausgeglichenen Rechnungen mit Ausgleich bis zur Fälligkeit × 100",
       "share of invoices settled in the window that were settled by their due date × 100", _R),
    _k("paid_within_45_rate", "Anteil innerhalb von 45 Tagen bezahlt", "paid within 45 days",
       "percent", "up",
       "Anteil der im Zeitraum ausgeglichenen Rechnungen mit Ausgleich höchstens 45 Tage "
       "(Zielwert) nach Rechnungsdatum × 100",
       "share of invoices settled in the window within 45 days (goal) of the invoice date × 100",
       _R),
    _k("dispute_rate", "Reklamationsquote", "dispute rate", "percent", "down",
       "reklamierte ÷ alle im Zeitraum ausgestellten Rechnungen × 100 (Anzahl)",
       "disputed ÷ all invoices issued in the window × 100 (count)", _D),
    _k("disputed_ar", "strittige Forderungen", "disputed receivables", "currency", "down",
       "Summe der offenen Beträge von Rechnungen mit am Stichtag offener Reklamation",
       "sum of the open amounts of invoices with a dispute open at T", _D),
    _k("dispute_days_to_resolve", "durchschnittliche Klärungsdauer von Reklamationen",
       "average days to resolve a dispute", "days", "down",
       "Mittelwert von Klärungsdatum − Eröffnungsdatum der im Zeitraum geklärten Reklamationen",
       "mean of resolved date − opened date over disputes resolved in the window", _D),
    _k("email_bounce_rate", "Unzustellbarkeitsrate (Bounce-Rate)", "email bounce rate",
       "percent", "down", "unzustellbare ÷ versendete E-Mails × 100",
       "bounced ÷ sent emails × 100", _G),
    _k("email_open_rate", "Öffnungsrate", "open rate", "percent", "up",
       "geöffnete ÷ zugestellte E-Mails (versendet − unzustellbar) × 100",
       "opened ÷ delivered emails (sent − bounced) × 100", _G),
    _k("email_click_rate", "Klickrate", "click rate", "percent", "up",
       "angeklickte ÷ zugestellte E-Mails × 100", "clicked ÷ delivered emails × 100", _G),
    _k("click_to_open_rate", "Klick-zu-Öffnungs-Rate", "click-to-open rate", "percent", "up",
       "angeklickte ÷ geöffnete E-Mails × 100", "clicked ÷ opened emails × 100", _G),
    _k("landing_page_views", "Aufrufe der Zahlungsseite", "landing page views", "count", "up",
       "Anzahl der Seitenaufrufe im Zeitraum", "number of page views in the window", _G),
    _k("response_time_hours", "Reaktionszeit", "response time", "hours", "down",
       "Median der Stunden vom Versand bis zur ersten Reaktion zur selben Rechnung (innerhalb "
       "von 14 Tagen)",
       "median hours from sending to the first response on the same invoice (within 14 days)",
       _G),
    _k("payment_success_rate", "Zahlungserfolgsquote", "payment success rate", "percent", "up",
       "erfolgreiche ÷ (erfolgreiche + fehlgeschlagene) Zahlungen × 100",
       "succeeded ÷ (succeeded + failed) payments × 100", _G),
    _k("dunning_conversion_rate", "Mahnerfolgsquote", "dunning conversion rate", "percent", "up",
       "Mahnungen, nach denen die Rechnung binnen 14 Tagen ausgeglichen wurde ÷ versendete "
       "Mahnungen × 100",
       "reminders after which the invoice was settled within 14 days ÷ reminders sent × 100", _G),
)
# fmt: on

#: Every KPI of kpis.md, in the order of the contract.
REGISTRY: dict[str, KpiInfo] = {k.id: k for k in _ALL}
