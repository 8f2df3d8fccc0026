from __future__ import annotations

import pandas as pd
import pytest
from shared_builders import IBM, ibm_ledger
from strategy_ledgers import AS_OF

from kit.errors import DataError
from kit.ledger import Ledger
from kit.steps.strategy.labels import segment_labels
from kit.strategy._facts import invoice_facts
from kit.strategy.segments import segment_customers


def _invoices(**extra):
    base = {
        "invoice_id": ["A", "B", "C", "D"],
        "customer_id": ["1", "1", "2", "2"],
        "issue_date": pd.to_datetime(["2026-05-01", "2026-05-01", "2026-05-01", "2026-07-05"]),
        "due_date": pd.to_datetime(["2026-05-31", "2026-06-30", "2026-05-31", "2026-08-04"]),
        "amount": [1000.0, 500.0, 300.0, 100.0],
    }
    base.update(extra)
    return pd.DataFrame(base)


def test_split_payments_settle_on_the_last_part_and_later_payments_do_not_count():
    payments = pd.DataFrame(
        {
            "invoice_id": ["A", "A", "B", "C"],
            "payment_date": pd.to_datetime(
                ["2026-06-05", "2026-06-12", "2026-06-20", "2026-07-02"]
            ),
            "amount": [400.0, 600.0, 200.0, 300.0],
        }
    )
    facts = invoice_facts(Ledger(invoices=_invoices(), payments=payments), as_of=AS_OF.date())
    facts = facts.set_index("invoice_id")
    # D is issued after as_of: not counted
    assert list(facts.index) == ["A", "B", "C"]
    # A: 400 + 600 = 1,000 on 12 June -> settled 12 June, 12 days late
    assert facts.loc["A", "settled"] == pd.Timestamp("2026-06-12")
    assert facts.loc["A", "days_late"] == 12
    # B: 200 of 500 paid -> 300 open, due on as_of -> dpd 0 (current)
    assert facts.loc["B", "open_amount"] == pytest.approx(300.0)
    assert facts.loc["B", "dpd"] == 0
    # C: paid 2 July, after as_of -> still open, 30 days past due
    assert pd.isna(facts.loc["C", "settled"])
    assert facts.loc["C", "open_amount"] == pytest.approx(300.0)
    assert facts.loc["C", "dpd"] == 30


def test_paid_date_without_payments_table_and_dispute_states():
    invoices = _invoices(
        paid_date=pd.to_datetime(["2026-06-03", None, "2026-07-10", None]),
        disputed=[False, True, False, False],
    )
    disputes = pd.DataFrame(
        {
            "invoice_id": ["C", "A"],
            "opened_date": pd.to_datetime(["2026-06-01", "2026-06-01"]),
            "resolved_date": pd.to_datetime([None, "2026-06-02"]),
        }
    )
    facts = invoice_facts(Ledger(invoices=invoices, disputes=disputes), as_of=AS_OF.date())
    facts = facts.set_index("invoice_id")
    assert facts.loc["A", "days_late"] == 3  # 3 June - 31 May
    assert pd.isna(facts.loc["C", "settled"])  # paid 10 July, after as_of
    assert facts["disputed"].to_dict() == {"A": True, "B": True, "C": True}
    # A's dispute was resolved; B is flagged and open; C's dispute is still open
    assert facts["dispute_open"].to_dict() == {"A": False, "B": True, "C": True}


def test_no_settlement_data_leaves_everything_open():
    facts = invoice_facts(Ledger(invoices=_invoices()), as_of=AS_OF.date())
    assert facts["open_amount"].sum() == pytest.approx(1800.0)
    assert facts["settled"].isna().all()


def test_duplicate_invoice_id_is_a_data_error():
    invoices = _invoices(invoice_id=["A", "B", "A", "D"])
    with pytest.raises(DataError) as info:
        invoice_facts(Ledger(invoices=invoices), as_of=AS_OF.date())
    assert (info.value.row, info.value.column, info.value.value) == (4, "invoice_id", "A")


@pytest.mark.skipif(not IBM.is_file(), reason="shared IBM data folder ../shared/data is absent")
def test_ibm_data_reproduces_the_published_facts():
    ledger = ibm_ledger()
    as_of = pd.Timestamp("2014-01-31").date()
    facts = invoice_facts(ledger, as_of=as_of)
    # README facts: 35.6 % paid late, mean DaysLate (late days, early = 0) 3.44, 22.7 % disputed
    assert (facts["days_late"] > 0).mean() * 100 == pytest.approx(35.6, abs=0.05)
    assert facts["days_late"].clip(lower=0).mean() == pytest.approx(3.44, abs=0.005)
    assert facts["disputed"].mean() * 100 == pytest.approx(22.7, abs=0.05)
    # segmentation over the two years: every customer gets a tier, the tiers are the documented ones
    seg = segment_customers(ledger, as_of=as_of, lookback_days=760)
    assert len(seg) == 100
    assert set(seg["segment"]) <= {
        "disputer",
        "high_value_at_risk",
        "chronic_late",
        "occasional_late",
        "punctual",
    }
    assert seg["exposure"].sum() == 0  # every invoice is settled
    # clustering the real customers twice with the same seed gives the same labels
    first = segment_customers(ledger, as_of=as_of, lookback_days=760, method="kmeans", seed=3)
    again = segment_customers(ledger, as_of=as_of, lookback_days=760, method="kmeans", seed=3)
    pd.testing.assert_frame_equal(first, again)
    means = first.groupby("segment")["days_late"].mean()
    assert means.is_monotonic_increasing
    named = segment_labels(first)
    assert "days early" in named.loc[named["segment"] == "cluster_1", "label_en"].iloc[0]


def test_missing_canonical_column_is_a_data_error():
    invoices = _invoices().drop(columns="due_date")
    with pytest.raises(DataError, match="lacks columns") as info:
        invoice_facts(Ledger(invoices=invoices), as_of=AS_OF.date())
    assert info.value.value == "due_date"
