from __future__ import annotations

import pandas as pd
import pytest
from strategy_ledgers import AS_OF, DUES, invoice, ledger_from

from kit.steps.strategy.labels import segment_labels
from kit.strategy.segments import SegmentThresholds, segment_customers, segment_summary


def _tier_ledger():  # one customer per tier, each built so that only its rule matches first
    rows = []
    # P punctual: 4 x 1,000 paid on the due date -> 0 days late, 100 % on time.
    rows += [invoice(f"P{i}", "P", d) for i, d in enumerate(DUES)]
    # O occasional: 3 on time, 1 paid 8 days late -> days late (0+0+0+8)*1000/4000 = 2.0,
    # on time 3/4 = 75 % (< 90 % but >= 50 %) -> occasional_late.
    rows += [invoice(f"O{i}", "O", d, late=8 if i == 3 else 0) for i, d in enumerate(DUES)]
    # L chronic: every invoice paid 30 days late -> 30 > 20 -> chronic_late.
    rows += [invoice(f"L{i}", "L", d, late=30) for i, d in enumerate(DUES)]
    # D disputer: 2 of 4 invoices disputed -> 50 % >= 20 %, though it pays on time.
    rows += [invoice(f"D{i}", "D", d, disputed=i < 2) for i, d in enumerate(DUES)]
    # H high value: 3 x 1,000 on time + 100,000 open and 15 days overdue at as_of
    # -> days late (15*100000)/103000 = 14.56 > 10; exposure 100,000 is the top decile.
    rows += [invoice(f"H{i}", "H", d) for i, d in enumerate(DUES[:3])]
    rows.append(invoice("H9", "H", "2026-06-15", 100_000, late=None))
    # N no history: one invoice not yet due (due 20 July) -> nothing settled or overdue.
    rows.append(invoice("N1", "N", "2026-07-20", 500, late=None))
    customers = pd.DataFrame(
        {
            "customer_id": ["P", "O", "L", "D", "H", "N"],
            "name": ["Pünktlich AG", "Ostwind KG", "Langsam GmbH", "Disput SE", "Hoch AG", "Neu"],
            "preferred_channel": ["email", "email", "sms", "letter", "call", "email"],
        }
    )
    return ledger_from(rows, customers=customers)


def test_each_constructed_customer_lands_in_its_tier():
    seg = segment_customers(_tier_ledger(), as_of=AS_OF.date()).set_index("customer_id")
    assert seg["segment"].to_dict() == {
        "D": "disputer",
        "H": "high_value_at_risk",
        "L": "chronic_late",
        "N": "no_history",
        "O": "occasional_late",
        "P": "punctual",
    }
    assert seg.loc["O", "days_late"] == pytest.approx(2.0)
    assert seg.loc["O", "on_time_rate"] == pytest.approx(75.0)
    assert seg.loc["H", "days_late"] == pytest.approx(15 * 100_000 / 103_000)
    assert seg.loc["H", "exposure"] == pytest.approx(100_000)
    assert seg.loc["D", "dispute_rate"] == pytest.approx(50.0)
    assert seg.loc["N", "exposure"] == pytest.approx(500)
    assert seg.loc["P", "name"] == "Pünktlich AG"
    assert "label_de" not in seg.columns  # names come from the catalogue in the report
    named = segment_labels(seg)
    assert named.loc["L", "label_de"] == "Dauerhaft säumig"
    assert named.loc["L", "label_en"] == "Chronic late payer"


def test_rule_order_disputer_wins_over_chronic():
    # A customer who is both chronic (30 days late) and a disputer (2 of 4 = 50 %) is a disputer,
    # because the dispute check comes first in the documented order.
    rows = [invoice(f"X{i}", "X", d, late=30, disputed=i < 2) for i, d in enumerate(DUES)]
    seg = segment_customers(ledger_from(rows), as_of=AS_OF.date())
    assert seg["segment"].tolist() == ["disputer"]
    # with a stricter threshold (60 %) the 50 % no longer counts and chronic_late applies
    strict = SegmentThresholds(dispute_rate_min=60.0)
    seg = segment_customers(ledger_from(rows), as_of=AS_OF.date(), thresholds=strict)
    assert seg["segment"].tolist() == ["chronic_late"]
    # a single disputed invoice (1 of 2 = 50 %) is below disputes_min = 2: not a disputer
    rows = [invoice(f"Y{i}", "Y", d, late=30, disputed=i == 0) for i, d in enumerate(DUES[:2])]
    assert segment_customers(ledger_from(rows), as_of=AS_OF.date())["segment"].tolist() == [
        "chronic_late"
    ]


def test_trend_recent_half_minus_earlier_half():
    # Earlier half (due Sep/Nov 2025) paid on time, recent half (Feb/Apr 2026) 8 days late:
    # trend = 8 - 0 = +8 days (worse). Overall days late = (0+0+8+8)/4 = 4 (< 10), so only the
    # worsening trend (8 > 5) makes this top-exposure customer "high value at risk".
    rows = [invoice(f"W{i}", "W", d, late=8 if i >= 2 else 0) for i, d in enumerate(DUES)]
    rows.append(invoice("W9", "W", "2026-07-15", 50_000, late=None))  # not yet due: exposure only
    rows += [invoice(f"Q{i}", "Q", d) for i, d in enumerate(DUES)]
    seg = segment_customers(ledger_from(rows), as_of=AS_OF.date()).set_index("customer_id")
    assert seg.loc["W", "trend_days"] == pytest.approx(8.0)
    assert seg.loc["W", "days_late"] == pytest.approx(4.0)
    assert seg.loc["W", "segment"] == "high_value_at_risk"
    assert seg.loc["Q", "segment"] == "punctual"


def test_segment_summary_shares_and_days():
    ledger = _tier_ledger()
    seg = segment_customers(ledger, as_of=AS_OF.date())
    summary = segment_summary(seg, ledger, as_of=AS_OF.date()).set_index("segment")
    # AR at as_of: H 100,000 (overdue) + N 500 (current) = 100,500.
    assert summary["ar"].sum() == pytest.approx(100_500)
    assert summary.loc["high_value_at_risk", "ar_share"] == pytest.approx(100_000 / 100_500 * 100)
    assert summary.loc["high_value_at_risk", "overdue_share"] == pytest.approx(100.0)
    assert summary.loc["no_history", "overdue_share"] == pytest.approx(0.0)
    assert summary.loc["chronic_late", "days_late"] == pytest.approx(30.0)
    assert summary["customers"].sum() == 6
    assert list(summary.index[:2]) == ["disputer", "high_value_at_risk"]


def _cluster_ledger():
    rows = []
    # 12 customers in three clear groups: on time, 10-13 days late, 45-48 days late.
    for c in range(12):
        base = (0, 10, 45)[c % 3]
        late = base + (c // 3 if base else 0)
        rows += [invoice(f"K{c}-{i}", f"K{c:02d}", d, late=late) for i, d in enumerate(DUES)]
    return ledger_from(rows)


def test_kmeans_is_stable_and_ordered_by_days_late():
    ledger = _cluster_ledger()
    first = segment_customers(ledger, as_of=AS_OF.date(), method="kmeans", n_clusters=3, seed=7)
    second = segment_customers(ledger, as_of=AS_OF.date(), method="kmeans", n_clusters=3, seed=7)
    pd.testing.assert_frame_equal(first, second)
    by_seg = first.groupby("segment")["days_late"].mean()
    assert list(by_seg.index) == ["cluster_1", "cluster_2", "cluster_3"]
    assert by_seg.is_monotonic_increasing
    # cluster 1 = the on-time customers K00, K03, K06, K09; cluster 2 = 10..13 days: mean 11.5
    assert set(first.loc[first["segment"] == "cluster_1", "customer_id"]) == {
        "K00",
        "K03",
        "K06",
        "K09",
    }
    named = segment_labels(first)
    label = named.loc[named["segment"] == "cluster_1", "label_en"].iloc[0]
    assert label == (
        "Cluster 1: pays on average 0 days late, 100 % on time, 0 % disputes, "
        "€0 open per customer on average"
    )
    # 11.5 is shown rounded half to even by Babel: "12"
    label = named.loc[named["segment"] == "cluster_2", "label_de"].iloc[0]
    assert label == (
        "Cluster 2: zahlt im Mittel 12 Tage verspätet, 0 % pünktlich, 0 % Reklamationen, "
        "im Mittel 0\u00a0€ offen je Kunde"
    )


def test_unknown_method_is_a_config_error():
    from kit.errors import ConfigError

    with pytest.raises(ConfigError, match="method"):
        segment_customers(_cluster_ledger(), as_of=AS_OF.date(), method="magic")  # type: ignore[arg-type]
