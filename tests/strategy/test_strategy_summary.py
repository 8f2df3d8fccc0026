from __future__ import annotations

import pandas as pd
from strategy_ledgers import AS_OF, invoice, ledger_from

from kit.steps.strategy.labels import segment_labels
from kit.steps.strategy.summary import strategy_summary
from kit.strategy.agency import agency_handover
from kit.strategy.capacity import capacity_plan
from kit.strategy.segments import segment_customers, segment_summary


def _ledger():
    rows = [
        # P: punctual, nothing open
        invoice("P1", "P", "2026-02-28"),
        invoice("P2", "P", "2026-04-30"),
        # L: chronic (paid 30 days late) and 2,000 open for 100 days (due 22 March)
        invoice("L1", "L", "2026-02-28", late=30),
        invoice("L2", "L", "2026-03-22", 2000, late=None),
        # Q: punctual with 1,000 open, not yet due
        invoice("Q1", "Q", "2026-02-28"),
        invoice("Q2", "Q", "2026-07-10", late=None),
    ]
    customers = pd.DataFrame({"customer_id": ["P", "L", "Q"], "name": ["P AG", "L AG", "Q AG"]})
    return ledger_from(rows, customers=customers)


def test_findings_in_both_languages():
    ledger = _ledger()
    seg = segment_customers(ledger, as_of=AS_OF.date())
    summary = segment_labels(segment_summary(seg, ledger, as_of=AS_OF.date()))
    handover = agency_handover(ledger, as_of=AS_OF.date(), days_overdue=90)
    plan = capacity_plan(
        workload_hours_per_month=400, invoices_per_month=1000, fte=4, hours_per_fte_month=130
    )
    lines = strategy_summary(
        language="en",
        segment_summary=summary,
        preferred={"high_value_at_risk": "call", "punctual": "email"},
        capacity=plan,
        handover=handover,
    )
    # L holds 2,000 of 3,000 open (67 %), the top decile of exposure, and pays late: days late
    # (30 x 1,000 + 100 x 2,000) / 3,000 = 76.7 -> "77 days" -> high value at risk
    assert lines[0] == (
        "3 customers in 2 segments; the largest share of receivables (67%) sits with "
        "“High value at risk” (number of customers: 1; average delay 77\u00a0days)."
    )
    assert (
        lines[1] == "Most overdue receivables sit with “High value at risk”: €2,000, "
        "100% of its receivables."
    )
    assert lines[2].startswith("67% of customers pay on time")  # P and Q of 3
    assert lines[3] == (
        "Preferred dunning channels by segment: High value at risk: phone call; "
        "Punctual payer: email."
    )
    assert "30% more invoice volume" in lines[4]  # 520 / 400 - 1
    assert lines[5].startswith(
        "For hand-over to a collection agency (reviewed manually first): €2,000"
    )
    german = strategy_summary(language="de", segment_summary=summary, handover=handover.iloc[:0])
    assert german[-1].startswith("Keine unstrittige Rechnung ist 90 Tage")
    assert "„Großkunde mit Risiko“" in german[0]


def test_ledger_without_invoices_by_as_of_gives_empty_tables_and_no_findings():
    # the only invoice is issued after as_of
    ledger = ledger_from([invoice("A", "C", "2027-01-31", late=None)])
    seg = segment_customers(ledger, as_of=AS_OF.date())
    summary = segment_labels(segment_summary(seg, ledger, as_of=AS_OF.date()))
    assert seg.empty
    assert summary.empty
    assert "segment" in summary.columns
    assert strategy_summary(language="en", segment_summary=summary) == []
